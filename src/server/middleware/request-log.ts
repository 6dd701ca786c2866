/**
 * The outermost middleware: gives each request an id and, when it is
 * answered, writes one log line with method, path, status, duration, the
 * schema version that served it and the codes of the errors it answered.
 * Never a header value, never the query string (GET /graphql puts
 * variables there). A request answered with an explanation that has
 * warnings gets a second line, at debug level, with them.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { AuthlineMiddleware } from '../state.js';

/** Ids a client or proxy may choose; anything else is replaced. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestLog(logger: Logger): AuthlineMiddleware {
  return async function logRequest(ctx, next) {
    const started = process.hrtime.bigint();
    const offered = ctx.get('X-Request-Id');
    ctx.state.requestId = CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    try {
      await next();
    } finally {
      logger.info('request', {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        schemaVersion: ctx.state.schema?.version ?? null,
        ...(ctx.state.errorCodes ? { errorCodes: ctx.state.errorCodes } : {}),
      });
      if (ctx.state.explainWarnings) logger.debug?.('explain warnings', { requestId: ctx.state.requestId, warnings: ctx.state.explainWarnings });
    }
  };
}
