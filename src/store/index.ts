/**
 * The store: authline's data in PostgreSQL. Embedded PGlite by default (in
 * memory, or persisted in a data directory), a PostgreSQL server when a
 * database URL is given; the same SQL on both.
 */
import { DEFAULT_STATEMENT_TIMEOUT_MS, openPglite } from './backend/pglite.js';
import { observedBackend } from './backend/observed.js';
import { openPostgres } from './backend/postgres.js';
import type { Backend, StatementHook } from './backend/types.js';
import { ensureLayout } from './layout.js';
import type { StoreObserver } from './observer.js';
import { SqlStore } from './store.js';
import type { Store } from './types.js';

export type { ChangedTypes, CompiledRead, EnumValues, ReadPlan, ImportOptions, ImportProgress, ImportResult, NodeBudget, RecordSource, Store, StoredSchema, WriteOptions } from './types.js';
export { readRecords, type ImportFormat } from './import/index.js';
export { ALL_TYPES } from './writes.js';
export { INEXACT_TEXT } from './sql/index.js';
export type { StoreObserver } from './observer.js';
export {
  AuthorizationError, ImportError, MutationFailedError, MutationInputError, QueryEdgeLimitError, StoreError, ValueError,
} from './errors.js';
export { DataDirInUseError } from './backend/dir-lock.js';
export { EngineFaultError, EngineUnavailableError, StatementTimeoutError } from './backend/errors.js';
export { DEFAULT_STATEMENT_TIMEOUT_MS, IMPORT_SHARED_BUFFERS_MB } from './backend/pglite.js';
export { rootUidsOf } from './mutate/payload.js';
export { CompiledMutation, statementSize } from './mutate/compiled.js';

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
  /**
   * Longest a statement may run, in milliseconds; 0 for no limit. Default
   * 10 s. On PostgreSQL it is the server's `statement_timeout` (error code
   * 57014); on PGlite a statement over it is stopped by restarting the
   * engine (StatementTimeoutError, code 57014 too).
   */
  readonly statementTimeoutMs?: number;
  /** PGlite data directory: flush every commit to disk (fsync). Default true. */
  readonly fsync?: boolean;
  /** PGlite: PostgreSQL's shared_buffers in MB (resident from the start); default 128. Ignored with `databaseUrl`. */
  readonly pgliteSharedBuffersMb?: number;
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const opened: Backend = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.onStatement, options.poolSize, options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS)
    : await openPglite({ ...options, sharedBuffersMb: options.pgliteSharedBuffersMb });
  const backend = options.observer ? observedBackend(opened, options.observer) : opened;
  try {
    await ensureLayout(backend);
    return await SqlStore.open(backend);
  } catch (error) {
    await backend.close();
    throw error;
  }
}
