/**
 * The checks that run once the signature holds: golang-jwt's time checks
 * (both reported together, exp strictly in the future, nbf not after now),
 * widened by the line's leeway; then Dgraph's audience rule; then, beyond
 * Dgraph, the issuer.
 */
import type { RegisteredClaims } from './claims.js';
import {
  AudienceMismatchError,
  AudienceMissingError,
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
 * A token without `aud` passes (unless the line says `AudienceRequired`);
 * one with `aud` needs a configured Audience (Dgraph tells "none
 * configured" apart from "[] configured") sharing a value.
 */
export function checkAudience(aud: readonly string[] | undefined, configured: readonly string[] | null, required = false): void {
  if (aud === undefined || aud.length === 0) {
    if (required) throw new AudienceMissingError();
    return;
  }
  if (configured === null) throw new AudienceNotConfiguredError();
  if (!aud.some((value) => configured.includes(value))) throw new AudienceMismatchError();
}

/**
 * With issuers configured, `iss` must be one of them; a token without one
 * is refused (unlike Hasura, like Hive). `readings` are the other ways the
 * same token states its issuer (the exact `iss` member jose verified, the
 * `$iss` rules see): each must agree, so no rule ever sees an issuer other
 * than the one whose keys and name were checked.
 */
export function checkIssuer(iss: string | undefined, issuers: readonly string[], readings: readonly unknown[] = []): void {
  if (issuers.length === 0) return;
  if (iss === undefined) throw new IssuerMismatchError(true);
  if (!issuers.includes(iss) || readings.some((reading) => reading !== iss)) throw new IssuerMismatchError(false);
}
