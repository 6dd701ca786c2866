/**
 * `npm run bench:pglite`: what running PGlite in a worker thread costs, and
 * what durability costs. Prints, with the machine's load average (other
 * work skews every figure):
 *
 * - the worker hop: µs per statement for `SELECT 1` and for a read shaped
 *   like the store's (20 nodes aggregated into one JSON value), through the
 *   backend, against the same statements on PGlite in this thread (what
 *   authline did before);
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
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * µs per statement on each of `runs`, median and mean over STATEMENTS runs
 * each, after a warm-up; measured in alternating blocks, so that a change in
 * the machine's load meanwhile touches both alike.
 */
async function perStatement(runs: readonly Run[], sql: string, params: () => unknown[] = () => []): Promise<{ median: number; mean: number }[]> {
  for (const run of runs) for (let i = 0; i < 200; i++) await run(sql, params());
  const times: number[][] = runs.map(() => []);
  const BLOCKS = 10;
  for (let block = 0; block < BLOCKS; block++) {
    for (const [r, run] of runs.entries()) {
      for (let i = 0; i < STATEMENTS / BLOCKS; i++) {
        const started = performance.now();
        await run(sql, params());
        times[r].push((performance.now() - started) * 1000);
      }
    }
  }
  return times.map((t) => ({ median: median(t), mean: t.reduce((a, b) => a + b, 0) / t.length }));
}

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
  const [worker, workerOpenMs] = await timed(() => openPglite());
  log(`open in memory: ${fmt(directOpenMs)} ms in this thread (PGlite's memory filesystem), ${fmt(workerOpenMs)} ms in a worker (private temporary directory)`);
  for (const sql of SETUP) {
    await direct.query(sql);
    await worker.query(sql);
  }
  const runDirect: Run = (sql, params) => direct.query(sql, params);
  const runWorker: Run = (sql, params) => worker.query(sql, params);
  let offset = 0;
  const next = () => [(offset = (offset + 37) % 980)];
  log('µs per statement (median / mean)        in this thread   in a worker   hop (median)');
  for (const [name, sql, params] of [['SELECT 1', 'SELECT 1', () => []], ['20-node JSON read', JSON_READ, next]] as const) {
    const [a, b] = await perStatement([runDirect, runWorker], sql, params);
    log(`  ${name.padEnd(36)} ${fmt(a.median)} / ${fmt(a.mean)}  ${fmt(b.median)} / ${fmt(b.mean)}  ${fmt(b.median - a.median)}`);
  }
  log(`writes/s in memory: ${fmt(await writesPerSecond(runDirect))} in this thread, ${fmt(await writesPerSecond(runWorker))} in a worker`);
  await direct.close();
  await worker.close();

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
