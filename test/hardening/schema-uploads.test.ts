/**
 * Issue 12's schema uploads, on both backends: uploads of many-type schemas
 * used to leave every index behind for good (reads 6 → 221 ms, writes 9 →
 * 83 ms on PGlite after three uploads of 2,000 types), and a big upload
 * built its indexes in one transaction that blocked every request on PGlite
 * for its whole length. Now an upload drops the indexes the new schema no
 * longer needs (data stays), and requests keep being answered while it
 * builds: CONCURRENTLY on PostgreSQL, one index per statement with requests
 * between them on PGlite. An index an interrupted CONCURRENTLY build left
 * INVALID is dropped and built again by the next upload.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import { openPglite } from '../../src/store/backend/pglite.js';
import { openPostgres } from '../../src/store/backend/postgres.js';
import type { Backend } from '../../src/store/backend/types.js';
import { ensureLayout } from '../../src/store/layout.js';
import { SqlStore } from '../../src/store/store.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';
import { modelFromSdl } from '../store/support/model.js';
import { Plans } from '../store/support/plans.js';

after(stopOwnCluster);

const ONE_TYPE = `type Item {
  key: String! @id
  label: String @search(by: [hash])
}
`;
const oneModel = modelFromSdl(ONE_TYPE);
const p = new Plans(oneModel);

/** `count` types named `<prefix>0...`, each with an @id, a hash and term field and an Int: five indexes a type. */
function manyTypes(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `type ${prefix}${i} {
  key: String! @id
  tag: String @search(by: [hash, term])
  n: Int @search
}
`).join('') + ONE_TYPE;
}

interface Opened {
  readonly db: Backend;
  readonly store: SqlStore;
  close(): Promise<void>;
}

const BACKENDS: readonly { readonly name: string; open(): Promise<Opened> }[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite();
      await ensureLayout(db);
      const store = await SqlStore.open(db);
      return { db, store, close: () => store.close() };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await createTestDatabase();
      const db = await openPostgres(database.url);
      await ensureLayout(db);
      const store = await SqlStore.open(db);
      return { db, store, async close() { await store.close(); await database.drop(); } };
    },
  },
];

