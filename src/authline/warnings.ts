/**
 * Lines that load but deserve a second look: an HMAC secret shorter than
 * its hash, keys fetched over plain HTTP from another machine, key sets
 * used without `AudienceRequired`. The verifier logs the first two when it
 * is built; `authline check` prints all of them.
 */
import { isInsecureUrl } from './jwk-urls.js';
import { bindsKeysToIssuers, trustedKeys } from './trusted-keys.js';
import type { AuthConfig } from './types.js';

export type AuthLineWarningCode = 'WEAK_HMAC_SECRET' | 'JWKS_INSECURE_URL' | 'AUDIENCE_NOT_REQUIRED';

export interface AuthLineWarning {
  readonly code: AuthLineWarningCode;
  readonly message: string;
  readonly url?: string;
}

/** RFC 7518 §3.2: an HMAC key shorter than the hash output weakens it. */
const HMAC_MIN_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

export function authLineWarnings(config: AuthConfig): AuthLineWarning[] {
  const warnings: AuthLineWarning[] = [];
  let keySets = false;
  for (const { keys, algorithms, issuers } of trustedKeys(config)) {
    const whose = bindsKeysToIssuers(config) ? ` of issuer ${issuers[0]}` : '';
    if (keys.kind === 'verificationKey') {
      const needed = Math.max(0, ...algorithms.map((alg) => HMAC_MIN_BYTES[alg] ?? 0));
      const length = new TextEncoder().encode(keys.verificationKey).length;
      if (needed > 0 && length < needed) {
        warnings.push({
          code: 'WEAK_HMAC_SECRET',
          message: `the HMAC VerificationKey${whose} has ${length} bytes; ${algorithms.join('/')} needs at least ${needed} to be as strong as its hash`,
        });
      }
      continue;
    }
    keySets = true;
    const [what, urls] = keys.kind === 'jwks' ? ['JWKS', keys.urls] : ['OIDC discovery', [keys.discoveryUrl]];
    for (const url of urls) {
      if (isInsecureUrl(url)) {
        warnings.push({ code: 'JWKS_INSECURE_URL', url, message: `${what} ${url} is fetched over plain HTTP: anyone on the path can swap the keys` });
      }
    }
  }
  if (keySets && !config.audienceRequired) {
    warnings.push({
      code: 'AUDIENCE_NOT_REQUIRED',
      message:
        'keys come from a provider (JWKUrl/JWKUrls/OIDC) but "AudienceRequired" is not true: a token without "aud" passes the audience check (as in Dgraph), ' +
        'so a token the provider signed for another purpose may be accepted; add "AudienceRequired": true',
    });
  }
  return warnings;
}
