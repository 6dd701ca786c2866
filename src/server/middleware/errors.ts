/**
 * Every answer is JSON, failures included. What escapes the routes is a
 * 500 whose details go to the log, scrubbed of credentials, and never to the
 * client. Error statuses without a body (404 from Koa, 405 and 501 from the
 * router) get one that says what went wrong.
 */
import { respondWithError } from '../errors.js';
import { logFailure } from '../failure-log.js';
import type { Logger } from '../logger.js';
import type { AuthlineMiddleware } from '../state.js';

const ENDPOINTS = 'POST|GET /graphql, GET|POST /admin/schema, POST /admin/import, GET /health, GET /metrics';

export function errorHandler(logger: Logger): AuthlineMiddleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
    } catch (err) {
      logFailure(logger, ctx, 'request failed', err, { code: 'INTERNAL_SERVER_ERROR' });
      respondWithError(ctx, 500, 'INTERNAL_SERVER_ERROR', `Internal server error (request id ${ctx.state.requestId}); the server log has the details.`);
      return;
    }
    if (ctx.status === 404 && ctx.body == null) {
      respondWithError(ctx, 404, 'NOT_FOUND', `Not found: ${ctx.method} ${ctx.path}. The endpoints are ${ENDPOINTS}.`);
    } else if (ctx.status === 405 && ctx.body == null) {
      respondWithError(ctx, 405, 'ErrorInvalidMethod', `Method ${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get('Allow')}.`);
    } else if (ctx.status === 501 && ctx.body == null) {
      respondWithError(ctx, 501, 'ErrorInvalidMethod', `Method ${ctx.method} is not supported.`);
    }
  };
}
