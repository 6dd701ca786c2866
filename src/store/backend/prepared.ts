/**
 * What both backends share about named prepared statements: which statements
 * are kept under a name, which invalidate the kept ones, the error that says
 * a kept one must be prepared again, and the counts a backend reports.
 *
 * A statement sent with a name is parsed, analysed and rewritten once per
 * connection; each later run only binds its parameters and executes
 * (PostgreSQL re-plans it itself when a table or index it uses changes).
 * Through PGlite that is most of a statement's cost; on a server, a good
 * part of it.
 */

/** Statements kept per connection unless configured otherwise; the least recently used is closed beyond it. */
export const DEFAULT_PREPARED_STATEMENTS = 128;

/**
 * Statements worth a name: those PostgreSQL plans (SELECT, WITH, INSERT,
 * UPDATE, DELETE, VALUES), one to a text (a `;` anywhere, even quoted, leaves
 * a text unnamed: the extended protocol takes one command). BEGIN, COMMIT,
 * LISTEN, SET and DDL run unnamed, as before.
 */
export function isPreparable(text: string): boolean {
  return PLANNED.test(text) && !text.includes(';');
}

const PLANNED = /^\s*\(*\s*(SELECT|WITH|INSERT|UPDATE|DELETE|VALUES)\b/i;

/**
 * DDL: after it, the kept statements are closed. PostgreSQL would re-plan
 * them anyway; closing them drops those the old schema needed (their texts
 * change with the schema) instead of waiting for them to age out.
 */
export function changesSchema(text: string): boolean {
  return SCHEMA_CHANGE.test(text);
}

const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;

/**
 * PostgreSQL's refusal to run a kept statement whose result columns changed
 * under it (a table altered by another connection, say): the statement must
 * be closed and prepared again.
 */
export function isResultTypeChange(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && message === 'cached plan must not change result type';
}

/** How a backend used named statements since it opened (tests and metrics read them). */
export interface PreparedStatementCounts {
  /** Statements parsed under a name on a connection (each connection prepares its own). */
  prepared: number;
  /** Runs that reused a statement already prepared on their connection: bind and execute only. */
  reused: number;
  /** Statements closed to keep a connection within its limit (the least recently used first). */
  evicted: number;
  /** Statements closed because the schema changed: DDL through the backend, or a result type PostgreSQL refused to reuse. */
  invalidated: number;
}

export function noPreparedStatements(): PreparedStatementCounts {
  return { prepared: 0, reused: 0, evicted: 0, invalidated: 0 };
}

/** Adds `delta` into `total`. */
export function addPreparedCounts(total: PreparedStatementCounts, delta: Readonly<PreparedStatementCounts>): void {
  total.prepared += delta.prepared;
  total.reused += delta.reused;
  total.evicted += delta.evicted;
  total.invalidated += delta.invalidated;
}

/** A limit on statements per connection: a whole number, 0 to name none. */
export function checkedPreparedLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new TypeError(`preparedStatements must be a whole number of statements per connection (0 for none), got ${String(limit)}`);
  }
  return limit;
}

/**
 * The names kept on one connection, least recently used first (a Map keeps
 * insertion order; a use moves the name to the end).
 */
export class RecentlyUsed<K, V> {
  readonly #entries = new Map<K, V>();

  get size(): number {
    return this.#entries.size;
  }

  /** The entry, now the most recently used. */
  use(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  add(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** The least recently used entries beyond room for one more under `limit`, removed. */
  evict(limit: number): V[] {
    const evicted: V[] = [];
    for (const [key, value] of this.#entries) {
      if (this.#entries.size < limit) break;
      this.#entries.delete(key);
      evicted.push(value);
    }
    return evicted;
  }

  /** Every entry, removed. */
  clear(): V[] {
    const all = [...this.#entries.values()];
    this.#entries.clear();
    return all;
  }
}

/**
 * How every transaction of the store begins (its mutations, imports and
 * schema uploads; reads run outside transactions): one simple query (on
 * PGlite it goes with the transaction's first statement, pglite.ts) that also
 * turns the transaction's statements to generic plans. A mutation's rule
 * checks and payload reads probe given uids, so a plan made for one set of
 * values serves every other, while a plan made anew costs more than running
 * the statement (the bench's add: its closing check-and-payload planned in
 * 4–10 ms, executed in under 1 ms). PostgreSQL's own choice ('auto') keeps
 * re-planning them: with an unknown array, `uid = ANY($n)` looks dearer
 * generically. SET LOCAL ends with the transaction, so reads keep 'auto'.
 * Two commands in one text: sent without parameters, as one simple query.
 */
export const BEGIN_TRANSACTION = 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan';

/** What a statement sent in a transaction after its queryAndCommit (backend/types.ts Transaction) is refused with. */
export const TRANSACTION_COMMITTED = 'the transaction has committed: nothing more may be sent in it';
