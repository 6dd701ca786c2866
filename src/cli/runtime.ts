/**
 * Everything the commands need from outside the CLI, in one place: the
 * engine's factories, the server, the environment and the output streams.
 * main() passes the real one; nothing else in src/cli imports the engine.
 */
import { checkSchema, createService } from '../engine/index.js';
import type { AuthlineService } from '../engine/types.js';
import type { SchemaError } from '../sdl/errors.js';
import { startServer } from '../server/index.js';
import { openStore, type StoreOptions } from '../store/index.js';

/** Where a service keeps its data. */
export type StoreLocation =
  /** Embedded PGlite, in memory: gone when the process exits. */
  | { readonly kind: 'memory' }
  /** Embedded PGlite in a directory (created if missing); `fsync`: flush every commit to disk. */
  | { readonly kind: 'directory'; readonly path: string; readonly fsync: boolean }
  /** A PostgreSQL server; several authline processes may share it. */
  | { readonly kind: 'postgres'; readonly url: string };

export interface ServiceOptions {
  readonly store: StoreLocation;
}

/** Opens the store at `location`, then the service on it (which loads the stored schema). */
async function openService(options: ServiceOptions): Promise<AuthlineService> {
  const store = await openStore(storeOptions(options.store));
  try {
    return await createService({ store, log: (event) => process.stderr.write(`${JSON.stringify(event)}\n`) });
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
  createService(options: ServiceOptions): Promise<AuthlineService>;
  checkSchema(sdl: string): SchemaError[] | Promise<SchemaError[]>;
  startServer: typeof startServer;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where relative paths are resolved. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream;
  /** Resolves on the first SIGINT or SIGTERM. */
  shutdownSignal(): Promise<NodeJS.Signals>;
}

export function processRuntime(): Runtime {
  return {
    createService: openService,
    checkSchema,
    startServer,
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    shutdownSignal: () =>
      new Promise((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          // A second signal means "now": do not wait for a graceful close.
          process.once('SIGINT', () => process.exit(130));
          process.once('SIGTERM', () => process.exit(143));
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
