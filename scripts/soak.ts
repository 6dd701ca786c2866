/**
 * `npm run soak`: the long version of the fault suite (test/hardening), not
 * part of `npm test`. See docs/hardening.md. On each backend, embedded PGlite
 * in a data directory and a throwaway PostgreSQL (test/support/pg-cluster.ts):
 *
 * - kill -9 cycles of `authline serve` with concurrent writers: each cycle
 *   writes until a random number of writes is acknowledged, kills the
 *   server with writes in flight, restarts it on the same store and counts
 *   the acknowledged writes that are missing (must be 0);
 * - the same on PGlite as PID 1 of a new PID namespace, as in a container
 *   (skipped, with the reason, where that is not possible);
 * - issue 12's regexp freeze, repeatedly; then, while PGlite's engine
 *   restarts, a query that needs no database (under 500 ms), a read (it
 *   must answer) and /health (under 2 s), timed in parallel;
 * - the resident memory of every authline process: its peak while starting
 *   (VmHWM when it listens: a fresh directory's initdb is the high point)
 *   and its peak while serving (sampled every 100 ms), the latter against
 *   SOAK_MAX_RSS_MB.
 *
 * Exits 1 if a write was lost, a request hung, or memory passed the bound.
 * Environment: SOAK_CYCLES [10] kill -9 cycles per backend, SOAK_WRITERS [8]
 * concurrent writers, SOAK_FREEZES [5] regexp freezes per backend,
 * SOAK_MAX_RSS_MB [768].
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine } from '../bench/lib/report.js';
import { pid1Unavailable, serve, type Served } from '../test/hardening/support/serve-process.js';
import { acknowledgedAtLeast, lostWrites, startWrites, uploadNotesSchema } from '../test/hardening/support/writes.js';
import { createTestDatabase, stopOwnCluster } from '../test/support/postgres.js';

const CYCLES = Number(process.env.SOAK_CYCLES ?? 10);
const WRITERS = Number(process.env.SOAK_WRITERS ?? 8);
const FREEZES = Number(process.env.SOAK_FREEZES ?? 5);
const MAX_RSS_MB = Number(process.env.SOAK_MAX_RSS_MB ?? 768);
/** A regexp filter that breaks PGlite's regex compiler (PostgreSQL answers it, slowly). */
const BREAKER = `/${'a'.repeat(100_000)}/`;

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const failures: string[] = [];

interface Outcome {
  readonly name: string;
  cycles: number;
  acknowledged: number;
  lost: number;
  cut: number;
  startRssMb: number;
  servingRssMb: number;
  startMs: number[];
  freezeMs: number[];
  parallelMs: { readonly typename: number[]; readonly read: number[]; readonly health: number[] };
}

function outcome(name: string): Outcome {
  return { name, cycles: 0, acknowledged: 0, lost: 0, cut: 0, startRssMb: 0, servingRssMb: 0, startMs: [], freezeMs: [], parallelMs: { typename: [], read: [], health: [] } };
}

/** A memory figure of a process, in MB (Linux): VmHWM is the peak so far, VmRSS now. */
function memory(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // gone
  }
}

/** Starts a server, records its start time and start peak, and samples its memory while it serves. */
async function start(result: Outcome, store: readonly string[], pid1: boolean): Promise<Served> {
  const begun = performance.now();
  // The freezes need a regexp longer than the request limit allows by default.
  const server = await serve({ store, pid1, env: { AUTHLINE_MAX_REGEXP_LENGTH: String(BREAKER.length) } });
  result.startMs.push(performance.now() - begun);
  result.startRssMb = Math.max(result.startRssMb, memory(server.pid, 'VmHWM'));
  const sampler = setInterval(() => { result.servingRssMb = Math.max(result.servingRssMb, memory(server.pid, 'VmRSS')); }, 100);
  const stopSampling = <T>(value: T) => { clearInterval(sampler); return value; };
  return { ...server, kill: () => server.kill().then(stopSampling), stop: () => server.stop().then(stopSampling) };
}

/** kill -9 cycles: write, kill with writes in flight, restart, count what is missing. */
async function killCycles(result: Outcome, store: readonly string[], pid1: boolean): Promise<void> {
  const acknowledged: string[] = [];
  let server = await start(result, store, pid1);
  await uploadNotesSchema(server.url);
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const writes = startWrites(server.url, `${result.name}-${cycle}`, WRITERS);
    try {
      await acknowledgedAtLeast(writes, 20 + Math.floor(Math.random() * 300));
      await server.kill();
    } finally {
      await writes.stop();
    }
    acknowledged.push(...writes.acknowledged);
    result.cut += writes.failed;
    server = await start(result, store, pid1);
    const lost = await lostWrites(server.url, acknowledged);
    result.lost = lost.length;
    result.cycles++;
    log(`${result.name}: cycle ${cycle + 1}/${CYCLES}: ${acknowledged.length} acknowledged so far, ${lost.length} lost${lost.length ? ` (${lost.slice(0, 5).join(', ')}…)` : ''}`);
    if (lost.length) failures.push(`${result.name}: ${lost.length} acknowledged writes lost after kill -9`);
  }
  result.acknowledged = acknowledged.length;
  await server.stop();
}

