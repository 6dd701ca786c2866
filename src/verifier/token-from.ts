/**
 * The token a request carries, read as Dgraph reads it: the configured
 * header (any case; first value only), bare or after a case-insensitive
 * `Bearer ` that must be followed by exactly one space-free token. Beyond
 * Dgraph, the line's `Cookie` is read when the header is absent or empty.
 */
import { parseCookie } from 'cookie';
import { BearerFormatError } from './errors.js';
import type { RequestHeaders } from './types.js';

export function tokenFromHeaders(headers: RequestHeaders, header: string, cookie?: string): string | undefined {
  const value = headerValue(headers, header);
  if (value) return withoutBearer(value);
  if (cookie === undefined) return undefined;
  const cookies = headerValue(headers, 'cookie');
  return (cookies && parseCookie(cookies)[cookie]) || undefined;
}

/**
 * Where `tokenFromHeaders` finds the token, for explanations: `header X-Auth`,
 * `cookie tok`, or null when the request carries none.
 */
export function tokenPlace(headers: RequestHeaders, header: string, cookie?: string): string | null {
  if (headerValue(headers, header)) return `header ${header}`;
  if (cookie === undefined) return null;
  const cookies = headerValue(headers, 'cookie');
  return cookies && parseCookie(cookies)[cookie] ? `cookie ${cookie}` : null;
}

function withoutBearer(value: string): string {
  if (!value.toLowerCase().startsWith('bearer ')) return value;
  const parts = value.split(' ');
  // Dgraph refuses `Bearer a b` and `Bearer  x`; `Bearer ` with nothing after it is refused too, never read as "no token".
  if (parts.length !== 2 || parts[1] === '') throw new BearerFormatError(value);
  return parts[1];
}

function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value = headers[lower];
  if (value === undefined) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
    value = key === undefined ? undefined : headers[key];
  }
  return typeof value === 'string' ? value : value?.[0];
}
