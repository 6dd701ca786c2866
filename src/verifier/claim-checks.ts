/**
 * The checks that run once the signature holds: golang-jwt's time checks
 * (both reported together, exp strictly in the future, nbf not after now),
 * widened by the line's leeway; then Dgraph's audience rule; then, beyond
 * Dgraph, the issuer.
 */
import type { RegisteredClaims } from './claims.js';
import {
  AudienceMismatchError,
  AudienceNotConfiguredError,
  IssuerMismatchError,
  TokenExpiredError,
  TokenNotYetValidError,
} from './errors.js';

export function checkTimes(registered: RegisteredClaims, nowMs: number, leewaySeconds: number): void {
  const now = nowMs / 1000;
  const { exp, nbf } = registered;
  const expired = exp !== undefined && !(now < exp + leewaySeconds);
  const early = nbf !== undefined && now < nbf - leewaySeconds;
  if (expired) throw new TokenExpiredError(new Date(exp * 1000), early);
  if (early) throw new TokenNotYetValidError(new Date(nbf * 1000));
}

/**
 * A token without `aud` passes; one with `aud` needs a configured Audience
 * (Dgraph tells "none configured" apart from "[] configured") sharing a value.
 */
export function checkAudience(aud: readonly string[] | undefined, configured: readonly string[] | null): void {
  if (aud === undefined || aud.length === 0) return;
  if (configured === null) throw new AudienceNotConfiguredError();
  if (!aud.some((value) => configured.includes(value))) throw new AudienceMismatchError();
}

/** With issuers configured, `iss` must be one of them; a token without one is refused (unlike Hasura, like Hive). */
export function checkIssuer(iss: string | undefined, issuers: readonly string[]): void {
  if (issuers.length === 0) return;
  if (iss === undefined) throw new IssuerMismatchError(true);
  if (!issuers.includes(iss)) throw new IssuerMismatchError(false);
}
