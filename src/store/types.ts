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
import type { CompiledMutation } from './mutate/compiled.js';
import type { ReadStatement } from './sql/index.js';
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
  /** Values, edges and types read (what N-Quads count as triples). */
  readonly triples: number;
  /** Nodes the import created (the others it named existed already and were merged into). */
  readonly created: number;
  /** What was read but not loaded as given (facets, language tags, other namespaces), one line per kind and predicate. */
  readonly warnings: readonly string[];
}

/** Records of an import (store/import reads them from RDF or JSON), and where the last one came from ("line 12") for error messages. */
export type RecordSource = (AsyncIterable<unknown> | Iterable<unknown>) & { readonly location?: string };

export interface ImportProgress {
  readonly triples: number;
  readonly created: number;
}

export interface ImportOptions {
  /** The Dgraph namespace to import (default 0): records of other namespaces are skipped, with a warning. */
  readonly namespace?: bigint | number;
  /** Called after each batch is written. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/**
 * How many nodes the statements of a root field may still return (the
 * request's query edge limit, less what earlier root fields returned).
 */
export interface NodeBudget {
  /** The request's whole limit, for the error's message. */
  readonly limit: number;
  /** What is left of it. */
  readonly remaining: number;
  /** Told how many nodes each statement returned. */
  spend(nodes: number): void;
}

/** How a write is told to live queries (writes.ts). */
export interface WriteOptions {
  /**
   * Announce the commit to every process listening with `onWrite`, naming
   * these types (or all). Absent: the write is not announced (no statement
   * is spent on it), as when the schema has no subscriptions.
   */
  readonly announce?: readonly string[] | 'all';
  /**
   * What runs of the same plan under the same rule decisions share
   * (mutate/compiled.ts): handed the same one again, the mutation reuses
   * what it compiled instead of building it anew. The caller vouches for
   * the sameness (the engine's plan cache keys it by document, variables and
   * claims).
   */
  readonly compiled?: CompiledMutation;
}

/** The root fields that only read, and whose statement depends on nothing but their plan and policy. */
export type ReadPlan = Extract<RootPlan, { readonly kind: 'query' | 'get' | 'aggregate' }>;

/**
 * A read root field compiled to SQL (Store.compileRead): kept by the engine's
 * plan cache and run again with Store.runRead, with no planning, rule
 * compilation or SQL building. Null `statement`: auth leaves nothing to read.
 */
export interface CompiledRead {
  readonly kind: ReadPlan['kind'];
  readonly statement: ReadStatement | null;
  /** Answers its JSON as text, each value as graphql-js writes it (Store.compileJsonRead). */
  readonly text?: true;
}

/** The values of an enum of the schema, by its name. */
export type EnumValues = (name: string) => readonly string[] | undefined;

export interface Store {
  /** Where the data lives, for logs and /health: "pglite:memory", "pglite:/path", "postgres://host/db". */
  readonly description: string;
  /**
   * Builds the indexes `model` needs (for @search/@id) while requests go on,
   * records `sdl` as the current schema, then drops the indexes it no longer
   * needs (schema-indexes.ts). Data is never dropped.
   */
  applySchema(model: SchemaModel, sdl: string): Promise<StoredSchema>;
  /** The current schema stored in the database, if any (for restarts and other processes). */
  currentSchema(): Promise<StoredSchema | null>;
  /** Calls `listener` when another process stores a new schema; returns an unsubscribe function. */
  onSchemaChange(listener: (schema: StoredSchema) => void): Promise<() => Promise<void>>;
  /**
   * Runs one root field and returns its JSON answer, keyed by response keys
   * (with `__typename` on nodes of abstract types). Mutations run in their own
   * transaction: any error leaves nothing written. With `budget`, the nodes
   * returned are counted in the database, which stops at the first one past
   * the budget (QueryEdgeLimitError; a mutation's payload so fails the mutation).
   * A mutation announces its commit as `options` asks.
   */
  run(plan: RootPlan, policy: AuthPolicy, budget?: NodeBudget, options?: WriteOptions): Promise<unknown>;
  /** A read's SQL, built once (`budgeted`: to run under a NodeBudget), for runRead to run as often as needed. */
  compileRead(plan: ReadPlan, policy: AuthPolicy, budgeted: boolean): CompiledRead;
  /**
   * The read compiled to answer its JSON as text, each value exactly as
   * graphql-js writes it for the API's types (runRead then answers a
   * string); a value the data does not allow that for is marked
   * INEXACT_TEXT in it. Null when the selection cannot be answered so.
   */
  compileJsonRead(plan: ReadPlan, policy: AuthPolicy, budgeted: boolean, enumValues: EnumValues): CompiledRead | null;
  /** Runs a compiled read, as `run` runs its plan; `budget` only if it was compiled budgeted. */
  runRead(read: CompiledRead, budget?: NodeBudget): Promise<unknown>;
  /** Loads Dgraph JSON mutation data held in memory, bypassing @auth; all or nothing; announced as `options` asks. */
  importData(model: SchemaModel, data: unknown, options?: ImportOptions & WriteOptions): Promise<ImportResult>;
  /**
   * Loads records read as they stream in (store/import: a Dgraph export in
   * RDF or JSON), bypassing @auth, in batches inside ONE transaction: all or
   * nothing, in memory bounded by a batch; announced as `options` asks.
   */
  importRecords(model: SchemaModel, records: RecordSource, options?: ImportOptions & WriteOptions): Promise<ImportResult>;
  /**
   * Calls `listener` after every announced write commits, in this process or
   * another on the same database, with the types it named; with all types
   * after a lost listening connection comes back (writes may have been
   * missed). Returns an unsubscribe function.
   */
  onWrite(listener: (types: ChangedTypes) => void): Promise<() => Promise<void>>;
  /** Does the database answer, within 1 s? (false, never a hang: /health relies on it) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
