/**
 * What a verifier tells about its work as it goes, for metrics (the server
 * counts it; the verifier knows no metrics library). Every method is
 * optional and called synchronously, and must not throw: it runs inside the
 * verification of a request.
 */
export interface VerifierObserver {
  /** A token was answered from the cache of verified tokens, without a signature check. */
  tokenCacheHit?(): void;
  /** A fetch of key set `url` (a JWK URL, or an OIDC discovery URL) ended: its keys arrived (`ok`), or it failed (`error`). */
  jwksFetched?(url: string, result: 'ok' | 'error'): void;
}
