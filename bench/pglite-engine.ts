/**
 * `npm run bench:pglite`: what running PGlite in a worker thread costs, and
 * what durability costs. Prints, with the machine's load average (other
 * work skews every figure):
 *
 * - the worker hop: µs per statement for `SELECT 1` and for a read shaped
 *   like the store's (20 nodes aggregated into one JSON value), through the
 *   backend, against the same statements on PGlite in this thread (what
 *   authline did before); through the backend both unprepared (as PGlite's
 *   query() sends them: `preparedStatements: 0`) and prepared (the default:
 *   parsed once, then bound and executed; bench/prepared.ts measures the
 *   store's own statements);
 * - writes/s (one-row INSERT, each its own transaction) on a data directory
 *   with fsync on (the default) and off, and in memory (the backend's
 *   private temporary directory against PGlite's own in-memory filesystem);
 * - how long opening takes (a fresh directory runs initdb) and how long a
 *   restart after a fault takes until the next statement answers.
 *
 * It measures the built code (dist/, which `npm run bench:pglite` builds):
 * run from the TypeScript sources, each worker would first load tsx.
 *
 * Environment: BENCH_STATEMENTS [2000] per read measurement, BENCH_WRITES
 * [300] per write measurement, BENCH_RESTARTS [5].
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import type { Backend } from '../src/store/backend/types.js';
import { median, perStatement } from './lib/per-statement.js';
import { machine } from './lib/report.js';

const built = new URL('../dist/store/backend/pglite.js', import.meta.url);
if (!existsSync(built)) throw new Error('dist/ is missing: npm run build');
const { openPglite } = await import(built.href) as typeof import('../src/store/backend/pglite.js');

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 2000);
const WRITES = Number(process.env.BENCH_WRITES ?? 300);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 5);

type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

const SETUP = [
  'CREATE TABLE node (uid bigint PRIMARY KEY, data jsonb)',
  `INSERT INTO node SELECT g, jsonb_build_object('Todo.title', 'todo ' || g, 'Todo.done', g % 2 = 0, 'Todo.rank', g) FROM generate_series(1, 1000) g`,
  'CREATE TABLE w (i int PRIMARY KEY, v text)',
];
/** The store's read shape: one statement, one row, one JSON value. */
const JSON_READ = `SELECT COALESCE(json_agg(json_build_object('id', n.uid, 'title', n.data->'Todo.title', 'done', n.data->'Todo.done') ORDER BY n.uid), '[]'::json) AS result
  FROM (SELECT uid, data FROM node WHERE uid > $1 ORDER BY uid LIMIT 20) n`;

const log = (line: string) => console.log(line);

async function writesPerSecond(run: Run): Promise<number> {
  await run('TRUNCATE w');
  const started = performance.now();
  for (let i = 0; i < WRITES; i++) await run('INSERT INTO w VALUES ($1, $2)', [i, 'x'.repeat(100)]);
  return WRITES / ((performance.now() - started) / 1000);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

const fmt = (n: number) => n.toFixed(0).padStart(7);

log(`PGlite engine bench: ${machine()}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`);
const scratch = await mkdtemp(join(tmpdir(), 'authline-bench-pglite-'));
try {
  // The hop: the same statements in this thread and through the worker.
  const [direct, directOpenMs] = await timed(() => PGlite.create());
  const [worker, workerOpenMs] = await timed(() => openPglite({ preparedStatements: 0 }));
  const prepared = await openPglite();
  log(`open in memory: ${fmt(directOpenMs)} ms in this thread (PGlite's memory filesystem), ${fmt(workerOpenMs)} ms in a worker (private temporary directory)`);
  for (const sql of SETUP) {
    await direct.query(sql);
    await worker.query(sql);
    await prepared.query(sql);
  }
  const runDirect: Run = (sql, params) => direct.query(sql, params);
  const runWorker: Run = (sql, params) => worker.query(sql, params);
  const runPrepared: Run = (sql, params) => prepared.query(sql, params);
  let offset = 0;
  const next = () => [(offset = (offset + 37) % 980)];
  log('µs per statement (median / mean)        in this thread   in a worker   hop (median)   in a worker, prepared');
  for (const [name, sql, params] of [['SELECT 1', 'SELECT 1', () => []], ['20-node JSON read', JSON_READ, next]] as const) {
    const [a, b, c] = await perStatement([runDirect, runWorker, runPrepared].map((run) => () => run(sql, params())), STATEMENTS);
    log(`  ${name.padEnd(36)} ${fmt(a.median)} / ${fmt(a.mean)}  ${fmt(b.median)} / ${fmt(b.mean)}  ${fmt(b.median - a.median)}        ${fmt(c.median)} / ${fmt(c.mean)}`);
  }
  log(`writes/s in memory: ${fmt(await writesPerSecond(runDirect))} in this thread, ${fmt(await writesPerSecond(runPrepared))} in a worker`);
  await direct.close();
  await worker.close();
  await prepared.close();

  // Durability: the same writes on a data directory, fsync on and off.
  for (const fsync of [true, false]) {
    const dataDir = join(scratch, `fsync-${fsync ? 'on' : 'off'}`);
    const [db, openMs] = await timed(() => openPglite({ dataDir, fsync }));
    for (const sql of SETUP) await db.query(sql);
    log(`data directory, fsync ${fsync ? 'on ' : 'off'}: ${fmt(await writesPerSecond((sql, params) => db.query(sql, params)))} writes/s (opened, with initdb, in ${fmt(openMs)} ms)`);
    await db.close();
  }

  // Restarts: a fault, then the time until the next statement answers. After a crash PostgreSQL
  // syncs the whole data directory before recovering when fsync is on, which is most of the difference.
  for (const fsync of [true, false]) {
    const [db, reopenMs] = await timed(() => openPglite({ dataDir: join(scratch, `fsync-${fsync ? 'on' : 'off'}`), fsync }));
    log(`fsync ${fsync ? 'on ' : 'off'}: reopen an existing directory ${fmt(reopenMs)} ms; ${await restarts(db)}`);
    await db.close();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

async function restarts(db: Backend): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    await db.query('SELECT $1 ~ $2', ['x', 'a'.repeat(100_000)]).catch(() => undefined);
    times.push((await timed(() => db.query('SELECT 1')))[1]);
  }
  return `restart after a fault, until the next statement answers: median ${fmt(median(times))} ms (${times.map((t) => t.toFixed(0)).join(', ')})`;
}
log(`load average at the end ${loadavg()[0].toFixed(2)}`);
