/**
 * When a verified token expires, for what outlives one request: a
 * subscription ends then, as Dgraph ends it at the token's `exp`.
 */
import { decodeJwt } from 'jose';
import type { RequestHeaders, Verifier } from '../verifier/index.js';

/** Milliseconds since the epoch; undefined for a token without `exp` (it never expires). */
export function tokenExpiry(verifier: Verifier, headers: RequestHeaders): number | undefined {
  const token = verifier.tokenFrom(headers);
  if (token === undefined) return undefined;
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}