/** Every index on authline's tables, as the catalog defines it. */
async function catalog(db: Backend): Promise<string[]> {
  const rows = await db.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'authline' ORDER BY indexname`);
  return rows.map((row) => String(row.indexdef));
}

async function nodeCount(db: Backend): Promise<number> {
  return Number((await db.query('SELECT count(*)::int AS n FROM authline.node'))[0].n);
}

for (const backend of BACKENDS) {
  describe(`schema uploads on ${backend.name}`, () => {
    let opened: Opened;
    before(async () => { opened = await backend.open(); });
    after(() => opened.close());

    test('after three many-type uploads, the one-type schema again has exactly its own indexes; the data stays', async () => {
      const { db, store } = opened;
      await store.applySchema(oneModel, ONE_TYPE);
      await store.importData(oneModel, [{ 'dgraph.type': 'Item', 'Item.key': 'kept', 'Item.label': 'old' }]);
      const own = await catalog(db);
      const uploaded: string[] = [];
      for (const prefix of ['A', 'B', 'C']) {
        const sdl = manyTypes(prefix, 20);
        const model = modelFromSdl(sdl);
        await store.applySchema(model, sdl);
        await store.importData(model, [{ 'dgraph.type': `${prefix}7`, [`${prefix}7.key`]: prefix, [`${prefix}7.tag`]: 'x y' }]);
        const indexes = await catalog(db);
        assert.equal(indexes.filter((d) => d.includes(`'${prefix}7.`)).length, 4, `${prefix}7's @id, hash, term and Int indexes`);
        const earlier = uploaded.map((name) => `'${name}7.key'`);
        assert.deepEqual(indexes.filter((d) => earlier.some((e) => d.includes(e))), [], 'the earlier uploads\' types have no indexes left');
        uploaded.push(prefix);
      }
      await store.applySchema(oneModel, ONE_TYPE);
      assert.deepEqual(await catalog(db), own);
      assert.equal(await nodeCount(db), 4, 'the nodes of the removed types stay');
      const found = await store.run(p.query('Item', { filter: p.eq('Item.key', 'kept'), select: ['label'] }), ALLOW_ALL);
      assert.deepEqual(found, [{ label: 'old' }]);
    });

    test('while a 60-type schema builds its 300 indexes, a simple read and write keep answering within 500 ms', async (t) => {
      const { db, store } = opened;
      await store.importData(oneModel, Array.from({ length: 3000 }, (_, i) => ({ 'dgraph.type': 'Item', 'Item.key': `k${i}`, 'Item.label': `l${i % 10}` })));
      const big = manyTypes('Big', 60);
      const before = (await catalog(db)).length;
      let uploading = true;
      const started = performance.now();
      const upload = store.applySchema(modelFromSdl(big), big).finally(() => { uploading = false; });
      const latencies: number[] = [];
      const timed = async <T>(request: () => Promise<T>): Promise<T> => {
        const asked = performance.now();
        try {
          return await request();
        } finally {
          latencies.push(performance.now() - asked);
        }
      };
      // A read and a write in turn: on PostgreSQL a plain CREATE INDEX lets reads through but holds writes back.
      for (let n = 0; uploading; n++) {
        const found = await timed(() => store.run(p.query('Item', { filter: p.eq('Item.key', 'k1234'), select: ['label'] }), ALLOW_ALL));
        const added = await timed(() => store.run(p.add('Item', [{ key: `probe${n}`, label: 'p' }], ['key']), ALLOW_ALL));
        assert.deepEqual(found, [{ label: 'l4' }]);
        assert.deepEqual(added, { item: [{ key: `probe${n}` }], numUids: 1 });
      }
      await upload;
      const uploadMs = performance.now() - started;
      assert.equal((await catalog(db)).length, before + 300, 'the upload built every index');
      assert.ok(latencies.length >= 5, `reads and writes answered during the upload: ${latencies.length}`);
      const slowest = Math.max(...latencies);
      t.diagnostic(`upload ${uploadMs.toFixed(0)} ms; ${latencies.length} reads and writes meanwhile, the slowest ${slowest.toFixed(0)} ms`);
      assert.ok(slowest < 500, `slowest of ${latencies.length} reads and writes during the upload: ${slowest.toFixed(0)} ms`);
    });
  });
}

describe('an interrupted CREATE INDEX CONCURRENTLY (postgres)', () => {
  test('leaves an INVALID index, which the next upload drops and builds again', async () => {
    const { db, store, close } = await BACKENDS[1].open();
    try {
      await store.applySchema(oneModel, ONE_TYPE);
      const [label] = await db.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'authline' AND strpos(indexdef, '''Item.label''') > 0`);
      // The same index, built as UNIQUE over two equal labels (without the uid that ends its
      // columns, which would make every entry distinct): the build fails half way, as an
      // interrupted one does, and leaves an INVALID index of that name behind.
      await store.importData(oneModel, [1, 2].map((i) => ({ 'dgraph.type': 'Item', 'Item.key': `k${i}`, 'Item.label': 'same' })));
      await db.query(`DROP INDEX authline.${String(label.indexname)}`);
      const unique = String(label.indexdef).replace('CREATE INDEX', 'CREATE UNIQUE INDEX CONCURRENTLY').replace(/, uid\)/, ')');
      await assert.rejects(db.query(unique), /could not create unique index/);
      const validity = async () => (await db.query(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`, [label.indexname]))
        .map((row) => row.valid);
      assert.deepEqual(await validity(), [false]);
      await store.applySchema(oneModel, ONE_TYPE);
      assert.deepEqual(await validity(), [true]);
      const [rebuilt] = await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [label.indexname]);
      assert.equal(rebuilt.indexdef, label.indexdef);
    } finally {
      await close();
    }
  });
});
