/**
 * `node --import tsx bench/prepared.ts` (after `npm run build`): what named
 * prepared statements save per statement, on PGlite and on PostgreSQL.
 * Each statement runs on two backends over the same data: one that prepares
 * statements (the default) and one with `preparedStatements: 0`, which
 * sends every statement as before (PGlite's query(); pg's unnamed
 * statements), in alternating blocks. Prints µs per statement (median /
 * mean) and, as proof the first backend reused its statements, its counts.
 *
 * The statements: `SELECT 1`; the list read (`queryTodo(first: 20)` as an
 * ADMIN under the bench's HS256 schema: RBAC decided before SQL); the
 * owner-rule read (the same list for a USER: the owner rule in SQL). The
 * last two are the store's own, captured while authline answered them.
 *
 * Environment: BENCH_STATEMENTS [1000] per measurement, BENCH_USERS [1000],
 * BENCH_TODOS [10000]; BENCH_DATABASE_URL, a server to create a scratch
 * database on (otherwise a throwaway PostgreSQL cluster is started).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../src/store/backend/types.js';
import type * as Public from '../src/index.js';
import { createTestDatabase, stopOwnCluster } from '../test/support/postgres.js';
import { dgraphJson, generate } from './lib/data.js';
import { graphql, post } from './lib/http.js';
import { perStatement } from './lib/per-statement.js';
import { machine } from './lib/report.js';
import { authlineSdl } from './lib/schema.js';
import { hs256 } from './lib/tokens.js';

const dist = (path: string) => {
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(url)) throw new Error('dist/ is missing: npm run build');
  return url.href;
};
const { createService, jsonLogger, openStore, startServer } = await import(dist('index.js')) as typeof Public;
const { openPglite } = await import(dist('store/backend/pglite.js')) as typeof import('../src/store/backend/pglite.js');
const { openPostgres } = await import(dist('store/backend/postgres.js')) as typeof import('../src/store/backend/postgres.js');

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 1000);
const size = { users: Number(process.env.BENCH_USERS ?? 1000), todos: Number(process.env.BENCH_TODOS ?? 10_000), teams: 100 };

interface Captured {
  readonly name: string;
  readonly sql: string;
  readonly params: readonly unknown[];
}

const LIST = '{ queryTodo(first: 20) { id title done } }';
const log = (line: string) => console.log(line);
const fmt = (n: number) => n.toFixed(0).padStart(6);

/** The data set and the bench's HS256 schema in a store; the reads' statements as authline sent them. */
async function capture(storeOptions: Public.StoreOptions): Promise<Captured[]> {
  let sink: { sql: string; params: readonly unknown[] }[] | undefined;
  const store = await openStore({ ...storeOptions, onStatement: (sql, params) => sink?.push({ sql, params }) });
  const service = await createService({ store, verifier: { logger: () => {} } });
  const server = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}) });
  try {
    await service.uploadSchema(authlineSdl('hs256'));
    await service.importData(dgraphJson(generate(size)));
    const reads: Captured[] = [{ name: 'SELECT 1', sql: 'SELECT 1', params: [] }];
    for (const [name, claims] of [['list read (RBAC)', { ROLE: 'ADMIN' }], ['owner-rule read', { ROLE: 'USER', USER: 'user42' }]] as const) {
      sink = [];
      const answer = await post(`${server.url}/graphql`, graphql(LIST, await hs256(claims)));
      const items = (answer.json.data as { queryTodo?: unknown[] } | undefined)?.queryTodo;
      if (!items?.length) throw new Error(`${name}: no todos in the answer: ${JSON.stringify(answer.json)}`);
      const statements = sink.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.sql));
      if (statements.length !== 1) throw new Error(`${name}: expected one read statement, saw ${statements.length}`);
      reads.push({ name, ...statements[0] });
      sink = undefined;
    }
    return reads;
  } finally {
    await server.close();
    await service.close();
  }
}

async function report(title: string, prepared: Backend, unnamed: Backend, statements: readonly Captured[]): Promise<void> {
  log(`${title}: µs per statement (median / mean)   unprepared      prepared   saved (median)`);
  for (const statement of statements) {
    const [before, after] = await perStatement([unnamed, prepared].map((db) => () => db.query(statement.sql, statement.params)), STATEMENTS, 100);
    const saved = 1 - after.median / before.median;
    log(`  ${statement.name.padEnd(34)} ${fmt(before.median)} / ${fmt(before.mean)}  ${fmt(after.median)} / ${fmt(after.mean)}   ${(saved * 100).toFixed(0).padStart(3)}% (${(before.median / after.median).toFixed(2)}×)`);
  }
  log(`  statement sizes: ${statements.map((s) => `${s.name} ${s.sql.length} chars`).join(', ')}`);
  log(`  the prepared backend's counts: ${JSON.stringify(prepared.preparedStatements())}`);
}

log(`prepared statements bench: ${machine()}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}; ${size.users} users, ${size.todos} todos`);
const scratch = await mkdtemp(join(tmpdir(), 'authline-bench-prepared-'));
try {
  // PGlite: one data directory, copied, so both backends read the same data.
  const dataDir = join(scratch, 'prepared');
  const statements = await capture({ dataDir, fsync: false });
  await cp(dataDir, join(scratch, 'unnamed'), { recursive: true });
  const prepared = await openPglite({ dataDir, fsync: false });
  const unnamed = await openPglite({ dataDir: join(scratch, 'unnamed'), fsync: false, preparedStatements: 0 });
  try {
    await report('PGlite', prepared, unnamed, statements);
  } finally {
    await prepared.close();
    await unnamed.close();
  }

  // PostgreSQL: one database, two pools of one connection each.
  if (process.env.BENCH_DATABASE_URL) process.env.AUTHLINE_TEST_PG_URL = process.env.BENCH_DATABASE_URL;
  const database = await createTestDatabase();
  try {
    const pgStatements = await capture({ databaseUrl: database.url });
    const pgPrepared = await openPostgres(database.url, undefined, 1);
    const pgUnnamed = await openPostgres(database.url, undefined, 1, 0, 0);
    try {
      await report('PostgreSQL', pgPrepared, pgUnnamed, pgStatements);
    } finally {
      await pgPrepared.close();
      await pgUnnamed.close();
    }
  } finally {
    await database.drop();
    await stopOwnCluster();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
log(`load average at the end ${loadavg()[0].toFixed(2)}`);
