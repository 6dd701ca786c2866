/**
 * What PostgreSQL makes of the store's SQL on a few thousand nodes, read
 * with EXPLAIN (FORMAT JSON): a page of one type read from its type index,
 * a rule's `eq` served by its @search index,
 * and a graph rule's root filter left uncoalesced only where that cannot
 * change a Kleene answer (checked on both backends with missing values);
 * and the statistics those plans need: after an import, after enough
 * mutations, and on first opening a PGlite directory.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Residual } from '../../src/rules/policy.js';
import type { AuthPolicy } from '../../src/rules/policy.js';
import { openPglite } from '../../src/store/backend/pglite.js';
import type { Backend as Database } from '../../src/store/backend/types.js';
import { AuthorizationError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/index.js';
import { ensureLayout } from '../../src/store/layout.js';
import { SqlStore } from '../../src/store/store.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type OpenedStore } from './support/backends.js';
import { explain, openExplained, planNodes, type PlanNode } from './support/explain.js';
import { listStatement, mutationWrite, render } from '../../src/store/sql/index.js';
import { modelFromSdl } from './support/model.js';
import { Plans, and, filter, not, or, policy, reach, unknown } from './support/plans.js';

const SDL = `
type User {
  username: String! @id
  team: String @search(by: [hash])
  todos: [Todo] @hasInverse(field: owner)
}
type Todo { id: ID! title: String! owner: User }
interface Person { id: ID! }
type Admin implements Person { level: Int }
type Guest implements Person { note: String }
`;
const model = modelFromSdl(SDL);
const p = new Plans(model);
after(stopOwnCluster);

/** `users` users in 100 teams (lower uids), then `todos` todos owned round-robin. */
function generated(users: number, todos: number) {
  return [
    ...Array.from({ length: users }, (_, i) => ({
      uid: `_:u${i}`, 'dgraph.type': 'User', 'User.username': `user${i}`, 'User.team': `team${i % 100}`,
    })),
    ...Array.from({ length: todos }, (_, i) => ({
      'dgraph.type': 'Todo', 'Todo.title': `todo ${i}`, 'Todo.owner': { uid: `_:u${i % users}` },
    })),
  ];
}

