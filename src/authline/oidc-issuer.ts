/**
 * OpenID Connect Discovery 1.0 as far as the line is concerned: an issuer
 * identifier is a URL without query or fragment (§2; plain http is allowed
 * for local providers, with the same warning as a JWK URL), and its
 * configuration lives at the URL with any terminating `/` removed and
 * `/.well-known/openid-configuration` appended (§4.1).
 */

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

export function isIssuerUrl(issuer: unknown): issuer is string {
  if (typeof issuer !== 'string' || issuer.includes('?') || issuer.includes('#')) return false;
  try {
    const { protocol } = new URL(issuer);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.endsWith('/') ? issuer.slice(0, -1) : issuer}${DISCOVERY_PATH}`;
}
