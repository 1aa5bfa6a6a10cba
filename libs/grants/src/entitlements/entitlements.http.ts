import type { Entitlements } from './entitlements.service';

/** How an answer of `GET /v1/entitlements` is labelled over HTTP, by the route and its edge alike. */
export const ENTITLEMENTS_CACHE_CONTROL = 'private, no-cache';
export const STALE_WARNING = '110 - "Response is Stale"';

/** The answer's `ETag`: its version, quoted. */
export function entityTagOf(answer: Entitlements): string {
  return `"${answer.version}"`;
}

/** `If-None-Match` names this entity tag (weak or strong): the caller's copy is current, 304. */
export function ifNoneMatchHolds(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
