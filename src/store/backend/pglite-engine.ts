/**
 * The PGlite engine as the backend sees it: a worker thread that runs one
 * request at a time, watched from the main thread.
 *
 * - A statement that runs past the statement timeout is stopped the only
 *   way a WebAssembly engine can be: the thread is terminated. The caller
 *   gets StatementTimeoutError.
 * - A statement that breaks the engine (a fault the worker reports, or the
 *   thread dying) gets EngineFaultError: the first failure is what the
 *   caller hears, never an empty answer.
 * - Either way the engine restarts on the same data directory, where every
 *   committed transaction is (PostgreSQL's WAL recovery). Requests meanwhile wait for the
 *   restart, at most `restartWaitMs`, then fail with EngineUnavailableError;
 *   a restart that fails is tried again by the next request, at most every
 *   RETRY_MS.
 * - A transaction is bound to the engine it began on: after a restart its
 *   next statement fails (the restart rolled it back).
 */
import type { Worker } from 'node:worker_threads';
import type { Row } from './types.js';
import { EngineFaultError, EngineUnavailableError, StatementTimeoutError } from './errors.js';
import type { ErrorFields, Reply, Request, Rows, WorkerConfig } from './pglite-protocol.js';
import type { Around } from './types.js';
import { startWorker } from './pglite-thread.js';
import { addPreparedCounts, noPreparedStatements, type PreparedStatementCounts } from './prepared.js';
import { Serial } from './serial.js';

/** Longest an engine may take to open (initdb of a fresh directory on a loaded machine takes tens of seconds). */
const OPEN_TIMEOUT_MS = 120_000;
/** Longest a clean close (a checkpoint) may take before the thread is terminated anyway. */
const CLOSE_TIMEOUT_MS = 30_000;
/** A failed restart is tried again by a request at most this often. */
const RETRY_MS = 1000;

export interface EngineOptions {
  readonly config: WorkerConfig;
  /** Longest a statement may run; 0 for no limit. */
  readonly statementTimeoutMs: number;
  /** Longest a request waits for a restart under way. */
  readonly restartWaitMs: number;
  readonly onNotification: (channel: string, payload: string) => void;
  /** After each restart (notifications may have been missed meanwhile). */
  readonly onRestart: () => void;
}

export interface Result {
  readonly rows: Row[];
  readonly affectedRows: number;
}

/** The engine a transaction began on. */
export interface Session {
  readonly generation: number;
}

type Op = Request extends infer R ? R extends Request ? Omit<R, 'id'> : never : never;

interface InFlight {
  readonly id: number;
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

export class PgliteEngine {
  #worker: Worker | undefined;
  /** Counts restarts: a session of an older generation is gone. */
  #generation = 0;
  #restarting: Promise<void> | undefined;
  #broken: { readonly error: Error; readonly at: number } | undefined;
  #inFlight: InFlight | undefined;
  #nextId = 1;
  #closed = false;
  readonly #channels = new Set<string>();
  /** One request in flight: the statement timeout measures the statement, not its wait. */
  readonly #serial = new Serial();
  /** Named statements the workers used, over every restart. */
  readonly #prepared = noPreparedStatements();

  private constructor(private readonly options: EngineOptions) {}

  static async start(options: EngineOptions): Promise<PgliteEngine> {
    const engine = new PgliteEngine(options);
    engine.#worker = await engine.#open();
    return engine;
  }

  /** Waits for the engine (bounded) and names it, for a transaction. */
  async session(): Promise<Session> {
    await this.#available();
    return { generation: this.#generation };
  }

  /** Whether the engine `session` began on is still the one running. */
  runs(session: Session): boolean {
    return this.#worker !== undefined && session.generation === this.#generation;
  }

  /** Runs `sql`, with the commands `around` it in the same exchange with the worker. */
  async query(sql: string, params: readonly unknown[], session?: Session, around?: Around): Promise<Result> {
    const reply = await this.#request(around ? { op: 'query', sql, params, around } : { op: 'query', sql, params }, session) as Rows;
    return { rows: toRows(reply), affectedRows: reply.affectedRows };
  }

  /** How the workers used named statements since the engine started (pglite-statements.ts). */
  preparedStatements(): PreparedStatementCounts {
    return { ...this.#prepared };
  }

  /** Forwards NOTIFYs on `channel` to onNotification, across restarts too. */
  async listen(channel: string): Promise<void> {
    await this.#request({ op: 'listen', channel });
    this.#channels.add(channel);
  }

  async unlisten(channel: string): Promise<void> {
    this.#channels.delete(channel);
    await this.#request({ op: 'unlisten', channel });
  }

  /** Closes the database cleanly after the request in flight; later requests fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#serial.run(async () => {
      this.#closed = true;
      await this.#restarting;
      const worker = this.#worker;
      if (!worker) return;
      const closed = this.#send(worker, { op: 'close' }, CLOSE_TIMEOUT_MS).catch(() => undefined);
      await closed;
      await this.#stop(worker);
    });
  }

  /** A new worker on the data directory, watched; not yet the current one. */
  async #open(): Promise<Worker> {
    const worker = await startWorker(this.options.config, OPEN_TIMEOUT_MS);
    worker.unref();
    worker.on('message', (message: Reply) => this.#onMessage(message));
    let error: Error | undefined;
    worker.on('error', (thrown) => { error = thrown; });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#fault(`its thread stopped: ${error ? error.message : `exit code ${code}`}`);
    });
    return worker;
  }

