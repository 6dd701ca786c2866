/**
 * A backend whose every statement, in a transaction or not, is timed for a
 * StoreObserver. Wrapping the backend keeps the drivers unaware of it.
 */
import type { StoreObserver } from '../observer.js';
import type { Sql, Statement } from '../sql/index.js';
import type { Backend, Executor, Row, Transaction } from './types.js';

export function observedBackend(backend: Backend, observer: StoreObserver): Backend {
  if (!observer.statementDone) return backend;
  const timed = (executor: Executor): Executor['query'] =>
    (async (statement: Sql | Statement | string, params?: readonly unknown[]): Promise<Row[]> => {
      const started = performance.now();
      let result: 'ok' | 'error' = 'error';
      try {
        // One call shape for both overloads: text comes with its params, a statement carries its own.
        const rows = await (executor.query as (s: Sql | Statement | string, p?: readonly unknown[]) => Promise<Row[]>)(statement, params);
        result = 'ok';
        return rows;
      } finally {
        observer.statementDone?.((performance.now() - started) / 1000, result);
      }
    }) as Executor['query'];
  const timedTransaction = (tx: Transaction): Transaction => ({
    query: timed(tx),
    queryAndCommit: timed({ query: ((statement: Sql | Statement) => tx.queryAndCommit(statement)) as Executor['query'] }),
  });
  // Backends are plain objects of closures: the spread keeps every other member as it is.
  return {
    ...backend,
    query: timed(backend),
    transaction: (work) => backend.transaction((tx) => work(timedTransaction(tx))),
    session: (work) => backend.session((session) => work({
      query: timed(session),
      transaction: (inner) => session.transaction((tx) => inner(timedTransaction(tx))),
    })),
  };
}
