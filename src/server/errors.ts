/**
 * Error answers outside GraphQL execution (admin, limits, no schema, not
 * found), in the shape Dgraph's HTTP endpoints use:
 * `{"errors":[{"message":…,"extensions":{"code":…}}]}`, so that clients read
 * every failure the same way. Where Dgraph has a code for the failure
 * (`ErrorInvalidRequest`, `ErrorInvalidMethod`, `ErrorUnauthorized`), it is
 * Dgraph's, so Dgraph's scripts keep working; the rest are authline's, named
 * as its GraphQL codes are (docs/http.md has the table). The codes answered
 * go to the request's log line.
 */
import type { ParameterizedContext } from 'koa';
import type { SourcePosition } from '../sdl/errors.js';
import type { AuthlineState } from './state.js';

export type ErrorCode =
  | 'ErrorInvalidRequest'
  | 'ErrorInvalidMethod'
  | 'ErrorUnauthorized'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NOT_ACCEPTABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RESPONSE_TOO_LARGE'
  | 'TOO_MANY_CONNECTIONS'
  | 'SCHEMA_MISSING'
  | 'SCHEMA_INVALID'
  | 'IMPORT_INVALID'
  | 'SUBPROTOCOL_REQUIRED'
  | 'INTERNAL_SERVER_ERROR';

/** The request errors of the GraphQL layer (graphql/): the document, its operation, its variables, the server's limits and policies. */
export type RequestErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_LARGE'
  | 'TOO_MANY_ALIASES'
  | 'FILTER_TOO_DEEP'
  | 'REGEXP_TOO_LONG'
  | 'PAGE_OUT_OF_RANGE'
  | 'INTROSPECTION_REFUSED'
  | 'OPERATION_RESOLUTION_FAILURE'
  | 'BAD_USER_INPUT'
  | 'TOO_MANY_SUBSCRIPTIONS';

export interface ErrorEntry {
  readonly message: string;
  readonly locations?: readonly SourcePosition[];
  readonly extensions: { readonly code: ErrorCode } & Readonly<Record<string, unknown>>;
}

/** Answers `status` with one or more errors as JSON. */
export function respondWithErrors(
  ctx: ParameterizedContext<AuthlineState>,
  status: number,
  errors: readonly ErrorEntry[],
): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ errors });
  noteErrorCodes(ctx, errors.map((e) => e.extensions.code));
}

export function respondWithError(
  ctx: ParameterizedContext<AuthlineState>,
  status: number,
  code: ErrorCode,
  message: string,
): void {
  respondWithErrors(ctx, status, [{ message, extensions: { code } }]);
}

/** Answers 200 with `{"data": …}`. */
export function respondWithData(ctx: ParameterizedContext, data: unknown, extensions?: Readonly<Record<string, unknown>>): void {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(extensions === undefined ? { data } : { data, extensions });
}

/** Remembers the codes of the errors answered, once each, for the request's log line. */
export function noteErrorCodes(ctx: ParameterizedContext<AuthlineState>, codes: Iterable<unknown>): void {
  const noted = new Set(ctx.state.errorCodes);
  for (const code of codes) if (typeof code === 'string') noted.add(code);
  if (noted.size > 0) ctx.state.errorCodes = [...noted];
}
