/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in this process: in memory, or
 * persisted in a data directory. One connection; PGlite serialises queries
 * and gives transactions exclusive use of it.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { lockDataDir } from './dir-lock.js';
import { statementOf, type Sql, type Statement } from '../sql/index.js';
import type { Backend, Executor, Row, StatementHook } from './types.js';

interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
}

/** Runs statements on `target`, telling `wrote` how many rows each inserted, updated or deleted. */
function executor(target: Queryable, onStatement: StatementHook | undefined, wrote: (rows: number) => void): Executor {
  return {
    async query(query: Sql | Statement | string, values?: readonly unknown[]) {
      const { sql, params } = statementOf(query, values);
      onStatement?.(sql, params);
      const result = await target.query<Row>(sql, [...params]);
      wrote(result.affectedRows ?? 0);
      return result.rows;
    },
  };
}

export async function openPglite(dataDir: string | undefined, onStatement?: StatementHook): Promise<Backend> {
  const unlock = dataDir === undefined ? async () => undefined : await lockDataDir(dataDir);
  let db: PGlite;
  try {
    // pg_trgm backs the trigram/regexp indexes, as on a server with contrib installed.
    db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  } catch (error) {
    await unlock();
    throw error;
  }
  // Rows written, for the ANALYZE that autovacuum would run (statistics.ts); a
  // transaction's rows count once it has committed (a rollback writes nothing).
  let written = 0;
  const base = executor(db, onStatement, (rows) => { written += rows; });
  const backend: Backend = {
    description: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    connections: 'one',
    autovacuum: false,
    rowsWritten: () => written,
    query: base.query,
    async transaction(work) {
      let pending = 0;
      const result = await db.transaction(async (tx) => {
        // PGlite issues BEGIN/COMMIT/ROLLBACK itself; report them so statement counts are honest.
        onStatement?.('BEGIN', []);
        try {
          const value = await work(executor(tx, onStatement, (rows) => { pending += rows; }));
          onStatement?.('COMMIT', []);
          return value;
        } catch (error) {
          onStatement?.('ROLLBACK', []);
          throw error;
        }
      });
      written += pending;
      return result;
    },
    session(work) {
      // The one connection, shared: other statements run between the session's.
      return work({ query: base.query, transaction: (inner) => backend.transaction(inner) });
    },
    async listen(channel, listener) {
      // Only this process can open a PGlite database, so NOTIFY never comes from elsewhere;
      // listening still works for stores that share this instance.
      const stop = await db.listen(channel, listener);
      return async () => { await stop(); };
    },
    async close() {
      try {
        await db.close();
      } finally {
        await unlock();
      }
    },
  };
  return backend;
}