/** Name of the index on `authline.node` whose definition mentions `text`. */
async function indexOn(db: Database, text: string): Promise<string> {
  const rows = await db.query(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'authline' AND tablename = 'node' AND strpos(indexdef, $1) > 0`, [text]);
  assert.equal(rows.length, 1, `one index mentions ${text}`);
  return String(rows[0].indexname);
}

const teamRule = (team: string): Residual => reach(p.node('User', { filter: p.eq('User.team', team), select: ['__typename'] }));

describe('plans on PGlite, 3,000 users and 3,000 todos', () => {
  let db: Database;
  let store: SqlStore;

  before(async () => {
    ({ db, store } = await openExplained(model, SDL, generated(3000, 3000)));
  });
  after(() => store.close());

  test('after importData, the planner has statistics of both tables', async () => {
    const tables = await db.query(
      `SELECT relname, reltuples::float8 AS rows FROM pg_class WHERE oid IN ('authline.node'::regclass, 'authline.edge'::regclass) ORDER BY relname`);
    assert.deepEqual(tables.map((t) => [t.relname, Number(t.rows)]), [['edge', 3000], ['node', 6000]]);
    const columns = await db.query(`SELECT attname FROM pg_stats WHERE schemaname = 'authline' AND tablename = 'node' ORDER BY attname`);
    assert.deepEqual(columns.map((c) => c.attname), ['data', 'types', 'uid']);
  });

  test('a single-type list with first: n reads the first n entries of its type index: no full scan, no sort', async () => {
    const rows = await db.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'authline' AND tablename = 'node' AND indexname LIKE 'ix_type_%'
         AND strpos(indexdef, 'WHERE') > 0 AND strpos(indexdef, '''Todo''') > 0`);
    assert.equal(rows.length, 1, 'one partial index on the Todo membership');
    const index = String(rows[0].indexname);
    const nodes = await explain(db, p.node('Todo', { first: 20, select: ['title'] }), policy({}));
    const kinds = nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`).join(', ');
    assert.ok(nodes.some((n) => n['Index Name'] === index), `plan uses ${index}: ${kinds}`);
    assert.ok(!nodes.some((n) => n['Node Type'] === 'Sort'), `no sort: ${kinds}`);
    assert.ok(!nodes.some((n) => n['Relation Name'] === 'node' && (n['Node Type'] === 'Seq Scan' || n['Index Name'] === 'node_pkey')),
      `no walk of the whole node table: ${kinds}`);
    const todos = await store.run(p.query('Todo', { first: 20, select: ['title'] }), policy({})) as { title: string }[];
    assert.deepEqual(todos.map((t) => t.title), Array.from({ length: 20 }, (_, i) => `todo ${i}`));
  });

  test('a list read run again and again keeps one generic plan: its page bound is no parameter for the planner to guess', async () => {
    const read = p.query('Todo', { first: 20, offset: 5, select: ['title'] });
    // PostgreSQL plans a prepared statement's first five runs for their values, then keeps the generic plan if it is no dearer.
    for (let run = 0; run < 12; run++) await store.run(read, policy({}));
    const statement = listStatement(p.node('Todo', { first: 20, offset: 5, select: ['title'] }), policy({}));
    assert.ok(statement);
    const [kept] = await db.query(`SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1`, [statement.sql]);
    assert.ok(kept, 'the read was prepared');
    assert.ok(Number(kept.generic_plans) >= 6 && Number(kept.custom_plans) <= 6, `generic ${kept.generic_plans}, custom ${kept.custom_plans}`);
  });

  test('an interface level has its own index, over the membership of all its implementations', async () => {
    const rows = await db.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'authline' AND tablename = 'node' AND indexname LIKE 'ix_type_%'`);
    assert.deepEqual(rows.map((r) => String(r.indexdef).replace(/^.* WHERE /, '')).sort(), [
      "(types && ARRAY['Admin'::text, 'Guest'::text])",
      "(types && ARRAY['Admin'::text])",
      "(types && ARRAY['Guest'::text])",
      "(types && ARRAY['Todo'::text])",
      "(types && ARRAY['User'::text])",
    ]);
    await db.query(`INSERT INTO authline.node (uid, types, data) SELECT 100000 + g, '{Guest}', '{}' FROM generate_series(1, 50) g`);
    await db.query('ANALYZE authline.node');
    const nodes = await explain(db, p.node('Person', { first: 5, select: ['id'] }), policy({}));
    const index = nodes.find((n) => n['Index Name']?.startsWith('ix_type_'));
    assert.ok(index, `plan uses a type index: ${nodes.map((n) => n['Node Type']).join(', ')}`);
    const [definition] = await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [index['Index Name']]);
    assert.match(String(definition.indexdef), /ARRAY\['Admin'::text, 'Guest'::text\]/);
  });

  test("a rule's eq on a @search(by: [hash]) field is served by the field's expression index", async () => {
    const index = await indexOn(db, `'User.team'`);
    const auth = policy({ User: { query: filter(teamRule('team7')) } });
    const nodes = await explain(db, p.node('User', { select: ['username'] }), auth);
    assert.ok(nodes.some((n) => n['Index Name'] === index), `plan uses ${index}: ${nodes.map((n) => n['Node Type']).join(', ')}`);
    assert.ok(!nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'node'), 'no full scan of the node table');
    const users = await store.run(p.query('User', { select: ['username'] }), auth) as { username: string }[];
    assert.equal(users.length, 30);
  });

  test("an add's write asks the new node's graph add rule through the indexes: no full scan of either table", async () => {
    const [owner] = await db.query(`SELECT uid::text AS uid FROM authline.node WHERE data->>'User.username' = 'user5'`);
    const ownerRule = reach(p.node('Todo', { select: [p.edge('Todo.owner', { filter: p.eq('User.username', 'user5'), select: ['__typename'] })] }));
    const todo = model.types.get('Todo')!;
    const statement = render(mutationWrite({
      created: JSON.stringify([{ types: ['Todo'], data: { 'Todo.title': 'new' } }]),
      createdCount: 1,
      patches: null,
      shared: null,
      links: [
        { src: { created: 0 }, pred: 'Todo.owner', dst: { uid: String(owner.uid) } },
        { src: { uid: String(owner.uid) }, pred: 'User.todos', dst: { created: 0 } },
      ],
      replacing: [],
      unlinks: [],
      inverses: { 'Todo.owner': 'User.todos', 'User.todos': 'Todo.owner' },
      partners: null,
      recheck: null,
      newNodes: { check: { types: [todo], operation: 'add', checked: { kind: 'held' } }, policy: policy({ Todo: { add: filter(ownerRule) } }) },
    }));
    const rows = await db.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params);
    const json = rows[0]['QUERY PLAN'];
    const nodes = planNodes(((typeof json === 'string' ? JSON.parse(json) : json) as { Plan: PlanNode }[])[0].Plan);
    const kinds = nodes.map((n) => `${n['Node Type']}${n['Relation Name'] ? ` ${n['Relation Name']}` : ''}`).join(', ');
    assert.ok(nodes.some((n) => n['Relation Name'] === 'edge'), `the check reads the edges: ${kinds}`);
    assert.ok(!nodes.some((n) => n['Node Type'] === 'Seq Scan' && (n['Relation Name'] === 'node' || n['Relation Name'] === 'edge')), `no full scan: ${kinds}`);
  });
});

async function reltuples(db: Database): Promise<number> {
  const [row] = await db.query(`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'authline.node'::regclass`);
  return Number(row.rows);
}

/** Polls `read` until it answers `expected` (a background ANALYZE takes its time). */
async function eventually(read: () => Promise<number>, expected: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  assert.equal(value, expected);
}

