/**
 * Koa middleware: the request's token read and verified once, before the
 * GraphQL handler, and left in `ctx.state.authline`. A bad token is not the
 * middleware's to answer (each root field fails on its own), except a
 * malformed Bearer value, which fails the whole request as in Dgraph (and
 * authline's server): only `errors`, 200 for `application/json` clients,
 * 400 for `application/graphql-response+json` ones, as graphql-http answers
 * request errors.
 */
import type { Middleware } from 'koa';
import { prefersGraphQLResponse } from '../engine/media-type.js';
import { BearerFormatError } from '../verifier/errors.js';
import type { RequestHeaders } from '../verifier/types.js';
import type { AuthContext } from './types.js';

export function koaMiddleware(
  contextFor: (headers: RequestHeaders) => Promise<AuthContext>,
): Middleware<{ authline?: AuthContext }> {
  return async function authline(ctx, next) {
    const auth = await contextFor(ctx.headers);
    if (auth.error instanceof BearerFormatError) {
      const strict = prefersGraphQLResponse(ctx.get('accept'));
      ctx.status = strict ? 400 : 200;
      ctx.type = strict ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8';
      ctx.body = JSON.stringify({ errors: [{ message: auth.error.message, extensions: { code: auth.error.code } }] });
      return;
    }
    ctx.state.authline = auth;
    await next();
  };
}
