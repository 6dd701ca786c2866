/**
 * Error answers outside GraphQL execution (admin, limits, no schema, not
 * found), in the shape Dgraph's HTTP endpoints use:
 * `{"errors":[{"message":…,"extensions":{"code":…}}]}`, so that clients read
 * every failure the same way.
 */
import type { ParameterizedContext } from 'koa';
import type { SourcePosition } from '../sdl/errors.js';

export type ErrorCode =
  | 'Error'
  | 'ErrorInvalidRequest'
  | 'ErrorUnauthorized'
  | 'ErrorForbidden'
  | 'ErrorNotFound'
  | 'ErrorInvalidMethod'
  | 'ErrorPayloadTooLarge'
  | 'ErrorUnsupportedMediaType'
  | 'ErrorNoSchema'
  | 'ErrorInternal';

export interface ErrorEntry {
  readonly message: string;
  readonly locations?: readonly SourcePosition[];
  readonly extensions: { readonly code: ErrorCode } & Readonly<Record<string, unknown>>;
}

/** Answers `status` with one or more errors as JSON. */
export function respondWithErrors(
  ctx: ParameterizedContext,
  status: number,
  errors: readonly ErrorEntry[],
): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ errors });
}

export function respondWithError(
  ctx: ParameterizedContext,
  status: number,
  code: ErrorCode,
  message: string,
): void {
  respondWithErrors(ctx, status, [{ message, extensions: { code } }]);
}

/** Answers 200 with `{"data": …}`. */
export function respondWithData(ctx: ParameterizedContext, data: unknown): void {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ data });
}