  async #stop(worker: Worker): Promise<void> {
    if (this.#worker === worker) this.#worker = undefined;
    await worker.terminate();
  }

  #request(op: Op, session?: Session): Promise<Reply> {
    return this.#serial.run(async () => {
      await this.#available();
      if (session && session.generation !== this.#generation) {
        throw new EngineUnavailableError('the embedded database restarted during this transaction, which was rolled back');
      }
      return this.#send(this.#worker!, op, this.options.statementTimeoutMs);
    });
  }

  /** Resolves once a worker is ready: now, after the restart under way, or after a new attempt. */
  async #available(): Promise<void> {
    if (this.#closed) throw new EngineUnavailableError('the embedded database is closed');
    if (this.#worker && !this.#restarting) return;
    if (!this.#restarting && this.#broken && Date.now() - this.#broken.at >= RETRY_MS) this.#restart();
    if (this.#restarting) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), this.options.restartWaitMs); });
      const outcome = await Promise.race([this.#restarting.then(() => 'ready' as const), waited]);
      clearTimeout(timer);
      if (outcome === 'late') {
        throw new EngineUnavailableError(`the embedded database is restarting and did not come back within ${this.options.restartWaitMs} ms`);
      }
    }
    if (this.#closed) throw new EngineUnavailableError('the embedded database is closed');
    if (!this.#worker) {
      throw new EngineUnavailableError(`the embedded database is unavailable: ${this.#broken?.error.message ?? 'it is not running'}`);
    }
  }

  /** Posts one request and waits for its answer, at most `timeoutMs` (0: no limit). */
  #send(worker: Worker, op: Op, timeoutMs: number): Promise<Reply> {
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = timeoutMs > 0
        ? setTimeout(() => {
          if (this.#inFlight?.id !== id) return;
          this.#inFlight = undefined;
          reject(new StatementTimeoutError(timeoutMs));
          this.#restart();
        }, timeoutMs)
        : undefined;
      const settle = () => {
        clearTimeout(timer);
        worker.unref();
      };
      this.#inFlight = {
        id,
        resolve: (reply) => { settle(); resolve(reply); },
        reject: (error) => { settle(); reject(error); },
      };
      // A request in flight keeps the process alive, as a socket would; an idle engine does not.
      worker.ref();
      try {
        worker.postMessage({ ...op, id } as Request);
      } catch (error) {
        // A parameter that cannot cross to the worker (a function, a symbol): the statement never left.
        this.#inFlight = undefined;
        settle();
        reject(error as Error);
      }
    });
  }

  #onMessage(message: Reply): void {
    if (message.kind === 'notification') {
      this.options.onNotification(message.channel, message.payload);
      return;
    }
    if (message.kind === 'ready' || message.kind === 'open-failed') return;
    const inFlight = this.#inFlight;
    if (!inFlight || inFlight.id !== message.id) return; // answered after its timeout: already failed
    if (message.kind === 'fault') {
      this.#fault(message.reason);
      return;
    }
    this.#inFlight = undefined;
    if (message.kind !== 'done') addPreparedCounts(this.#prepared, message.prepared);
    if (message.kind === 'error') inFlight.reject(databaseError(message.error));
    else inFlight.resolve(message);
  }

  /** The engine broke: the request in flight fails with the reason, and the engine restarts. */
  #fault(reason: string): void {
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    inFlight?.reject(new EngineFaultError(reason));
    this.#restart();
  }

  #restart(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    if (this.#closed || this.#restarting) return;
    this.#generation++;
    let fresh: Worker | undefined;
    this.#restarting = (async () => {
      if (worker) await this.#stop(worker);
      fresh = await this.#open();
      // Listening is per engine: listen again, directly (requests wait for this restart to finish).
      for (const channel of this.#channels) await this.#send(fresh, { op: 'listen', channel }, this.options.statementTimeoutMs);
      this.#worker = fresh;
    })().then(
      () => {
        this.#broken = undefined;
        this.options.onRestart();
      },
      (error: unknown) => {
        this.#broken = { error: error instanceof Error ? error : new Error(String(error)), at: Date.now() };
        if (fresh) void this.#stop(fresh);
      },
    ).finally(() => { this.#restarting = undefined; });
  }
}

/** Rows as objects, JSON columns parsed; like PGlite's own object rows, a repeated column name keeps the last value. */
function toRows(reply: Rows): Row[] {
  const json = new Set(reply.json);
  const jsonArrays = new Set(reply.jsonArrays);
  return reply.rows.map((values) => {
    const row: Row = {};
    reply.columns.forEach((column, i) => {
      const value = values[i];
      row[column] = json.has(i) ? parseJson(value) : jsonArrays.has(i) ? parseJsonElements(value) : value;
    });
    return row;
  });
}

const parseJson = (value: unknown): unknown => typeof value === 'string' ? JSON.parse(value) : value;
const parseJsonElements = (value: unknown): unknown => Array.isArray(value) ? value.map(parseJsonElements) : parseJson(value);

/** The database's error, rebuilt on this side with its fields (code, detail, ...), as a driver gives it. */
function databaseError(fields: ErrorFields): Error {
  return Object.assign(new Error(fields.message), fields);
}
