/**
 * What a request's token amounts to, read and verified once. A bad token is
 * an outcome here, not an exception: callers decide how it fails (Dgraph
 * fails each root field on its own, and the whole request for a malformed
 * Bearer value).
 */
import { AuthTokenError } from './errors.js';
import type { Claims, RequestHeaders, Verifier } from './types.js';

export type TokenOutcome =
  | { readonly kind: 'absent' }
  | { readonly kind: 'valid'; readonly claims: Claims }
  /** Refused, with the verifier's typed error (its `code` tells JWT_BEARER_MALFORMED from the rest). */
  | { readonly kind: 'invalid'; readonly error: AuthTokenError };

export async function readToken(verifier: Verifier, headers: RequestHeaders): Promise<TokenOutcome> {
  try {
    const token = verifier.tokenFrom(headers);
    if (token === undefined) return { kind: 'absent' };
    return { kind: 'valid', claims: await verifier.verify(token) };
  } catch (error) {
    // The verifier reports every refusal as an AuthTokenError; anything else is a bug, not a bad token.
    if (error instanceof AuthTokenError) return { kind: 'invalid', error };
    throw error;
  }
}
