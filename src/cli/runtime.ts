/**
 * Everything the commands need from outside the CLI, in one place: the
 * engine's factories, the server, the environment and the output streams.
 * main() passes the real one; nothing else in src/cli imports the engine.
 * The engine, the server and the store are loaded when a command first
 * calls on them, so `authline --help`, `token` and a mistaken call start
 * without loading GraphQL, Koa and PGlite (a second of CPU).
 */
import type { CustomOptions, EngineObserver, SchemaWarning } from '../engine/index.js';
import type { AuthlineService } from '../engine/types.js';
import type { SchemaError } from '../sdl/errors.js';
import type { Logger, startServer } from '../server/index.js';
import type { StoreObserver, StoreOptions } from '../store/index.js';

import { leanMemory } from './lean-memory.js';

const engine = () => import('../engine/index.js');
const server = () => import('../server/index.js');

/** Where a service keeps its data. */
export type StoreLocation =
  /** Embedded PGlite, in memory: gone when the process exits. */
  | { readonly kind: 'memory' }
  /** Embedded PGlite in a directory (created if missing); `fsync`: flush every commit to disk. */
  | { readonly kind: 'directory'; readonly path: string; readonly fsync: boolean }
  /** A PostgreSQL server; several authline processes may share it. */
  | { readonly kind: 'postgres'; readonly url: string };

/** What a command asks of the runtime's service (the engine's own ServiceOptions take an opened store). */
export interface OpenServiceOptions {
  readonly store: StoreLocation;
  /** Longest a database statement may run, in ms; 0 for none (default: the store's, 10 s). */
  readonly statementTimeoutMs?: number;
  /** Hears what the store and the engine do (the server's metrics). */
  readonly observer?: EngineObserver & StoreObserver;
  /** PGlite's buffer pool in MB (StoreOptions.pgliteSharedBuffersMb); default PostgreSQL's. */
  readonly pgliteSharedBuffersMb?: number;
  /** Where the service's warnings and errors go (JWKS trouble, a stored schema that no longer loads); default JSON lines on stderr. */
  readonly logger?: Logger;
  /** `@custom`/`@lambda`: the lambda server, the timeout and limits of remote calls. */
  readonly custom?: CustomOptions;
}

/** Opens the store at `location`, then the service on it (which loads the stored schema). */
async function openService(options: OpenServiceOptions): Promise<AuthlineService> {
  const [{ createService }, { jsonLogger }, { openStore }] = await Promise.all([engine(), server(), import('../store/index.js')]);
  const { logger = jsonLogger((line) => process.stderr.write(line)), observer } = options;
  const store = await openStore({
    ...storeOptions(options.store), statementTimeoutMs: options.statementTimeoutMs, observer, pgliteSharedBuffersMb: options.pgliteSharedBuffersMb,
  });
  try {
    return await createService({
      store,
      observer,
      ...(options.custom ? { custom: options.custom } : {}),
      log: ({ level, msg, ...fields }) => (level === 'error' ? logger.error(String(msg), fields) : logger.warn(String(msg), fields)),
      verifier: { logger: ({ message, ...fields }) => logger.warn(message, fields) },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
}

function storeOptions(location: StoreLocation): StoreOptions {
  switch (location.kind) {
    case 'memory':
      return {};
    case 'directory':
      return { dataDir: location.path, fsync: location.fsync };
    case 'postgres':
      return { databaseUrl: location.url };
  }
}

export interface Runtime {
  createService(options: OpenServiceOptions): Promise<AuthlineService>;
  checkSchema(sdl: string): SchemaError[] | Promise<SchemaError[]>;
  /** The warnings an upload of `sdl` would answer with, short of the network's (JWKS fetches). */
  schemaWarnings(sdl: string): readonly SchemaWarning[] | Promise<readonly SchemaWarning[]>;
  startServer: typeof startServer;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where relative paths are resolved. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress lines are then rewritten in place. */
  readonly stderrIsTerminal?: boolean;
  readonly stdin: NodeJS.ReadableStream;
  /**
   * Resolves on the first SIGINT or SIGTERM, or with `parent-exited` when
   * npm started this process and its parent has gone (see below).
   */
  shutdownSignal(): Promise<NodeJS.Signals | 'parent-exited'>;
  /** Hands the process's warnings to `listener` instead of Node's stderr printer, until the returned function is called. */
  captureWarnings(listener: (warning: Error) => void): () => void;
  /**
   * The process does one job and exits: V8 favours memory over speed from
   * now on (lean-memory.ts). Called before the engine loads. A runtime
   * sharing its process (tests) leaves this out.
   */
  leanMemory?(): void;
}

export function processRuntime(): Runtime {
  return {
    createService: openService,
    checkSchema: async (sdl) => (await engine()).checkSchema(sdl),
    schemaWarnings: async (sdl) => (await engine()).schemaWarnings(sdl),
    startServer: async (...args) => (await server()).startServer(...args),
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
    stdin: process.stdin,
    leanMemory,
    captureWarnings(listener) {
      const printers = process.listeners('warning');
      process.removeAllListeners('warning');
      process.on('warning', listener);
      return () => {
        process.off('warning', listener);
        for (const printer of printers) process.on('warning', printer);
      };
    },
    shutdownSignal: () =>
      new Promise((resolve) => {
        const stopWatching = startedByNpm(process.env) ? watchParent(() => shutDown('parent-exited')) : () => {};
        const shutDown = (cause: NodeJS.Signals | 'parent-exited') => {
          process.off('SIGINT', shutDown);
          process.off('SIGTERM', shutDown);
          stopWatching();
          // A second signal means "now": do not wait for a graceful close.
          process.once('SIGINT', () => process.exit(130));
          process.once('SIGTERM', () => process.exit(143));
          resolve(cause);
        };
        process.on('SIGINT', shutDown);
        process.on('SIGTERM', shutDown);
      }),
  };
}

/**
 * `npx authline serve` and `npm start` run authline through `sh -c`; told
 * to stop, npm signals that shell, which dies without passing the signal on
 * (Debian's dash neither forwards it nor execs its command), leaving authline
 * running with nobody to stop it. Under npm, the parent going away is
 * therefore a request to stop.
 */
function startedByNpm(env: NodeJS.ProcessEnv): boolean {
  return env.npm_lifecycle_event !== undefined;
}

/** How often the parent is checked: the delay between npm's exit and ours. */
const PARENT_CHECK_MS = 500;

function watchParent(onExit: () => void): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) onExit();
  }, PARENT_CHECK_MS);
  return () => clearInterval(timer);
}
