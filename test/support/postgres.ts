/**
 * Fresh, isolated PostgreSQL databases for tests. The test runner starts one
 * throwaway cluster and exports AUTHLINE_TEST_PG_URL; a test file run on its
 * own starts a cluster of its own. Either way each call gets a new database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPgCluster, type PgCluster } from './pg-cluster.js';

let ownCluster: Promise<PgCluster> | undefined;

async function maintenanceUrl(): Promise<string> {
  const shared = process.env.AUTHLINE_TEST_PG_URL;
  if (shared) return shared;
  ownCluster ??= startPgCluster().then((cluster) => {
    process.once('exit', () => { void cluster.stop(); });
    return cluster;
  });
  return (await ownCluster).url;
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A new database; with `template` (a TestDatabase no session is connected
 * to), a copy of it, which PostgreSQL makes by copying files: much cheaper
 * than loading the same data again.
 */
export async function createTestDatabase(template?: TestDatabase): Promise<TestDatabase> {
  const admin = await maintenanceUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const from = template ? ` TEMPLATE ${new URL(template.url).pathname.slice(1)}` : '';
  try { await client.query(`CREATE DATABASE ${name}${from}`); } finally { await client.end(); }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); }
    },
  };
}

/** Stops a cluster this process started (no-op when the runner owns it). */
export async function stopOwnCluster(): Promise<void> {
  if (ownCluster) await (await ownCluster).stop();
  ownCluster = undefined;
}
