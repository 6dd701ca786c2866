/**
 * OpenID Connect Discovery 1.0: an issuer's configuration document names
 * its key set (`jwks_uri`). The document must state exactly the configured
 * issuer (§4.3), or a document served anywhere on the way could vouch for
 * keys of its choosing; the key set must come over https (plain http only
 * from this machine), never from a file. Both documents are fetched on
 * every refresh, within one fetch deadline, and the keys live as long as
 * the shorter-lived of the two says.
 */
import { isInsecureUrl } from '../../authline/index.js';
import { fetchKeySet } from './fetch-key-set.js';
import type { KeySetLoader } from './jwks-source.js';

export function discoveredKeySet(issuer: string, discoveryUrl: string): KeySetLoader {
  return async (limits) => {
    const deadline = performance.now() + limits.timeoutMs;
    const discovery = await fetchKeySet(discoveryUrl, limits);
    const jwksUri = jwksUriOf(discovery.document, issuer);
    const remainingMs = Math.max(1, Math.round(deadline - performance.now()));
    let keys;
    try {
      keys = await fetchKeySet(jwksUri, { ...limits, timeoutMs: remainingMs });
    } catch (error) {
      throw new Error(`jwks_uri ${jwksUri}: ${(error as Error).message}`);
    }
    return { document: keys.document, lifetimeMs: Math.min(discovery.lifetimeMs, keys.lifetimeMs), jwksUri };
  };
}

function jwksUriOf(document: unknown, issuer: string): string {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error('not an OpenID configuration (not a JSON object)');
  }
  const { issuer: stated, jwks_uri: jwksUri } = document as { issuer?: unknown; jwks_uri?: unknown };
  if (stated !== issuer) {
    const says = typeof stated === 'string' ? `states issuer ${JSON.stringify(stated)}` : 'states no issuer';
    throw new Error(`the OpenID configuration ${says}, not ${JSON.stringify(issuer)} (OIDC Discovery §4.3: they must be identical)`);
  }
  if (typeof jwksUri !== 'string') throw new Error('the OpenID configuration has no "jwks_uri"');
  let protocol: string;
  try {
    protocol = new URL(jwksUri).protocol;
  } catch {
    throw new Error(`the OpenID configuration's "jwks_uri" is not a URL: ${JSON.stringify(jwksUri)}`);
  }
  if ((protocol !== 'https:' && protocol !== 'http:') || isInsecureUrl(jwksUri)) {
    throw new Error(`the OpenID configuration's "jwks_uri" must be an https URL, found ${JSON.stringify(jwksUri)}`);
  }
  return jwksUri;
}
