/**
 * PGlite in a worker thread. PostgreSQL compiled to WebAssembly runs each
 * statement synchronously on the thread that calls it: a statement that
 * runs away, or an engine that wedges, would hold the server's event loop
 * for good. Here it holds only this thread, which the backend terminates
 * and replaces (pglite-engine.ts).
 *
 * Answers one request at a time (pglite-protocol.ts). It reports a fault,
 * and then answers nothing more, when the engine breaks without saying so:
 * PGlite 0.5 swallows any exception out of the WebAssembly other than
 * PostgreSQL's own error longjmp (a stack overflow in the regex compiler,
 * say) and resolves the statement with no rows, leaving the engine in a
 * state where the next statement never returns (docs/storage.md).
 */
import { fsyncSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type postgresMod } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { JSON_ARRAY_TYPES, JSON_TYPES, type ErrorFields, type Reply, type Request, type WorkerConfig } from './pglite-protocol.js';
import { PgliteStatements } from './pglite-statements.js';

type Mod = postgresMod.PostgresMod;

/** How PGlite throws PostgreSQL's error longjmp out of the WebAssembly (its POSTGRES_MAIN_LONGJMP); it handles that one. */
const POSTGRES_LONGJMP_STATUS = 100;

interface NodeFileSystem {
  stream_ops: { fsync?: (stream: { nfd: number }) => void };
  tryFSOperation<T>(operation: () => T): T;
}

/**
 * PGlite's directory filesystem (Emscripten's NODEFS) writes through to the
 * files but implements no fsync: PostgreSQL's fsync calls return without
 * flushing anything. This one flushes.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Partial<Mod>) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const flushing = (mod: Mod) => {
      const nodefs = mod.NODEFS as unknown as NodeFileSystem;
      nodefs.stream_ops.fsync = (stream) => nodefs.tryFSOperation(() => fsyncSync(stream.nfd));
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), flushing] } };
  }
}

/** PGlite that notices the exceptions it swallows. */
class WatchedPGlite extends PGlite {
  /** The first exception out of the engine that was not PostgreSQL's error longjmp. */
  fault: string | undefined;

  watch(): void {
    const mod = this.mod;
    if (!mod) return;
    const loopOnce = mod._PostgresMainLoopOnce;
    mod._PostgresMainLoopOnce = () => {
      try {
        loopOnce();
      } catch (error) {
        if ((error as { status?: unknown } | null)?.status !== POSTGRES_LONGJMP_STATUS) this.fault ??= describe(error);
        throw error;
      }
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** PostgreSQL's ErrorResponse fields, as the pg and PGlite drivers name them. */
const ERROR_FIELDS = [
  'severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where',
  'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine',
] as const;

function errorFields(error: unknown): ErrorFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, string | number | undefined> = { message: error.message };
  for (const field of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
  }
  return fields as ErrorFields;
}

/** Where the columns of the given types are. */
function positions(fields: readonly { dataTypeID: number }[], types: readonly number[]): number[] {
  return fields.flatMap((field, i) => types.includes(field.dataTypeID) ? [i] : []);
}

/** json and jsonb stay text here (arrays of them too: their parser uses these): parsed once, on the main thread. */
const RAW_JSON = Object.fromEntries(JSON_TYPES.map((oid) => [oid, (text: string) => text]));
async function open(config: WorkerConfig): Promise<WatchedPGlite> {
  const db = new WatchedPGlite({
    fs: config.fsync ? new DurableNodeFS(config.dataDir) : new NodeFS(config.dataDir),
    // pg_trgm backs the trigram/regexp indexes, as on a server with contrib installed.
    extensions: { pg_trgm },
    pgliteWasmModule: config.wasmModule,
    // Per instance: parsers given per query are merged with every type's parser, each time.
    parsers: RAW_JSON,
    // PGlite starts PostgreSQL with -F (fsync off). Durable: fsync on, by fsync(), the call DurableNodeFS flushes.
    startParams: [
      ...(config.fsync
        ? [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync']
        : PGlite.defaultStartParams),
      // The buffer pool lives in the WebAssembly heap and is all touched at start: its size is resident memory.
      ...(config.sharedBuffersMb === undefined ? [] : ['-c', `shared_buffers=${config.sharedBuffersMb}MB`]),
    ],
  });
  await db.waitReady;
  db.watch();
  return db;
}

function serve(db: WatchedPGlite, port: NonNullable<typeof parentPort>, preparedStatements: number): void {
  const reply = (message: Reply) => port.postMessage(message);
  const statements = new PgliteStatements(db, preparedStatements);
  const stops = new Map<string, () => Promise<void>>();
  let broken = false;

  async function answer(request: Request): Promise<Reply> {
    switch (request.op) {
      case 'query': {
        const result = await statements.run(request.sql, request.params, request.around);
        // Every statement that completes says so (CommandComplete); one that did not, failed unheard.
        if (db.fault === undefined && result.command === undefined) db.fault = 'the statement ended without completing or failing';
        return {
          kind: 'rows',
          id: request.id,
          columns: result.fields.map((field) => field.name),
          json: positions(result.fields, JSON_TYPES),
          jsonArrays: positions(result.fields, JSON_ARRAY_TYPES),
          rows: result.rows,
          affectedRows: result.affectedRows ?? 0,
          prepared: statements.takeCounts(),
        };
      }
      case 'listen':
        if (!stops.has(request.channel)) {
          stops.set(request.channel, await db.listen(request.channel, (payload) => {
            reply({ kind: 'notification', channel: request.channel, payload });
          }));
        }
        return { kind: 'done', id: request.id };
      case 'unlisten':
        await stops.get(request.channel)?.();
        stops.delete(request.channel);
        return { kind: 'done', id: request.id };
      case 'close':
        await db.close();
        return { kind: 'done', id: request.id };
    }
  }

  port.on('message', async (request: Request) => {
    if (broken) return;
    let message: Reply;
    try {
      message = await answer(request);
    } catch (error) {
      message = { kind: 'error', id: request.id, error: errorFields(error), prepared: statements.takeCounts() };
    }
    if (db.fault !== undefined) {
      broken = true;
      message = { kind: 'fault', id: request.id, reason: db.fault };
    }
    reply(message);
  });
}

const port = parentPort;
if (port) {
  try {
    const config = workerData as WorkerConfig;
    const db = await open(config);
    serve(db, port, config.preparedStatements);
    port.postMessage({ kind: 'ready' } satisfies Reply);
  } catch (error) {
    port.postMessage({ kind: 'open-failed', message: describe(error) } satisfies Reply);
  }
}
