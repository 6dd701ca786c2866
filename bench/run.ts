/**
 * `npm run bench`: authline against a hand-built peer (graphql-yoga +
 * plugin-jwt + graphql-shield over the same data in PGlite) and against the
 * ceiling (bare Koa answering constant JSON), on loopback, in one run. See
 * docs/benchmarks.md for what each scenario is and how to read the ratios.
 *
 * Environment (defaults in brackets): BENCH_SECONDS [10] per measurement,
 * BENCH_WARMUP [2] seconds before each, BENCH_SETTLE [5] seconds of
 * scenario 1 on each server after loading, BENCH_CONNECTIONS [10],
 * BENCH_SIZE [10000x100000x100] users x todos x teams.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild, stopAll, type Child } from './lib/children.js';
import { FULL_SIZE, type DataSize } from './lib/data.js';
import { checkHonesty, HonestyError, PHASES } from './lib/honesty.js';
import { post } from './lib/http.js';
import { measure, type LoadOptions } from './lib/load.js';
import { buildResult, machine, table, type Row } from './lib/report.js';
import { scenarios } from './lib/scenarios.js';
import { startBench } from './lib/setup.js';

const load: LoadOptions = {
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};
const settleSeconds = Number(process.env.BENCH_SETTLE ?? 5);
const size = parseSize(process.env.BENCH_SIZE);
const RESULT = fileURLToPath(new URL('results/latest.json', import.meta.url));

process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
// Other work on the machine skews every figure: the load average is printed and kept with the result.
const loadAtStart = loadavg()[0];
log(`authline bench: ${machine()}, node ${process.version}, load average ${loadAtStart.toFixed(2)}`);
log(`data: ${size.users} users, ${size.todos} todos, ${size.teams} teams; ${load.connections} connections, ${load.warmupSeconds} s warm-up + ${load.seconds} s per measurement`);

let koa: Child | undefined;
let code = 0;
const bench = await startBench(size);
try {
  log(`authline imported ${size.users + size.todos} nodes through /admin/import in ${(bench.importMs / 1000).toFixed(1)} s; the peer was ready (its load included) after ${(bench.yogaReadyMs / 1000).toFixed(1)} s`);
  const { timed } = await scenarios(size).then(async (s) => {
    for (const line of await checkHonesty(bench, s.timed, s.forbidden)) log(`honesty: ${line}`);
    return s;
  });

  // The ceiling answers with the body authline gives to scenario 1.
  const first = timed[0];
  await bench.use(first.variant);
  const constant = JSON.stringify((await post(bench.url('authline', first.variant), first.request)).json);
  koa = await startChild('koa', 'koa', [constant]);

  const rows: Row[] = [];
  const record = (row: Row) => {
    rows.push(row);
    log(`${row.server.padEnd(8)} ${row.name.padEnd(24)} ${Math.round(row.rps).toString().padStart(6)} req/s  p50 ${row.p50_ms} ms  p99 ${row.p99_ms} ms`);
  };
  record({ name: 'ceiling', title: 'ceiling: Koa, constant JSON', server: 'koa', ...(await measure(koa.url, first.request, load)) });
  await koa.stop();

  // Both servers just loaded their data (a big heap to collect, pages never
  // read): a few seconds of scenario 1 on each, unrecorded, so the first
  // measurement is not also the one that pays for that.
  if (settleSeconds > 0) {
    for (const server of ['authline', 'yoga'] as const) {
      await measure(bench.url(server, first.variant), first.request, { ...load, warmupSeconds: 0, seconds: settleSeconds });
    }
    log(`settled: ${settleSeconds} s of scenario 1 on each server, not recorded`);
  }
  for (const variant of PHASES) {
    await bench.use(variant);
    for (const s of timed.filter((t) => t.variant === variant)) {
      for (const server of ['authline', 'yoga'] as const) {
        record({ name: s.name, title: s.title, server, ...(await measure(bench.url(server, variant), s.request, load)) });
      }
    }
  }

  const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
  const result = buildResult(rows, {
    ...load,
    settleSeconds,
    data: size,
    import_seconds: Math.round(bench.importMs / 100) / 10,
    wall_seconds: wallSeconds,
    load_average_1min: { start: round2(loadAtStart), end: round2(loadavg()[0]) },
  });
  mkdirSync(fileURLToPath(new URL('results', import.meta.url)), { recursive: true });
  writeFileSync(RESULT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${result.machine}, node ${result.node}, ${result.date}\n`);
  console.log(table(rows, result));
  console.log(`\nwritten to bench/results/latest.json; whole run ${wallSeconds} s`);
} catch (error) {
  code = 1;
  if (error instanceof HonestyError) console.error(`\nhonesty check failed, nothing was timed:\n${error.message}`);
  else console.error(error);
} finally {
  await koa?.stop();
  await bench.close();
}
process.exit(code);

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function parseSize(text: string | undefined): DataSize {
  if (!text) return FULL_SIZE;
  const [users, todos, teams] = text.split('x').map(Number);
  if (![users, todos, teams].every((n) => Number.isInteger(n) && n > 0) || users < 43) {
    throw new Error(`BENCH_SIZE must be USERSxTODOSxTEAMS with at least 43 users, got ${text}`);
  }
  return { users, todos, teams };
}
