/**
 * The store: authline's data in PostgreSQL. Embedded PGlite by default (in
 * memory, or persisted in a data directory), a PostgreSQL server when a
 * database URL is given; the same SQL on both.
 */
import { openPglite } from './backend/pglite.js';
import { observedBackend } from './backend/observed.js';
import { openPostgres } from './backend/postgres.js';
import type { Backend, StatementHook } from './backend/types.js';
import { ensureLayout } from './layout.js';
import type { StoreObserver } from './observer.js';
import { SqlStore } from './store.js';
import type { Store } from './types.js';

export type { ImportResult, Store, StoredSchema } from './types.js';
export type { StoreObserver } from './observer.js';
export {
  AuthorizationError, ImportError, MutationFailedError, MutationInputError, StoreError, ValueError,
} from './errors.js';
export { DataDirInUseError } from './backend/dir-lock.js';
export { rootUidsOf } from './mutate/payload.js';

export interface StoreOptions {
  /** A PostgreSQL server (postgres://user:password@host:port/db); when set, PGlite is not used. */
  readonly databaseUrl?: string;
  /** PGlite data directory; omitted means in memory. Ignored with `databaseUrl`. */
  readonly dataDir?: string;
  /** Sees every SQL statement sent with its parameters, BEGIN and COMMIT included (tests count them; logs may trace them). */
  readonly onStatement?: StatementHook;
  /** Connections in the PostgreSQL pool (default 10). */
  readonly poolSize?: number;
  /** Hears how long each statement took (metrics). */
  readonly observer?: StoreObserver;
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const opened: Backend = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.onStatement, options.poolSize)
    : await openPglite(options.dataDir, options.onStatement);
  const backend = options.observer ? observedBackend(opened, options.observer) : opened;
  try {
    await backend.transaction((tx) => ensureLayout(tx));
    return await SqlStore.open(backend);
  } catch (error) {
    await backend.close();
    throw error;
  }
}
