/**
 * A token's claims as Dgraph reads them. First the registered claims, into
 * golang-jwt's RegisteredClaims struct: Go matches their names
 * case-insensitively (an `EXP` counts as `exp`), checks their types, and
 * keeps NumericDates to the second. Then the variables rules see: every
 * top-level claim except the namespace, overlaid with the namespace's
 * claims, which may be an object or (AWS Cognito) a string of JSON.
 */
import { goFoldEquals, goJsonTypeName, jsonMembers } from '../authline/index.js';
import { cannotUnmarshal, parseGoNumberString, parseJson } from './go-decoding.js';
import type { Claims } from './types.js';

export interface RegisteredClaims {
  readonly iss?: string;
  readonly sub?: string;
  readonly jti?: string;
  /** Absent, null and `[]` all mean "no audience", as in golang-jwt. */
  readonly aud?: readonly string[];
  /** Seconds since the epoch, truncated to the second as golang-jwt's NumericDate is. */
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
}

type Registered = { -readonly [K in keyof RegisteredClaims]: RegisteredClaims[K] };
type Result<T> = { readonly value: T } | { readonly error: string };

const STRINGS = ['iss', 'sub', 'jti'] as const;
const DATES = ['exp', 'nbf', 'iat'] as const;

/** `text` is the claims' JSON text (an object); members are read in document order, the last wins. */
export function readRegisteredClaims(text: string): Result<RegisteredClaims> {
  const registered: Registered = {};
  for (const { key, value } of jsonMembers(text)) {
    const name = STRINGS.find((n) => goFoldEquals(key, n));
    if (name) {
      if (value === null) continue; // null leaves a Go string as it was
      if (typeof value !== 'string') {
        return { error: `json: cannot unmarshal ${goJsonTypeName(value)} into Go struct field RegisteredClaims.${name} of type string` };
      }
      registered[name] = value;
      continue;
    }
    const date = DATES.find((n) => goFoldEquals(key, n));
    if (date) {
      const seconds = numericDate(value);
      if ('error' in seconds) return seconds;
      if (seconds.value === undefined) delete registered[date];
      else registered[date] = seconds.value;
      continue;
    }
    if (goFoldEquals(key, 'aud')) {
      const audience = claimStrings(value);
      if ('error' in audience) return audience;
      if (audience.value === undefined) delete registered.aud;
      else registered.aud = audience.value;
    }
  }
  return { value: registered };
}

/** jwt.NumericDate: a number, or a string holding one (via json.Number); null clears it. */
function numericDate(value: unknown): Result<number | undefined> {
  if (value === null) return { value: undefined };
  let seconds: number;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const parsed = parseGoNumberString(value);
    if (parsed === undefined) {
      return { error: `could not parse NumericData: json: invalid number literal, trying to unmarshal ${JSON.stringify(JSON.stringify(value))} into Number` };
    }
    seconds = parsed;
  } else {
    return { error: `could not parse NumericData: ${cannotUnmarshal(goJsonTypeName(value), 'json.Number')}` };
  }
  if (!Number.isFinite(seconds)) return { error: 'could not convert json number value to float: value out of range' };
  return { value: Math.floor(seconds) };
}

/** jwt.ClaimStrings: a string or a list of strings. */
function claimStrings(value: unknown): Result<readonly string[] | undefined> {
  if (value === null) return { value: undefined };
  if (typeof value === 'string') return { value: [value] };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { value: value.length === 0 ? undefined : value };
  return { error: 'invalid type for claim' };
}

/**
 * The variables: top-level claims minus the namespace key, then the
 * namespace's own claims over them. A namespace that is neither an object
 * nor a string is ignored, as Dgraph ignores it; a string must decode to an
 * object (or null, which Go's decoder takes as "none").
 */
export function claimsVariables(claims: Readonly<Record<string, unknown>>, namespace: string): Result<Claims> {
  let scoped: Readonly<Record<string, unknown>> | undefined;
  if (Object.hasOwn(claims, namespace)) {
    const value = claims[namespace];
    if (typeof value === 'string') {
      const parsed = parseJson(value);
      if ('error' in parsed) return parsed;
      const decoded = parsed.value;
      if (decoded !== null && (typeof decoded !== 'object' || Array.isArray(decoded))) {
        return { error: cannotUnmarshal(goJsonTypeName(decoded), 'map[string]interface {}') };
      }
      scoped = (decoded ?? undefined) as Record<string, unknown> | undefined;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      scoped = value as Record<string, unknown>;
    }
  }
  const entries = Object.entries(claims).filter(([key]) => key !== namespace);
  // fromEntries defines properties, so a claim named "__proto__" stays a claim.
  return { value: deepFreeze(Object.fromEntries([...entries, ...Object.entries(scoped ?? {})])) };
}

/** Claims are shared through the token cache: no caller may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
