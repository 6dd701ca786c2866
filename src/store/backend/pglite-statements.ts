/**
 * Named prepared statements on PGlite, kept by the worker thread
 * (pglite-worker.ts) for its one connection.
 *
 * PGlite's `query()` sends each statement as six protocol messages, each a
 * separate call into the engine: Parse (parse, analyse, rewrite), Describe,
 * Bind, Describe, Execute, Sync. Here a statement is parsed once under a
 * name, with its parameter types and result columns described once; each
 * later run is one call with Bind, Execute and Sync, and its rows are read
 * with the columns described at Parse. The least recently used statement is
 * closed beyond the limit, and DDL closes them all (prepared.ts). The
 * statements live in the engine: a restarted engine starts with none.
 */
import { parse, protocol, type messages, type PGlite, type Results } from '@electric-sql/pglite';
import type { Around } from './types.js';
import {
  changesSchema, isPreparable, isResultTypeChange, noPreparedStatements, RecentlyUsed, type PreparedStatementCounts,
} from './prepared.js';

const { serialize } = protocol;
type BackendMessage = messages.BackendMessage;
type RowDescription = messages.RowDescriptionMessage;
type ParameterDescription = messages.ParameterDescriptionMessage;

/** Rows as arrays: no column names repeated in every row that crosses to the main thread. */
const AS_ARRAYS = { rowMode: 'array' } as const;

interface Prepared {
  readonly name: string;
  /** The parameters' type oids, as PostgreSQL inferred them: each value is serialised for its type. */
  readonly parameterTypes: readonly number[];
  /** The result columns; absent for a statement that returns no rows. */
  readonly columns: RowDescription | undefined;
}

export class PgliteStatements {
  readonly #kept = new RecentlyUsed<string, Prepared>();
  #nextName = 1;
  /** Counted since the last `takeCounts()`. */
  #counts = noPreparedStatements();

  /** `limit`: statements kept at most; 0 keeps none (every statement runs as `query()` sends it). */
  constructor(private readonly db: PGlite, private readonly limit: number) {}

  /**
   * Runs one statement, under a name when it is worth one, with the
   * commands `around` it (pglite-protocol.ts) in the same call into the
   * engine when it is named.
   */
  async run(text: string, params: readonly unknown[], around?: Around): Promise<Results<unknown[]>> {
    if (this.limit > 0 && isPreparable(text)) return this.db.runExclusive(() => this.#runNamed(text, params, around));
    if (around?.before !== undefined) await this.db.exec(around.before);
    const result = await this.#runUnnamed(text, params);
    if (around?.after !== undefined) await this.db.exec(around.after);
    return result;
  }

  async #runUnnamed(text: string, params: readonly unknown[]): Promise<Results<unknown[]>> {
    // Several commands in one text (backend/prepared.ts BEGIN_TRANSACTION) go as one simple query, answered by the last.
    const result = params.length === 0 && text.includes(';')
      ? (await this.db.exec(text, AS_ARRAYS)).at(-1) as Results<unknown[]>
      : await this.db.query<unknown[]>(text, [...params], AS_ARRAYS);
    if (changesSchema(text) && this.#kept.size > 0) await this.db.runExclusive(() => this.#close(this.#kept.clear(), 'invalidated'));
    return result;
  }

  /** What was counted since the last call. */
  takeCounts(): PreparedStatementCounts {
    const counts = this.#counts;
    this.#counts = noPreparedStatements();
    return counts;
  }

  async #runNamed(text: string, params: readonly unknown[], around?: Around): Promise<Results<unknown[]>> {
    let statement = this.#kept.use(text);
    if (statement) this.#counts.reused++;
    else statement = await this.#prepare(text);
    try {
      return await this.#execute(statement, params, around);
    } catch (error) {
      if (!isResultTypeChange(error)) throw error;
      // Closed either way. In a transaction, which the error aborted (or
      // ended, with a COMMIT after it), the caller rolls back; the next run
      // prepares it afresh.
      this.#kept.delete(text);
      await this.#close([statement], 'invalidated');
      if (around !== undefined || this.db.isInTransaction()) throw error;
      return this.#execute(await this.#prepare(text), params);
    }
  }

  /** Parses `text` under a new name, closing the least recently used beyond the limit in the same call. */
  async #prepare(text: string): Promise<Prepared> {
    const evicted = this.#kept.evict(this.limit);
    this.#counts.evicted += evicted.length;
    const name = `s${this.#nextName++}`;
    // Closes come first: a failing Parse skips every message up to Sync.
    const messages = await this.#exchange([
      ...evicted.map((old) => serialize.close({ type: 'S', name: old.name })),
      serialize.parse({ name, text }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]);
    const parameters = messages.find((message): message is ParameterDescription => message.name === 'parameterDescription');
    const columns = messages.find((message): message is RowDescription => message.name === 'rowDescription');
    const statement: Prepared = { name, parameterTypes: parameters?.dataTypeIDs ?? [], columns };
    this.#kept.add(text, statement);
    this.#counts.prepared++;
    return statement;
  }

  async #execute(statement: Prepared, params: readonly unknown[], around?: Around): Promise<Results<unknown[]>> {
    // As query() serialises them: by the type PostgreSQL inferred for each parameter.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.db.serializers[statement.parameterTypes[i]];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await this.#exchange([
      ...(around?.before !== undefined ? [serialize.query(around.before)] : []),
      serialize.bind({ statement: statement.name, values }), serialize.execute(), serialize.sync(),
      ...(around?.after !== undefined ? [serialize.query(around.after)] : []),
    ]);
    const own = around ? statementMessages(messages, around.before !== undefined) : messages;
    const described = statement.columns ? [statement.columns, ...own] : own;
    const [result] = parse.parseResults(described, this.db.parsers, AS_ARRAYS) as Results<unknown[]>[];
    // As query() does after every statement outside its own transaction() (which the backend does not use).
    await this.db.syncToFs();
    return result;
  }

  async #close(statements: readonly Prepared[], why: 'evicted' | 'invalidated'): Promise<void> {
    this.#counts[why] += statements.length;
    await this.#exchange([...statements.map(({ name }) => serialize.close({ type: 'S', name })), serialize.sync()]);
  }

  /** Sends protocol messages in one call into the engine; throws the first error the database reported. */
  #exchange(parts: readonly Uint8Array[]): Promise<BackendMessage[]> {
    const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      message.set(part, offset);
      offset += part.length;
    }
    return this.db.execProtocolStream(message, { syncToFs: false });
  }
}

/**
 * The statement's own messages among those of the commands around it: each
 * command's messages end with ReadyForQuery, the statement's come second
 * when a command came `first`.
 */
function statementMessages(messages: readonly BackendMessage[], first: boolean): BackendMessage[] {
  const ends = messages.flatMap((message, i) => (message.name === 'readyForQuery' ? [i] : []));
  const start = first ? ends[0] + 1 : 0;
  return messages.slice(start, (first ? ends[1] : ends[0]) + 1);
}