async function timedPost(url: string, path: string, body?: unknown): Promise<{ ms: number; json: any; status: number }> {
  const begun = performance.now();
  const res = await fetch(`${url}${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json();
  return { ms: performance.now() - begun, json, status: res.status };
}

/**
 * The regexp freeze, FREEZES times. Right after its answer (PGlite's engine
 * is restarting then) a query that needs no database, a read and /health
 * are timed in parallel. They start after the answer because the RE2 check
 * of a 100,000-character pattern blocks the event loop for about half a
 * second by itself (a request limit's business, not the engine's).
 */
async function freezes(result: Outcome, store: readonly string[]): Promise<void> {
  const server = await start(result, store, false);
  try {
    await uploadNotesSchema(server.url);
    for (let i = 0; i < FREEZES; i++) {
      const answer = await timedPost(server.url, '/graphql', {
        query: 'query ($r: String!) { queryNote(filter: { text: { regexp: $r } }) { text } }', variables: { r: BREAKER },
      });
      const [typename, read, health] = await Promise.all([
        timedPost(server.url, '/graphql', { query: '{ __typename }' }),
        timedPost(server.url, '/graphql', { query: '{ queryNote(first: 1) { text } }' }),
        timedPost(server.url, '/health'),
      ]);
      result.freezeMs.push(answer.ms);
      result.parallelMs.typename.push(typename.ms);
      result.parallelMs.read.push(read.ms);
      result.parallelMs.health.push(health.ms);
      if (!answer.json.errors) failures.push(`${result.name}: the freeze answered no error: ${JSON.stringify(answer.json)}`);
      if (typename.ms >= 500) failures.push(`${result.name}: { __typename } took ${typename.ms.toFixed(0)} ms after a freeze`);
      if (health.ms >= 2000) failures.push(`${result.name}: /health took ${health.ms.toFixed(0)} ms after a freeze`);
      if (read.json.errors) failures.push(`${result.name}: a read after a freeze failed: ${JSON.stringify(read.json.errors)}`);
      const error = answer.json.errors ? `error: ${String(answer.json.errors[0].message).slice(0, 100)}` : 'no error';
      log(`${result.name}: freeze ${i + 1}/${FREEZES}: answered in ${answer.ms.toFixed(0)} ms (${error}); then { __typename } ${typename.ms.toFixed(0)} ms, a read ${read.ms.toFixed(0)} ms, /health ${health.status} in ${health.ms.toFixed(0)} ms`);
    }
  } finally {
    await server.stop();
  }
}

const max = (values: number[]) => (values.length ? Math.max(...values) : 0);
const med = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : 0);

log(`authline soak: ${machine()}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}; ${CYCLES} kill -9 cycles and ${FREEZES} freezes per backend, ${WRITERS} writers`);
const results: Outcome[] = [];
const scratch = await mkdtemp(join(tmpdir(), 'authline-soak-'));
try {
  const pglite = outcome('pglite');
  results.push(pglite);
  await killCycles(pglite, ['--data', join(scratch, 'pglite')], false);
  await freezes(pglite, ['--data', join(scratch, 'pglite')]);

  const whyNot = pid1Unavailable();
  if (whyNot) {
    log(`pglite as PID 1: skipped: ${whyNot}`);
  } else {
    const pid1 = outcome('pglite-pid1');
    results.push(pid1);
    await killCycles(pid1, ['--data', join(scratch, 'pglite-pid1')], true);
  }

  const database = await createTestDatabase();
  try {
    const postgres = outcome('postgres');
    results.push(postgres);
    await killCycles(postgres, ['--database-url', database.url], false);
    await freezes(postgres, ['--database-url', database.url]);
  } finally {
    await database.drop();
  }
} finally {
  await stopOwnCluster();
  await rm(scratch, { recursive: true, force: true });
}

console.log('\nbackend        cycles  acknowledged  lost   cut  RSS MB peak: start / serving  start ms (median/max)  freeze answer ms (max)  then, max ms: __typename / read / health');
for (const r of results) {
  if (r.servingRssMb > MAX_RSS_MB) failures.push(`${r.name}: RSS ${r.servingRssMb.toFixed(0)} MB while serving, over ${MAX_RSS_MB} MB`);
  console.log(`${r.name.padEnd(14)} ${String(r.cycles).padStart(6)}  ${String(r.acknowledged).padStart(12)}  ${String(r.lost).padStart(4)}  ${String(r.cut).padStart(4)}  ${`${r.startRssMb.toFixed(0)} / ${r.servingRssMb.toFixed(0)}`.padStart(26)}  ${`${med(r.startMs).toFixed(0)}/${max(r.startMs).toFixed(0)}`.padStart(21)}  ${max(r.freezeMs).toFixed(0).padStart(22)}  ${max(r.parallelMs.typename).toFixed(0)} / ${max(r.parallelMs.read).toFixed(0)} / ${max(r.parallelMs.health).toFixed(0)}`);
}
console.log(`load average at the end ${loadavg()[0].toFixed(2)}`);
if (failures.length) {
  console.log(`\nFAILED:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nno acknowledged write lost, nothing hung, memory within bounds');
