/**
 * authline's simple keys beyond Dgraph's (Dgraph ignores them, so a line
 * using them still loads in Dgraph): `Leeway` (seconds), `Cookie`,
 * `Algorithms` and `AudienceRequired`. (`Issuer`, `Issuers` and `OIDC` say
 * whom to trust: issuers.ts.) They are matched case-insensitively like
 * Dgraph's own keys, and a wrong type is an upload error that says what was
 * expected.
 */
import { ALGORITHMS, ASYMMETRIC_ALGORITHMS, isSupportedAlgorithm, unsupportedAlgorithmMessage } from './algorithms.js';
import type { ExtensionKey } from './decode-json.js';
import { describeValue } from './describe-value.js';
import { isHttpToken } from './http-token.js';

export interface Extensions {
  readonly leewaySeconds: number;
  readonly cookie?: string;
  /** Undefined when the line does not narrow the algorithms. */
  readonly algorithms?: readonly string[];
  readonly audienceRequired: boolean;
}

/** Larger leeways stop `exp` from meaning anything; a day covers any real clock problem. */
export const MAX_LEEWAY_SECONDS = 86_400;

export function readExtensions(
  values: ReadonlyMap<ExtensionKey, unknown>,
  withJwkUrls: boolean,
): { readonly extensions: Extensions; readonly errors: string[] } {
  const errors: string[] = [];
  const must = (key: ExtensionKey, expectation: string) =>
    errors.push(`\`${key}\` in Dgraph.Authorization must be ${expectation}, found ${describeValue(values.get(key))}`);

  let leewaySeconds = 0;
  const leeway = values.get('Leeway');
  if (leeway !== undefined) {
    if (typeof leeway === 'number' && leeway >= 0 && leeway <= MAX_LEEWAY_SECONDS) leewaySeconds = leeway;
    else must('Leeway', `a number of seconds from 0 to ${MAX_LEEWAY_SECONDS}`);
  }

  let cookie: string | undefined;
  const cookieName = values.get('Cookie');
  if (cookieName !== undefined) {
    // RFC 6265: a cookie-name is an HTTP token.
    if (isHttpToken(cookieName)) cookie = cookieName;
    else must('Cookie', 'a cookie name');
  }

  let algorithms: readonly string[] | undefined;
  if (values.has('Algorithms')) {
    const label = '`Algorithms` in Dgraph.Authorization';
    const read = readAlgorithmList(values.get('Algorithms'), label);
    if ('error' in read) errors.push(read.error);
    else {
      const usable = withJwkUrls ? keySetAlgorithms(read.algorithms, label, 'JWKUrl/JWKUrls') : read.algorithms;
      if (typeof usable === 'string') errors.push(usable);
      else algorithms = read.algorithms;
    }
  }

  let audienceRequired = false;
  const required = values.get('AudienceRequired');
  if (required !== undefined) {
    if (typeof required === 'boolean') audienceRequired = required;
    else must('AudienceRequired', 'true or false');
  }

  return {
    extensions: { leewaySeconds, ...(cookie === undefined ? {} : { cookie }), ...(algorithms ? { algorithms } : {}), audienceRequired },
    errors,
  };
}

/** An `Algorithms` value (the line's, or an `Issuers` entry's): known names, duplicates dropped. */
export function readAlgorithmList(value: unknown, label: string): { readonly algorithms: readonly string[] } | { readonly error: string } {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isText)) {
    return { error: `${label} must be a non-empty list of algorithm names, found ${describeValue(value)}` };
  }
  const unknown = value.find((alg) => !isSupportedAlgorithm(alg));
  if (unknown !== undefined) return { error: `${label}: ${unsupportedAlgorithmMessage(unknown)}` };
  return { algorithms: [...new Set(value)] };
}

/**
 * What a key set (JWK URLs, OIDC) may verify: the listed algorithms, which
 * must all be public-key ones, or every public-key algorithm. A string is
 * the error.
 */
export function keySetAlgorithms(listed: readonly string[] | undefined, label: string, source: string): readonly string[] | string {
  if (listed === undefined) return ASYMMETRIC_ALGORITHMS;
  const hmac = listed.find((alg) => ALGORITHMS[alg].family === 'secret');
  return hmac === undefined ? listed : `${label}: ${hmac} cannot be used with ${source}, whose keys are public keys`;
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
