/**
 * Stage 3: AuthConfig → Verifier; a request's headers → token → claims.
 *
 * With JWK URLs, createVerifier fetches every set before it resolves, but a
 * provider that is down does not fail it (Dgraph fails the schema update;
 * users of Hasura and others ask for the opposite, hasura#8810): it waits at
 * most the fetch timeout, keeps retrying in the background, reports each
 * URL in `status()`, and refuses the tokens that need the missing keys with
 * a clear error until they arrive. Nothing is ever accepted without keys.
 */
import type { AuthConfig } from '../authline/index.js';
import { createJwksKeyring } from './jwks/jwks-keyring.js';
import type { JwksStatus } from './jwks/jwks-source.js';
import type { Keyring } from './keyring.js';
import { resolveOptions } from './options.js';
import type { VerifierOptions, VerifierSettings } from './options.js';
import { createStaticKeyring } from './static-keyring.js';
import { TokenCache } from './token-cache.js';
import { tokenFromHeaders } from './token-from.js';
import type { Verifier } from './types.js';
import { verifyToken } from './verify-token.js';

export type { Claims, RequestHeaders, Verifier } from './types.js';
export type { VerifierOptions, VerifierWarning, VerifierWarningCode } from './options.js';
export type { JwksStatus } from './jwks/jwks-source.js';
export * from './errors.js';
export { readToken, type TokenOutcome } from './read-token.js';

export interface JwtVerifier extends Verifier {
  /** Each JWK URL's state, for /health (empty in VerificationKey mode). */
  status(): JwksStatus[];
}

export async function createVerifier(config: AuthConfig, options: VerifierOptions = {}): Promise<JwtVerifier> {
  const settings = resolveOptions(options);
  const cache = new TokenCache(settings.tokenCacheSize, settings.tokenCacheMaxTtlMs);
  warnAboutConfig(config, settings);

  let keyring: Keyring;
  let status: () => JwksStatus[] = () => [];
  if (config.jwkUrls.length > 0) {
    const jwks = createJwksKeyring(config.jwkUrls, config.algorithms, settings, () => cache.clear());
    await jwks.prefetch();
    keyring = jwks;
    status = jwks.status;
  } else {
    keyring = await createStaticKeyring(config);
  }

  const context = { config, keyring, cache, clock: settings.clock, maxTokenLength: settings.maxTokenLength };
  return {
    tokenFrom: (headers) => tokenFromHeaders(headers, config.header, config.cookie),
    verify: (token) => verifyToken(token, context),
    status,
    close() {
      keyring.close();
      cache.clear();
    },
  };
}

/** RFC 7518 §3.2: an HMAC key shorter than the hash output weakens it. */
const HMAC_MIN_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

function warnAboutConfig(config: AuthConfig, settings: VerifierSettings): void {
  const needed = Math.max(0, ...config.algorithms.map((alg) => HMAC_MIN_BYTES[alg] ?? 0));
  const length = new TextEncoder().encode(config.verificationKey ?? '').length;
  if (needed > 0 && length < needed) {
    settings.logger({
      code: 'WEAK_HMAC_SECRET',
      message: `the HMAC VerificationKey has ${length} bytes; ${config.algorithms.join('/')} needs at least ${needed} to be as strong as its hash`,
    });
  }
  for (const url of config.jwkUrls) {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) {
      settings.logger({ code: 'JWKS_INSECURE_URL', url, message: `JWKS ${url} is fetched over plain HTTP: anyone on the path can swap the keys` });
    }
  }
}
