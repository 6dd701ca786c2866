/**
 * A request's query edge limit: the most nodes all its root fields together
 * may return, as Dgraph's `--limit query-edge` (default 1,000,000, as
 * Dgraph's). The database counts the nodes of each statement and stops at
 * the first one past what is left (store/sql/reads.ts); here is what is left.
 *
 * The root fields of a query would otherwise all run at once, each told the
 * same remainder, and together return many times the limit. So under one
 * budget they run one after another, each told what the ones before it left.
 */
import type { NodeBudget } from '../store/types.js';

export const DEFAULT_QUERY_EDGE_LIMIT = 1_000_000;

export class RequestBudget implements NodeBudget {
  #remaining: number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly limit: number = DEFAULT_QUERY_EDGE_LIMIT) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new TypeError(`queryEdgeLimit must be a positive integer, got ${String(limit)}`);
    this.#remaining = limit;
  }

  get remaining(): number {
    return this.#remaining;
  }

  spend(nodes: number): void {
    this.#remaining = Math.max(0, this.#remaining - nodes);
  }

  /** Runs `read` once the reads queued before it have finished (whether they failed or not). */
  inTurn<T>(read: () => Promise<T>): Promise<T> {
    const turn = this.#queue.then(read, read);
    this.#queue = turn.catch(() => undefined);
    return turn;
  }
}
