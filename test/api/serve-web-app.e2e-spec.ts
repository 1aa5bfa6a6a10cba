import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveWebApp } from '../../apps/api/src/web/serve-web-app';

@Controller('health')
class LiveController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [LiveController] })
class WebAppTestModule {}

describe('the built web app beside the API', () => {
  let app: NestExpressApplication;
  let baseUrl: string;
  let dist: string;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-web-dist-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      fs.writeFileSync(path.join(dist, file), text);
    };
    write('index.html', '<!doctype html><html><body>the app</body></html>');
    write('assets/app-1a2b3c.js', 'console.log("app")');
    write('favicon.svg', '<svg/>');
    // files under API paths, which must never shadow (or stand in for) the API
    write('health/live', 'a file, not the probe');
    write('v1/entitlements', 'a file, not the API');
    app = await NestFactory.create<NestExpressApplication>(WebAppTestModule, { logger: false });
    expect(serveWebApp(app, dist)).toBe(true);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves hashed assets for a year and other files to be revalidated', async () => {
    const asset = await fetch(`${baseUrl}/assets/app-1a2b3c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app")');
    const icon = await fetch(`${baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a page a browser navigates to with the app, and nothing else', async () => {
    const page = await fetch(`${baseUrl}/accounts/1`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('the app');
    expect((await fetch(`${baseUrl}/accounts/1`, { headers: { accept: 'application/json' } })).status).toBe(
      404,
    );
    expect((await fetch(`${baseUrl}/missing.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect(
      (await fetch(`${baseUrl}/accounts/1`, { method: 'POST', headers: { accept: 'text/html' } })).status,
    ).toBe(404);
  });

  it('never answers an API path from the files, whatever they hold', async () => {
    const live = await fetch(`${baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    for (const url of ['/v1/entitlements', '/V1/Entitlements', '/health/live/']) {
      const response = await fetch(`${baseUrl}${url}`, { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toContain('a file');
    }
  });
});
