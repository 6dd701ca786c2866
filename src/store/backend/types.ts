/**
 * The one thing the store needs from a database: run parameterised SQL, in
 * or out of a transaction, and hear notifications. PGlite and a PostgreSQL
 * server both speak the same dialect, so everything above this interface is
 * written once.
 */

import type { Sql, Statement } from '../sql/index.js';
import type { PreparedStatementCounts } from './prepared.js';

/** A row as the driver returns it; the store selects text and JSON only, so both drivers agree. */
export type Row = Record<string, unknown>;

export interface Executor {
  /** Runs one statement built with the `sql` tag (sql/fragment.ts), or rendered from one. */
  query(statement: Sql | Statement): Promise<Row[]>;
  /**
   * Runs SQL text; `params` are bound to $1, $2, ... (never spliced into the
   * text). For tests and tools: the store builds its statements with `sql`.
   */
  query(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * Parameterless commands that go to the database with a statement, in the
 * same exchange (riding.ts: a transaction's BEGIN and COMMIT): on PGlite one
 * call into its engine's thread, on a server one write answered in one round
 * trip. The statement's answer is the exchange's; the first error of the
 * three is its error. A statement that fails turns a following COMMIT into a
 * ROLLBACK (PostgreSQL's answer to COMMIT in a failed transaction), so a
 * failed statement commits nothing.
 */
export interface Around {
  readonly before?: string;
  readonly after?: string;
}

/** The statements of one transaction (Backend.transaction). */
export interface Transaction extends Executor {
  /**
   * Runs `statement` as the transaction's last and commits with it (a
   * failing statement rolls back, as any). Nothing may be sent in the
   * transaction after it, and the work must return once it answers: what it
   * throws then can no longer undo the commit. The statement and COMMIT go
   * to the database in one exchange (riding.ts).
   */
  queryAndCommit(statement: Sql | Statement): Promise<Row[]>;
}

/** One connection outside any transaction (Backend.session). */
export interface Session extends Executor {
  /** Runs `work` in one transaction on this session's connection. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export interface Backend extends Executor {
  /** "pglite:memory", "pglite:/path", "postgres://host:port/db" (no credentials). */
  readonly description: string;
  /**
   * How statements share the database: 'pool' (a server: while one
   * connection works, the others serve) or 'one' (PGlite: a statement has
   * the database to itself, and others wait for it).
   */
  readonly connections: 'one' | 'pool';
  /**
   * Whether the database keeps its planner statistics fresh itself (a
   * server's autovacuum). PGlite has no autovacuum: the store runs ANALYZE.
   */
  readonly autovacuum: boolean;
  /**
   * Rows that INSERT, UPDATE and DELETE statements reported written, in
   * committed transactions and outside them, since opening; counted where
   * `autovacuum` is false (0 elsewhere, where nothing needs the count).
   */
  rowsWritten(): number;
  /**
   * How statements were reused since opening. Each connection keeps the
   * statements the database plans (SELECT, WITH, INSERT, UPDATE, DELETE)
   * prepared under a name derived from their text, up to a limit per
   * connection (backend/prepared.ts): a statement run again on the same
   * connection is bound and executed, not parsed and analysed again.
   */
  preparedStatements(): PreparedStatementCounts;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection outside any transaction: for statements
   * that refuse to run in one (CREATE INDEX CONCURRENTLY) and for
   * session-level advisory locks. On a server the connection is the
   * session's alone and is closed afterwards, so nothing it holds or sets
   * outlives the session. PGlite's one connection is shared: other
   * statements run between the session's.
   */
  session<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` with the payload of every NOTIFY on `channel`; resolves
   * to an unsubscribe function. `onReconnect` runs after a lost listening
   * connection is re-established (notifications may have been missed).
   */
  listen(channel: string, listener: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Observes every statement sent to the database with its parameters (tests
 * count them; logs may trace them). `riding`: the statement goes in the same
 * exchange as the one observed before it (Around), so no round trip of its own.
 */
export type StatementHook = (sql: string, params: readonly unknown[], riding: boolean) => void;
