import { privateAddressRefusal } from '@greenlight/common';

/** A feed larger than this is refused (the subscription says so). */
const MAX_FEED_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

type FeedAnswer =
  { kind: 'unchanged' } | { kind: 'feed'; text: string; etag: string | null; lastModified: string | null };

/** The feed could not be read this time (network, timeout, 5xx): retried with backoff. */
export class FeedUnavailable extends Error {}
/** The feed answered but cannot be used (4xx, too large): shown, not retried until the next poll. */
export class FeedRefused extends Error {}

/** The address members paste: `webcal://` is the same feed over HTTPS. */
export function feedUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new FeedRefused('the address is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new FeedRefused('the address must start with https://, http:// or webcal://');
  return url;
}

/**
 * GETs a feed honouring ETag and Last-Modified, reading at most MAX_FEED_BYTES. Unless
 * `allowPrivate`, the feed's host and every redirect's must resolve to public addresses only.
 */
export async function fetchFeed(
  address: string,
  previous: { etag: string | null; lastModified: string | null },
  options: { allowPrivate: boolean; signal?: AbortSignal },
): Promise<FeedAnswer> {
  let url = feedUrl(address);
  const headers: Record<string, string> = {
    accept: 'text/calendar, */*;q=0.5',
    'user-agent': 'Greenlight calendar capture',
  };
  if (previous.etag) headers['if-none-match'] = previous.etag;
  if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let response: Response;
  for (let redirects = 0; ; redirects++) {
    if (!options.allowPrivate) {
      const refusal = await privateAddressRefusal(url);
      if (refusal) throw new FeedRefused(refusal);
    }
    try {
      response = await fetch(url, {
        headers,
        redirect: 'manual',
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      });
    } catch (error) {
      const reason = timeout.aborted ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : describe(error);
      throw new FeedUnavailable(`the calendar server could not be reached: ${reason}`);
    }
    const location =
      response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (!location || response.status === 304) break;
    await response.body?.cancel();
    if (redirects === MAX_REDIRECTS)
      throw new FeedRefused(`the calendar server redirected more than ${MAX_REDIRECTS} times`);
    url = feedUrl(new URL(location, url).toString());
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: 'unchanged' };
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel();
    throw new FeedUnavailable(`the calendar server answered ${response.status}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedRefused(
      `the calendar server answered ${response.status}${response.status === 404 || response.status === 401 || response.status === 403 ? ': the address may have been reset, paste the new one' : ''}`,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FEED_BYTES) {
    await response.body?.cancel();
    throw new FeedRefused(tooLarge(declared));
  }
  const text = await readAtMost(response, MAX_FEED_BYTES);
  return {
    kind: 'feed',
    text,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}

async function readAtMost(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new FeedRefused(tooLarge(size));
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FeedRefused) throw error;
    throw new FeedUnavailable(`the feed was cut off: ${describe(error)}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const tooLarge = (bytes: number) =>
  `the feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB (${Math.round(bytes / 1024 / 1024)} MB or more): export a shorter period`;

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
