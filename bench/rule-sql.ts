/**
 * `npm run bench:rules`: whether rule SQL costs the same per candidate node
 * whatever the size of the data behind it. The bench's schema and rules
 * (bench/lib/schema.ts) with one owner of 10 todos, then of 5,000, among
 * other owners' todos: for each request the statements it sends, and for
 * each statement EXPLAIN ANALYZE's execution time, planned with the values
 * (custom plan) and as a prepared statement's generic plan (what a plan
 * cache reuses). PGlite by default; PostgreSQL with DATABASE_URL (a database
 * the bench may fill: it creates authline's tables in it).
 *
 * Writes are timed as a whole (median of repeated adds); reads and rule checks
 * are re-run under EXPLAIN ANALYZE, writes inside a rolled-back transaction
 * (a write that cannot run twice, such as an insert of the same uid, shows
 * its error instead); each is explained a few times and the least time
 * counts. Prints a table, then the figures as JSON; with
 * RULES_PLANS=<file>, every plan explained is written to that file.
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'graphql';
import { createService, type AuthlineService } from '../src/engine/index.js';
import { openPglite } from '../src/store/backend/pglite.js';
import { openPostgres } from '../src/store/backend/postgres.js';
import type { Backend } from '../src/store/backend/types.js';
import { ensureLayout } from '../src/store/layout.js';
import { SqlStore } from '../src/store/store.js';
import { authlineSdl } from './lib/schema.js';
import { hs256 } from './lib/tokens.js';

const SIZES = [10, 5_000] as const;
/** Other owners' todos, so that the owner's are a minority of the type. */
const OTHER_TODOS = 5_000;
const USERS = 100;
const OWNER = 7;
const ADDS = 30;
/** Each statement is explained this many times; the least time counts. */
const RUNS = 5;

/** `run` `times` times in turn, its answers in order. */
async function sequence<T>(times: number, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}

