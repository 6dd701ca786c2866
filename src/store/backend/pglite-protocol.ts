/**
 * The messages between the backend (main thread) and the PGlite worker. One
 * request is in flight at a time; each names its operation in `op`, so that
 * operations can be added (a `prepare` of a named statement and an `execute`
 * of it, say) without changing the others.
 */
import type { PGliteOptions } from '@electric-sql/pglite';
import type { PreparedStatementCounts } from './prepared.js';
import type { Around } from './types.js';

/** A compiled WebAssembly.Module (TypeScript declares WebAssembly only with the DOM library). */
export type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;

/** What the worker needs to open the database; passed as workerData. */
export interface WorkerConfig {
  readonly dataDir: string;
  /** Flush every commit to disk (fsync); off for a private temporary directory. */
  readonly fsync: boolean;
  /**
   * PGlite's engine, compiled once per process and shared by its workers:
   * compiling it is a good part of a start, and code optimised while one
   * engine ran stays optimised for the next.
   */
  readonly wasmModule: WasmModule;
  /** Named prepared statements the worker keeps (pglite-statements.ts); 0 for none. */
  readonly preparedStatements: number;
  /** PostgreSQL's shared_buffers in MB; undefined for its default (128 MB). */
  readonly sharedBuffersMb?: number;
}

export type Request =
  /**
   * Runs one statement with `params` bound to $1, $2, ...; `around`, commands
   * to run before and after it in the same exchange (a transaction's BEGIN
   * and COMMIT).
   */
  | { readonly op: 'query'; readonly id: number; readonly sql: string; readonly params: readonly unknown[]; readonly around?: Around }
  /** Starts or stops forwarding NOTIFYs on `channel` as notification messages. */
  | { readonly op: 'listen' | 'unlisten'; readonly id: number; readonly channel: string }
  /** Closes the database cleanly (a checkpoint); the worker then exits. */
  | { readonly op: 'close'; readonly id: number };

/**
 * A statement's rows, as arrays in column order. JSON columns stay text: the
 * main thread parses them, so each value is parsed once and crosses the
 * thread boundary as one string instead of a cloned object graph.
 */
export interface Rows {
  readonly kind: 'rows';
  readonly id: number;
  readonly columns: readonly string[];
  /** Positions of json/jsonb columns. */
  readonly json: readonly number[];
  /** Positions of json[]/jsonb[] columns: arrays (nested, for more dimensions) of JSON text. */
  readonly jsonArrays: readonly number[];
  readonly rows: readonly (readonly unknown[])[];
  /** Rows an INSERT, UPDATE or DELETE reported. */
  readonly affectedRows: number;
  /** Named statements used since the previous answer. */
  readonly prepared: PreparedStatementCounts;
}

/** A database error's fields (PostgreSQL's ErrorResponse), for rebuilding it on the other side. */
export type ErrorFields = Readonly<Record<string, string | number | undefined>> & { readonly message: string };

export type Reply =
  | { readonly kind: 'ready' }
  /** Opening the database failed; the worker exits. */
  | { readonly kind: 'open-failed'; readonly message: string }
  | Rows
  /** listen, unlisten or close done. */
  | { readonly kind: 'done'; readonly id: number }
  /** The statement failed with an error the database reported; the engine is fine. */
  | { readonly kind: 'error'; readonly id: number; readonly error: ErrorFields; readonly prepared: PreparedStatementCounts }
  /**
   * The engine broke (an error it lost, an exception out of the WebAssembly):
   * it must not run anything more. The worker answers nothing after this.
   */
  | { readonly kind: 'fault'; readonly id: number; readonly reason: string }
  | { readonly kind: 'notification'; readonly channel: string; readonly payload: string };

/** PostgreSQL's type oids of json and jsonb, and of their arrays. */
export const JSON_TYPES: readonly number[] = [114, 3802];
export const JSON_ARRAY_TYPES: readonly number[] = [199, 3807];
