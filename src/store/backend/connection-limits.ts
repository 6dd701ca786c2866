/**
 * Bounds on every wait for a PostgreSQL server, so that a server that is
 * down, unreachable or frozen (SIGSTOP, a stalled network) fails a request in
 * bounded time instead of holding it, and its pool slot, forever:
 *   - connecting, or waiting for a free pooled connection: CONNECT_TIMEOUT_MS;
 *   - a statement: the server's own `statement_timeout` (SQLSTATE 57014),
 *     and, should the server not answer at all, the driver gives up
 *     QUERY_TIMEOUT_MARGIN_MS later and drops the connection;
 *   - a transaction left open by a client that went quiet:
 *     `idle_in_transaction_session_timeout`, so its locks do not outlive it;
 *   - TCP keepalive, so a peer that vanished is noticed on idle connections.
 */
import type pg from 'pg';

export const CONNECT_TIMEOUT_MS = 5_000;
export const QUERY_TIMEOUT_MARGIN_MS = 2_000;
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export interface ConnectionLimits {
  readonly pool: pg.PoolConfig;
  /** A LISTEN connection's: it waits for notifications without end, so no statement limits. */
  readonly listening: pg.ClientConfig;
  /**
   * A schema upload's session: building an index over a large table may take
   * longer than any request should, and a build cut short leaves an INVALID
   * index behind, so no statement limits; a transaction left idle still ends.
   */
  readonly session: pg.ClientConfig;
}

export function connectionLimits(statementTimeoutMs: number): ConnectionLimits {
  if (!Number.isSafeInteger(statementTimeoutMs) || statementTimeoutMs < 0) {
    throw new TypeError(`statementTimeoutMs must be a whole number of milliseconds (0 for no limit), got ${String(statementTimeoutMs)}`);
  }
  const listening = { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true };
  const statements = statementTimeoutMs > 0
    ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS }
    : {};
  return {
    pool: { ...listening, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS, ...statements },
    listening,
    session: { ...listening, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS },
  };
}

/** The driver's own words when the server did not answer in time or the connection broke. */
const LOST = /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated)/;

/** An error after which the connection is unusable: the server stopped answering or the connection went. */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof Error && LOST.test(error.message);
}
