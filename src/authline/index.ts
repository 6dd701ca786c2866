/**
 * Stage 2: the `# Dgraph.Authorization` line of an uploaded SDL → AuthConfig.
 *
 * Dgraph's path, step for step: find the line; decode everything after the
 * last `Dgraph.Authorization` in it as JSON (Go semantics), or, if that
 * fails, as the legacy form; validate in Dgraph's order with Dgraph's words;
 * check the algorithm; read the key. authline then checks its extension keys
 * (issuers bound to their own keys among them: issuers.ts), the Header (an
 * HTTP token) and the JWK URLs, and reads every kind of key at upload, so a
 * key that cannot verify is refused before it is ever used.
 */
import { SchemaError } from '../sdl/errors.js';
import type { SourcePosition } from '../sdl/errors.js';
import { ASYMMETRIC_ALGORITHMS } from './algorithms.js';
import { decodeJsonLine } from './decode-json.js';
import type { DecodedJsonLine } from './decode-json.js';
import { describeValue } from './describe-value.js';
import { readExtensions } from './extensions.js';
import { AUTH_LINE_MARKER, findAuthorizationLine } from './find-line.js';
import { isHttpToken } from './http-token.js';
import { bindsIssuers, readTrust } from './issuers.js';
import { checkJwkUrl } from './jwk-urls.js';
import { parseVerificationKey } from './keys.js';
import { parseLegacyLine } from './legacy.js';
import type { AuthConfig } from './types.js';
import { checkAlgorithm, usesJwkUrls, validateFields } from './validate.js';

export type { AuthConfig, BoundIssuer, IssuerKeys } from './types.js';
export { ALGORITHMS, ASYMMETRIC_ALGORITHMS, SUPPORTED_ALGORITHMS } from './algorithms.js';
export type { AlgorithmSpec, KeyFamily } from './algorithms.js';
export { MIN_RSA_BITS, parseVerificationKey } from './keys.js';
export type { KeyForm, VerificationKey } from './keys.js';
export { goFoldEquals, goJsonTypeName, jsonMembers } from './go-json.js';
export { MAX_LEEWAY_SECONDS } from './extensions.js';
export { isInsecureUrl } from './jwk-urls.js';
export { bindsKeysToIssuers, trustedKeys } from './trusted-keys.js';
export type { TrustedKeys } from './trusted-keys.js';
export { authLineWarnings } from './warnings.js';
export { misplacedAuthMarkers } from './find-line.js';
export { REDACTED, redactSecrets } from './redact.js';
export type { AuthLineWarning, AuthLineWarningCode } from './warnings.js';

export interface ReadAuthorizationResult {
  /** Null without a line, or when the line has errors. */
  readonly config: AuthConfig | null;
  /** Every error of the line, each located at the line. */
  readonly errors: SchemaError[];
}

export function readAuthorization(sdl: string): ReadAuthorizationResult {
  const found = findAuthorizationLine(sdl);
  if (found.error) return { config: null, errors: [found.error] };
  if (!found.line) return { config: null, errors: [] };

  const { text, loc } = found.line;
  const fromMarker = text.slice(text.lastIndexOf(AUTH_LINE_MARKER));
  const decoded = decodeJsonLine(fromMarker.slice(AUTH_LINE_MARKER.length));
  const result = decoded ? fromJson(decoded, loc) : fromLegacy(fromMarker, loc);
  return 'config' in result
    ? { config: result.config, errors: [] }
    : { config: null, errors: result.errors.map((message) => new SchemaError(message, [loc])) };
}

type Outcome = { readonly config: AuthConfig } | { readonly errors: readonly string[] };

