/**
 * What a client is told when a root field fails in the database or in
 * authline itself, rather than with one of the store's typed errors: a fixed
 * text chosen by what failed (PostgreSQL's SQLSTATE, the driver's failure,
 * the embedded engine's), never the database's own words, which may name
 * hosts, ports, tables or memory ("connect ECONNREFUSED 10.0.0.5:5432",
 * "memory exhausted"). The details go to the log with the request id, which
 * the text names so that an operator can find them.
 */
import type { Cause } from './dgraph-errors.js';

/** The codes of such failures (docs/http.md#error-codes). */
export type FailureCode = 'STORE_UNAVAILABLE' | 'STATEMENT_TIMEOUT' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR';

/** Node's errno codes for a server that cannot be reached or went away. */
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** pg's words for a server that did not answer in time or a connection that broke. */
const DRIVER_LOST = /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/;

const TEXTS: Readonly<Record<FailureCode, string>> = {
  STORE_UNAVAILABLE: 'the database is unavailable',
  STATEMENT_TIMEOUT: 'the query ran longer than the statement timeout and was stopped',
  BAD_USER_INPUT: 'the database cannot run it: a regular expression or the query is too complex',
  INTERNAL_SERVER_ERROR: 'of an internal error',
};

export function failureCode(error: unknown): FailureCode {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  if (code === '57014') return 'STATEMENT_TIMEOUT';
  // invalid_regular_expression (too complex included), program_limit_exceeded (statement_too_complex...)
  if (code === '2201B' || code.startsWith('54')) return 'BAD_USER_INPUT';
  // connection_exception, admin/crash shutdown, cannot_connect_now, too_many_connections; the engine broke
  if (code.startsWith('08') || /^57P0[1-5]$/.test(code) || code === '53300' || code === 'XX000' || UNREACHABLE_ERRNO.has(code)) {
    return 'STORE_UNAVAILABLE';
  }
  if (error instanceof Error && DRIVER_LOST.test(error.message)) return 'STORE_UNAVAILABLE';
  return 'INTERNAL_SERVER_ERROR';
}

/** The cause a client reads, with the request id to find the details in the log; the failure rides along for the server to log. */
export function databaseFailure(error: unknown, requestId: string | undefined): Cause {
  const code = failureCode(error);
  const where = requestId === undefined ? 'the server log has the details' : `request id ${requestId}; the server log has the details`;
  return { message: `${TEXTS[code]} (${where})`, code, error: error instanceof Error ? error : new Error(String(error)) };
}
