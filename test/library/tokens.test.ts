/**
 * The token side of library mode: ClosedByDefault and invalid tokens fail
 * every root field in Dgraph's words; a malformed Bearer value fails the
 * whole request; without a line no token is read; the cookie extension;
 * contextFor for servers other than Koa (graphql-yoga over HTTP, fetch
 * Headers); resolvers without authline's context fail closed; subscriptions.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, parse, subscribe } from 'graphql';
import { createHandler as createHttpHandler } from 'graphql-http/lib/use/http';
import type { ExecutionResult } from 'graphql';
import { authDirectiveTypeDefs, createAuthline } from '../../src/library/index.js';
import type { AuthlineContext } from '../../src/library/index.js';
import { authLine, bearer, HEADER, OPERATIONS, resolversFor, freshData, sdlWith, startLibraryServer, token } from './support.js';
import type { LibraryServer } from './support.js';

const USER = { USER: 'alice', ROLE: 'USER' };
const REQUIRED = 'a valid JWT is required but was not provided';

/** graphql-js answers with null-prototype objects; HTTP clients see plain JSON. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

function messages(body: { errors?: { message: string; path?: readonly (string | number)[] }[] }) {
  return (body.errors ?? []).map((e) => [e.message, e.path]);
}

describe('ClosedByDefault', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({ sdl: sdlWith(authLine('HS256', { ClosedByDefault: true })) });
  });
  after(() => server.close());

  test('without a token every root query field fails on its own, types without rules too, named by response key', async () => {
    server.data.calls.length = 0;
    const res = await server.post('{ todos { id } t: todo(id: "t1") { id } me }');
    assert.deepEqual(messages(res.body), [
      [`couldn't rewrite query todos because ${REQUIRED}`, ['todos']],
      [`couldn't rewrite query t because ${REQUIRED}`, ['t']],
      [`couldn't rewrite query me because ${REQUIRED}`, ['me']],
    ]);
    assert.deepEqual(res.body.data, { todos: null, t: null, me: null });
    assert.deepEqual(server.data.calls, []);
  });

  test('mutations fail with the error Dgraph gives their kind: add, update/delete (by field name), others', async () => {
    const res = await server.post('mutation { addTodo(title: "x") { id } u: updateTodo(id: "t1", title: "y") { id } deleteTodo(id: "t1") { id } ping }');
    assert.deepEqual(res.body.data, { addTodo: null, u: null, deleteTodo: null, ping: null });
    assert.deepEqual(messages(res.body), [
      [`mutation failed because authorization failed because ${REQUIRED}`, ['addTodo']],
      [`couldn't rewrite mutation updateTodo because ${REQUIRED}`, ['u']],
      [`couldn't rewrite mutation deleteTodo because ${REQUIRED}`, ['deleteTodo']],
      [`couldn't rewrite mutation ping because ${REQUIRED}`, ['ping']],
    ]);
    assert.equal(server.data.todos.length, 2);
  });

  test('a valid token opens the schema', async () => {
    const res = await server.post('{ me notes { text } }', await bearer('HS256', USER));
    assert.deepEqual(res.body, { data: { me: 'alice', notes: [{ text: 'public note' }] } });
  });
});

describe('invalid tokens are never anonymous', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({ sdl: sdlWith(authLine('HS256')) });
  });
  after(() => server.close());

  const cases: [string, () => Promise<string>, string, string][] = [
    ['expired', () => token('HS256', USER, { expiresAt: Math.floor(Date.now() / 1000) - 60 }), 'unable to parse jwt token:token has invalid claims: token is expired', 'JWT_EXPIRED'],
    ['for another audience', () => token('HS256', USER, { audience: 'other-app' }), "JWT `aud` value doesn't match with the audience", 'JWT_AUDIENCE'],
    ['signed with another algorithm', () => token('RS256', USER), 'unable to parse jwt token:token is unverifiable: error while executing keyfunc: unexpected signing method: Expected HS256 Found RS256', 'JWT_ALGORITHM'],
    ['not a JWT', async () => 'not-a-jwt', 'unable to parse jwt token:token is malformed: token contains an invalid number of segments', 'JWT_MALFORMED'],
  ];
  for (const [name, make, reason, code] of cases) {
    test(`a token ${name} fails every root field with the verifier's words, even without ClosedByDefault`, async () => {
      server.data.calls.length = 0;
      const res = await server.post('{ todo(id: "t1") { id } me }', { [HEADER]: `Bearer ${await make()}` });
      assert.deepEqual(res.body, {
        errors: [
          { message: `couldn't rewrite query todo because ${reason}`, path: ['todo'], extensions: { code } },
          { message: `couldn't rewrite query me because ${reason}`, path: ['me'], extensions: { code } },
        ],
        data: { todo: null, me: null },
      });
      assert.deepEqual(server.data.calls, []);
    });
  }

  test('a bad signature fails too', async () => {
    const good = await token('HS256', USER);
    const forged = `${good.slice(0, good.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    const res = await server.post('{ me }', { [HEADER]: forged });
    assert.deepEqual(messages(res.body), [["couldn't rewrite query me because unable to parse jwt token:token signature is invalid: signature is invalid", ['me']]]);
  });
});

describe('a malformed Bearer value fails the whole request, as in Dgraph', () => {
  let server: LibraryServer;
  before(async () => {
    server = await startLibraryServer({ sdl: sdlWith(authLine('HS256')) });
  });
  after(() => server.close());

  test('application/json clients get 200 with only errors; nothing runs', async () => {
    server.data.calls.length = 0;
    const res = await server.post('{ notes { text } }', { [HEADER]: 'Bearer a b' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      errors: [{ message: 'invalid Bearer-formatted header value for JWT (Bearer a b)', extensions: { code: 'JWT_BEARER_MALFORMED' } }],
    });
    assert.deepEqual(server.data.calls, []);
  });

  test('application/graphql-response+json clients get 400, as graphql-http answers request errors', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', [HEADER]: 'Bearer  x' },
      body: JSON.stringify({ query: '{ notes { text } }' }),
    });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
    assert.deepEqual(await res.json(), {
      errors: [{ message: 'invalid Bearer-formatted header value for JWT (Bearer  x)', extensions: { code: 'JWT_BEARER_MALFORMED' } }],
    });
  });
});

test('without an auth line no token is read: even a broken one is ignored, and every claim is missing', async () => {
  const server = await startLibraryServer({ sdl: sdlWith('') });
  try {
    const res = await server.post('{ todos { id } notes { text } me }', { [HEADER]: 'Bearer a b' });
    assert.deepEqual(res.body, { data: { todos: [], notes: [{ text: 'public note' }], me: null } });
  } finally {
    await server.close();
  }
});

test('the line\'s Cookie extension: the token comes from that cookie when the header is absent', async () => {
  const server = await startLibraryServer({ sdl: sdlWith(authLine('HS256', { Cookie: 'todo_token', ClosedByDefault: true })) });
  try {
    const res = await server.post('{ me }', { cookie: `theme=dark; todo_token=${await token('HS256', USER)}` });
    assert.deepEqual(res.body, { data: { me: 'alice' } });
  } finally {
    await server.close();
  }
});

/**
 * graphql-yoga is loaded untyped: its typings redefine the DOM stream
 * globals and would break the project's typecheck elsewhere.
 */