function fromJson({ fields, extensions: values }: DecodedJsonLine, loc: SourcePosition): Outcome {
  const perIssuer = bindsIssuers(values);
  const invalid = validateFields(fields, perIssuer);
  if (invalid) return { errors: [invalid] };
  const withJwkUrls = usesJwkUrls(fields);
  if (!withJwkUrls && !perIssuer) {
    const badAlgorithm = checkAlgorithm(fields.algo);
    if (badAlgorithm) return { errors: [badAlgorithm] };
  }

  const { extensions, errors } = readExtensions(values, withJwkUrls);
  const { trust, errors: trustErrors } = readTrust(values, fields, { audience: fields.audience, algorithms: extensions.algorithms });
  errors.push(...trustErrors);
  const headerProblem = checkHeader(fields.header);
  if (headerProblem) errors.push(headerProblem);
  const jwkUrls = fields.jwkUrl !== '' ? [fields.jwkUrl] : (fields.jwkUrls ?? []);
  let algorithms: readonly string[];
  if (perIssuer) {
    algorithms = [...new Set(trust.bound.flatMap((issuer) => issuer.algorithms))];
  } else if (withJwkUrls) {
    for (const url of jwkUrls) {
      const problem = checkJwkUrl(url);
      if (problem) errors.push(problem);
    }
    algorithms = extensions.algorithms ?? ASYMMETRIC_ALGORITHMS;
  } else {
    algorithms = [...new Set([fields.algo, ...(extensions.algorithms ?? [])])];
    const key = parseVerificationKey(fields.verificationKey, algorithms);
    if ('error' in key) errors.push(key.error);
  }
  if (extensions.audienceRequired) {
    const problem = audienceRequiredProblem(perIssuer ? trust.bound.map((issuer) => issuer.audience) : [fields.audience], perIssuer);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return { errors };

  return {
    config: freeze({
      header: fields.header,
      namespace: fields.namespace,
      ...(withJwkUrls || perIssuer ? {} : { algo: fields.algo, verificationKey: fields.verificationKey }),
      jwkUrls,
      audience: fields.audience,
      closedByDefault: fields.closedByDefault,
      issuers: trust.issuers,
      boundIssuers: trust.bound,
      audienceRequired: extensions.audienceRequired,
      leewaySeconds: extensions.leewaySeconds,
      ...(extensions.cookie === undefined ? {} : { cookie: extensions.cookie }),
      algorithms,
      legacy: false,
      loc,
    }),
  };
}

function fromLegacy(fromMarker: string, loc: SourcePosition): Outcome {
  const legacy = parseLegacyLine(fromMarker);
  if ('error' in legacy) return { errors: [legacy.error] };
  const badAlgorithm = checkAlgorithm(legacy.algo);
  if (badAlgorithm) return { errors: [badAlgorithm] };
  const key = parseVerificationKey(legacy.verificationKey, [legacy.algo]);
  if ('error' in key) return { errors: [key.error] };
  const headerProblem = checkHeader(legacy.header);
  if (headerProblem) return { errors: [headerProblem] };
  return {
    config: freeze({
      header: legacy.header,
      namespace: legacy.namespace,
      algo: legacy.algo,
      verificationKey: legacy.verificationKey,
      jwkUrls: [],
      audience: null,
      closedByDefault: false,
      issuers: [],
      boundIssuers: [],
      audienceRequired: false,
      leewaySeconds: 0,
      algorithms: [legacy.algo],
      legacy: true,
      loc,
    }),
  };
}

/** Without a non-empty Audience (for every issuer), AudienceRequired would refuse every token. */
function audienceRequiredProblem(audiences: readonly (readonly string[] | null)[], perIssuer: boolean): string | null {
  if (audiences.every((audience) => (audience?.length ?? 0) > 0)) return null;
  return perIssuer
    ? "`AudienceRequired` in Dgraph.Authorization needs a non-empty Audience for every issuer (its own or the line's)"
    : '`AudienceRequired` in Dgraph.Authorization needs a non-empty Audience';
}

/** Beyond Dgraph, which takes any text and then sends it back in every CORS answer. */
function checkHeader(header: string): string | null {
  return isHttpToken(header)
    ? null
    : `\`Header\` in Dgraph.Authorization must be an HTTP header name (an RFC 7230 token), found ${describeValue(header)}`;
}

/** Configs are shared by every request of a schema; nothing may change them. */
function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}
