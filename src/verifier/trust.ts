/**
 * Which keys may verify a token. With the line's own keys, one anchor
 * serves every token and `Issuer(s)` is checked after the signature, as
 * before. With issuers bound to their own keys, the token's `iss` (read from
 * the unverified claims) only chooses the anchor: a token naming no
 * configured issuer is refused before any key is tried, and one naming
 * issuer b is checked with b's keys alone, so a's key can never vouch for b.
 * Its `iss` is checked again once the signature holds.
 */
import { bindsKeysToIssuers, trustedKeys } from '../authline/index.js';
import type { AuthConfig, TrustedKeys } from '../authline/index.js';
import { IssuerMismatchError } from './errors.js';
import { createJwksKeyring } from './jwks/jwks-keyring.js';
import { JwksSource } from './jwks/jwks-source.js';
import type { JwksStatus } from './jwks/jwks-source.js';
import { discoveredKeySet } from './jwks/oidc-discovery.js';
import type { Keyring } from './keyring.js';
import type { VerifierSettings } from './options.js';
import { createStaticKeyring } from './static-keyring.js';

export interface TrustAnchor {
  /** Accepted `iss` values (empty: any). */
  readonly issuers: readonly string[];
  readonly audience: readonly string[] | null;
  readonly keyring: Keyring;
}

export interface Trust {
  /** The anchor whose keys may verify a token claiming `iss`; throws IssuerMismatchError when none may. */
  anchorFor(iss: string | undefined): TrustAnchor;
  /** The first fetch of every key set (bounded by the fetch timeout; failures are retried in the background). */
  prefetch(): Promise<void>;
  /** Every key set's state, in the line's order (empty without key sets). */
  status(): JwksStatus[];
  close(): void;
}

export async function createTrust(config: AuthConfig, settings: VerifierSettings, onKeysChanged: () => void): Promise<Trust> {
  const sources: JwksSource[] = [];
  const anchors: TrustAnchor[] = [];
  for (const trusted of trustedKeys(config)) {
    anchors.push({ issuers: trusted.issuers, audience: trusted.audience, keyring: await keyringFor(trusted) });
  }
  const byIssuer = bindsKeysToIssuers(config) ? new Map(anchors.map((anchor) => [anchor.issuers[0], anchor])) : null;

  async function keyringFor({ keys, algorithms, issuers }: TrustedKeys): Promise<Keyring> {
    if (keys.kind === 'verificationKey') return createStaticKeyring(keys.verificationKey, algorithms);
    const own =
      keys.kind === 'jwks'
        ? keys.urls.map((url) => new JwksSource(url, settings, onKeysChanged))
        : [new JwksSource(keys.discoveryUrl, settings, onKeysChanged, discoveredKeySet(issuers[0], keys.discoveryUrl))];
    sources.push(...own);
    return createJwksKeyring(own, algorithms);
  }

  return {
    anchorFor(iss) {
      if (!byIssuer) return anchors[0];
      if (iss === undefined) throw new IssuerMismatchError(true);
      const anchor = byIssuer.get(iss);
      if (!anchor) throw new IssuerMismatchError(false);
      return anchor;
    },
    async prefetch() {
      await Promise.all(sources.map((source) => source.refresh()));
    },
    status: () => sources.map((source) => source.status()),
    close() {
      for (const anchor of anchors) anchor.keyring.close();
    },
  };
}
