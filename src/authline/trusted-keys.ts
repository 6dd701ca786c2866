/**
 * The line's trust, one shape for every form: which keys may verify a token
 * and what its `iss` and `aud` must then be. The line's own keys make one
 * entry that serves every token (`Issuer(s)` only checked after the
 * signature); bound issuers make one entry each, and a token is verified
 * with the entry its `iss` names and no other.
 */
import type { AuthConfig, IssuerKeys } from './types.js';

export interface TrustedKeys {
  /** Accepted `iss` values (empty: any). */
  readonly issuers: readonly string[];
  readonly keys: IssuerKeys;
  readonly audience: readonly string[] | null;
  readonly algorithms: readonly string[];
}

export function trustedKeys(config: AuthConfig): readonly TrustedKeys[] {
  const bound = config.boundIssuers ?? [];
  if (bound.length > 0) return bound.map(({ issuer, ...rest }) => ({ issuers: [issuer], ...rest }));
  const keys: IssuerKeys =
    config.jwkUrls.length > 0
      ? { kind: 'jwks', urls: config.jwkUrls }
      : { kind: 'verificationKey', algo: config.algo ?? config.algorithms[0], verificationKey: config.verificationKey ?? '' };
  return [{ issuers: config.issuers, keys, audience: config.audience, algorithms: config.algorithms }];
}

/** Whether tokens are verified only with the keys of the issuer they name. */
export function bindsKeysToIssuers(config: AuthConfig): boolean {
  return (config.boundIssuers ?? []).length > 0;
}
