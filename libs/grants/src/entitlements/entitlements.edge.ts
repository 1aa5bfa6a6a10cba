import { textProblem } from '@greenlight/common';
import { ApiKeyService, authorize, credentialFrom, declaredAccess, Requirements, TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { EntitlementsController } from './entitlements.controller';
import { ENTITLEMENTS_CACHE_CONTROL, entityTagOf, ifNoneMatchHolds } from './entitlements.http';
import { Entitlements, EntitlementsService, EntitlementSubject, subjectOf } from './entitlements.service';

const ROUTE = '/v1/entitlements';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers repeat callers of `GET /v1/entitlements` before the Nest pipeline (guards, interceptors,
 * pipes, the controller), from what is in memory: the key as `ApiKeyService` last verified it, the
 * route's own access rule (`authorize`), and an answer `EntitlementsService` holds and would serve
 * at once. Mounted after the request context (request id, access log), the security headers and CORS,
 * so those treat its answers like any other. Whatever it cannot answer exactly as the route would goes on to the route untouched:
 * another method or path (paths are compared as written), a body, a query other than one `email` or
 * `orgId`, a key not verified within the last seconds, an answer not in memory or due to be computed
 * again, an `If-None-Match` that does not name the answer's version.
 */
@Injectable()
export class EntitlementsEdge {
  private readonly access: Requirements;
  /** Each answer's JSON, written once. */
  private readonly bodies = new WeakMap<Entitlements, Buffer>();

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly entitlements: EntitlementsService,
    private readonly context: TenantContext,
    reflector: Reflector,
  ) {
    const access = declaredAccess(reflector, EntitlementsController.prototype.get, EntitlementsController);
    if (access.isPublic) throw new Error(`${ROUTE} must not be public`);
    this.access = { operation: 'http', ...access.requirements };
  }

  /** Express middleware: answers the request, or hands it on untouched. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const answer = this.answerFor(request);
    if (!answer) return next();
    const etag = entityTagOf(answer);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && !ifNoneMatchHolds(ifNoneMatch, etag)) return next();
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', ENTITLEMENTS_CACHE_CONTROL);
    if (ifNoneMatch !== undefined) {
      response.writeHead(304);
      response.end();
      return;
    }
    const body = this.bodyOf(answer);
    response.setHeader('Content-Type', JSON_TYPE);
    response.setHeader('Content-Length', String(body.length));
    response.writeHead(200);
    response.end(body);
  };

  private answerFor(request: Request): Entitlements | undefined {
    if (request.method !== 'GET' || request.path !== ROUTE) return undefined;
    const { headers } = request;
    if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    const credential = credentialFrom(headers.authorization);
    const principal = credential?.startsWith('glk_') ? this.apiKeys.verifiedInMemory(credential) : undefined;
    if (!principal) return undefined;
    try {
      authorize(principal, this.access);
    } catch {
      return undefined;
    }
    const subject = subjectAsked(request.query);
    const answer = subject && this.entitlements.answerInMemory(principal.workspaceId, subject);
    // who asked, for the access log, as the authorization guard sets it
    if (answer) this.context.setPrincipal(principal);
    return answer;
  }

  private bodyOf(answer: Entitlements): Buffer {
    let body = this.bodies.get(answer);
    if (!body) {
      body = Buffer.from(JSON.stringify(answer));
      this.bodies.set(answer, body);
    }
    return body;
  }
}

/** The subject of a query of exactly one text `email` or `orgId` the route accepts; else undefined. */
function subjectAsked(query: Record<string, unknown>): EntitlementSubject | undefined {
  const names = Object.keys(query);
  if (names.length !== 1 || (names[0] !== 'email' && names[0] !== 'orgId')) return undefined;
  const value = query[names[0]];
  if (typeof value !== 'string' || textProblem(value)) return undefined;
  try {
    return subjectOf(query);
  } catch {
    return undefined;
  }
}
