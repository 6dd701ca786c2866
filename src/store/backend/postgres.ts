/**
 * A PostgreSQL server through `pg`: a connection pool for statements and
 * transactions, and one dedicated connection per LISTEN subscription (a
 * pooled connection would miss notifications while idle in the pool).
 * Every wait on the server is bounded (connection-limits.ts), so a server
 * that is down or frozen fails requests in bounded time instead of holding
 * them.
 */
import pg from 'pg';
import { sql, statementOf, type Sql, type Statement } from '../sql/index.js';
import { connectionLimits, isConnectionLost } from './connection-limits.js';
import { PostgresStatements } from './postgres-statements.js';
import { checkedPreparedLimit, DEFAULT_PREPARED_STATEMENTS } from './prepared.js';
import { observeExchange, ridingTransaction } from './riding.js';
import type { Around, Backend, Executor, Row, StatementHook, Transaction } from './types.js';

/** Runs one statement, with the commands around it in the same exchange. */
type Run = (statement: Statement, around?: Around) => Promise<Row[]>;

/** `run` as an Executor, every statement (and every command around one) told to `onStatement`. */
function executor(run: Run, onStatement: StatementHook | undefined): Executor & { readonly run: Run } {
  const observed: Run = (statement, around) => {
    observeExchange(onStatement, statement, around);
    return run(statement, around);
  };
  return {
    run: observed,
    query: (async (query: Sql | Statement | string, values?: readonly unknown[]) => observed(statementOf(query, values))) as Executor['query'],
  };
}

/**
 * Runs `work` on a connection of the pool, as pool.query() would, but
 * keeps the connection after an error the server answered: it is fine, and
 * so are the statements it has prepared. Any other error drops it.
 */
async function pooled<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  // The connection breaking while checked out: its query fails too, and it is not pooled again.
  const onError = (error: Error) => { failure = error; };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) failure ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(failure);
  }
}

/**
 * Runs `work` in a transaction on one connection (riding.ts: BEGIN goes
 * with its first statement, COMMIT with its queryAndCommit statement),
 * rolling back if it throws; `broken` hears of a lost connection or a
 * failed ROLLBACK (the connection is unusable).
 */
async function inTransaction<T>(run: Run, work: (tx: Transaction) => Promise<T>, broken: () => void): Promise<T> {
  const tx = ridingTransaction(run);
  try {
    const result = await work(tx);
    // A transaction that sent nothing has nothing to commit.
    if (tx.begun && !tx.committed) await run(statementOf(sql`COMMIT`));
    return result;
  } catch (error) {
    // A connection that stopped answering would only time out again on ROLLBACK: drop it.
    if (isConnectionLost(error)) broken();
    else if (tx.begun) await run(statementOf(sql`ROLLBACK`)).catch(broken);
    throw error;
  }
}

/** The URL as it may appear in logs: no user, no password, no query string. */
function redactUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

const RECONNECT_DELAY_MS = 1000;

/**
 * `statementTimeoutMs`: PostgreSQL's statement_timeout for every statement;
 * 0 for none. `preparedStatements`: named statements each connection keeps
 * (postgres-statements.ts); 0 prepares none.
 */
export async function openPostgres(
  databaseUrl: string, onStatement?: StatementHook, poolSize = 10, statementTimeoutMs = 0, preparedStatements = DEFAULT_PREPARED_STATEMENTS,
): Promise<Backend> {
  const limits = connectionLimits(statementTimeoutMs);
  const statements = new PostgresStatements(checkedPreparedLimit(preparedStatements));
  /** Statements on one connection; in a transaction nothing is retried (an error aborted it). */
  const on = (client: pg.ClientBase, inTransaction: boolean) =>
    executor(({ sql, params }, around) => statements.run(client, sql, [...params], inTransaction, around), onStatement);
  // Pipelined: a statement and the commands riding with it are written at once and answered in one round trip
  // (postgres-statements.ts). Each connection still serves one caller at a time.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, pipeline: true, ...limits.pool });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const base = executor(({ sql, params }) => pooled(pool, (client) => statements.run(client, sql, [...params], false)), onStatement);
  const subscriptions = new Set<() => Promise<void>>();

  return {
    description: redactUrl(databaseUrl),
    connections: 'pool',
    autovacuum: true,
    rowsWritten: () => 0,
    preparedStatements: () => statements.counts(),
    query: base.query,
    async transaction(work) {
      const client = await pool.connect();
      let healthy = true;
      try {
        return await inTransaction(on(client, true).run, work, () => { healthy = false; });
      } finally {
        // An unusable connection is dropped instead of pooled.
        client.release(!healthy);
      }
    },
    async session(work) {
      // A connection of its own, outside the pool and its statement timeout (connection-limits.ts).
      const client = new pg.Client({ connectionString: databaseUrl, ...limits.session });
      client.on('error', () => {});
      await client.connect();
      try {
        return await work({ query: on(client, false).query, transaction: (inner) => inTransaction(on(client, true).run, inner, () => {}) });
      } finally {
        // Closed, never pooled: its advisory locks and settings end with it.
        await client.end().catch(() => {});
      }
    },
    async listen(channel, listener, onReconnect) {
      let client: pg.Client | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: databaseUrl, ...limits.listening });
        next.on('notification', (message) => {
          if (message.channel === channel) listener(message.payload ?? '');
        });
        next.on('error', () => scheduleReconnect());
        next.on('end', () => scheduleReconnect());
        await next.connect();
        await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = next;
      };
      const scheduleReconnect = (): void => {
        if (stopped || retry) return;
        client = undefined;
        retry = setTimeout(() => {
          retry = undefined;
          connect().then(() => onReconnect?.(), () => scheduleReconnect());
        }, RECONNECT_DELAY_MS);
        retry.unref();
      };
      await connect();
      const unsubscribe = async (): Promise<void> => {
        if (stopped) return;
        stopped = true;
        subscriptions.delete(unsubscribe);
        if (retry) clearTimeout(retry);
        const current = client;
        client = undefined;
        if (current) {
          current.removeAllListeners('end');
          current.removeAllListeners('error');
          current.on('error', () => {});
          await current.end().catch(() => {});
        }
      };
      subscriptions.add(unsubscribe);
      return unsubscribe;
    },
    async close() {
      await Promise.all([...subscriptions].map((stop) => stop()));
      await pool.end();
    },
  };
}
