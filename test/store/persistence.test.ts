/**
 * The schema lives in the database: data and schema survive closing and
 * reopening a PGlite data directory; several stores on one PostgreSQL hear
 * each other's uploads; indexes follow @search and @id.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { MutationInputError, openStore } from '../../src/store/index.js';
import type { Store, StoredSchema } from '../../src/store/types.js';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import { listStatement } from '../../src/store/sql/query.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';
import { LIBRARY_DATA, LIBRARY_SDL, libraryModel } from './support/library.js';
import { modelFromSdl } from './support/model.js';
import { Plans } from './support/plans.js';

const model = libraryModel();
const p = new Plans(model);
after(stopOwnCluster);

describe('PGlite data directory', () => {
  test('data and schema survive closing and reopening; new uids continue after the old ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authline-store-'));
    try {
      const first = await openStore({ dataDir: dir });
      assert.equal(first.description, `pglite:${dir}`);
      const applied = await first.applySchema(model, LIBRARY_SDL);
      const { uids } = await first.importData(model, LIBRARY_DATA);
      await first.close();

      const second = await openStore({ dataDir: dir });
      try {
        const stored = await second.currentSchema();
        assert.equal(stored?.sdl, LIBRARY_SDL);
        assert.equal(stored?.version, applied.version);
        assert.deepEqual(await second.run(p.get('Book', p.eq('Book.isbn', 'b3'), ['id', 'title', p.edge('Book.author', { select: ['name'] })]), ALLOW_ALL),
          { id: uids.cosmos, title: 'Cosmos', author: { name: 'Carl Sagan' } });
        const added = await second.run(p.add('Review', [{ stars: 1 }]), ALLOW_ALL) as { review: { id: string }[] };
        assert.ok(Object.values(uids).every((uid) => BigInt(added.review[0].id) > BigInt(uid)));
        const next = await second.applySchema(model, `${LIBRARY_SDL}\n# v2`);
        assert.equal(next.version, applied.version + 1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an in-memory store starts empty and answers ping', async () => {
    const store = await openStore();
    try {
      assert.equal(store.description, 'pglite:memory');
      assert.equal(await store.currentSchema(), null);
      assert.equal(await store.ping(), true);
      const stop = await store.onSchemaChange(() => assert.fail('no other process can share an embedded database'));
      await store.applySchema(model, LIBRARY_SDL);
      await stop();
    } finally {
      await store.close();
    }
    assert.equal(await store.ping(), false);
  });
});

/** Two stores on one fresh PostgreSQL database (two processes, as far as the store can tell). */
async function withTwoStores(work: (a: Store, b: Store, url: string) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  const a = await openStore({ databaseUrl: db.url });
  const b = await openStore({ databaseUrl: db.url });
  try {
    await work(a, b, db.url);
  } finally {
    await a.close();
    await b.close();
    await db.drop();
  }
}

describe('several stores on one PostgreSQL', () => {
  test('an upload through one store reaches the listeners of the others; nobody hears their own', () => withTwoStores(async (a, b, url) => {
    assert.equal(a.description, new URL(url).protocol + '//' + new URL(url).host + new URL(url).pathname);
    assert.ok(!a.description.includes('authline:authline'));
    const heardByA: StoredSchema[] = [];
    const heardByB: StoredSchema[] = [];
    const stopA = await a.onSchemaChange((s) => heardByA.push(s));
    const stopB = await b.onSchemaChange((s) => heardByB.push(s));

    const uploaded = await b.applySchema(model, LIBRARY_SDL);
    const heard = await eventually(() => heardByA[0]);
    assert.deepEqual(heard, uploaded);
    await b.importData(model, LIBRARY_DATA);
    assert.deepEqual(await a.run(p.get('Book', p.eq('Book.isbn', 'b1'), ['title']), ALLOW_ALL), { title: 'A Wizard of Earthsea' });

    const second = await a.applySchema(model, `${LIBRARY_SDL}\n# v2`);
    assert.equal((await eventually(() => heardByB[0])).version, second.version);
    await stopA();
    await b.applySchema(model, `${LIBRARY_SDL}\n# v3`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(heardByA.length, 1, 'A unsubscribed and heard nothing more');
    assert.equal(heardByB.length, 1, 'B does not hear its own uploads');
    await stopB();
  }));

  test('two processes adding the same new @id at once: one creates it, the other gets Dgraph\'s duplicate error', () => withTwoStores(async (a, b) => {
    await a.applySchema(model, LIBRARY_SDL);
    for (let round = 0; round < 5; round++) {
      const add = p.add('Author', [{ name: `Twin ${round}` }], ['name']);
      const results = await Promise.allSettled([a.run(add, ALLOW_ALL), b.run(add, ALLOW_ALL)]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(failure.reason instanceof MutationInputError);
      assert.deepEqual(failure.reason.reasons, [`id Twin ${round} already exists for field name inside type Author`]);
    }
    assert.equal((await a.run(p.aggregateRoot('Author', [{ key: 'count', fn: 'count' }]), ALLOW_ALL) as { count: number }).count, 5);
  }));

  test('indexes follow @search and @id; an upload without a @search drops its indexes and keeps the data', async () => {
    const db = await createTestDatabase();
    const store = await openStore({ databaseUrl: db.url });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await store.applySchema(model, LIBRARY_SDL);
      const indexes = async () => (await client.query(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = 'authline' AND indexname LIKE 'ix\\_%' ORDER BY indexdef`)).rows.map((r) => String(r.indexdef));
      const created = await indexes();
      const on = (text: string) => created.filter((d) => d.includes(text)).length;
      assert.equal(on("'Book.title'"), 4, 'exact, term, fulltext, trigram');
      assert.equal(on("'Book.isbn'"), 1, '@id implies hash');
      assert.equal(on("'Book.tags'"), 0, 'lists compare element by element, unindexed');
      assert.equal(on("'Author.name'"), 1);
      assert.ok(created.some((d) => d.includes('gin_trgm_ops')));
      assert.ok(created.some((d) => d.includes('to_tsvector')));
      await store.importData(model, LIBRARY_DATA);
      const withoutTitleSearch = LIBRARY_SDL.replace('@search(by: [exact, term, fulltext, trigram])', '');
      await store.applySchema(modelFromSdl(withoutTitleSearch), withoutTitleSearch);
      assert.deepEqual(await indexes(), created.filter((d) => !d.includes("'Book.title'")));
      assert.equal((await store.run(p.aggregateRoot('Book', [{ key: 'count', fn: 'count' }]), ALLOW_ALL) as { count: number }).count, 4);
      // The index serves an equality on the @id.
      await client.query('SET enable_seqscan = off');
      const statement = listStatement(p.node('Book', { filter: p.eq('Book.isbn', 'b1'), select: ['title'] }), ALLOW_ALL);
      assert.ok(statement);
      const plan = await client.query(`EXPLAIN ${statement.sql}`, [...statement.params]);
      const [isbnIndex] = (await client.query(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'authline' AND strpos(indexdef, '''Book.isbn''') > 0`)).rows;
      assert.ok(plan.rows.some((r) => String(r['QUERY PLAN']).includes(String(isbnIndex.indexname))), 'the @id index serves it');
    } finally {
      await client.end();
      await store.close();
      await db.drop();
    }
  });
});
