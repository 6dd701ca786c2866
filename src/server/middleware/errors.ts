/**
 * Turns whatever escapes the routes into a JSON answer: errors Koa and the
 * router raise on purpose (405, 413…) keep their status and message; anything
 * else is a 500 whose details go to the log, scrubbed of credentials, and
 * never to the client. Empty error answers get a JSON body too.
 */
import { STATUS_CODES } from 'node:http';
import { respondWithError } from '../errors.js';
import type { Logger } from '../logger.js';
import { credentialsOf, redact } from '../redact.js';
import type { AuthlineMiddleware } from '../state.js';

const ENDPOINTS = 'POST|GET /graphql, GET|POST /admin/schema, POST /admin/import, GET /health';

export function errorHandler(logger: Logger): AuthlineMiddleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
    } catch (err) {
      const { status, expose, message } = err as { status?: unknown; expose?: unknown; message?: unknown };
      if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
        const headers = (err as { headers?: Record<string, string> }).headers;
        if (headers) ctx.set(headers);
        respondWithError(ctx, status, status === 405 ? 'ErrorInvalidMethod' : 'ErrorInvalidRequest', String(message));
        return;
      }
      const secrets = credentialsOf(ctx.headers, ctx.state.schema?.auth?.header);
      logger.error('request failed', {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        error: redact(err instanceof Error ? (err.stack ?? err.message) : String(err), secrets),
      });
      respondWithError(ctx, 500, 'ErrorInternal', `Internal server error (request id ${ctx.state.requestId}); the server log has the details.`);
      return;
    }
    if (ctx.status === 404 && ctx.body == null) {
      respondWithError(ctx, 404, 'ErrorNotFound', `Not found: ${ctx.method} ${ctx.path}. The endpoints are ${ENDPOINTS}.`);
    } else if (ctx.status === 405 && ctx.body == null) {
      respondWithError(ctx, 405, 'ErrorInvalidMethod', `Method ${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get('Allow')}.`);
    } else if (ctx.status >= 400 && ctx.body == null) {
      respondWithError(ctx, ctx.status, 'ErrorInvalidRequest', STATUS_CODES[ctx.status] ?? 'Error');
    }
  };
}
