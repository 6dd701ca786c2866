/**
 * Named prepared statements on PostgreSQL connections (node-postgres's
 * `{ name, text, values }`): each connection parses a statement once under
 * a name derived from a hash of its text, and later runs on that connection
 * bind and execute only. Per connection, at most `limit` statements are
 * kept: the least recently used is DEALLOCATEd to make room.
 *
 * - DDL sent through this backend (a schema upload's indexes) closes every
 *   kept statement: each connection DEALLOCATEs all of its statements before
 *   its next named one. PostgreSQL would re-plan them itself; this drops the
 *   statements the old schema needed at once.
 * - A statement whose result columns changed under it (DDL by another
 *   process) is refused by PostgreSQL ("cached plan must not change result
 *   type"): outside a transaction it is prepared again and run once more;
 *   in a transaction, which the error aborted, the error stands and the
 *   statement is DEALLOCATEd before the connection's next named statement.
 * - node-postgres skips Parse for a name it has seen parsed on the
 *   connection, so a DEALLOCATEd name is also forgotten there.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  changesSchema, isPreparable, isResultTypeChange, noPreparedStatements, RecentlyUsed, type PreparedStatementCounts,
} from './prepared.js';
import type { Around, Row } from './types.js';

/** node-postgres's record of the named statements parsed on a connection (name → text). */
interface ParsedStatements {
  readonly connection: { readonly parsedStatements: Record<string, string | undefined> };
}

/** A generation no connection is of: its statements are dropped before its next named one. */
const STALE = -1;

/** What one connection keeps. */
interface Kept {
  readonly names: RecentlyUsed<string, string>;
  /** The schema generation its statements were prepared under. */
  generation: number;
  /** Names to DEALLOCATE before the next named statement (refused in an aborted transaction). */
  readonly dropLater: Set<string>;
}

/** A statement's name on every connection: its text's hash (63 bytes is PostgreSQL's limit). */
export function statementName(text: string): string {
  return `authline_${createHash('sha1').update(text).digest('hex')}`;
}

export class PostgresStatements {
  readonly #counts = noPreparedStatements();
  /** Names of recently run texts: a hash per statement run would cost more than a lookup (cached texts are the same strings). */
  readonly #names = new RecentlyUsed<string, string>();
  readonly #connections = new WeakMap<pg.ClientBase, Kept>();
  /** Bumped by DDL: connections of an older generation drop their statements. */
  #generation = 0;

  /** `limit`: statements kept per connection; 0 keeps none. */
  constructor(private readonly limit: number) {}

  counts(): PreparedStatementCounts {
    return { ...this.#counts };
  }

  /**
   * Runs one statement on `client`, under a name when it is worth one;
   * `inTransaction`: an error aborts the transaction, so nothing is retried;
   * `around`: commands to send with it, in the same exchange (inOneExchange).
   */
  async run(client: pg.ClientBase, text: string, params: unknown[], inTransaction: boolean, around?: Around): Promise<Row[]> {
    if (this.limit === 0 || !isPreparable(text)) {
      const rows = await inOneExchange(client, around, async () => (await client.query<Row>(text, params)).rows);
      if (changesSchema(text)) this.#generation++;
      return rows;
    }
    const kept = this.#kept(client);
    const name = this.#nameOf(text);
    await this.#makeRoom(client, kept, name);
    try {
      return await inOneExchange(client, around, () => this.#runNamed(client, kept, name, text, params));
    } catch (error) {
      // Commands around a statement make it part of a transaction: nothing is retried there.
      if (!isResultTypeChange(error)) throw error;
      this.#counts.invalidated++;
      kept.names.delete(name);
      if (inTransaction || around) {
        kept.dropLater.add(name);
        throw error;
      }
      await this.#deallocate(client, kept, [name]);
      return this.#runNamed(client, kept, name, text, params);
    }
  }

  async #runNamed(client: pg.ClientBase, kept: Kept, name: string, text: string, params: unknown[]): Promise<Row[]> {
    const parsed = parsedOn(client);
    const reused = parsed[name] !== undefined;
    try {
      const { rows } = await client.query<Row>({ name, text, values: params });
      return rows;
    } finally {
      // Kept while the connection holds it: a Parse that failed kept nothing.
      if (parsed[name] === undefined) kept.names.delete(name);
      else {
        kept.names.add(name, name);
        if (reused) this.#counts.reused++;
        else this.#counts.prepared++;
      }
    }
  }

  /**
   * Before `name` runs: drops what a schema change or an aborted transaction
   * left, and the least recently used beyond the limit. The bookkeeping is
   * done before the round trip, so statements queued on the same connection
   * meanwhile see it.
   */
  async #makeRoom(client: pg.ClientBase, kept: Kept, name: string): Promise<void> {
    if (kept.generation !== this.#generation) {
      kept.generation = this.#generation;
      this.#counts.invalidated += kept.names.clear().length;
      kept.dropLater.clear();
      forget(client, Object.keys(parsedOn(client)));
      try {
        await client.query('DEALLOCATE ALL');
      } catch (error) {
        // Refused (an aborted transaction): tried again before the connection's next named statement.
        kept.generation = STALE;
        throw error;
      }
      return;
    }
    if (kept.names.use(name) !== undefined) return;
    const evicted = kept.names.evict(this.limit);
    this.#counts.evicted += evicted.length;
    const drops = [...kept.dropLater, ...evicted];
    if (drops.length > 0) await this.#deallocate(client, kept, drops);
  }

