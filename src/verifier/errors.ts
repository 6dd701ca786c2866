/**
 * Why a request's token was refused. Each class has a stable `code` (for
 * programs, logs and metrics: distinguishing "expired, refresh it" from
 * "forbidden") while the message is Dgraph's text, which clients of Dgraph
 * already match on. Messages from token parsing carry Dgraph's prefix
 * `unable to parse jwt token:` (no space) before golang-jwt's wording; the
 * audience (and issuer) checks that run afterwards carry none.
 */

/** One per reason a token is refused; all start with `JWT_` (docs/http.md has the table). */
export type AuthErrorCode =
  | 'JWT_MISSING'
  | 'JWT_BEARER_MALFORMED'
  | 'JWT_MALFORMED'
  | 'JWT_ALGORITHM'
  | 'JWT_EMBEDDED_KEY'
  | 'JWT_KID_MISSING'
  | 'JWT_KID_UNKNOWN'
  | 'JWT_KEYS_UNAVAILABLE'
  | 'JWT_SIGNATURE'
  | 'JWT_EXPIRED'
  | 'JWT_NOT_YET_VALID'
  | 'JWT_AUDIENCE'
  | 'JWT_ISSUER';

/** Dgraph's answer, per root field, when ClosedByDefault is on and no token came. */
export const TOKEN_REQUIRED_MESSAGE = 'a valid JWT is required but was not provided';

/** Dgraph's prefix for everything its JWT library reports. */
export const JWT_PARSE_PREFIX = 'unable to parse jwt token:';

/** golang-jwt's category prefixes, which Dgraph passes through. */
const MALFORMED = 'token is malformed: ';
const UNVERIFIABLE = 'token is unverifiable: ';
const KEYFUNC = `${UNVERIFIABLE}error while executing keyfunc: `;
const SIGNATURE = 'token signature is invalid: ';
const INVALID_CLAIMS = 'token has invalid claims: ';

export abstract class AuthTokenError extends Error {
  abstract readonly code: AuthErrorCode;
}

/** No token while ClosedByDefault is on (raised by the engine, which knows when claims are needed). */
export class TokenMissingError extends AuthTokenError {
  override readonly name = 'TokenMissingError';
  readonly code = 'JWT_MISSING';
  constructor() {
    super(TOKEN_REQUIRED_MESSAGE);
  }
}

/** `Bearer` followed by anything but one space and one token; Dgraph fails the whole request. */
export class BearerFormatError extends AuthTokenError {
  override readonly name = 'BearerFormatError';
  readonly code = 'JWT_BEARER_MALFORMED';
  constructor(readonly headerValue: string) {
    super(`invalid Bearer-formatted header value for JWT (${headerValue})`);
  }
}

export class TokenMalformedError extends AuthTokenError {
  override readonly name = 'TokenMalformedError';
  readonly code = 'JWT_MALFORMED';
  constructor(detail: string) {
    super(`${JWT_PARSE_PREFIX}${MALFORMED}${detail}`);
  }
}

/**
 * `alg` missing, unknown, or not one the line allows (`none` included), or
 * a key of another type than `alg` needs. Takes golang-jwt's whole message.
 */
