import { isPrivateAddress, privateAddressRefusal } from '@greenlight/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { LookupFunction } from 'node:net';

/** What is read of an answer's body; the rest is not waited for. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface OutboundRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
  signal?: AbortSignal;
}

export interface OutboundResult {
  statusCode: number | null;
  succeeded: boolean;
  /** What went wrong, in words; null on success. */
  error: string | null;
  durationMs: number;
}

/** An endpoint address admins may register: http(s) with a host, no credentials in it. */
export function endpointUrlProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'url must be an absolute address such as https://example.com/hooks';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must start with https:// or http://';
  if (url.username || url.password) return 'url must not carry a user name or password';
  return null;
}

/**
 * POSTs once: no redirect is followed (a 3xx is a failure), the whole exchange has `timeoutMs`,
 * at most MAX_RESPONSE_BYTES of the answer are read. Unless `allowPrivate`, the host must resolve
 * to public addresses only, and the connection goes to an address so checked (no second lookup).
 * Never throws: every outcome is a result.
 */
export async function post(request: OutboundRequest): Promise<OutboundResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): OutboundResult => ({
    statusCode,
    succeeded: error === null,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const problem = endpointUrlProblem(request.url);
  if (problem) return done(null, problem);
  const url = new URL(request.url);
  if (!request.allowPrivate) {
    const refusal = await privateAddressRefusal(url);
    if (refusal) return done(null, refusal);
  }
  const client = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body);
  return new Promise<OutboundResult>((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve(done(statusCode, error));
    };
    const outgoing = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(body.length) },
      lookup: request.allowPrivate ? undefined : publicOnlyLookup,
      agent: false,
    });
    const timer = setTimeout(() => {
      finish(null, `no answer within ${request.timeoutMs / 1000} s`);
      outgoing.destroy();
    }, request.timeoutMs);
    const onAbort = () => {
      finish(null, 'the delivery was stopped (the server is shutting down)');
      outgoing.destroy();
    };
    request.signal?.addEventListener('abort', onAbort);
    outgoing.on('error', (error) => finish(null, `the request failed: ${describe(error)}`));
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let read = 0;
      const chunks: Buffer[] = [];
      const answered = () => {
        if (status >= 200 && status < 300) return finish(status, null);
        const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
        if (status >= 300 && status < 400)
          return finish(status, `the endpoint answered ${status} (redirects are not followed)`);
        finish(status, `the endpoint answered ${status}${text ? `: ${text}` : ''}`);
      };
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (chunks.length < 4) chunks.push(chunk);
        if (read >= MAX_RESPONSE_BYTES) {
          answered();
          response.destroy();
        }
      });
      response.on('end', answered);
      response.on('error', () => answered());
    });
    outgoing.end(body);
  });
}

/** dns.lookup that refuses a host with any private address among those it resolves to. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked || addresses.length === 0) {
      const refusal = Object.assign(
        new Error(`the host ${hostname} is a private or local address (${blocked?.address ?? 'none'})`),
        { code: 'EPRIVATE' },
      );
      return callback(refusal, '', 0);
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'EPRIVATE') return message ?? code;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND') return 'the host could not be found';
  if (code === 'ECONNRESET') return 'the connection was reset';
  return code ?? message ?? String(error);
}