interface Sent {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const sent: Sent[] = [];
const record = (sql: string, params: readonly unknown[]) => sent.push({ sql, params });

async function open(): Promise<Backend> {
  const url = process.env.DATABASE_URL;
  const db = url ? await openPostgres(url, record, 2, 0) : await openPglite({ onStatement: record, statementTimeoutMs: 0 });
  await ensureLayout(db);
  if (url) await db.query('TRUNCATE authline.node, authline.edge, authline.schema CASCADE');
  return db;
}

/** Users with their todos, both directions of the `@hasInverse` edge given (an import writes only the edges it is given). */
function dataFor(ownerTodos: number): unknown[] {
  const todo = (owner: number, i: number) => ({ uid: `_:t${owner}.${i}`, 'dgraph.type': 'Todo', 'Todo.title': `todo ${i}`, 'Todo.done': i % 2 === 0, 'Todo.owner': { uid: `_:u${owner}` } });
  const mine = Array.from({ length: ownerTodos }, (_, i) => todo(OWNER, i));
  const others = Array.from({ length: OTHER_TODOS }, (_, i) => todo((OWNER + 1 + (i % (USERS - 1))) % USERS, i));
  const todosOf = (owner: number) => [...mine, ...others].filter((t) => t['Todo.owner'].uid === `_:u${owner}`).map((t) => ({ uid: t.uid }));
  const users = Array.from({ length: USERS }, (_, i) => ({
    uid: `_:u${i}`, 'dgraph.type': 'User', 'User.username': `user${i}`, 'User.name': `User ${i}`, 'User.team': `team${i % 10}`,
    'User.todos': todosOf(i),
  }));
  return [...users, ...mine, ...others];
}

async function request(service: AuthlineService, query: string, token: string): Promise<void> {
  const schema = service.current()!;
  const prepared = await schema.prepare({ headers: { 'x-auth': token }, debug: true });
  if ('errors' in prepared) throw new Error(JSON.stringify(prepared.errors));
  const result = await schema.execute({ document: parse(query), contextValue: prepared.contextValue });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** A parameter as an SQL literal, for EXECUTE. */
function literal(value: unknown): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return literal(`{${value.map((v) => JSON.stringify(String(v))).join(',')}}`);
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** EXPLAIN ANALYZE's execution time (ms) of a statement, custom and generic plan; writes are rolled back. */
async function explain(db: Backend, statement: Sent): Promise<{ custom: number; generic: number }> {
  const time = async (run: (q: (text: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>) => Promise<Record<string, unknown>[]>) => {
    let ms = NaN;
    await db.transaction(async (tx) => {
      const rows = await run((text, params) => tx.query(text, params));
      const json = rows[0]['QUERY PLAN'];
      const plan = (typeof json === 'string' ? JSON.parse(json) : json) as { 'Execution Time': number }[];
      ms = plan[0]['Execution Time'];
      if (process.env.RULES_PLANS) plans.push({ sql: statement.sql, params: statement.params, plan });
      throw new Rollback();
    }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
    return ms;
  };
  // The least of a few runs: what the statement costs, without the machine's other work.
  const least = async (run: () => Promise<number>) => Math.min(...await sequence(RUNS, run));
  const custom = await least(() => time((q) => q(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params)));
  const generic = await least(() => time(async (q) => {
    await q('SET LOCAL plan_cache_mode = force_generic_plan');
    await q(`PREPARE rule_sql_bench AS ${statement.sql}`);
    try {
      const args = statement.params.length === 0 ? '' : `(${statement.params.map(literal).join(', ')})`;
      return await q(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE rule_sql_bench${args}`);
    } finally {
      await q('DEALLOCATE rule_sql_bench');
    }
  }));
  return { custom, generic };
}

class Rollback extends Error {}

type Explained = { sql: string; custom?: number; generic?: number; error?: string };

/** One line per statement: its execution time (ms, custom / generic plan) with each owner size side by side. */
function table(results: Record<string, unknown>): string {
  const bySize = SIZES.map((size) => results[`owner_todos_${size}`] as Record<string, { statements: number; median_ms_per_add?: number; explained: Explained[] }>);
  const lines = [`${results.backend}: EXPLAIN ANALYZE execution ms, custom / generic plan, owner of ${SIZES.join(' vs ')} todos`];
  for (const request of Object.keys(bySize[0])) {
    const add = bySize.map((r) => r[request].median_ms_per_add).filter((ms) => ms !== undefined);
    lines.push(`${request}: ${bySize[0][request].statements} statements${add.length ? `, median ${add.join(' vs ')} ms per add` : ''}`);
    bySize[0][request].explained.forEach((first, i) => {
      const cells = bySize.map((r) => {
        const e = r[request].explained[i];
        return e?.error ? 'n/a' : `${e?.custom?.toFixed(2)} / ${e?.generic?.toFixed(2)}`;
      });
      lines.push(`  ${first.sql.padEnd(60)} ${cells.map((c) => c.padStart(16)).join(' ')}`);
    });
  }
  return lines.join('\n');
}

/** With RULES_PLANS=<file>, every plan explained is written there. */
const plans: unknown[] = [];

const ADD = `mutation { addTodo(input: [{ title: "bench todo", done: false, owner: { username: "user${OWNER}" } }]) { numUids todo { title done owner { username } } } }`;
const READS = {
  'owner list (first 20)': '{ queryTodo(first: 20) { id title done } }',
  'nested (10 users, 5 todos each)': '{ queryUser(first: 10) { username name todos(first: 5) { id title done } } }',
  'nested, all of the owner\'s todos': `{ getUser(username: "user${OWNER}") { username todos(first: 20) { title } } }`,
};

function summary(sql: string): string {
  return sql.replace(/\s+/g, ' ').slice(0, 60);
}

async function measure(ownerTodos: number): Promise<Record<string, unknown>> {
  const db = await open();
  const store = await SqlStore.open(db);
  const service = await createService({ store });
  try {
    await service.uploadSchema(authlineSdl('hs256'));
    await service.importData(dataFor(ownerTodos));
    await db.query('ANALYZE authline.node');
    await db.query('ANALYZE authline.edge');
    const owner = await hs256({ USER: `user${OWNER}`, TEAM: `team${OWNER % 10}`, ROLE: 'USER' });
    const out: Record<string, unknown> = {};

    for (let i = 0; i < 3; i++) await request(service, ADD, owner); // warm
    const times = await sequence(ADDS, async () => {
      const started = performance.now();
      await request(service, ADD, owner);
      return performance.now() - started;
    });
    // The median: a loaded machine's pauses fall on either side of it.
    const perAdd = times.sort((a, b) => a - b)[Math.floor(ADDS / 2)];
    sent.length = 0;
    await request(service, ADD, owner);
    const addStatements = [...sent];
    out.add = {
      median_ms_per_add: Number(perAdd.toFixed(2)),
      statements: addStatements.length,
      explained: await explainAll(db, addStatements),
    };
    for (const [name, query] of Object.entries(READS)) {
      sent.length = 0;
      await request(service, query, owner);
      const statements = [...sent];
      out[name] = { statements: statements.length, explained: await explainAll(db, statements) };
    }
    return out;
  } finally {
    await service.close();
  }
}

async function explainAll(db: Backend, statements: readonly Sent[]): Promise<unknown[]> {
  const explained: unknown[] = [];
  for (const s of statements) {
    if (/^(BEGIN|COMMIT|ROLLBACK)/.test(s.sql)) continue;
    try {
      explained.push({ sql: summary(s.sql), ...(await explain(db, s)) });
    } catch (error) {
      explained.push({ sql: summary(s.sql), error: (error as Error).message });
    }
  }
  return explained;
}

const results: Record<string, unknown> = { backend: process.env.DATABASE_URL ? 'postgres' : 'pglite' };
for (const size of SIZES) results[`owner_todos_${size}`] = await measure(size);
console.log(table(results));
console.log(JSON.stringify(results, null, 2));
if (process.env.RULES_PLANS) (await import('node:fs')).writeFileSync(process.env.RULES_PLANS, JSON.stringify(plans, null, 1));