async function loadYoga(): Promise<{ createYoga: (options: object) => Parameters<typeof createServer>[1] }> {
  const name: string = 'graphql-yoga';
  return import(name);
}

test('graphql-yoga over HTTP, with contextFor reading its (ponyfilled) fetch Headers', async () => {
  const { createYoga } = await loadYoga();
  const sdl = sdlWith(authLine('RS256', { ClosedByDefault: true }));
  const auth = await createAuthline({ typeDefs: sdl, operations: OPERATIONS });
  const data = freshData();
  const schema = auth.applyTo(makeExecutableSchema<AuthlineContext>({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers: resolversFor(data) }));
  const yoga = createYoga({ schema, logging: false, context: async ({ request }: { request: Request }) => ({ authline: await auth.contextFor(request.headers) }) });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const post = async (query: string, headers: Record<string, string> = {}) =>
    (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })).json() as Promise<any>;
  try {
    assert.deepEqual(await post('{ me tasks { id } }', await bearer('RS256', USER)), { data: { me: 'alice', tasks: [{ id: 't1' }, { id: 't2' }] } });
    const anonymous = await post('{ me }');
    assert.deepEqual(anonymous.errors.map((e: { message: string }) => e.message), [`couldn't rewrite query me because ${REQUIRED}`]);
  } finally {
    auth.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('graphql-http on node:http, with contextFor reading Node\'s header object', async () => {
  const sdl = sdlWith(authLine('HS256', { ClosedByDefault: true }));
  const auth = await createAuthline({ typeDefs: sdl, operations: OPERATIONS });
  const schema = auth.applyTo(makeExecutableSchema<AuthlineContext>({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers: resolversFor(freshData()) }));
  const server = createServer(createHttpHandler({ schema, context: async (req) => ({ authline: await auth.contextFor(req.headers) }) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const post = async (query: string, headers: Record<string, string> = {}) =>
    (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })).json() as Promise<any>;
  try {
    assert.deepEqual(await post('{ me todos { id } }', await bearer('HS256', USER)), { data: { me: 'alice', todos: [{ id: 't1' }, { id: 't2' }] } });
    const malformed = await post('{ me }', { [HEADER]: 'Bearer a b' });
    assert.deepEqual(messages(malformed), [["couldn't rewrite query me because invalid Bearer-formatted header value for JWT (Bearer a b)", ['me']]]);
  } finally {
    auth.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('resolvers reached without authline\'s request auth fail closed', () => {
  const sdl = sdlWith(authLine('HS256'));
  test('no context, or a look-alike object, fails every guarded field', async () => {
    const auth = await createAuthline({ typeDefs: sdl, operations: OPERATIONS });
    try {
      const schema = auth.applyTo(makeExecutableSchema<AuthlineContext>({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers: resolversFor(freshData()) }));
      const lookAlike = { authline: { claims: { ROLE: 'ADMIN' }, error: null, allows: () => true } };
      for (const contextValue of [undefined, {}, lookAlike]) {
        const result = await graphql({ schema, source: '{ todos { id } me }', contextValue });
        assert.deepEqual(plain(result.data), { todos: null, me: null });
        assert.equal(result.errors?.length, 2);
        assert.match(result.errors[0].message, /^authline: the GraphQL context has no request auth from this Authline/);
        assert.equal(result.errors[0].extensions.code, 'AUTH_CONTEXT_MISSING');
      }
    } finally {
      auth.close();
    }
  });

  test('a context from another Authline instance is refused too', async () => {
    const one = await createAuthline({ typeDefs: sdl, operations: OPERATIONS });
    const other = await createAuthline({ typeDefs: sdl, operations: OPERATIONS });
    try {
      const schema = one.applyTo(makeExecutableSchema<AuthlineContext>({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers: resolversFor(freshData()) }));
      const authline = await other.contextFor({ [HEADER.toLowerCase()]: await token('HS256', USER) });
      const result = await graphql({ schema, source: '{ me }', contextValue: { authline } });
      assert.match(result.errors?.[0].message ?? '', /no request auth from this Authline/);
      const own = await one.contextFor(new Headers({ [HEADER]: `Bearer ${await token('HS256', USER)}` }));
      assert.deepEqual(plain((await graphql({ schema, source: '{ me }', contextValue: { authline: own } })).data), { me: 'alice' });
    } finally {
      one.close();
      other.close();
    }
  });
});

describe('subscriptions', () => {
  const sdl = `
type Todo @auth(query: { rule: "{$ROLE: {eq: \\"USER\\"}}" }) { id: ID! }
type Query { todos: [Todo] }
type Subscription { todoAdded: Todo }
${authLine('HS256', { ClosedByDefault: true })}
`;
  const resolvers = {
    Query: { todos: () => [] },
    Subscription: {
      todoAdded: {
        async *subscribe() {
          yield { todoAdded: { id: 't9' } };
        },
      },
    },
  };

  async function firstEvent(claims: Record<string, unknown> | null): Promise<ExecutionResult> {
    const auth = await createAuthline({ typeDefs: sdl });
    try {
      const schema = auth.applyTo(makeExecutableSchema({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers }));
      const headers = claims ? { [HEADER.toLowerCase()]: await token('HS256', claims) } : {};
      const result = await subscribe({ schema, document: parse('subscription { todoAdded { id } }'), contextValue: { authline: await auth.contextFor(headers) } });
      if (!(Symbol.asyncIterator in result)) return result;
      const first = await result.next();
      await result.return?.();
      return first.value as ExecutionResult;
    } finally {
      auth.close();
    }
  }

  test('the token is checked when a subscription starts', async () => {
    const result = await firstEvent(null);
    assert.deepEqual(result.errors?.map((e) => [e.message, e.path]), [[`couldn't rewrite query todoAdded because ${REQUIRED}`, ['todoAdded']]]);
  });

  test('each event answers to the query rule of what it carries', async () => {
    assert.deepEqual(plain((await firstEvent(USER)).data), { todoAdded: { id: 't9' } });
    assert.deepEqual(plain((await firstEvent({ ROLE: 'GUEST' })).data), { todoAdded: null });
  });
});
