/**
 * The cost of a root field does not grow with the data: the same number of
 * SQL statements for 2 or 200 parents with nested lists two levels deep, and
 * for a graph-rule query over 20 or 20,000 nodes.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Residual } from '../../src/rules/policy.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS } from './support/backends.js';
import { modelFromSdl } from './support/model.js';
import { Plans, filter, policy, reach } from './support/plans.js';

const SDL = `
type Parent { id: ID! name: String! @search(by: [hash]) children: [Child] }
type Child { id: ID! name: String! kids: [Grandchild] }
type Grandchild { id: ID! name: String! }
type Team { id: ID! members: [Member] }
type Member { id: ID! username: String! @search(by: [hash]) }
type Doc { id: ID! title: String! owner: Team }
`;
const model = modelFromSdl(SDL);
const p = new Plans(model);
after(stopOwnCluster);

function family(parents: number) {
  return Array.from({ length: parents }, (_, i) => ({
    'dgraph.type': 'Parent', 'Parent.name': `parent${i}`,
    'Parent.children': Array.from({ length: 3 }, (_, j) => ({
      'dgraph.type': 'Child', 'Child.name': `child${i}.${j}`,
      'Child.kids': Array.from({ length: 2 }, (_, k) => ({ 'dgraph.type': 'Grandchild', 'Grandchild.name': `kid${i}.${j}.${k}` })),
    })),
  }));
}

/** `docs` documents owned by 10 teams; team t has members user<t> and everyone. */
function documents(docs: number) {
  const teams = Array.from({ length: 10 }, (_, t) => ({
    uid: `_:team${t}`, 'dgraph.type': 'Team',
    'Team.members': [{ uid: `_:user${t}`, 'dgraph.type': 'Member', 'Member.username': `user${t}` }],
  }));
  const docsList = Array.from({ length: docs }, (_, i) => ({ 'dgraph.type': 'Doc', 'Doc.title': `doc${i}`, 'Doc.owner': { uid: `_:team${i % 10}` } }));
  return [...teams, ...docsList];
}

/** queryDoc { owner { members(filter: { username: { eq: $USER } }) { __typename } } } */
const ownedBy = (user: string): Residual => reach(p.node('Doc', {
  select: [p.edge('Doc.owner', { select: [p.edge('Team.members', { filter: p.eq('Member.username', user), select: ['__typename'] })] })],
}));

for (const backend of BACKENDS) {
  describe(`statement counts on ${backend.name}`, () => {
    test('200 parents with nested lists two levels deep cost what 2 parents cost: one statement', async () => {
      const opened = await backend.open();
      try {
        await opened.store.applySchema(model, SDL);
        await opened.store.importData(model, family(200));
        const read = async (first: number) => {
          opened.statements.length = 0;
          const parents = await opened.store.run(p.query('Parent', {
            order: [p.asc('Parent.name')], first,
            select: ['name', p.edge('Parent.children', { select: ['name', p.edge('Child.kids', { select: ['name'] })] })],
          }), policy({})) as { children: { kids: unknown[] }[] }[];
          return { statements: opened.statements.length, parents: parents.length, kids: parents.flatMap((x) => x.children.flatMap((c) => c.kids)).length };
        };
        const few = await read(2);
        const many = await read(200);
        assert.deepEqual(few, { statements: 1, parents: 2, kids: 12 });
        assert.deepEqual(many, { statements: 1, parents: 200, kids: 1200 });
      } finally {
        await opened.close();
      }
    });

    test('a graph-rule query over 20,000 nodes costs what it costs over 20: one statement per root field', async () => {
      const counts: number[] = [];
      for (const size of [20, 20_000]) {
        const opened = await backend.open();
        try {
          await opened.store.applySchema(model, SDL);
          await opened.store.importData(model, documents(size));
          opened.statements.length = 0;
          const visible = await opened.store.run(p.aggregateRoot('Doc', [{ key: 'count', fn: 'count' }]), policy({ Doc: { query: filter(ownedBy('user3')) } }));
          const page = await opened.store.run(p.query('Doc', { order: [p.asc('Doc.title')], first: 2, select: ['title'] }), policy({ Doc: { query: filter(ownedBy('user3')) } }));
          assert.deepEqual(visible, { count: size / 10 });
          const expected = Array.from({ length: size }, (_, i) => i).filter((i) => i % 10 === 3).map((i) => `doc${i}`).sort().slice(0, 2);
          assert.deepEqual(page, expected.map((title) => ({ title })));
          counts.push(opened.statements.length);
        } finally {
          await opened.close();
        }
      }
      assert.deepEqual(counts, [2, 2]);
    });
  });
}
