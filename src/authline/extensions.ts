/**
 * authline's keys beyond Dgraph's (Dgraph ignores them, so a line using them
 * still loads in Dgraph): `Issuer`/`Issuers`, `Leeway` (seconds), `Cookie`
 * and `Algorithms`. They are matched case-insensitively like Dgraph's own
 * keys, and a wrong type is an upload error that says what was expected.
 */
import { ALGORITHMS, isSupportedAlgorithm, unsupportedAlgorithmMessage } from './algorithms.js';
import type { ExtensionKey } from './decode-json.js';

export interface Extensions {
  readonly issuers: readonly string[];
  readonly leewaySeconds: number;
  readonly cookie?: string;
  /** Undefined when the line does not narrow the algorithms. */
  readonly algorithms?: readonly string[];
}

/** Larger leeways stop `exp` from meaning anything; a day covers any real clock problem. */
export const MAX_LEEWAY_SECONDS = 86_400;

/** RFC 6265 cookie-name: an HTTP token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function readExtensions(
  values: ReadonlyMap<ExtensionKey, unknown>,
  withJwkUrls: boolean,
): { readonly extensions: Extensions; readonly errors: string[] } {
  const errors: string[] = [];
  const must = (key: ExtensionKey, expectation: string) =>
    errors.push(`\`${key}\` in Dgraph.Authorization must be ${expectation}, found ${describe(values.get(key))}`);

  let issuers: readonly string[] = [];
  const issuer = values.get('Issuer');
  const issuerList = values.get('Issuers');
  if (issuer !== undefined && issuerList !== undefined) {
    errors.push('expecting either Issuer or Issuers, both were given');
  } else if (issuer !== undefined) {
    if (isText(issuer)) issuers = [issuer];
    else must('Issuer', 'a non-empty string');
  } else if (issuerList !== undefined) {
    if (Array.isArray(issuerList) && issuerList.length > 0 && issuerList.every(isText)) issuers = issuerList;
    else must('Issuers', 'a non-empty list of non-empty strings');
  }

  let leewaySeconds = 0;
  const leeway = values.get('Leeway');
  if (leeway !== undefined) {
    if (typeof leeway === 'number' && leeway >= 0 && leeway <= MAX_LEEWAY_SECONDS) leewaySeconds = leeway;
    else must('Leeway', `a number of seconds from 0 to ${MAX_LEEWAY_SECONDS}`);
  }

  let cookie: string | undefined;
  const cookieName = values.get('Cookie');
  if (cookieName !== undefined) {
    if (typeof cookieName === 'string' && COOKIE_NAME.test(cookieName)) cookie = cookieName;
    else must('Cookie', 'a cookie name');
  }

  let algorithms: readonly string[] | undefined;
  const algorithmList = values.get('Algorithms');
  if (algorithmList !== undefined) {
    if (!Array.isArray(algorithmList) || algorithmList.length === 0 || !algorithmList.every(isText)) {
      must('Algorithms', 'a non-empty list of algorithm names');
    } else {
      const unknown = algorithmList.find((alg) => !isSupportedAlgorithm(alg));
      const hmac = algorithmList.find((alg) => ALGORITHMS[alg]?.family === 'secret');
      if (unknown !== undefined) errors.push(`\`Algorithms\` in Dgraph.Authorization: ${unsupportedAlgorithmMessage(unknown)}`);
      else if (withJwkUrls && hmac !== undefined) {
        errors.push(`\`Algorithms\` in Dgraph.Authorization: ${hmac} cannot be used with JWKUrl/JWKUrls, whose keys are public keys`);
      } else algorithms = [...new Set(algorithmList)];
    }
  }

  return { extensions: { issuers, leewaySeconds, ...(cookie === undefined ? {} : { cookie }), ...(algorithms ? { algorithms } : {}) }, errors };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
