/**
 * The peer's database, one interface over both backends authline has:
 * PGlite in the server's process (the engine authline embeds) or a
 * PostgreSQL server through a `pg` pool (of 10 connections, authline's
 * default pool size). The peer's SQL is the same on both; like most hand-built
 * servers it sends unnamed statements (no prepared-statement names).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface PeerDb extends Queryable {
  /** Runs a script of statements without parameters. */
  exec(script: string): Promise<void>;
  /** `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const PEER_POOL_SIZE = 10;

export function openPeerDb(databaseUrl: string | undefined): PeerDb {
  return databaseUrl ? postgres(databaseUrl) : pglite();
}

function pglite(): PeerDb {
  const db = new PGlite();
  return {
    query: (text, params) => db.query(text, params),
    exec: async (script) => void (await db.exec(script)),
    transaction: (work) => db.transaction((tx) => work({ query: (text, params) => tx.query(text, params) })),
    close: () => db.close(),
  };
}

function postgres(url: string): PeerDb {
  const pool = new pg.Pool({ connectionString: url, max: PEER_POOL_SIZE });
  const query = async <T>(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as T[] });
  return {
    query: (text, params) => query(pool, text, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (text, params) => query(client, text, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