describe('statistics kept fresh on PGlite (no autovacuum)', () => {
  test('ANALYZE runs after the commit of the mutation that passes 50 + 10 % of the rows, and not before', async () => {
    const statements: string[] = [];
    const db = await openPglite({ onStatement: (sql) => statements.push(sql) });
    await ensureLayout(db);
    const store = await SqlStore.open(db);
    try {
      await store.applySchema(model, SDL);
      await store.importData(model, Array.from({ length: 100 }, (_, i) => ({ 'dgraph.type': 'User', 'User.username': `user${i}` })));
      assert.equal(await reltuples(db), 100, 'the import was analysed');
      const add = (from: number, count: number) => store.run(
        p.add('User', Array.from({ length: count }, (_, i) => ({ username: `new${from + i}` })), ['username']), policy({}));
      // 100 rows: the threshold is 60 written rows; 40 + 15 stay below it.
      statements.length = 0;
      await add(0, 40);
      await add(40, 15);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(!statements.some((s) => s.startsWith('ANALYZE')), 'no ANALYZE below the threshold');
      assert.equal(await reltuples(db), 100);
      const answer = await add(55, 10);
      assert.equal((answer as { numUids: number }).numUids, 10);
      await eventually(() => reltuples(db), 165);
      const analyze = statements.findIndex((s) => s.startsWith('ANALYZE'));
      assert.ok(analyze > statements.lastIndexOf('COMMIT'), 'ANALYZE after the commit, outside the transaction');
      assert.equal(statements.filter((s) => s.startsWith('ANALYZE')).length, 1);
      // The count starts again from the last ANALYZE: 10 more rows do not trigger another.
      await add(65, 10);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(statements.filter((s) => s.startsWith('ANALYZE')).length, 1);
      // A rolled-back mutation wrote nothing.
      await assert.rejects(store.run(p.add('User', Array.from({ length: 100 }, () => ({ username: 'same' })), ['username']), policy({})));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(statements.filter((s) => s.startsWith('ANALYZE')).length, 1);
    } finally {
      await store.close();
    }
  });

  test('opening a PGlite directory that was never analysed analyses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authline-stats-'));
    try {
      let db = await openPglite({ dataDir: dir });
      await ensureLayout(db);
      await db.query(`INSERT INTO authline.node (uid, types) SELECT g, '{User}' FROM generate_series(1, 500) g`);
      assert.equal(await reltuples(db), -1, 'never analysed');
      await db.close();
      const store = await openStore({ dataDir: dir });
      await store.close();
      db = await openPglite({ dataDir: dir });
      try {
        assert.equal(await reltuples(db), 500);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

for (const backend of BACKENDS) {
  describe(`a graph rule's filter on a missing value, on ${backend.name}`, () => {
    let opened: OpenedStore;
    const usernames = async (auth: AuthPolicy) =>
      ((await opened.store.run(p.query('User', { order: [p.asc('User.username')], select: ['username'] }), auth)) as { username: string }[])
        .map((u) => u.username);
    const rule = (residual: Residual) => policy({ User: { query: filter(residual) } });

    before(async () => {
      // a is in team A, b in team B, c in no team: the rule's eq on c is NULL in SQL, false in Dgraph.
      opened = await openLoaded(backend, model, SDL, [
        { 'dgraph.type': 'User', 'User.username': 'a', 'User.team': 'A' },
        { 'dgraph.type': 'User', 'User.username': 'b', 'User.team': 'B' },
        { 'dgraph.type': 'User', 'User.username': 'c' },
      ]);
    });
    after(() => opened.close());

    test('positive, under one NOT, under two, and with unknown: the answers of Kleene logic', async () => {
      const r = teamRule('A');
      assert.deepEqual(await usernames(rule(r)), ['a']);
      assert.deepEqual(await usernames(rule(not(r))), ['b', 'c']);
      assert.deepEqual(await usernames(rule(not(not(r)))), ['a']);
      assert.deepEqual(await usernames(rule(or(r, unknown))), ['a']);
      assert.deepEqual(await usernames(rule(and(r, unknown))), []);
      assert.deepEqual(await usernames(rule(not(and(r, unknown)))), ['b', 'c']);
      assert.deepEqual(await usernames(rule(not(or(not(r), unknown)))), []);
      assert.deepEqual(await usernames(rule(or(not(r), r))), ['a', 'b', 'c']);
    });

    test('mutations: update narrowed by NOT of the rule, the add rule checked after writing', async () => {
      const notA = policy({ User: { update: filter(not(teamRule('A'))), add: filter(not(teamRule('A'))) } });
      const updated = await opened.store.run(p.update('User', null, { team: 'B' }, null, ['username']), notA) as { user: { username: string }[] };
      assert.deepEqual(updated.user.map((u) => u.username).sort(), ['b', 'c']);
      assert.deepEqual(await opened.store.run(p.add('User', [{ username: 'd' }], ['username']), notA), { user: [{ username: 'd' }], numUids: 1 });
      const onlyA = policy({ User: { add: filter(teamRule('A')) } });
      await assert.rejects(opened.store.run(p.add('User', [{ username: 'e' }], ['username']), onlyA), (e: unknown) => e instanceof AuthorizationError);
      assert.deepEqual(await opened.store.run(p.add('User', [{ username: 'f', team: 'A' }], ['username']), onlyA), { user: [{ username: 'f' }], numUids: 1 });
    });
  });
}
