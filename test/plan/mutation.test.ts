import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIBRARY, api, named, planOf } from './harness.js';

const env = api(LIBRARY);

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

test('add: coerced inputs, upsert, and the payload with its own filter and page', async () => {
  const plan = await planOf(
    env,
    `mutation($in: [AddAuthorInput!]!) {
      made: addAuthor(input: $in, upsert: true) {
        author(filter: {age: {gt: 1}}, order: {asc: name}, first: 1) { id name }
        numUids
        __typename
      }
    }`,
    { in: [{ name: 'Ann', pwd: 'x', age: 3, posts: [{ title: 'P' }, { id: '0x5' }], born: '2001' }] },
  );
  assert.equal(plan.kind, 'add');
  if (plan.kind !== 'add') return;
  assert.deepEqual([plan.field, plan.key, plan.type.name, plan.upsert], ['addAuthor', 'made', 'Author', true]);
  assert.equal(plan.type, env.model.types.get('Author'));
  assert.deepEqual(plain(plan.input), [{ name: 'Ann', pwd: 'x', age: 3, posts: [{ title: 'P' }, { id: '0x5' }], born: '2001-01-01T00:00:00Z' }]);
  assert.deepEqual(named(env, plan.payload), [
    {
      kind: 'nodes',
      key: 'author',
      query: {
        type: 'Author',
        concreteTypes: ['Author'],
        filter: { kind: 'compare', field: 'Author.age', op: 'gt', value: 1 },
        order: [{ field: 'Author.name', desc: false }],
        first: 1,
        cascade: null,
        selection: [
          { kind: 'uid', key: 'id' },
          { kind: 'scalar', key: 'name', field: 'Author.name' },
        ],
      },
    },
    { kind: 'numUids', key: 'numUids' },
    { kind: 'typename', key: '__typename', typename: 'AddAuthorPayload' },
  ]);
  const single = await planOf(env, 'mutation { addPost(input: {title: "t"}) { numUids } }');
  assert.ok(single.kind === 'add');
  assert.deepEqual([plain(single.input), single.upsert], [[{ title: 't' }], false]);
});

test('update: the filter read as a filter, set and remove as given', async () => {
  const plan = await planOf(
    env,
    'mutation { updateAuthor(input: {filter: {id: ["0x1", "0x2"], verified: true}, set: {age: 40}, remove: {nick: "old"}}) { numUids author { name } } }',
  );
  assert.ok(plan.kind === 'update');
  assert.deepEqual(named(env, plan.filter), {
    kind: 'and',
    items: [
      { kind: 'uid', uids: ['1', '2'] },
      { kind: 'compare', field: 'Author.verified', op: 'eq', value: true },
    ],
  });
  assert.deepEqual([plain(plan.set), plain(plan.remove)], [{ age: 40 }, { nick: 'old' }]);
  assert.deepEqual(plan.payload.map((p) => p.kind), ['numUids', 'nodes']);
  const onlySet = await planOf(env, 'mutation { updatePet(input: {filter: {}, set: {name: "Rex"}}) { numUids } }');
  assert.ok(onlySet.kind === 'update');
  assert.deepEqual([onlySet.type.name, onlySet.filter, onlySet.remove], ['Pet', null, null]);
});

test('delete: the filter, and msg/numUids/nodes in the payload', async () => {
  const plan = await planOf(env, 'mutation { gone: deletePost(filter: {title: {allofterms: "old"}}) { msg numUids post { title } } }');
  assert.ok(plan.kind === 'delete');
  assert.deepEqual(named(env, plan), {
    kind: 'delete',
    field: 'deletePost',
    key: 'gone',
    model: 'model',
    type: 'Post',
    filter: { kind: 'terms', field: 'Post.title', mode: 'all', text: 'old' },
    payload: [
      { kind: 'msg', key: 'msg' },
      { kind: 'numUids', key: 'numUids' },
      {
        kind: 'nodes',
        key: 'post',
        query: {
          type: 'Post',
          concreteTypes: ['Post'],
          filter: null,
          order: [],
          cascade: null,
          selection: [{ kind: 'scalar', key: 'title', field: 'Post.title' }],
        },
      },
    ],
  });
});
