import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import serveStatic from 'serve-static';

/** The browser app's production build (`apps/web`, built by `npm start` when stale). */
const WEB_DIST_DIR = path.resolve(__dirname, '../../../web/dist');

/** Paths the API answers; the app's fallback never shadows them. */
const API_PREFIXES = ['/graphql', '/v1', '/health', '/metrics'];

/** Compared without regard to case, as the router matches paths. */
function isApiPath(url: string): boolean {
  const path = url.toLowerCase();
  return API_PREFIXES.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
  );
}

/**
 * Serves the built web app from the same origin as the API: hashed assets with a long cache, and
 * index.html for any other page a browser navigates to (client-side routes such as /accounts/1).
 * API paths are never looked for among the files (no file system look-up on an API request; a file
 * never shadows a route); requests that do not ask for HTML and paths with a file extension pass
 * through too, so unknown API routes still answer 404. Returns false when there is no build to serve.
 */
export function serveWebApp(app: NestExpressApplication, distDir = WEB_DIST_DIR): boolean {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) return false;
  const files = serveStatic(distDir, {
    index: false,
    setHeaders(response, file) {
      const hashed = file.startsWith(path.join(distDir, 'assets') + path.sep);
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (isApiPath(request.path)) return next();
    files(request, response, (error?: unknown) => {
      if (error) return next(error);
      if (path.extname(request.path)) return next();
      if (!(request.headers.accept ?? '').includes('text/html')) return next();
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(indexFile);
    });
  });
  return true;
}
