/**
 * The SQL of an add, asked of the database directly on both backends: the
 * write statement gives new nodes their uids in the input's order and its
 * edges name new nodes by their place; the opening lookup locks only the @id
 * values it found no node holding.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../src/store/backend/types.js';
import { openPglite } from '../../src/store/backend/pglite.js';
import { openPostgres } from '../../src/store/backend/postgres.js';
import { ensureLayout } from '../../src/store/layout.js';
import { lockingLookUp, lookUpNodes, mutationWrite, render, type ValueLock } from '../../src/store/sql/index.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';

after(stopOwnCluster);

const OPENERS: readonly { name: string; open(): Promise<{ db: Backend; close(): Promise<void> }> }[] = [
  { name: 'pglite', async open() { const db = await openPglite(); return { db, close: () => db.close() }; } },
  {
    name: 'postgres',
    async open() {
      const database = await createTestDatabase();
      const db = await openPostgres(database.url);
      return { db, async close() { await db.close(); await database.drop(); } };
    },
  },
];

for (const opener of OPENERS) {
  describe(`an add's statements on ${opener.name}`, () => {
    let db: Backend;
    let close: () => Promise<void>;
    let alice: string;

    before(async () => {
      ({ db, close } = await opener.open());
      await ensureLayout(db);
      await db.query(`INSERT INTO authline.node (uid, types, data) VALUES (nextval('authline.uid_seq'), '{User}', '{"User.username": "alice"}')`);
      alice = String((await db.query(`SELECT uid::text AS uid FROM authline.node WHERE data->>'User.username' = 'alice'`))[0].uid);
    });
    after(() => close());

    test('new nodes take uids in the order given, and edges reach each new node by its place', async () => {
      const statement = render(mutationWrite({
        created: JSON.stringify(['first', 'second', 'third'].map((title) => ({ types: ['Todo'], data: { 'Todo.title': title } }))),
        createdCount: 3,
        patches: null,
        shared: null,
        links: [
          { src: { created: 2 }, pred: 'Todo.next', dst: { created: 0 } },
          { src: { created: 1 }, pred: 'Todo.owner', dst: { uid: alice } },
          { src: { uid: alice }, pred: 'User.todos', dst: { created: 1 } },
          // The same edge twice is written once.
          { src: { uid: alice }, pred: 'User.todos', dst: { created: 1 } },
        ],
        replacing: [],
        unlinks: [],
        inverses: {},
        partners: null,
        recheck: null,
        newNodes: null,
      }));
      await db.transaction(async (tx) => {
        const rows = await tx.query(statement);
        const uids = rows.map((r) => BigInt(String(r.uid)));
        assert.equal(uids.length, 3);
        assert.ok(uids[0] < uids[1] && uids[1] < uids[2], `uids in the input's order: ${uids.join(', ')}`);
        const titles = await tx.query(`SELECT uid::text AS uid, data->>'Todo.title' AS title FROM authline.node WHERE uid = ANY($1::bigint[]) ORDER BY uid`,
          [uids.map(String)]);
        assert.deepEqual(titles.map((t) => t.title), ['first', 'second', 'third']);
        const edges = await tx.query(`SELECT src::text AS src, pred, dst::text AS dst FROM authline.edge ORDER BY pred, src, dst`);
        const [first, second, third] = uids.map(String);
        assert.deepEqual(edges.map((e) => [e.src, e.pred, e.dst]), [
          [third, 'Todo.next', first],
          [second, 'Todo.owner', alice],
          [alice, 'User.todos', second],
        ]);
        throw new Undo();
      }).catch((error: unknown) => { if (!(error instanceof Undo)) throw error; });
    });

    test('the lookup finds the held @id values and locks only those it found no node holding', async () => {
      const lock = (value: string): ValueLock => ({ key: JSON.stringify(['User.username', value]), pred: 'User.username', value });
      const lookup = lookUpNodes([], [{ predicate: 'User.username', scalar: 'String', texts: ['alice', 'bob', 'carol'] }])!;
      await db.transaction(async (tx) => {
        const rows = await tx.query(lockingLookUp(lookup, [lock('alice'), lock('bob'), lock('carol')]));
        assert.deepEqual(rows.map((r) => [r.value, r.uid]), [['alice', alice]]);
        const held = await tx.query(`SELECT k.value FROM unnest($1::text[], $2::text[]) AS k(key, value)
          WHERE EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid()
            AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(k.key, 0))
          ORDER BY k.value`, [['alice', 'bob', 'carol'].map((v) => lock(v).key), ['alice', 'bob', 'carol']]);
        assert.deepEqual(held.map((h) => h.value), ['bob', 'carol']);
        const [{ count }] = await tx.query(`SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`);
        assert.equal(count, 2);
        throw new Undo();
      }).catch((error: unknown) => { if (!(error instanceof Undo)) throw error; });
    });
  });
}

/** Thrown to roll a test's transaction back. */
class Undo extends Error {}
