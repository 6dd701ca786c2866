/**
 * Stage 3: AuthConfig → Verifier; a request's headers → token → claims.
 *
 * Keys come from the line (trust.ts): its own, or each bound issuer's. With
 * JWK URLs or OIDC discovery, createVerifier fetches every set before it
 * resolves, but a provider that is down does not fail it (Dgraph fails the schema update;
 * users of Hasura and others ask for the opposite, hasura#8810): it waits at
 * most the fetch timeout, keeps retrying in the background, reports each
 * URL in `status()`, and refuses the tokens that need the missing keys with
 * a clear error until they arrive. Nothing is ever accepted without keys.
 */
import { authLineWarnings } from '../authline/index.js';
import type { AuthConfig } from '../authline/index.js';
import type { JwksStatus } from './jwks/jwks-source.js';
import { resolveOptions } from './options.js';
import type { VerifierOptions, VerifierSettings } from './options.js';
import { TokenCache } from './token-cache.js';
import { createTrust } from './trust.js';
import { tokenFromHeaders } from './token-from.js';
import type { Verifier } from './types.js';
import { verifyToken } from './verify-token.js';

export type { Claims, RequestHeaders, Verifier } from './types.js';
export type { VerifierOptions, VerifierWarning, VerifierWarningCode } from './options.js';
export type { VerifierObserver } from './observer.js';
export type { JwksStatus } from './jwks/jwks-source.js';
export * from './errors.js';
export { readToken, type TokenOutcome } from './read-token.js';
export { claimNames, type ClaimNames } from './claim-names.js';
export { tokenPlace } from './token-from.js';

export interface JwtVerifier extends Verifier {
  /** Each key set's state (JWK URLs, OIDC discovery), for /health (empty in VerificationKey mode). */
  status(): JwksStatus[];
}

export async function createVerifier(config: AuthConfig, options: VerifierOptions = {}): Promise<JwtVerifier> {
  const settings = resolveOptions(options);
  const cache = new TokenCache(settings.tokenCacheSize, settings.tokenCacheMaxTtlMs);
  warnAboutConfig(config, settings);

  const trust = await createTrust(config, settings, () => cache.clear());
  await trust.prefetch();

  const context = { config, trust, cache, clock: settings.clock, maxTokenLength: settings.maxTokenLength, observer: settings.observer };
  return {
    tokenFrom: (headers) => tokenFromHeaders(headers, config.header, config.cookie),
    verify: (token) => verifyToken(token, context),
    status: trust.status,
    close() {
      trust.close();
      cache.clear();
    },
  };
}

/**
 * The line's warnings about its keys. Not AUDIENCE_NOT_REQUIRED: every line
 * written for Dgraph would draw it on every load; `authline check` says it.
 */
function warnAboutConfig(config: AuthConfig, settings: VerifierSettings): void {
  for (const warning of authLineWarnings(config)) {
    const { code } = warning;
    if (code !== 'AUDIENCE_NOT_REQUIRED') settings.logger({ ...warning, code });
  }
}
