/**
 * Named prepared statements on both backends (backend/prepared.ts): a
 * statement run again on the same connection reuses the one prepared, the
 * least recently used is closed at the limit, DDL and changed result
 * columns invalidate what was kept, and none of it changes an answer, an
 * error or a transaction's rollback. Counted by the backends themselves
 * (preparedStatements()), never timed.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { openPglite } from '../../src/store/backend/pglite.js';
import { openPostgres } from '../../src/store/backend/postgres.js';
import type { PreparedStatementCounts } from '../../src/store/backend/prepared.js';
import type { Backend } from '../../src/store/backend/types.js';
import { createTestDatabase, stopOwnCluster, type TestDatabase } from '../support/postgres.js';

after(stopOwnCluster);

interface Opened {
  readonly db: Backend;
  /** Another connection to the same database, as another process would have (PGlite: the same one). */
  readonly other: (text: string) => Promise<unknown>;
  close(): Promise<void>;
}

const LIMIT = 3;

/** PGlite takes seconds to open: its tests share one, each starting with none kept. */
let sharedPglite: Promise<Backend> | undefined;
after(async () => { await (await sharedPglite)?.close(); });

const BACKENDS: readonly { readonly name: string; open(limit?: number): Promise<Opened> }[] = [
  {
    name: 'pglite',
    async open(limit = LIMIT) {
      if (limit !== LIMIT) {
        const db = await openPglite({ preparedStatements: limit });
        return { db, other: (text) => db.query(text), close: () => db.close() };
      }
      sharedPglite ??= openPglite({ preparedStatements: LIMIT });
      const db = await sharedPglite;
      // DDL closes every kept statement.
      await db.query('DROP TABLE IF EXISTS none_kept');
      return { db, other: (text) => db.query(text), close: async () => {} };
    },
  },
  {
    name: 'postgres',
    async open(limit = LIMIT) {
      const database: TestDatabase = await createTestDatabase();
      // One pooled connection: every statement meets the statements it prepared.
      const db = await openPostgres(database.url, undefined, 1, 0, limit);
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      return {
        db,
        other: (text) => other.query(text),
        async close() {
          await other.end();
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

/** The counts `work` added. */
async function counted(db: Backend, work: () => Promise<unknown>): Promise<PreparedStatementCounts> {
  const before = db.preparedStatements();
  await work();
  const now = db.preparedStatements();
  return {
    prepared: now.prepared - before.prepared,
    reused: now.reused - before.reused,
    evicted: now.evicted - before.evicted,
    invalidated: now.invalidated - before.invalidated,
  };
}

const none = { prepared: 0, reused: 0, evicted: 0, invalidated: 0 };

for (const backend of BACKENDS) {
  describe(`prepared statements on ${backend.name}`, () => {
    test('the second run of a statement reuses the one prepared; the answer is the same', async () => {
      const { db, close } = await backend.open();
      try {
        const text = `SELECT $1::int + 1 AS next, $2::text[] AS list, $3::jsonb AS doc, $4::boolean AS flag`;
        const params = [41, ['a', 'b'], JSON.stringify({ k: [1, null] }), true];
        const expected = [{ next: 42, list: ['a', 'b'], doc: { k: [1, null] }, flag: true }];
        assert.deepEqual(await counted(db, async () => assert.deepEqual(await db.query(text, params), expected)), { ...none, prepared: 1 });
        assert.deepEqual(await counted(db, async () => assert.deepEqual(await db.query(text, params), expected)), { ...none, reused: 1 });
        // Other values, the same statement.
        const other = await counted(db, async () => {
          assert.deepEqual(await db.query(text, ['1', [], null, false]), [{ next: 2, list: [], doc: null, flag: false }]);
        });
        assert.deepEqual(other, { ...none, reused: 1 });
      } finally {
        await close();
      }
    });

    test('BEGIN, COMMIT and DDL run unnamed; a limit of 0 names nothing', async () => {
      const { db, close } = await backend.open();
      const unnamed = await backend.open(0);
      try {
        const run = () => db.transaction(async (tx) => { await tx.query('CREATE TEMP TABLE scratch (i int)'); });
        assert.deepEqual(await counted(db, run), none);
        const twice = async () => { await unnamed.db.query('SELECT 1 AS one'); await unnamed.db.query('SELECT 1 AS one'); };
        assert.deepEqual(await counted(unnamed.db, twice), none);
        assert.deepEqual(await unnamed.db.query('SELECT 1 AS one'), [{ one: 1 }]);
      } finally {
        await unnamed.close();
        await close();
      }
    });

    test('at the limit, the least recently used statement is closed; it is prepared again when it comes back', async () => {
      const { db, close } = await backend.open();
      try {
        const select = (n: number) => db.query(`SELECT ${n} AS n`);
        assert.deepEqual(await counted(db, async () => { for (const n of [1, 2, 3]) await select(n); }), { ...none, prepared: 3 });
        // 1 used again: 2 is now the least recently used, and makes room for 4.
        assert.deepEqual(await counted(db, () => select(1)), { ...none, reused: 1 });
        assert.deepEqual(await counted(db, () => select(4)), { ...none, prepared: 1, evicted: 1 });
        assert.deepEqual(await counted(db, async () => { await select(1); await select(3); await select(4); }), { ...none, reused: 3 });
        // 2 was closed: parsed anew (making room again), with its answer.
        assert.deepEqual(await counted(db, async () => assert.deepEqual(await select(2), [{ n: 2 }])), { ...none, prepared: 1, evicted: 1 });
      } finally {
        await close();
      }
    });

    test('DDL through the backend closes every statement: the next runs prepare again, and see the new schema', async () => {
      const { db, close } = await backend.open();
      try {
        await db.query('CREATE TABLE t (a int)');
        await db.query('INSERT INTO t VALUES ($1::int)', [1]);
        const read = () => db.query('SELECT * FROM t');
        assert.deepEqual(await read(), [{ a: 1 }]);
        assert.deepEqual(await counted(db, read), { ...none, reused: 1 });
        const swap = await counted(db, () => db.query('ALTER TABLE t ADD COLUMN b text'));
        // The two kept (the INSERT and the SELECT) closed: on PGlite at once, on a server before the connection's next named statement.
        const next = await counted(db, async () => assert.deepEqual(await read(), [{ a: 1, b: null }]));
        assert.deepEqual({ ...swap, ...next, invalidated: swap.invalidated + next.invalidated }, { ...none, prepared: 1, invalidated: 2 });
      } finally {
        await close();
      }
    });

    test('result columns changed by another connection: prepared again and run once more, with the new columns', async () => {
      const { db, other, close } = await backend.open();
      try {
        await db.query('CREATE TABLE u (a int)');
        await db.query('INSERT INTO u VALUES (1)');
        const read = () => db.query('SELECT * FROM u');
        assert.deepEqual(await read(), [{ a: 1 }]);
        await other('ALTER TABLE u ADD COLUMN b int DEFAULT 7');
        if (backend.name === 'pglite') {
          // The same connection: DDL closed the statements already.
          assert.deepEqual(await read(), [{ a: 1, b: 7 }]);
          return;
        }
        const again = await counted(db, async () => assert.deepEqual(await read(), [{ a: 1, b: 7 }]));
        // The refused run counts as a reuse; the run that answered prepared it again.
        assert.deepEqual(again, { ...none, reused: 1, prepared: 1, invalidated: 1 });
        assert.deepEqual(await counted(db, read), { ...none, reused: 1 });
      } finally {
        await close();
      }
    });

    test('in a transaction, a changed result type fails the transaction, which rolls back; the next run prepares again', async () => {
      const { db, other, close } = await backend.open();
      try {
        await db.query('CREATE TABLE v (a int)');
        const read = (tx: { query: Backend['query'] }) => tx.query('SELECT * FROM v');
        await db.transaction(read);
        await other('ALTER TABLE v ADD COLUMN b int');
        if (backend.name !== 'pglite') {
          await assert.rejects(
            db.transaction(async (tx) => {
              await tx.query('INSERT INTO v (a) VALUES (5)');
              await read(tx);
            }),
            { code: '0A000' },
          );
          assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM v'), [{ n: 0 }]);
        }
        assert.deepEqual(await db.transaction(read), []);
        assert.deepEqual(await counted(db, () => db.transaction(read)), { ...none, reused: 1 });
      } finally {
        await close();
      }
    });

    test('a failing prepared statement in a transaction rolls it back; its error is the database\'s; the statement stays reusable', async () => {
      const { db, close } = await backend.open();
      try {
        await db.query('CREATE TABLE w (i int PRIMARY KEY)');
        const insert = 'INSERT INTO w VALUES ($1::int)';
        await db.query(insert, [1]);
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query(insert, [2]);
            await tx.query(insert, [1]);
          }),
          { code: '23505', message: 'duplicate key value violates unique constraint "w_pkey"' },
        );
        assert.deepEqual(await db.query('SELECT i FROM w ORDER BY i'), [{ i: 1 }]);
        assert.deepEqual(await counted(db, () => db.query(insert, [3])), { ...none, reused: 1 });
        // A statement that does not parse is not kept, and fails the same way each time.
        for (let i = 0; i < 2; i++) await assert.rejects(db.query('SELECT nope FROM w'), { code: '42703' });
        assert.deepEqual(await counted(db, () => db.query('SELECT i FROM w WHERE i = $1::int', [3])), { ...none, prepared: 1 });
      } finally {
        await close();
      }
    });
  });
}

test('a restarted PGlite engine starts with no statements: the next run prepares again', async () => {
  const { db } = await BACKENDS[0].open();
  const read = () => db.query('SELECT $1::text AS v', ['x']);
  await read();
  assert.deepEqual(await counted(db, read), { ...none, reused: 1 });
  // A regexp that breaks the engine (docs/storage.md): its worker is replaced.
  await assert.rejects(db.query('SELECT $1 ~ $2', ['x', 'a'.repeat(100_000)]), { name: 'EngineFaultError' });
  assert.deepEqual(await counted(db, async () => assert.deepEqual(await read(), [{ v: 'x' }])), { ...none, prepared: 1 });
});
