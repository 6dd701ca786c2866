/**
 * Query rules on user resolvers, over HTTP (Koa + graphql-http): root and
 * nested fields, lists, singles and non-null fields, interfaces and unions
 * with per-type decisions, claims handed to resolvers, and introspection.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authLine, bearer, freshData, resolversFor, sdlWith, startLibraryServer } from './support.js';
import type { Alg, LibraryServer } from './support.js';

const USER = { USER: 'alice', ROLE: 'USER' };
const ADMIN = { USER: 'root', ROLE: 'ADMIN', VIEW_USERS: true };
const NOBODY = { USER: 'eve' };

for (const alg of ['HS256', 'RS256'] as const satisfies readonly Alg[]) {
  describe(`query rules at the root (${alg})`, () => {
    let server: LibraryServer;
    before(async () => {
      server = await startLibraryServer({ sdl: sdlWith(authLine(alg)) });
    });
    after(() => server.close());

    test('a role the rule admits sees the list its resolver returns', async () => {
      const res = await server.post('{ todos { id title } }', await bearer(alg, USER));
      assert.deepEqual(res.body, { data: { todos: [{ id: 't1', title: 'write tests' }, { id: 't2', title: 'ship it' }] } });
    });

    test('a denied list is [] with no error, and its resolver never runs', async () => {
      server.data.calls.length = 0;
      const res = await server.post('{ todos { id } notes { text } }', await bearer(alg, NOBODY));
      assert.deepEqual(res.body, { data: { todos: [], notes: [{ text: 'public note' }] } });
      assert.deepEqual(server.data.calls, ['notes']);
    });

    test('a denied single is null with no error', async () => {
      server.data.calls.length = 0;
      const res = await server.post('{ todo(id: "t1") { id } }', await bearer(alg, NOBODY));
      assert.deepEqual(res.body, { data: { todo: null } });
      assert.deepEqual(server.data.calls, []);
    });

    test('a denied non-null single fails with "authorization failed", and GraphQL nulls its parent', async () => {
      const res = await server.post('{ requiredTodo(id: "t1") { id } }', await bearer(alg, NOBODY));
      assert.equal(res.body.data, null);
      assert.deepEqual(
        res.body.errors.map((e: { message: string; path: string[] }) => [e.message, e.path]),
        [['authorization failed: the query rules hide the value of Query.requiredTodo, which cannot be null', ['requiredTodo']]],
      );
      const allowed = await server.post('{ requiredTodo(id: "t1") { id } }', await bearer(alg, USER));
      assert.deepEqual(allowed.body, { data: { requiredTodo: { id: 't1' } } });
    });

    test('a type without rules is open to any valid token, and to none', async () => {
      assert.deepEqual((await server.post('{ notes { text } }')).body, { data: { notes: [{ text: 'public note' }] } });
    });
  });
}

describe('query rules below the root', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({ sdl: sdlWith(authLine('HS256')) });
  });
  after(() => server.close());

  test('a nested single and a nested non-null list of a denied type are null and [], their resolvers skipped', async () => {
    server.data.calls.length = 0;
    const res = await server.post('{ todos { id owner { name } watchers { name } } }', await bearer('HS256', USER));
    assert.deepEqual(res.body, {
      data: {
        todos: [
          { id: 't1', owner: null, watchers: [] },
          { id: 't2', owner: null, watchers: [] },
        ],
      },
    });
    assert.deepEqual(server.data.calls, ['todos']);
  });

  test('each level answers to its own type\'s rule', async () => {
    const res = await server.post('{ todos { id owner { name } } }', await bearer('HS256', { ROLE: 'USER', VIEW_USERS: true }));
    assert.deepEqual(res.body, {
      data: { todos: [{ id: 't1', owner: { name: 'alice' } }, { id: 't2', owner: { name: 'bob' } }] },
    });
  });

  test('a claim of the wrong JSON type does not match (Go equality: true is not "true")', async () => {
    const res = await server.post('{ users { name } }', await bearer('HS256', { VIEW_USERS: 'true' }));
    assert.deepEqual(res.body, { data: { users: [] } });
  });

  test('an array claim matches if any element does', async () => {
    const res = await server.post('{ todos { id } }', await bearer('HS256', { ROLE: ['GUEST', 'USER'] }));
    assert.deepEqual(res.body, { data: { todos: [{ id: 't1' }, { id: 't2' }] } });
  });
});

for (const resolveType of [false, true]) {
  describe(`interfaces and unions, decided per implementing type (${resolveType ? '__resolveType' : '__typename'})`, () => {
    let server: LibraryServer;
    before(async () => {
      server = await startLibraryServer({ sdl: sdlWith(authLine('HS256')), resolvers: (data) => resolversFor(data, { resolveType }) });
    });
    after(() => server.close());

    test('an interface list keeps only the nodes whose own type admits the request', async () => {
      const query = '{ tasks { __typename id } }';
      assert.deepEqual((await server.post(query, await bearer('HS256', USER))).body, {
        data: { tasks: [{ __typename: 'Todo', id: 't1' }, { __typename: 'Todo', id: 't2' }] },
      });
      assert.deepEqual((await server.post(query, await bearer('HS256', ADMIN))).body, {
        data: {
          tasks: [
            { __typename: 'Todo', id: 't1' },
            { __typename: 'Todo', id: 't2' },
            { __typename: 'Bug', id: 'b1' },
          ],
        },
      });
    });

    test('when no implementing type admits the request the resolver does not run', async () => {
      server.data.calls.length = 0;
      assert.deepEqual((await server.post('{ tasks { id } }', await bearer('HS256', NOBODY))).body, { data: { tasks: [] } });
      assert.deepEqual(server.data.calls, []);
    });

    test('an interface single is null when its node\'s type is denied, and shown when allowed', async () => {
      const query = '{ bug: task(id: "b1") { __typename id } todo: task(id: "t1") { __typename id } }';
      assert.deepEqual((await server.post(query, await bearer('HS256', USER))).body, {
        data: { bug: null, todo: { __typename: 'Todo', id: 't1' } },
      });
      assert.deepEqual((await server.post(query, await bearer('HS256', ADMIN))).body, {
        data: { bug: { __typename: 'Bug', id: 'b1' }, todo: { __typename: 'Todo', id: 't1' } },
      });
    });

    test('a union list keeps the members the request may see, types without rules included', async () => {
      const query = '{ search { __typename ... on Note { text } ... on Task { id } } }';
      assert.deepEqual((await server.post(query, await bearer('HS256', USER))).body, {
        data: { search: [{ __typename: 'Todo', id: 't1' }, { __typename: 'Todo', id: 't2' }, { __typename: 'Note', text: 'public note' }] },
      });
      assert.deepEqual((await server.post(query, await bearer('HS256', NOBODY))).body, {
        data: { search: [{ __typename: 'Note', text: 'public note' }] },
      });
    });
  });
}

describe('claims and introspection', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({ sdl: sdlWith(authLine('HS256', { ClosedByDefault: true })), data: freshData() });
  });
  after(() => server.close());

  test('resolvers see the verified claims, namespace merged, in context.authline.claims', async () => {
    assert.deepEqual((await server.post('{ me }', await bearer('HS256', USER))).body, { data: { me: 'alice' } });
  });

  test('introspection needs no token, even with ClosedByDefault', async () => {
    const res = await server.post('{ __typename __type(name: "Todo") { name } __schema { queryType { name } } }');
    assert.deepEqual(res.body, { data: { __typename: 'Query', __type: { name: 'Todo' }, __schema: { queryType: { name: 'Query' } } } });
  });

  test('introspection answers even with an invalid token', async () => {
    const res = await server.post('{ __schema { mutationType { name } } }', { 'X-Todo-Auth': 'Bearer not.a.token' });
    assert.deepEqual(res.body, { data: { __schema: { mutationType: { name: 'Mutation' } } } });
  });
});
