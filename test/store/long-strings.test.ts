/**
 * Strings of any length in @id, hash and exact fields (issue 12): a btree
 * entry must fit a third of a page (2,704 bytes), so these fields' indexes
 * hold a 256-character prefix and every comparison is decided on the whole
 * value (store/sql/values.ts). Checked on both backends: stored, found by
 * eq and in, compared by lt/le/gt/ge/between, ordered, @id uniqueness kept,
 * with values that differ only past the prefix; and the index still serves
 * eq and in on long values.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Filter, RootPlan } from '../../src/plan/types.js';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import { MutationInputError } from '../../src/store/errors.js';
import { openPglite } from '../../src/store/backend/pglite.js';
import { ensureLayout } from '../../src/store/layout.js';
import { SqlStore } from '../../src/store/store.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, type OpenedStore } from './support/backends.js';
import { explain } from './support/explain.js';
import { modelFromSdl } from './support/model.js';
import { Plans, policy } from './support/plans.js';

const SDL = `
type Item {
  key: String! @id
  code: String @search(by: [hash])
  name: String @search(by: [exact])
}
`;
const model = modelFromSdl(SDL);
const p = new Plans(model);
after(stopOwnCluster);

// 10,000 characters each; the first three share their first 9,990, far past the indexed prefix.
const shared = 'x'.repeat(9990);
const LONG = [`${shared}0000000002`, `${shared}0000000001`, `${shared}0000000010`, 'é'.repeat(10_000), `m${'z'.repeat(9999)}`];
const SHORT = ['a', 'm', 'y'];
const VALUES = [...LONG, ...SHORT];
/** Byte order of UTF-8, as Dgraph compares strings (for these values, JavaScript's code-unit order is the same). */
const sorted = [...VALUES].sort();

const items = VALUES.map((v, i) => ({ key: `k${i}-${v}`, code: v, name: v }));

for (const backend of BACKENDS) {
  describe(`strings of 10,000 characters in @id, hash and exact fields on ${backend.name}`, () => {
    let opened: OpenedStore;
    const run = (plan: RootPlan) => opened.store.run(plan, ALLOW_ALL);
    const names = async (filter: Filter | null) =>
      ((await run(p.query('Item', { filter, order: [p.asc('Item.name')], select: ['name'] }))) as { name: string }[]).map((i) => i.name);

    before(async () => {
      opened = await backend.open();
      await opened.store.applySchema(model, SDL);
      const added = await run(p.add('Item', items, ['key'])) as { numUids: number };
      assert.equal(added.numUids, VALUES.length);
    });
    after(() => opened.close());

    test('each is stored whole and found by eq on the @id, the hash and the exact field', async () => {
      for (const [i, value] of VALUES.entries()) {
        for (const field of ['Item.key', 'Item.code', 'Item.name']) {
          const sought = field === 'Item.key' ? items[i].key : value;
          assert.deepEqual(await names(p.eq(field, sought)), [value], `${field} eq value ${i}`);
        }
      }
      assert.deepEqual(await names(p.eq('Item.code', `${shared}0000000003`)), [], 'same prefix, different value');
    });

    test('in finds exactly the values given', async () => {
      assert.deepEqual(await names(p.in('Item.code', [LONG[0], LONG[2], 'm', `${shared}0000000003`])), [LONG[0], LONG[2], 'm'].sort());
      assert.deepEqual(await names(p.in('Item.key', [items[1].key])), [LONG[1]]);
    });

    test('lt, le, gt, ge and between answer as the byte order of the whole values', async () => {
      for (const bound of [LONG[1], LONG[0], 'm', `${shared}0000000005`, LONG[4]]) {
        assert.deepEqual(await names(p.cmp('Item.name', 'lt', bound)), sorted.filter((v) => v < bound), `lt ${bound.slice(-12)}`);
        assert.deepEqual(await names(p.cmp('Item.name', 'le', bound)), sorted.filter((v) => v <= bound), `le ${bound.slice(-12)}`);
        assert.deepEqual(await names(p.cmp('Item.name', 'gt', bound)), sorted.filter((v) => v > bound), `gt ${bound.slice(-12)}`);
        assert.deepEqual(await names(p.cmp('Item.name', 'ge', bound)), sorted.filter((v) => v >= bound), `ge ${bound.slice(-12)}`);
      }
      assert.deepEqual(await names(p.between('Item.name', LONG[1], LONG[2])), sorted.filter((v) => v >= LONG[1] && v <= LONG[2]));
    });

    test('order by the field is the byte order of the whole values, both ways', async () => {
      assert.deepEqual(await names(null), sorted);
      const desc = await run(p.query('Item', { order: [p.desc('Item.code')], select: ['code'] })) as { code: string }[];
      assert.deepEqual(desc.map((i) => i.code), [...sorted].reverse());
    });

    test('the @id stays unique: a second node with the same long value is refused, one differing past the prefix is not', async () => {
      await assert.rejects(run(p.add('Item', [{ key: items[0].key, name: 'again' }], ['key'])), (error: unknown) =>
        error instanceof MutationInputError && error.message.includes('already exists for field key inside type Item'));
      const other = `${items[0].key}-other`;
      assert.equal((await run(p.add('Item', [{ key: other, name: 'other' }], ['key'])) as { numUids: number }).numUids, 1);
      assert.deepEqual(await names(p.eq('Item.key', other)), ['other']);
    });
  });
}

describe('the index serves eq and in on long values that share their first 1,400 characters (PGlite)', () => {
  test('no full scan of the node table for eq on the @id or in on the hash field', async () => {
    const db = await openPglite();
    try {
      await ensureLayout(db);
      const store = await SqlStore.open(db);
      await store.applySchema(model, SDL);
      // Past the 256 indexed characters, beyond a btree entry's 2,704 bytes.
      const common = 'é'.repeat(1400);
      await store.importData(model, Array.from({ length: 1000 }, (_, i) => ({ 'dgraph.type': 'Item', 'Item.key': `${common}${i}`, 'Item.code': `${common}${i}` })));
      for (const filter of [p.eq('Item.key', `${common}7`), p.in('Item.code', [`${common}7`, `${common}999`])]) {
        const nodes = await explain(db, p.node('Item', { filter, select: ['key'] }), policy({}));
        const kinds = nodes.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`).join(', ');
        assert.ok(nodes.some((n) => n['Index Name']?.startsWith('ix_btree_')), `a btree index serves it: ${kinds}`);
        assert.ok(!nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'node'), `no full scan: ${kinds}`);
        const found = await store.run(p.query('Item', { filter, select: ['key'] }), ALLOW_ALL) as unknown[];
        assert.equal(found.length, filter.kind === 'in' ? 2 : 1);
      }
    } finally {
      await db.close();
    }
  });
});
