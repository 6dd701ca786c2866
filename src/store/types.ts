/**
 * The store's face to the stages above it. A Store owns one database (an
 * embedded PGlite or a PostgreSQL server), keeps the uploaded schema in it,
 * and runs plans under an AuthPolicy: every rule decision becomes part of the
 * same SQL statement, so one root field costs one statement (or a small
 * number that does not grow with the data).
 */
import type { SchemaModel } from '../model/types.js';
import type { RootPlan } from '../plan/types.js';
import type { AuthPolicy } from '../rules/policy.js';
import type { ChangedTypes } from './writes.js';

export type { ChangedTypes } from './writes.js';

export interface StoredSchema {
  /** The SDL as uploaded. */
  readonly sdl: string;
  /** Increases with every successful upload. */
  readonly version: number;
  readonly updatedAt: Date;
}

export interface ImportResult {
  /** Blank-node name (without `_:`) → assigned uid ("0x1"). */
  readonly uids: Readonly<Record<string, string>>;
}

/** How a write is told to live queries (writes.ts). */
export interface WriteOptions {
  /**
   * Announce the commit to every process listening with `onWrite`, naming
   * these types (or all). Absent: the write is not announced (no statement
   * is spent on it), as when the schema has no subscriptions.
   */
  readonly announce?: readonly string[] | 'all';
}

export interface Store {
  /** Where the data lives, for logs and /health: "pglite:memory", "pglite:/path", "postgres://host/db". */
  readonly description: string;
  /**
   * Makes the physical layout ready for `model` (indexes for @search/@id) and
   * records `sdl` as the current schema, atomically. Data is never dropped.
   */
  applySchema(model: SchemaModel, sdl: string): Promise<StoredSchema>;
  /** The current schema stored in the database, if any (for restarts and other processes). */
  currentSchema(): Promise<StoredSchema | null>;
  /** Calls `listener` when another process stores a new schema; returns an unsubscribe function. */
  onSchemaChange(listener: (schema: StoredSchema) => void): Promise<() => Promise<void>>;
  /**
   * Runs one root field and returns its JSON answer, keyed by response keys
   * (with `__typename` on nodes of abstract types). Mutations run in their own
   * transaction: any error leaves nothing written. A mutation announces its
   * commit as `options` asks.
   */
  run(plan: RootPlan, policy: AuthPolicy, options?: WriteOptions): Promise<unknown>;
  /** Loads Dgraph JSON mutation/export data, bypassing @auth; announced as `options` asks. */
  importData(model: SchemaModel, data: unknown, options?: WriteOptions): Promise<ImportResult>;
  /**
   * Calls `listener` after every announced write commits, in this process or
   * another on the same database, with the types it named; with all types
   * after a lost listening connection comes back (writes may have been
   * missed). Returns an unsubscribe function.
   */
  onWrite(listener: (types: ChangedTypes) => void): Promise<() => Promise<void>>;
  /** Is the database reachable? */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