export class AlgorithmNotAllowedError extends AuthTokenError {
  override readonly name = 'AlgorithmNotAllowedError';
  readonly code = 'JWT_ALGORITHM';
  static unspecified(): AlgorithmNotAllowedError {
    return new AlgorithmNotAllowedError(`${UNVERIFIABLE}signing method (alg) is unspecified`);
  }
  static unavailable(): AlgorithmNotAllowedError {
    return new AlgorithmNotAllowedError(`${UNVERIFIABLE}signing method (alg) is unavailable`);
  }
  static unexpected(allowed: readonly string[], found: string): AlgorithmNotAllowedError {
    const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(',')}`;
    return new AlgorithmNotAllowedError(`${KEYFUNC}unexpected signing method: Expected ${expected} Found ${found}`);
  }
  /** The key named by `kid` is of a type `alg` cannot use. */
  static keyType(): AlgorithmNotAllowedError {
    return new AlgorithmNotAllowedError(`${SIGNATURE}key is of invalid type`);
  }
  private constructor(libraryMessage: string) {
    super(`${JWT_PARSE_PREFIX}${libraryMessage}`);
  }
}

/** `jku`, `x5u` or an embedded `jwk`: a token may not choose the key that verifies it. */
export class EmbeddedKeyRefusedError extends AuthTokenError {
  override readonly name = 'EmbeddedKeyRefusedError';
  readonly code = 'JWT_EMBEDDED_KEY';
  constructor(readonly parameter: string) {
    super(`${JWT_PARSE_PREFIX}${KEYFUNC}the token names its own key ("${parameter}" header), which is never trusted`);
  }
}

export class KidMissingError extends AuthTokenError {
  override readonly name = 'KidMissingError';
  readonly code = 'JWT_KID_MISSING';
  constructor() {
    super(`${JWT_PARSE_PREFIX}${KEYFUNC}kid not present in JWT`);
  }
}

export class KidUnknownError extends AuthTokenError {
  override readonly name = 'KidUnknownError';
  readonly code = 'JWT_KID_UNKNOWN';
  constructor() {
    super(`${JWT_PARSE_PREFIX}${KEYFUNC}Invalid kid`);
  }
}

/** No keys could ever be fetched from a JWK URL the token may belong to; nothing is accepted without keys. */
export class JwksUnavailableError extends AuthTokenError {
  override readonly name = 'JwksUnavailableError';
  readonly code = 'JWT_KEYS_UNAVAILABLE';
  constructor(readonly url: string, reason: string) {
    super(`${JWT_PARSE_PREFIX}while refreshing JWK from the URL: ${url}: ${reason}`);
  }
}

export class SignatureInvalidError extends AuthTokenError {
  override readonly name = 'SignatureInvalidError';
  readonly code = 'JWT_SIGNATURE';
  constructor(detail: string) {
    super(`${JWT_PARSE_PREFIX}${SIGNATURE}${detail}`);
  }
}

/** `exp` has passed (and, if `nbf` is also off, golang-jwt's joined message says both). */
export class TokenExpiredError extends AuthTokenError {
  override readonly name = 'TokenExpiredError';
  readonly code = 'JWT_EXPIRED';
  constructor(readonly expiredAt: Date, alsoNotYetValid: boolean) {
    super(`${JWT_PARSE_PREFIX}${INVALID_CLAIMS}token is expired${alsoNotYetValid ? ', token is not valid yet' : ''}`);
  }
}

export class TokenNotYetValidError extends AuthTokenError {
  override readonly name = 'TokenNotYetValidError';
  readonly code = 'JWT_NOT_YET_VALID';
  constructor(readonly notBefore: Date) {
    super(`${JWT_PARSE_PREFIX}${INVALID_CLAIMS}token is not valid yet`);
  }
}

export class AudienceMismatchError extends AuthTokenError {
  override readonly name = 'AudienceMismatchError';
  readonly code = 'JWT_AUDIENCE';
  constructor() {
    super("JWT `aud` value doesn't match with the audience");
  }
}

/** The token has an `aud` but the line has no `Audience` (Dgraph refuses it). */
export class AudienceNotConfiguredError extends AuthTokenError {
  override readonly name = 'AudienceNotConfiguredError';
  readonly code = 'JWT_AUDIENCE';
  constructor() {
    super('audience value was expected but not provided');
  }
}

/** The token has no `aud` but the line says `"AudienceRequired": true` (authline only; Dgraph accepts it). */
export class AudienceMissingError extends AuthTokenError {
  override readonly name = 'AudienceMissingError';
  readonly code = 'JWT_AUDIENCE';
  constructor() {
    super('JWT has no `aud` value but the audience is required');
  }
}

/**
 * `iss` is not an accepted issuer (with bound issuers: names no configured
 * issuer, so no key may even be tried), is missing, or is read differently
 * by the rules than by the check (a namespace claim or a differently-cased
 * duplicate saying otherwise).
 */
export class IssuerMismatchError extends AuthTokenError {
  override readonly name = 'IssuerMismatchError';
  readonly code = 'JWT_ISSUER';
  constructor(missing: boolean) {
    super(missing ? 'JWT has no `iss` value but the issuer is configured' : "JWT `iss` value doesn't match with the issuer");
  }
}
