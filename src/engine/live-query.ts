/**
 * A subscription's results: the answer now, then the answer again after
 * every committed write that may change it — yielded only when it differs
 * from the last one sent (Dgraph compares hashes of its answers the same
 * way). Nothing runs while nothing is written: there is no polling, only the
 * write feed. Writes that arrive while the query runs are folded into one
 * more run, so a burst of writes costs at most two runs per subscriber.
 *
 * An iterator written out (not an async generator), so that `return()` ends
 * it at once even while it waits for a write: graphql-ws calls it when the
 * client completes, and a generator would hold the call until its next yield.
 */
import type { ExecutionResult } from 'graphql';
import type { ChangedTypes } from '../store/types.js';
import type { WriteFeed } from './write-feed.js';

export interface LiveQuerySource {
  /** Runs the operation once, under the subscriber's auth. */
  run(): Promise<ExecutionResult>;
  readonly writes: WriteFeed;
  /** The types whose writes may change the answer (engine/reach.ts), or all. */
  readonly dependsOn: ChangedTypes;
}

export class LiveQuery implements AsyncIterableIterator<ExecutionResult> {
  /** A write (or the start) since the last run: the answer may have changed. */
  #stale = true;
  #done = false;
  #lastSent: string | undefined;
  #wake: (() => void) | undefined;
  readonly #unlisten: () => void;
  readonly #onAbort = () => this.#finish();

  /** Ends the live query when any of `stops` aborts (the client left, the schema was replaced, ...). */
  constructor(private readonly source: LiveQuerySource, private readonly stops: readonly AbortSignal[] = []) {
    const { dependsOn } = source;
    this.#unlisten = source.writes.listen((types) => {
      if (types === 'all' || dependsOn === 'all' || [...types].some((type) => dependsOn.has(type))) {
        this.#stale = true;
        this.#wake?.();
      }
    });
    for (const stop of stops) stop.addEventListener('abort', this.#onAbort, { once: true });
    if (stops.some((stop) => stop.aborted)) this.#finish();
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    while (!this.#done) {
      if (!this.#stale) await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
      if (this.#done) break;
      this.#stale = false;
      let result: ExecutionResult;
      try {
        result = await this.source.run();
      } catch (error) {
        this.#finish();
        throw error;
      }
      if (this.#done) break;
      const text = JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
      if (text !== this.#lastSent) {
        this.#lastSent = text;
        return { value: result, done: false };
      }
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.#finish();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#unlisten();
    for (const stop of this.stops) stop.removeEventListener('abort', this.#onAbort);
    this.#wake?.();
  }
}
