import { textProblem } from '@greenlight/common';
import {
  ApiKeyPrincipal,
  ApiKeyService,
  authorize,
  credentialFrom,
  declaredAccess,
  Requirements,
} from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { EntitlementsController } from './entitlements.controller';
import { ENTITLEMENTS_CACHE_CONTROL, entityTagOf, ifNoneMatchHolds } from './entitlements.http';
import { Entitlements, EntitlementsService, EntitlementSubject, subjectOf } from './entitlements.service';

const ROUTE = '/v1/entitlements';
const JSON_TYPE = 'application/json; charset=utf-8';

/** What the edge answers: who asked (for the access log), the status, its own headers and body. */
export interface EdgeAnswer {
  principal: ApiKeyPrincipal;
  status: 200 | 304;
  /** Header names and values in turn, as `writeHead` takes them. */
  headers: string[];
  body?: Buffer;
}

/** An answer as written, once per answer. */
interface Written {
  etag: string;
  body: Buffer;
  /** Headers of a 200 and of a 304. */
  ok: string[];
  notModified: string[];
}

/**
 * Answers repeat callers of `GET /v1/entitlements` ahead of the web framework, from what is in
 * memory: the key as `ApiKeyService` last verified it, the route's own access rule (`authorize`),
 * and an answer `EntitlementsService` holds and serves at once. The server hands it every request
 * first (apps/api `answerAtEdge`, which adds the request id, the access log and the headers every
 * answer carries). Whatever it cannot answer exactly as the route would goes on to the route
 * untouched: another method or path (paths are compared as written), a body, an `Origin` (CORS), a
 * query other than one `email` or `orgId`, a key not verified within the last seconds, an answer not
 * in memory, an `If-None-Match` that does not name the answer's version.
 */
@Injectable()
export class EntitlementsEdge {
  private readonly access: Requirements;
  private readonly written = new WeakMap<Entitlements, Written>();

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly entitlements: EntitlementsService,
    reflector: Reflector,
  ) {
    const access = declaredAccess(reflector, EntitlementsController.prototype.get, EntitlementsController);
    if (access.isPublic) throw new Error(`${ROUTE} must not be public`);
    this.access = { operation: 'http', ...access.requirements };
  }

  /** The answer to `request` from memory, or undefined: hand the request on untouched. */
  answer(request: IncomingMessage): EdgeAnswer | undefined {
    const { method, url, headers } = request;
    if (method !== 'GET' || !url?.startsWith(ROUTE) || url.charCodeAt(ROUTE.length) !== 63 /* ? */) return undefined;
    if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    if (headers.origin !== undefined) return undefined;
    const credential = credentialFrom(headers.authorization);
    const principal = credential?.startsWith('glk_') ? this.apiKeys.verifiedInMemory(credential) : undefined;
    if (!principal) return undefined;
    try {
      authorize(principal, this.access);
    } catch {
      return undefined;
    }
    // the query as Express reads it (its "simple" parser is node:querystring)
    const subject = subjectAsked(parseQuery(url.slice(ROUTE.length + 1)));
    const answer = subject && this.entitlements.answerInMemory(principal.workspaceId, subject);
    if (!answer) return undefined;
    const written = this.writtenOf(answer);
    const ifNoneMatch = headers['if-none-match'];
    if (ifNoneMatch === undefined) return { principal, status: 200, headers: written.ok, body: written.body };
    if (!ifNoneMatchHolds(ifNoneMatch, written.etag)) return undefined;
    return { principal, status: 304, headers: written.notModified };
  }

  private writtenOf(answer: Entitlements): Written {
    let written = this.written.get(answer);
    if (!written) {
      const etag = entityTagOf(answer);
      const body = Buffer.from(JSON.stringify(answer));
      const notModified = ['ETag', etag, 'Cache-Control', ENTITLEMENTS_CACHE_CONTROL];
      const ok = [...notModified, 'Content-Type', JSON_TYPE, 'Content-Length', String(body.length)];
      written = { etag, body, ok, notModified };
      this.written.set(answer, written);
    }
    return written;
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
