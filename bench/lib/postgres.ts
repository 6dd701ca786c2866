/**
 * The PostgreSQL phase's server: the throwaway PostgreSQL the tests use
 * (test/support/postgres.ts: initdb into a temporary directory, as the
 * `postgres` user when we are root, on a free loopback port, removed at the
 * end), or the test runner's when the bench runs inside `npm test`. authline
 * and the peer get a database each on it.
 */
import pg from 'pg';
import { createTestDatabase, stopOwnCluster } from '../../test/support/postgres.js';

export interface BenchDatabases {
  readonly authline: string;
  readonly peer: string;
  /** Drops both databases and stops the server if the bench started it. */
  close(): Promise<void>;
}

export async function startPostgres(): Promise<BenchDatabases> {
  const authline = await createTestDatabase();
  const peer = await createTestDatabase();
  return {
    authline: authline.url,
    peer: peer.url,
    async close() {
      await Promise.all([authline.drop(), peer.drop()]);
      await stopOwnCluster();
    },
  };
}

/** The server's major version, for the report (the bench is specified on PostgreSQL 15). */
export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}
