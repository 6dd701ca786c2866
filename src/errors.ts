/**
 * Every error authline throws, under the package's `errors` namespace:
 *
 * ```ts
 * import { errors } from 'authline';
 * if (error instanceof errors.SchemaRejectedError) for (const e of error.errors) console.log(e.code, e.message, e.locations);
 * ```
 *
 * Each has a stable `code`, the one answers carry in `extensions.code`
 * (docs/http.md#error-codes); the message is Dgraph's text.
 */
import type { AuthErrorCode } from './verifier/errors.js';
import type { StoreErrorCode } from './store/errors.js';
import type { SchemaError } from './sdl/errors.js';
import type { PlanError } from './plan/errors.js';
import type { FieldErrorCode } from './engine/dgraph-errors.js';
import type { RemoteErrorCode } from './engine/custom/errors.js';
import type { ErrorCode as HttpErrorCode, RequestErrorCode } from './server/errors.js';

export { SchemaError, SchemaRejectedError } from './sdl/errors.js';
export {
  AlgorithmNotAllowedError,
  AudienceMismatchError,
  AudienceMissingError,
  AudienceNotConfiguredError,
  AuthTokenError,
  BearerFormatError,
  EmbeddedKeyRefusedError,
  IssuerMismatchError,
  JwksUnavailableError,
  KidMissingError,
  KidUnknownError,
  SignatureInvalidError,
  TokenExpiredError,
  TokenMalformedError,
  TokenMissingError,
  TokenNotYetValidError,
} from './verifier/errors.js';
export {
  AuthorizationError,
  DataDirInUseError,
  ImportError,
  MutationFailedError,
  MutationInputError,
  QueryEdgeLimitError,
  StoreError,
  ValueError,
} from './store/index.js';

/** Every code an error of authline carries, in the order of docs/http.md's table. */
export const ERROR_CODES = [
  'JWT_MISSING',
  'JWT_BEARER_MALFORMED',
  'JWT_MALFORMED',
  'JWT_ALGORITHM',
  'JWT_EMBEDDED_KEY',
  'JWT_KID_MISSING',
  'JWT_KID_UNKNOWN',
  'JWT_KEYS_UNAVAILABLE',
  'JWT_SIGNATURE',
  'JWT_EXPIRED',
  'JWT_NOT_YET_VALID',
  'JWT_AUDIENCE',
  'JWT_ISSUER',
  'AUTH_DENIED',
  'AUTH_CONTEXT_MISSING',
  'INTROSPECTION_REFUSED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_LARGE',
  'TOO_MANY_ALIASES',
  'FILTER_TOO_DEEP',
  'REGEXP_TOO_LONG',
  'PAGE_OUT_OF_RANGE',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
  'TOO_MANY_SUBSCRIPTIONS',
  'MUTATION_INPUT_INVALID',
  'MUTATION_FAILED',
  'MUTATION_NOT_EXECUTED',
  'QUERY_EDGE_LIMIT',
  'RESPONSE_TOO_LARGE',
  'REMOTE_CALL_FAILED',
  'INTERNAL_SERVER_ERROR',
  'STATEMENT_TIMEOUT',
  'ErrorInvalidRequest',
  'ErrorInvalidMethod',
  'ErrorUnauthorized',
  'FORBIDDEN',
  'NOT_FOUND',
  'NOT_ACCEPTABLE',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_CONNECTIONS',
  'SCHEMA_MISSING',
  'SCHEMA_INVALID',
  'IMPORT_INVALID',
  'STORE_UNAVAILABLE',
  'SUBPROTOCOL_REQUIRED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Fails to compile when a stage gives a code the list above lacks. */
type Unlisted = Exclude<
  AuthErrorCode | StoreErrorCode | SchemaError['code'] | PlanError['code'] | FieldErrorCode | RemoteErrorCode | HttpErrorCode | RequestErrorCode | 'AUTH_CONTEXT_MISSING',
  ErrorCode
>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;
