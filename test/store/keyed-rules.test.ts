/**
 * A nested level under a graph rule whose traversal names @id values or
 * ids: such a rule level is read once per statement (levels.ts, isKeyed)
 * and each candidate child is one probe of the edge index. The answers must
 * be those of the same rule over a field that is not an @id (`handle`,
 * which holds the same values and is read per candidate), and those worked
 * out from the data, for eq, in, ids, or, and, not, and @cascade.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Filter } from '../../src/plan/types.js';
import type { Residual } from '../../src/rules/policy.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type LoadedStore } from './support/backends.js';
import { modelFromSdl } from './support/model.js';
import { Plans, filter, not, policy, reach } from './support/plans.js';

const SDL = `
type User { username: String! @id handle: String! @search(by: [hash]) todos: [Todo] @hasInverse(field: owner) }
type Todo { id: ID! title: String! @search(by: [hash]) owner: User! }
`;
const model = modelFromSdl(SDL);
const p = new Plans(model);
after(stopOwnCluster);

const USERS = 5;
const TODOS_EACH = 4;

/** user0..user4, each owning todo<u>.0..3; `handle` repeats `username`. */
function data() {
  return Array.from({ length: USERS }, (_, u) => ({
    uid: `_:user${u}`, 'dgraph.type': 'User', 'User.username': `user${u}`, 'User.handle': `user${u}`,
    'User.todos': Array.from({ length: TODOS_EACH }, (_, t) => ({
      uid: `_:todo${u}.${t}`, 'dgraph.type': 'Todo', 'Todo.title': `todo${u}.${t}`, 'Todo.owner': { uid: `_:user${u}` },
    })),
  }));
}

/** queryTodo { owner(filter: <owner>) { __typename } } */
const ownerIs = (owner: Filter): Residual => reach(p.node('Todo', { select: [p.edge('Todo.owner', { filter: owner, select: ['__typename'] })] }));

/** Every user with their first two todos the rule lets through (the import gives uids in input order). */
function expected(visible: (user: number) => boolean): unknown[] {
  return Array.from({ length: USERS }, (_, u) => ({
    username: `user${u}`,
    todos: visible(u) ? [0, 1].map((t) => ({ title: `todo${u}.${t}` })) : [],
  }));
}

const nested = p.query('User', { select: ['username', p.edge('User.todos', { first: 2, select: ['title'] })] });

for (const backend of BACKENDS) {
  describe(`keyed rule levels on ${backend.name}`, () => {
    let opened: LoadedStore;
    before(async () => { opened = await openLoaded(backend, model, SDL, data()); });
    after(() => opened.close());
    const uid = (name: string) => `0x${BigInt(opened.uids[name]).toString(16)}`;

    test('a keyed rule level answers as the same rule read per candidate, and as the data says', async () => {
      const cases: [string, Filter, Filter, (u: number) => boolean][] = [
        ['eq', p.eq('User.username', 'user2'), p.eq('User.handle', 'user2'), (u) => u === 2],
        ['eq, no such user', p.eq('User.username', 'nobody'), p.eq('User.handle', 'nobody'), () => false],
        ['in', p.in('User.username', ['user1', 'user3']), p.in('User.handle', ['user1', 'user3']), (u) => u === 1 || u === 3],
        ['ids', p.uids(uid('user4')), p.eq('User.handle', 'user4'), (u) => u === 4],
        ['or of keyed', p.or(p.eq('User.username', 'user0'), p.uids(uid('user3'))), p.in('User.handle', ['user0', 'user3']), (u) => u === 0 || u === 3],
        ['and with an unkeyed part', p.and(p.eq('User.username', 'user2'), p.eq('User.handle', 'user9')), p.eq('User.handle', 'user9'), () => false],
        ['not inside', p.and(p.in('User.username', ['user1', 'user2']), p.not(p.eq('User.handle', 'user1'))), p.eq('User.handle', 'user2'), (u) => u === 2],
      ];
      for (const [name, keyed, plain, visible] of cases) {
        opened.statements.length = 0;
        const answer = await opened.store.run(nested, policy({ Todo: { query: filter(ownerIs(keyed)) } }));
        assert.equal(opened.statements.length, 1, name);
        assert.ok(opened.statements[0].includes('= ANY(ARRAY(SELECT'), `${name}: the rule level is read once`);
        assert.deepEqual(answer, expected(visible), name);
        assert.deepEqual(await opened.store.run(nested, policy({ Todo: { query: filter(ownerIs(plain)) } })), answer, `${name}: as read per candidate`);
      }
      // Under NOT, the keyed reach is still a set: a todo is visible when its owner is not user2.
      const negated = await opened.store.run(nested, policy({ Todo: { query: filter(not(ownerIs(p.eq('User.username', 'user2')))) } }));
      assert.deepEqual(negated, expected((u) => u !== 2));
    });

    test('@cascade over a keyed nested level keeps the parents whose keyed children the rule shows', async () => {
      // Parents named by id are probed (their candidates are known), and so is their @cascade.
      const cascaded = p.query('User', {
        filter: p.uids(uid('user0'), uid('user1'), uid('user3')),
        cascade: { kind: 'all' },
        select: ['username', p.edge('User.todos', { filter: p.uids(uid('todo1.2'), uid('todo3.0')), select: ['title'] })],
      });
      const rule = policy({ Todo: { query: filter(ownerIs(p.eq('User.username', 'user3'))) } });
      opened.statements.length = 0;
      assert.deepEqual(await opened.store.run(cascaded, rule), [{ username: 'user3', todos: [{ title: 'todo3.0' }] }]);
      assert.match(opened.statements[0], /EXISTS \(SELECT 1 FROM authline\.edge e\d+ WHERE e\d+\.src = n\d+\.uid AND e\d+\.pred = 'User\.todos' AND e\d+\.dst = ANY\(ARRAY\(SELECT/);
      assert.deepEqual(await opened.store.run(cascaded, policy({})), [
        { username: 'user1', todos: [{ title: 'todo1.2' }] },
        { username: 'user3', todos: [{ title: 'todo3.0' }] },
      ]);
    });
  });
}
