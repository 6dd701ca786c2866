/**
 * One fetch of a JWK set: GET over HTTP(S) with a deadline covering the
 * whole exchange (a provider that answers slowly, or trickles its body, is
 * cut off), a size cap, and a status check (Dgraph parses whatever comes
 * back, error pages included); or a read of a `file://` set. Errors say
 * what went wrong in a few words; the caller adds the URL.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { keySetLifetime } from './cache-policy.js';
import type { LifetimeBounds } from './cache-policy.js';

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly lifetime: LifetimeBounds;
  readonly now: () => number;
  /** Aborts the fetch when the verifier closes. */
  readonly signal: AbortSignal;
}

export interface FetchedKeySet {
  /** The parsed JSON document (not yet checked to be a key set). */
  readonly document: unknown;
  /** How long it stays fresh, in ms. */
  readonly lifetimeMs: number;
  /** Where the set came from when it was found through OIDC discovery. */
  readonly jwksUri?: string;
}

export async function fetchKeySet(url: string, limits: FetchLimits): Promise<FetchedKeySet> {
  return url.startsWith('file:') ? readKeySetFile(url, limits) : fetchOverHttp(url, limits);
}

async function fetchOverHttp(url: string, limits: FetchLimits): Promise<FetchedKeySet> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`timed out after ${limits.timeoutMs} ms`)), limits.timeoutMs);
  const onClose = () => deadline.abort(new Error('the verifier was closed'));
  limits.signal.addEventListener('abort', onClose, { once: true });
  try {
    const response = await fetch(url, {
      signal: deadline.signal,
      headers: { accept: 'application/jwk-set+json, application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP status ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) throw new Error(`response larger than ${limits.maxBytes} bytes`);
    const text = await readCapped(response, limits.maxBytes);
    const headers = {
      cacheControl: response.headers.get('cache-control'),
      expires: response.headers.get('expires'),
      date: response.headers.get('date'),
      age: response.headers.get('age'),
    };
    return { document: parseJson(text), lifetimeMs: keySetLifetime(headers, limits.now(), limits.lifetime) };
  } catch (error) {
    throw deadline.signal.aborted ? (deadline.signal.reason as Error) : reason(error);
  } finally {
    clearTimeout(timer);
    limits.signal.removeEventListener('abort', onClose);
  }
}

async function readKeySetFile(url: string, limits: FetchLimits): Promise<FetchedKeySet> {
  const path = fileURLToPath(url);
  try {
    if ((await stat(path)).size > limits.maxBytes) throw new Error(`file larger than ${limits.maxBytes} bytes`);
    return { document: parseJson(await readFile(path, 'utf8')), lifetimeMs: limits.lifetime.defaultMs };
  } catch (error) {
    throw reason(error);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Throwing ends the iteration, which cancels the rest of the body.
    if (size > maxBytes) throw new Error(`response larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
}

/** fetch() says "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND...) in `cause`. */
function reason(error: unknown): Error {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause : error instanceof Error ? error : new Error(String(error));
}
