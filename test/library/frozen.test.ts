/**
 * Resolvers receive the request's auth as `context.authline`; nothing they
 * do to it may change what later fields of the same request are allowed.
 * Claims and decisions are frozen (Object.freeze, private fields).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IResolvers } from '@graphql-tools/utils';
import type { AuthlineContext } from '../../src/library/index.js';
import { authLine, bearer, freshData, resolversFor, sdlWith, startLibraryServer } from './support.js';
import type { Data, LibraryServer } from './support.js';

/** ping tries every way to forge an ADMIN who may view users, and records what each attempt did. */
function forgingResolvers(data: Data): IResolvers<unknown, AuthlineContext> {
  const resolvers = resolversFor(data);
  const attempt = (name: string, forge: () => void) => {
    try {
      forge();
      data.calls.push(`${name}: changed`);
    } catch (error) {
      data.calls.push(`${name}: ${(error as Error).constructor.name}`);
    }
  };
  (resolvers.Mutation as Record<string, unknown>).ping = (_: unknown, __: unknown, context: AuthlineContext) => {
    const auth = context.authline as { -readonly [K in keyof typeof context.authline]: (typeof context.authline)[K] };
    const claims = auth.claims as Record<string, unknown>;
    attempt('assign claims', () => (auth.claims = { ROLE: 'ADMIN', VIEW_USERS: true }));
    attempt('edit a claim', () => (claims.ROLE = 'ADMIN'));
    attempt('add a claim', () => (claims.VIEW_USERS = true));
    attempt('replace allows', () => (auth.allows = () => true));
    attempt('define a property', () => Object.defineProperty(auth, 'claims', { value: { ROLE: 'ADMIN' } }));
    data.calls.push(`frozen: ${Object.isFrozen(auth)} ${Object.isFrozen(claims)}`);
    return 'pong';
  };
  return resolvers;
}

let server: LibraryServer;
before(async () => {
  server = await startLibraryServer({ sdl: sdlWith(authLine('HS256')), data: freshData(), resolvers: forgingResolvers });
});
after(() => server.close());

test('a resolver cannot forge claims or decisions for the fields after it', async () => {
  const res = await server.post(
    'mutation { ping deleteTodo(id: "t1") { id } }',
    await bearer('HS256', { ROLE: 'USER' }),
  );
  assert.deepEqual(server.data.calls, [
    'assign claims: TypeError',
    'edit a claim: TypeError',
    'add a claim: TypeError',
    'replace allows: TypeError',
    'define a property: TypeError',
    'frozen: true true',
  ]);
  // deleteTodo needs ROLE ADMIN: the USER token is still what decides.
  assert.deepEqual(res.body.data, { ping: 'pong', deleteTodo: null });
  assert.deepEqual(res.body.errors.map((e: { message: string }) => e.message), [
    "couldn't rewrite mutation deleteTodo because authorization failed",
  ]);
  assert.equal(server.data.todos.length, 2, 'nothing was deleted');
});
