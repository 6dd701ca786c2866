/**
 * The service's one stream of committed writes (the store's announcements,
 * from this process and others on the same database), handed to every live
 * query: one database listener per process, however many subscribers.
 */
import type { ChangedTypes } from '../store/types.js';

export type WriteListener = (types: ChangedTypes) => void;

export class WriteFeed {
  readonly #listeners = new Set<WriteListener>();

  /** Calls `listener` on every committed write until the returned function is called. */
  listen(listener: WriteListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(types: ChangedTypes): void {
    for (const listener of [...this.#listeners]) listener(types);
  }

  /** Live queries listening now (tests and metrics). */
  get size(): number {
    return this.#listeners.size;
  }
}
