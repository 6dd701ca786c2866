/**
 * Guards on user resolvers: mutations named as Dgraph names them, the
 * explicit `operations` map (mutations and any other field), 'none', the
 * query rules on mutation answers, and AuthContext.allows.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authLine, bearer, freshData, HEADER, sdlWith, startLibraryServer, token } from './support.js';
import type { LibraryServer } from './support.js';

const USER = { USER: 'alice', ROLE: 'USER' };
const ADMIN = { USER: 'root', ROLE: 'ADMIN' };
const NOBODY = { USER: 'eve' };

describe('mutations by their Dgraph names', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({ sdl: sdlWith(authLine('HS256')) });
  });
  after(() => server.close());

  test('addT runs when T\'s add rule admits the request', async () => {
    const res = await server.post('mutation { addTodo(title: "new") { id title owner { name } } }', await bearer('HS256', USER));
    assert.deepEqual(res.body, { data: { addTodo: { id: 't3', title: 'new', owner: null } } });
    assert.equal(server.data.todos.length, 3);
  });

  test('a denied addT fails with Dgraph\'s error, and nothing is written', async () => {
    server.data.calls.length = 0;
    const before = server.data.todos.length;
    const res = await server.post('mutation { addTodo(title: "nope") { id } }', await bearer('HS256', ADMIN));
    assert.deepEqual(res.body, {
      errors: [{ message: 'mutation failed because authorization failed', path: ['addTodo'], extensions: { code: 'AUTH_DENIED' } }],
      data: { addTodo: null },
    });
    assert.equal(server.data.todos.length, before);
    assert.deepEqual(server.data.calls, []);
  });

  test('updateT follows T\'s update rule (an or of roles); a denied one fails naming the field, not its alias', async () => {
    const allowed = await server.post('mutation { updateTodo(id: "t1", title: "renamed") { title } }', await bearer('HS256', ADMIN));
    assert.deepEqual(allowed.body, { data: { updateTodo: { title: 'renamed' } } });
    const denied = await server.post('mutation { u: updateTodo(id: "t1", title: "hacked") { title } }', await bearer('HS256', NOBODY));
    assert.deepEqual(denied.body, {
      errors: [{ message: "couldn't rewrite mutation updateTodo because authorization failed", path: ['u'], extensions: { code: 'AUTH_DENIED' } }],
      data: { u: null },
    });
    assert.equal(server.data.todos[0].title, 'renamed');
  });

  test('deleteT follows T\'s delete rule', async () => {
    const denied = await server.post('mutation { deleteTodo(id: "t2") { id } }', await bearer('HS256', USER));
    assert.deepEqual(denied.body.errors, [
      { message: "couldn't rewrite mutation deleteTodo because authorization failed", path: ['deleteTodo'], extensions: { code: 'AUTH_DENIED' } },
    ]);
    assert.ok(server.data.todos.some((t) => t.id === 't2'));
    const allowed = await server.post('mutation { deleteTodo(id: "t2") { id } }', await bearer('HS256', ADMIN));
    assert.deepEqual(allowed.body, { data: { deleteTodo: { id: 't2' } } });
    assert.ok(!server.data.todos.some((t) => t.id === 't2'));
  });

  test('mutations in one request are decided one by one', async () => {
    const res = await server.post('mutation { a: addTodo(title: "one") { id } d: deleteTodo(id: "t1") { id } }', await bearer('HS256', USER));
    assert.deepEqual(res.body.data, { a: { id: 't3' }, d: null });
    assert.deepEqual(res.body.errors.map((e: { path: string[] }) => e.path), [['d']]);
  });
});

describe('the operations map', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({
      sdl: sdlWith(authLine('HS256')),
      operations: {
        'Mutation.createBug': { type: 'Bug', op: 'add' },
        'Mutation.ping': 'none',
        'Query.todoCount': { type: 'Todo', op: 'query' },
      },
      data: freshData(),
    });
  });
  after(() => server.close());

  test('a mutation mapped to a type\'s add rule is refused like addT', async () => {
    server.data.calls.length = 0;
    const res = await server.post('mutation { createBug(title: "x") { id } }', await bearer('HS256', NOBODY));
    assert.deepEqual(res.body, {
      errors: [{ message: 'mutation failed because authorization failed', path: ['createBug'], extensions: { code: 'AUTH_DENIED' } }],
      data: { createBug: null },
    });
    assert.deepEqual(server.data.calls, []);
  });

  test('a mutation that may run but whose answer the query rule hides runs, and answers null without error (Dgraph\'s payloads)', async () => {
    const res = await server.post('mutation { createBug(title: "found one") { id } }', await bearer('HS256', USER));
    assert.deepEqual(res.body, { data: { createBug: null } });
    assert.deepEqual(server.data.bugs.map((b) => b.title), ['crash on save', 'found one']);
    const admin = await server.post('mutation { createBug(title: "another") { id title } }', await bearer('HS256', ADMIN));
    assert.deepEqual(admin.body, { data: { createBug: { id: 'b3', title: 'another' } } });
  });

  test('\'none\' runs for any valid token', async () => {
    assert.deepEqual((await server.post('mutation { ping }', await bearer('HS256', NOBODY))).body, { data: { ping: 'pong' } });
    assert.deepEqual((await server.post('mutation { ping }')).body, { data: { ping: 'pong' } });
  });

  test('a query field mapped to a type\'s query rule hides a scalar answer (a count would leak otherwise)', async () => {
    server.data.calls.length = 0;
    assert.deepEqual((await server.post('{ todoCount }', await bearer('HS256', NOBODY))).body, { data: { todoCount: null } });
    assert.deepEqual(server.data.calls, []);
    assert.deepEqual((await server.post('{ todoCount }', await bearer('HS256', USER))).body, { data: { todoCount: 2 } });
  });

  test('AuthContext.allows answers for types and interfaces (an interface: every implementing type)', async () => {
    const user = await server.auth.contextFor({ [HEADER.toLowerCase()]: `Bearer ${await token('HS256', USER)}` });
    assert.equal(user.allows('Todo', 'query'), true);
    assert.equal(user.allows('Bug', 'query'), false);
    assert.equal(user.allows('Task', 'query'), false);
    assert.equal(user.allows('Todo', 'delete'), false);
    assert.equal(user.allows('SearchResult', 'query'), false);
    const admin = await server.auth.contextFor({ [HEADER.toLowerCase()]: `Bearer ${await token('HS256', ADMIN)}` });
    assert.equal(admin.allows('Task', 'query'), true);
    assert.equal(admin.allows('Note', 'query'), true);
    assert.throws(() => admin.allows('Nope', 'query'), /no type Nope/);
  });
});
