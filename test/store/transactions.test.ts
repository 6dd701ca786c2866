/**
 * Transactions on both backends (Backend.transaction): BEGIN goes with the
 * first statement and COMMIT with the one the work runs through
 * queryAndCommit (on PGlite in one exchange with the engine's thread, named
 * or not), and none of it changes what commits: a failing statement, its
 * own or one before it, leaves nothing written, and nothing may be sent
 * once the transaction has committed.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openPglite } from '../../src/store/backend/pglite.js';
import { openPostgres } from '../../src/store/backend/postgres.js';
import { TRANSACTION_COMMITTED } from '../../src/store/backend/prepared.js';
import type { Backend } from '../../src/store/backend/types.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';

after(stopOwnCluster);

interface Opened {
  readonly db: Backend;
  /** Every statement sent, in order. */
  readonly sent: string[];
  close(): Promise<void>;
}

const BACKENDS: readonly { readonly name: string; open(): Promise<Opened> }[] = [
  ...[undefined, 0].map((preparedStatements) => ({
    name: preparedStatements === 0 ? 'pglite, statements unnamed' : 'pglite',
    async open(): Promise<Opened> {
      const sent: string[] = [];
      const db = await openPglite({ preparedStatements, onStatement: (sql) => sent.push(sql) });
      return { db, sent, close: () => db.close() };
    },
  })),
  {
    name: 'postgres',
    async open(): Promise<Opened> {
      const database = await createTestDatabase();
      const sent: string[] = [];
      const db = await openPostgres(database.url, (sql) => sent.push(sql), 1);
      return {
        db,
        sent,
        async close() {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

const INSERT = 'INSERT INTO t (i) VALUES ($1::int) RETURNING i';

for (const backend of BACKENDS) {
  describe(`transactions on ${backend.name}`, () => {
    let opened: Opened;
    const rows = async () => (await opened.db.query('SELECT i FROM t ORDER BY i')).map((row) => row.i);

    test('setup', async () => {
      opened = await backend.open();
      await opened.db.query('CREATE TABLE t (i int PRIMARY KEY)');
    });
    after(() => opened?.close());

    test('the statement sent with the commit answers, and the transaction is committed', async () => {
      opened.sent.length = 0;
      const answer = await opened.db.transaction(async (tx) => {
        await tx.query(INSERT, [1]);
        return tx.queryAndCommit({ sql: INSERT, params: [2] });
      });
      assert.deepEqual(answer, [{ i: 2 }]);
      assert.deepEqual(await rows(), [1, 2]);
      assert.deepEqual(opened.sent.filter((sql) => !sql.startsWith('SELECT')).map((sql) => sql.split(';')[0]), ['BEGIN', INSERT, INSERT, 'COMMIT']);
    });

    test('a failing statement sent with the commit rolls back the whole transaction, with its own error', async () => {
      await assert.rejects(
        opened.db.transaction(async (tx) => {
          await tx.query(INSERT, [3]);
          return tx.queryAndCommit({ sql: INSERT, params: [1] });
        }),
        { code: '23505', message: 'duplicate key value violates unique constraint "t_pkey"' },
      );
      assert.deepEqual(await rows(), [1, 2]);
      // The connection is fine: the next transaction commits.
      await opened.db.transaction((tx) => tx.queryAndCommit({ sql: INSERT, params: [4] }));
      assert.deepEqual(await rows(), [1, 2, 4]);
    });

    test('a first statement that fails (it carried BEGIN) writes nothing, and the work\'s own error rolls back', async () => {
      await assert.rejects(opened.db.transaction((tx) => tx.query(INSERT, [1])), { code: '23505' });
      await assert.rejects(
        opened.db.transaction(async (tx) => {
          await tx.query(INSERT, [5]);
          throw new Error('refused');
        }),
        { message: 'refused' },
      );
      assert.deepEqual(await rows(), [1, 2, 4]);
    });

    test('nothing may be sent once committed', async () => {
      await assert.rejects(
        opened.db.transaction(async (tx) => {
          await tx.queryAndCommit({ sql: INSERT, params: [6] });
          await tx.query(INSERT, [7]);
        }),
        { message: TRANSACTION_COMMITTED },
      );
      assert.deepEqual(await rows(), [1, 2, 4, 6]);
    });

    test('without queryAndCommit, the transaction commits after its work; one that sent nothing has nothing to commit', async () => {
      await opened.db.transaction(async (tx) => { await tx.query(INSERT, [8]); });
      assert.equal(await opened.db.transaction(async () => 'idle'), 'idle');
      assert.deepEqual(await rows(), [1, 2, 4, 6, 8]);
    });
  });
}
