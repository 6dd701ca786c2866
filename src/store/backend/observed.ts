/**
 * A backend whose every statement, in a transaction or not, is timed for a
 * StoreObserver. Wrapping the backend keeps the drivers unaware of it.
 */
import type { StoreObserver } from '../observer.js';
import type { Backend, Executor } from './types.js';

export function observedBackend(backend: Backend, observer: StoreObserver): Backend {
  if (!observer.statementDone) return backend;
  const timed = (executor: Executor): Executor['query'] =>
    async (sql, params) => {
      const started = performance.now();
      let result: 'ok' | 'error' = 'error';
      try {
        const rows = await executor.query(sql, params);
        result = 'ok';
        return rows;
      } finally {
        observer.statementDone?.((performance.now() - started) / 1000, result);
      }
    };
  // Backends are plain objects of closures: the spread keeps every other member as it is.
  return {
    ...backend,
    query: timed(backend),
    transaction: (work) => backend.transaction((tx) => work({ query: timed(tx) })),
  };
}
