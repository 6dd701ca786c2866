/**
 * `npm run bench`: authline against a hand-built peer (graphql-yoga +
 * plugin-jwt + graphql-shield over the same data), against two ceilings
 * (bare Koa answering constant JSON; Koa + graphql-js answering from
 * memory), on embedded PGlite and then on a throwaway PostgreSQL server,
 * with a series of data sizes for the owner rule, an add for an owner of
 * many todos, and authline's memory, on loopback, in one run. See
 * docs/benchmarks.md for what each part is and how to read the ratios.
 *
 * Environment (defaults in brackets): BENCH_SECONDS [8] per measurement,
 * BENCH_WARMUP [2] seconds before each, BENCH_SETTLE [5] seconds of
 * scenario 1 on each server after loading, BENCH_CONNECTIONS [10],
 * BENCH_SIZE [10000x100000x100] users x todos x teams, BENCH_SERIES
 * [1000,10000,100000] todos, BENCH_BIG_OWNER [5000] todos given to the big
 * owner, BENCH_ADD_REQUESTS [500] per add measurement, BENCH_RESULT
 * [bench/results/latest.json] where the result goes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopAll } from './lib/children.js';
import { FULL_SIZE, type DataSize } from './lib/data.js';
import { HonestyError } from './lib/honesty.js';
import type { LoadOptions } from './lib/load.js';
import { memoryOf, type Memory } from './lib/memory.js';
import { checkBench, settle, startGraphqljs, startSeries, timeCeilings, timeOwnerGrowth, timeScenarios, timeSeries, type Run } from './lib/phases.js';
import { serverVersion, startPostgres, type BenchDatabases } from './lib/postgres.js';
import { buildResult, machine, table, type Row } from './lib/report.js';
import { ownerGrowth, scenarios } from './lib/scenarios.js';
import { startBench, type Backend, type Bench } from './lib/setup.js';

const load: LoadOptions = {
  seconds: positive('BENCH_SECONDS', 8),
  warmupSeconds: positive('BENCH_WARMUP', 2, true),
  connections: positive('BENCH_CONNECTIONS', 10),
};
const settleSeconds = positive('BENCH_SETTLE', 5, true);
const size = parseSize(process.env.BENCH_SIZE);
const seriesSizes = parseSeries(process.env.BENCH_SERIES);
const bigOwnerTodos = positive('BENCH_BIG_OWNER', 5000);
const addRequests = positive('BENCH_ADD_REQUESTS', 500);
const RESULT = process.env.BENCH_RESULT || fileURLToPath(new URL('results/latest.json', import.meta.url));


const started = performance.now();
const seconds = () => Math.round((performance.now() - started) / 100) / 10;
const log = (line: string) => console.log(`[${seconds().toFixed(1).padStart(5)} s] ${line}`);
// Other work on the machine skews every figure: the load average is printed and kept with the result.
const loadAtStart = loadavg()[0];
log(`authline bench: ${machine()}, node ${process.version}, load average ${loadAtStart.toFixed(2)}`);
log(`data: ${size.users} users, ${size.todos} todos, ${size.teams} teams; ${load.connections} connections, ${load.warmupSeconds} s warm-up + ${load.seconds} s per measurement`);

const rows: Row[] = [];
const run: Run = {
  load,
  settleSeconds,
  log,
  record(row) {
    rows.push(row);
    log(`${row.server.padEnd(9)} ${row.backend.padEnd(8)} ${row.name.padEnd(24)} ${Math.round(row.rps).toString().padStart(6)} req/s  p50 ${row.p50_ms} ms  p99 ${row.p99_ms} ms`);
  },
};
const imports: Partial<Record<Backend, { authline_seconds: number; peer_ready_seconds: number }>> = {};
// Every server is started and loaded before anything is measured (none is
// measured while another loads; those waiting for their turn are idle), and
// stopped once its part is done.
let databases: BenchDatabases | undefined;
let code = 0;
process.once('SIGINT', () => void stopAll().then(() => databases?.close()).finally(() => process.exit(130)));
try {
  const { timed, forbidden } = await scenarios(size);
  const growth = await ownerGrowth(size, bigOwnerTodos);
  // The PGlite servers and the series' (each an embedded database) start one
  // after the other; the ceiling and the PostgreSQL phase alongside them.
  const [[onPglite, series], graphqljs, onPostgres] = await allStarted([
    loaded('pglite', () => startBench(size)).then(async (b) => [b, await startSeries(size, seriesSizes)] as const),
    startGraphqljs(size),
    startPostgres().then((db) => {
      databases = db;
      return loaded('postgres', () => startBench(size, { databases: db }));
    }),
  ] as const);
  const version = await serverVersion(databases!.authline);
  log(`all servers loaded; PostgreSQL ${version}`);
  const { bench: pglite, afterImport: pgliteLoaded } = onPglite;
  const { bench: postgres, afterImport: postgresLoaded } = onPostgres;

  // Embedded PGlite: both servers, the ceilings, the series, the big owner.
  await checkBench(run, pglite, timed, forbidden);
  await timeCeilings(run, pglite, timed, graphqljs);
  await graphqljs.stop();
  const pgliteSettled = await settle(run, pglite, timed[0]);
  await timeScenarios(run, pglite, timed);
  await timeSeries(run, pglite, size, seriesSizes, series);
  await timeOwnerGrowth(run, pglite, growth, addRequests);
  await pglite.close();

  // PostgreSQL: the same on one throwaway server, a database each.
  await checkBench(run, postgres, timed, forbidden);
  const postgresSettled = await settle(run, postgres, timed[0]);
  await timeScenarios(run, postgres, timed);
  await timeOwnerGrowth(run, postgres, growth, addRequests);
  await postgres.close();

  const result = buildResult(rows, {
    memory: {
      pglite: { after_import: pgliteLoaded, after_settle: pgliteSettled },
      postgres: { after_import: postgresLoaded, after_settle: postgresSettled },
    },
    series: seriesSizes,
    settings: {
      ...load,
      settleSeconds,
      data: size,
      series_todos: seriesSizes,
      big_owner_extra_todos: bigOwnerTodos,
      add_requests: addRequests,
      postgres_version: version,
      imports,
      wall_seconds: seconds(),
      load_average_1min: { start: round2(loadAtStart), end: round2(loadavg()[0]) },
    },
  });
  mkdirSync(dirname(RESULT), { recursive: true });
  writeFileSync(RESULT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${result.machine}, node ${result.node}, PostgreSQL ${version}, ${result.date}\n`);
  console.log(table(rows, result));
  console.log(`\nwritten to ${RESULT}; whole run ${seconds()} s`);
} catch (error) {
  code = 1;
  if (error instanceof HonestyError) console.error(`\nhonesty check failed:\n${error.message}`);
  else console.error(error);
} finally {
  // Every child, also of a part that failed or never ran; the JWKS servers end with this process.
  await stopAll();
  await databases?.close();
}
process.exit(code);

/** Waits for every start, so none is left half-done, then fails with the first that failed. */
async function allStarted<T extends readonly unknown[]>(starts: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const outcomes = await Promise.allSettled(starts);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Starts a backend's servers, logs how long loading took, and reads authline's memory right after. */
async function loaded(backend: Backend, start: () => Promise<Bench>): Promise<{ bench: Bench; afterImport: Memory }> {
  const bench = await start();
  const afterImport = memoryOf(bench.authlinePid);
  imports[backend] = { authline_seconds: Math.round(bench.importMs / 100) / 10, peer_ready_seconds: Math.round(bench.yogaReadyMs / 100) / 10 };
  log(
    `${backend}: authline imported ${size.users + size.todos} nodes through /admin/import in ${(bench.importMs / 1000).toFixed(1)} s (RSS ${afterImport.rssMb} MB); ` +
      `the peer was ready (its load included) after ${(bench.yogaReadyMs / 1000).toFixed(1)} s`,
  );
  return { bench, afterImport };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A positive number from the environment (or zero, where `zero` allows it). */
function positive(name: string, fallback: number, zero = false): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zero)) throw new Error(`${name} must be a ${zero ? 'non-negative' : 'positive'} number, got ${text}`);
  return n;
}

function parseSize(text: string | undefined): DataSize {
  if (!text) return FULL_SIZE;
  const [users, todos, teams] = text.split('x').map(Number);
  if (![users, todos, teams].every((n) => Number.isInteger(n) && n > 0) || users < 43) {
    throw new Error(`BENCH_SIZE must be USERSxTODOSxTEAMS with at least 43 users, got ${text}`);
  }
  return { users, todos, teams };
}

function parseSeries(text: string | undefined): number[] {
  if (!text) return [1_000, 10_000, 100_000];
  const sizes = text.split(',').map(Number);
  if (sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`BENCH_SERIES must be two or more todo counts separated by commas, got ${text}`);
  }
  return sizes;
}
