/**
 * The parsed `# Dgraph.Authorization` line. Dgraph's keys keep Dgraph's
 * meaning; the optional extensions (issuers, OIDC, leeway, cookie,
 * algorithms, AudienceRequired) are keys Dgraph would ignore.
 */
import type { SourcePosition } from '../sdl/errors.js';

export interface AuthConfig {
  /** Request header carrying the token (bare or `Bearer `-prefixed). */
  readonly header: string;
  /** Claim under which the app's claims live (object or stringified JSON). */
  readonly namespace: string;
  /** The configured algorithm in VerificationKey mode (undefined with JWK URLs or bound issuers). */
  readonly algo?: string;
  /** HMAC secret, PEM public key or certificate, or JWK JSON (VerificationKey mode). */
  readonly verificationKey?: string;
  /** JWKURL and JWKURLs, in order (JWKUrl folded in as Dgraph does). Empty in VerificationKey mode and with bound issuers. */
  readonly jwkUrls: readonly string[];
  /** `Audience`: null when absent or JSON null, which Dgraph treats differently from `[]`. */
  readonly audience: readonly string[] | null;
  readonly closedByDefault: boolean;
  /**
   * Extension: accepted `iss` values (empty: not checked, as Dgraph). With
   * bound issuers, their names, in the line's order.
   */
  readonly issuers: readonly string[];
  /**
   * Extension: issuers bound to their own keys (`Issuers` entries, `OIDC`).
   * When not empty, a token is verified only with the keys of the issuer
   * its `iss` names, and the line has no keys of its own. (Optional, like
   * `audienceRequired`, so that configs made by hand before these keys
   * existed keep their meaning; readAuthorization always sets both.)
   */
  readonly boundIssuers?: readonly BoundIssuer[];
  /** Extension: a token without `aud` is refused (default false: it passes, as in Dgraph). */
  readonly audienceRequired?: boolean;
  /** Extension: clock-skew leeway for exp/nbf, in seconds (Dgraph: 0). */
  readonly leewaySeconds: number;
  /** Extension: cookie name to read the token from when the header is absent. */
  readonly cookie?: string;
  /**
   * Algorithms a token's `alg` may name (the configured Algo plus extension
   * `Algorithms`). With bound issuers, every algorithm some issuer allows.
   */
  readonly algorithms: readonly string[];
  /** The line used the legacy `<Header> <Namespace> <Algo> "<key>"` form. */
  readonly legacy: boolean;
  /** Where the line is in the SDL. */
  readonly loc: SourcePosition;
}

/** One issuer and the only keys that may sign its tokens. */
export interface BoundIssuer {
  /** The exact `iss` of its tokens. */
  readonly issuer: string;
  readonly keys: IssuerKeys;
  /** The entry's own `Audience`, else the line's (null: none configured). */
  readonly audience: readonly string[] | null;
  /** What its tokens' `alg` may be: `Algo` plus `Algorithms`, or (key sets) `Algorithms` or every public-key algorithm. */
  readonly algorithms: readonly string[];
}

export type IssuerKeys =
  | { readonly kind: 'verificationKey'; readonly algo: string; readonly verificationKey: string }
  | { readonly kind: 'jwks'; readonly urls: readonly string[] }
  /** OpenID Connect discovery: `jwks_uri` of the document at `discoveryUrl`, whose `issuer` must be the issuer's. */
  | { readonly kind: 'oidc'; readonly discoveryUrl: string };
