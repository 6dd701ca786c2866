/**
 * The log line of a failure whose details the client is not told (an
 * internal error, a database error): everything about it, with the request
 * id the answer names, scrubbed of the credentials the request carried.
 */
import type { LogFields, Logger } from './logger.js';
import { credentialsOf, redact } from './redact.js';
import type { ServerContext } from './state.js';

export function logFailure(logger: Logger, ctx: ServerContext, msg: string, error: unknown, fields: LogFields): void {
  const secrets = credentialsOf(ctx.headers, ctx.state.schema?.auth?.header);
  const sqlState = typeof (error as { code?: unknown })?.code === 'string' ? { errorCode: (error as { code: string }).code } : {};
  logger.error(msg, {
    requestId: ctx.state.requestId,
    ...fields,
    method: ctx.method,
    path: ctx.path,
    ...sqlState,
    error: redact(error instanceof Error ? (error.stack ?? error.message) : String(error), secrets),
  });
}