  /** DEALLOCATEs `names` in one round trip (the simple protocol takes several commands). */
  async #deallocate(client: pg.ClientBase, kept: Kept, all: readonly string[]): Promise<void> {
    for (const name of all) kept.dropLater.delete(name);
    // Only what the connection holds: DEALLOCATE of an unknown name is an error.
    const parsed = parsedOn(client);
    const names = all.filter((name) => parsed[name] !== undefined);
    if (names.length === 0) return;
    try {
      await client.query(names.map((name) => `DEALLOCATE ${pg.escapeIdentifier(name)}`).join('; '));
    } catch (error) {
      // Still held (an aborted transaction refuses DEALLOCATE): dropped before the next named statement.
      for (const name of names) kept.dropLater.add(name);
      throw error;
    }
    forget(client, names);
  }

  #nameOf(text: string): string {
    let name = this.#names.use(text);
    if (name === undefined) {
      name = statementName(text);
      // As many as each connection keeps, and as many again of texts run once.
      this.#names.evict(2 * this.limit);
      this.#names.add(text, name);
    }
    return name;
  }

  #kept(client: pg.ClientBase): Kept {
    let kept = this.#connections.get(client);
    if (!kept) {
      kept = { names: new RecentlyUsed(), generation: this.#generation, dropLater: new Set() };
      this.#connections.set(client, kept);
    }
    return kept;
  }
}

function parsedOn(client: pg.ClientBase): Record<string, string | undefined> {
  return (client as unknown as ParsedStatements).connection.parsedStatements;
}

/** node-postgres parses these names again at their next use. */
function forget(client: pg.ClientBase, names: readonly string[]): void {
  const parsed = parsedOn(client);
  for (const name of names) delete parsed[name];
}

/** node-postgres's pipeline mode (the pool's connections): each query is written at once, not after the previous one's answer. */
function isPipelined(client: pg.ClientBase): boolean {
  return (client as { pipeline?: boolean }).pipeline === true;
}

/**
 * `statement` (which must send its query before its first await) with the
 * commands `around` it. On a pipelined connection all of them are written
 * to the socket at once (corked: one write) and the server answers them in
 * one round trip, each with its own Sync: a statement that fails does not
 * stop the COMMIT after it, which then rolls back (riding.ts). Elsewhere
 * they go one after the other, the COMMIT only after a statement that did
 * not fail.
 */
async function inOneExchange<T>(client: pg.ClientBase, around: Around | undefined, statement: () => Promise<T>): Promise<T> {
  if (!around) return statement();
  if (!isPipelined(client)) {
    if (around.before !== undefined) await client.query(around.before);
    const result = await statement();
    if (around.after !== undefined) await client.query(around.after);
    return result;
  }
  const { stream } = (client as unknown as { readonly connection: { readonly stream: { cork(): void; uncork(): void } } }).connection;
  stream.cork();
  let sent: [unknown, Promise<T>, unknown];
  try {
    sent = [
      around.before !== undefined ? client.query(around.before) : undefined,
      statement(),
      around.after !== undefined ? client.query(around.after) : undefined,
    ];
  } finally {
    stream.uncork();
  }
  // Every answer is awaited (none left to reject unheard); the first failure on the wire is the answer.
  return (await Promise.all(sent))[1];
}
