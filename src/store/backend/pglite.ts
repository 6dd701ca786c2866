/**
 * Embedded PostgreSQL (PGlite, WebAssembly): in memory, or persisted in a
 * data directory. The engine runs in a worker thread (pglite-engine.ts), so
 * a statement that runs too long or breaks the engine is stopped and the
 * engine restarted from its committed data, while this process keeps
 * serving. One connection: statements run one at a time, and a transaction
 * has the engine to itself from BEGIN to COMMIT.
 */
import { statementOf, type Sql, type Statement } from '../sql/index.js';
import type { Around, Backend, StatementHook } from './types.js';
import { seedCluster } from './cluster-template.js';
import { dataPlace } from './data-place.js';
import { LOCK_FILE } from './dir-lock.js';
import { PgliteEngine, type Result, type Session } from './pglite-engine.js';
import { createDataDir, hasDataDir } from './pglite-initdb.js';
import { compiledEngine } from './pglite-thread.js';
import { checkedPreparedLimit, DEFAULT_PREPARED_STATEMENTS } from './prepared.js';
import { observeExchange, ridingTransaction } from './riding.js';
import { Serial } from './serial.js';

export interface PgliteOptions {
  /** Where the data lives; omitted: in memory (a private temporary directory, removed at close). */
  readonly dataDir?: string;
  readonly onStatement?: StatementHook;
  /**
   * Longest a statement may run, in milliseconds, before it is stopped with
   * StatementTimeoutError (code 57014) by restarting the engine; 0 for no
   * limit. Default 10 s.
   */
  readonly statementTimeoutMs?: number;
  /**
   * Flush every commit to disk (PostgreSQL's fsync), so a power loss or a
   * kernel crash keeps every acknowledged write. Default true. Off, a commit
   * still reaches the operating system before it is acknowledged, so it
   * survives the process dying (kill -9). An in-memory store never flushes.
   */
  readonly fsync?: boolean;
  /** Longest a statement waits for a restarting engine before EngineUnavailableError. Default 30 s. */
  readonly restartWaitMs?: number;
  /**
   * Named prepared statements the engine keeps, the least recently used
   * closed beyond it (pglite-statements.ts); 0 prepares none. Default
   * DEFAULT_PREPARED_STATEMENTS.
   */
  readonly preparedStatements?: number;
  /**
   * PostgreSQL's shared_buffers, in MB (at least 1). The pool is in the
   * engine's WebAssembly heap and all of it is resident from the start;
   * pages beyond it are read from the files (the operating system caches
   * them). Default PostgreSQL's 128 MB; an import uses less
   * (IMPORT_SHARED_BUFFERS_MB).
   */
  readonly sharedBuffersMb?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
/**
 * The buffer pool of an engine opened for an import (`authline import`): an
 * import writes each page once and reads few back, so a small pool costs it
 * little speed and saves some 110 MB of resident memory (docs/benchmarks.md).
 */
export const IMPORT_SHARED_BUFFERS_MB = 16;
const DEFAULT_RESTART_WAIT_MS = 30_000;

type Listener = (payload: string) => void;

export async function openPglite(options: PgliteOptions = {}): Promise<Backend> {
  const preparedStatements = checkedPreparedLimit(options.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS);
  const sharedBuffersMb = options.sharedBuffersMb;
  if (sharedBuffersMb !== undefined && !(Number.isSafeInteger(sharedBuffersMb) && sharedBuffersMb >= 1)) {
    throw new RangeError(`sharedBuffersMb must be a whole number of MB, at least 1, not ${sharedBuffersMb}`);
  }
  const place = await dataPlace(options.dataDir);
  const fsync = !place.temporary && (options.fsync ?? true);
  const listeners = new Map<string, Set<Listener>>();
  const reconnects = new Set<() => void>();
  let engine: PgliteEngine;
  try {
    // A fresh directory starts from a copy of the template cluster (cluster-template.ts), made by initdb in a
    // child process: initdb in this process would leave it holding initdb's memory for good (pglite-initdb.ts).
    const seeded = await seedCluster(place.dir, { initialise: (dir) => createDataDir(dir, false), keep: [LOCK_FILE], flush: fsync });
    // Without a usable template, a data directory is still made in a child; a private temporary one (tests,
    // short-lived stores) by the engine, as a child would cost seconds more.
    if (!seeded && !place.temporary && !hasDataDir(place.dir)) await createDataDir(place.dir, fsync);
    engine = await PgliteEngine.start({
      config: { dataDir: place.dir, fsync, wasmModule: await compiledEngine(), preparedStatements, sharedBuffersMb },
      statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      restartWaitMs: options.restartWaitMs ?? DEFAULT_RESTART_WAIT_MS,
      onNotification: (channel, payload) => listeners.get(channel)?.forEach((listener) => listener(payload)),
      onRestart: () => reconnects.forEach((reconnect) => reconnect()),
    });
  } catch (error) {
    await place.release();
    throw error;
  }

  const { onStatement } = options;
  const statement = (query: Sql | Statement | string, values: readonly unknown[] | undefined, session?: Session, around?: Around): Promise<Result> => {
    const sent = statementOf(query, values);
    observeExchange(onStatement, sent, around);
    return engine.query(sent.sql, sent.params, session, around);
  };
  // Rows written, for the ANALYZE that autovacuum would run (statistics.ts); a
  // transaction's rows count once it has committed (a rollback writes nothing).
  let written = 0;
  // A transaction has the engine from BEGIN to COMMIT: other statements wait.
  const exclusive = new Serial();
  // Sessions run one after another: they share the one connection, and with
  // it session-level state such as advisory locks, which would otherwise be
  // held by two sessions at once.
  const sessions = new Serial();

  const backend: Backend = {
    description: options.dataDir ? `pglite:${options.dataDir}` : 'pglite:memory',
    connections: 'one',
    autovacuum: false,
    rowsWritten: () => written,
    preparedStatements: () => engine.preparedStatements(),
    query(query: Sql | Statement | string, values?: readonly unknown[]) {
      return exclusive.run(async () => {
        const result = await statement(query, values);
        written += result.affectedRows;
        return result.rows;
      });
    },
    transaction(work) {
      return exclusive.run(async () => {
        const session = await engine.session();
        let pending = 0;
        // Each exchange with the worker costs both threads more than the commands themselves.
        const tx = ridingTransaction(async (sent, around) => {
          const result = await statement(sent, undefined, session, around);
          pending += result.affectedRows;
          return result.rows;
        });
        let value;
        try {
          value = await work(tx);
        } catch (error) {
          // The first failure is the answer. After a restart there is nothing to
          // roll back (the transaction went with the engine); a failing ROLLBACK
          // (which restarts the engine) changes nothing either. A statement sent
          // with COMMIT ended the transaction whether it failed or not: a
          // ROLLBACK then only draws PostgreSQL's warning, which nothing reads.
          if (tx.begun && engine.runs(session)) await statement('ROLLBACK', undefined, session).catch(() => undefined);
          throw error;
        }
        // A transaction that sent nothing has nothing to commit.
        if (tx.begun && !tx.committed) await statement('COMMIT', undefined, session);
        written += pending;
        return value;
      });
    },
    session(work) {
      // The one connection, shared: other statements run between the session's.
      return sessions.run(() => work({ query: backend.query, transaction: (inner) => backend.transaction(inner) }));
    },
    async listen(channel, listener, onReconnect) {
      // Only this process can open a PGlite database, so NOTIFY never comes from elsewhere;
      // listening still works for stores that share this instance.
      let channelListeners = listeners.get(channel);
      if (!channelListeners) {
        await exclusive.run(() => engine.listen(channel));
        channelListeners = listeners.get(channel) ?? new Set();
        listeners.set(channel, channelListeners);
      }
      channelListeners.add(listener);
      const reconnect = () => onReconnect?.();
      reconnects.add(reconnect);
      return async () => {
        reconnects.delete(reconnect);
        if (!channelListeners.delete(listener) || channelListeners.size > 0) return;
        listeners.delete(channel);
        await exclusive.run(() => engine.unlisten(channel));
      };
    },
    async close() {
      try {
        await exclusive.run(() => engine.close());
      } finally {
        await place.release();
      }
    },
  };
  return backend;
}
