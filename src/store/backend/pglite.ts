/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in this process: in memory, or
 * persisted in a data directory. One connection; PGlite serialises queries
 * and gives transactions exclusive use of it.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { lockDataDir } from './dir-lock.js';
import type { Backend, Executor, Row, StatementHook } from './types.js';

interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

function executor(target: Queryable, onStatement: StatementHook | undefined): Executor {
  return {
    async query(sql, params = []) {
      onStatement?.(sql);
      return (await target.query<Row>(sql, [...params])).rows;
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
  const base = executor(db, onStatement);
  return {
    description: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    query: base.query,
    transaction(work) {
      return db.transaction(async (tx) => {
        // PGlite issues BEGIN/COMMIT/ROLLBACK itself; report them so statement counts are honest.
        onStatement?.('BEGIN');
        try {
          const result = await work(executor(tx, onStatement));
          onStatement?.('COMMIT');
          return result;
        } catch (error) {
          onStatement?.('ROLLBACK');
          throw error;
        }
      });
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
}
