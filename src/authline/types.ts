/**
 * The parsed `# Dgraph.Authorization` line. Dgraph's keys keep Dgraph's
 * meaning; the optional extensions (issuers, leeway, cookie, algorithms) are
 * keys Dgraph would ignore.
 */
import type { SourcePosition } from '../sdl/errors.js';

export interface AuthConfig {
  /** Request header carrying the token (bare or `Bearer `-prefixed). */
  readonly header: string;
  /** Claim under which the app's claims live (object or stringified JSON). */
  readonly namespace: string;
  /** The configured algorithm in VerificationKey mode (undefined with JWK URLs). */
  readonly algo?: string;
  /** HMAC secret, PEM public key or certificate, or JWK JSON (VerificationKey mode). */
  readonly verificationKey?: string;
  /** JWKURL and JWKURLs, in order (JWKUrl folded in as Dgraph does). Empty in VerificationKey mode. */
  readonly jwkUrls: readonly string[];
  /** `Audience`: null when absent or JSON null, which Dgraph treats differently from `[]`. */
  readonly audience: readonly string[] | null;
  readonly closedByDefault: boolean;
  /** Extension: accepted `iss` values (empty: not checked, as Dgraph). */
  readonly issuers: readonly string[];
  /** Extension: clock-skew leeway for exp/nbf, in seconds (Dgraph: 0). */
  readonly leewaySeconds: number;
  /** Extension: cookie name to read the token from when the header is absent. */
  readonly cookie?: string;
  /** Algorithms a token's `alg` may name (the configured Algo plus extension `Algorithms`). */
  readonly algorithms: readonly string[];
  /** The line used the legacy `<Header> <Namespace> <Algo> "<key>"` form. */
  readonly legacy: boolean;
  /** Where the line is in the SDL. */
  readonly loc: SourcePosition;
}
