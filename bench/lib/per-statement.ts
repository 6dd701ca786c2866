/**
 * µs per statement for the engine benches (pglite-engine.ts, prepared.ts):
 * each of several ways to run the same statement, measured in alternating
 * blocks, so that a change in the machine's load meanwhile touches all alike.
 */

export interface Timing {
  readonly median: number;
  readonly mean: number;
}

const BLOCKS = 10;

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** µs per call of each of `runs`, median and mean over `count` calls each, after `warmup` calls each. */
export async function perStatement(runs: readonly (() => Promise<unknown>)[], count: number, warmup = 200): Promise<Timing[]> {
  for (const run of runs) for (let i = 0; i < warmup; i++) await run();
  const times: number[][] = runs.map(() => []);
  for (let block = 0; block < BLOCKS; block++) {
    for (const [r, run] of runs.entries()) {
      for (let i = 0; i < count / BLOCKS; i++) {
        const started = performance.now();
        await run();
        times[r].push((performance.now() - started) * 1000);
      }
    }
  }
  return times.map((t) => ({ median: median(t), mean: t.reduce((a, b) => a + b, 0) / t.length }));
}
