/**
 * The verification pipeline, in Dgraph's order so that the first failure is
 * the one Dgraph reports: take the token apart; refuse keys named by the
 * token; (bound issuers) choose the issuer's keys by the unverified `iss`;
 * get the keyring's keys for its `alg`/`kid`; check the signature; then
 * exp/nbf, audience, issuer. Each step throws an AuthTokenError.
 */
import type { AuthConfig } from '../authline/index.js';
import { checkAudience, checkIssuer, checkTimes } from './claim-checks.js';
import { decodeToken } from './decode-token.js';
import { EmbeddedKeyRefusedError, TokenMalformedError } from './errors.js';
import type { VerifierObserver } from './observer.js';
import { verifySignature } from './signature.js';
import type { TokenCache } from './token-cache.js';
import type { Trust } from './trust.js';
import type { Claims } from './types.js';

export interface VerifyContext {
  readonly config: AuthConfig;
  readonly trust: Trust;
  readonly cache: TokenCache;
  readonly clock: () => number;
  readonly maxTokenLength: number;
  readonly observer: VerifierObserver;
}

/** Header parameters that point at key material; only the line says which keys count. */
const KEY_SOURCES = ['jku', 'x5u', 'jwk'] as const;

export async function verifyToken(token: string, context: VerifyContext): Promise<Claims> {
  const { config, cache, clock } = context;
  if (token.length > context.maxTokenLength) {
    throw new TokenMalformedError(`token is longer than ${context.maxTokenLength} characters`);
  }
  const cached = cache.get(token, clock());
  if (cached) {
    context.observer.tokenCacheHit?.();
    return cached;
  }

  const decoded = decodeToken(token, config.namespace);
  const named = KEY_SOURCES.find((parameter) => Object.hasOwn(decoded.header, parameter));
  if (named) throw new EmbeddedKeyRefusedError(named);
  const { iss } = decoded.registered;
  const anchor = context.trust.anchorFor(iss);
  const keys = await anchor.keyring.keysFor(decoded.header, decoded.alg);
  const payload = await verifySignature(token, decoded.alg, keys);

  const now = clock();
  checkTimes(decoded.registered, now, config.leewaySeconds);
  checkAudience(decoded.registered.aud, anchor.audience, config.audienceRequired);
  if (anchor.issuers.length > 0) checkIssuer(iss, anchor.issuers, [verifiedIssuer(payload), decoded.claims.iss]);
  cache.set(token, decoded.claims, decoded.registered, now, config.leewaySeconds);
  return decoded.claims;
}

/** The `iss` member of the payload jose verified, read exactly (no case folding). */
function verifiedIssuer(payload: Uint8Array): unknown {
  return (JSON.parse(new TextDecoder().decode(payload)) as { iss?: unknown } | null)?.iss;
}
