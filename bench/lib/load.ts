/**
 * The load generator: autocannon as a library, on loopback, a fixed number
 * of connections for a fixed time after a short warm-up (JIT, caches, the
 * token cache, PGlite's buffers). A run with a failed or non-2xx response
 * is not a measurement: it stops the bench.
 */
import autocannon from 'autocannon';
import type { Request } from './http.js';

export interface LoadOptions {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** When set, the measurement is this many requests instead of `seconds` (a write whose cost may grow with what it wrote). */
  readonly amount?: number;
}

export interface Measurement {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly requests: number;
}

export async function measure(url: string, request: Request, o: LoadOptions): Promise<Measurement> {
  if (o.warmupSeconds > 0) await fire(url, request, o.connections, o.warmupSeconds);
  // Responses completed over the seconds the run took (autocannon's own
  // average is a mean of per-second samples, which a partial last second skews).
  return pooled([await fireSome(url, request, o.connections, o.seconds, o.amount)]);
}

/**
 * Two servers measured against each other: each warmed up, then in the
 * order A, B, B, A, each run half of the measurement (half its seconds, or
 * half its `amount`), each server's two halves pooled. Whatever drifts
 * during the measurement (a collection after the load, a neighbour's
 * background work, data growing under a write) then weighs on both alike,
 * not on whichever went first.
 */
export async function measurePair(urls: readonly [string, string], request: Request, o: LoadOptions): Promise<[Measurement, Measurement]> {
  for (const url of urls) if (o.warmupSeconds > 0) await fire(url, request, o.connections, o.warmupSeconds);
  // Each server's first half and second half: of the seconds, or of the fixed number of requests.
  const halves = o.amount === undefined ? [undefined, undefined] : [Math.ceil(o.amount / 2), Math.floor(o.amount / 2)];
  const runs: { seconds: number; latencies: number[] }[][] = [[], []];
  for (const which of [0, 1, 1, 0] as const) {
    const amount = halves[runs[which].length];
    if (amount === 0) continue;
    runs[which].push(await fireSome(urls[which], request, o.connections, o.seconds / 2, amount));
  }
  return [pooled(runs[0]), pooled(runs[1])];
}

/** Runs taken together: every response over the seconds they took. */
function pooled(runs: readonly { seconds: number; latencies: number[] }[]): Measurement {
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return { rps: latencies.length / seconds, p50_ms: percentile(latencies, 0.5), p99_ms: percentile(latencies, 0.99), requests: latencies.length };
}

/**
 * fire(), made again of one request per connection when it got no answer at
 * all: a fraction of a second (the test's tiny bench) on a busy machine can
 * end before the server's first answer, and a measurement of nothing is no
 * measurement.
 */
async function fireSome(url: string, request: Request, connections: number, seconds: number, amount?: number): Promise<{ seconds: number; latencies: number[] }> {
  const run = await fire(url, request, connections, seconds, amount);
  return run.latencies.length > 0 ? run : fire(url, request, connections, seconds, connections);
}

/**
 * One autocannon run. Its own histogram keeps whole milliseconds, too coarse
 * for sub-millisecond answers, so every response time (hrtime, fractional
 * ms) is kept for the percentiles; and its duration is rounded, and waits
 * for its next sample after the last response of a run of a fixed
 * `amount`, so the run's length is timed here: from the start to the last
 * response. A run of a fixed `amount` opens no more connections than that
 * (autocannon refuses more).
 *
 * autocannon ends a run only at a sample, one a second by default: a run of
 * under a second (the test's tiny bench) would go on loading the server
 * until the next one. Its samples come as often as its length then; a run
 * of a second or more samples every second, as autocannon does by default.
 */
function fire(url: string, request: Request, connections: number, seconds: number, amount?: number): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body, connections: amount ? Math.min(connections, amount) : connections, duration: seconds, sampleInt: sampleMs(seconds), ...(amount ? { amount } : {}) },
      (error, result) => {
        if (error) return reject(error);
        if (result.errors > 0 || result.non2xx > 0) {
          return reject(new Error(`${url}: ${result.errors} connection errors (${result.timeouts} timeouts), ${result.non2xx} non-2xx answers under load`));
        }
        resolve({ seconds: (last - started) / 1000, latencies });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      last = performance.now();
    });
  });
}

/** autocannon's sample interval for a run of `seconds`: its default (a second), or the run's length when shorter. */
function sampleMs(seconds: number): number {
  return Math.max(1, Math.min(1000, Math.round(seconds * 1000)));
}

/** Nearest-rank percentile, in ms with two decimals. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 100) / 100;
}
