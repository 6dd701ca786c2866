/**
 * `@lambda` and `@lambdaOnMutate` against a lambda server speaking Dgraph's
 * protocol: fields of types get their parents in one call, queries and
 * mutations their arguments, every call carries the caller's auth header so
 * the lambda's `graphql` helper reads authline under the caller's rules;
 * what a lambda returns of a stored type is still filtered by `@auth`; a
 * refused token or a type the rules deny outright never reaches the lambda;
 * webhooks carry Dgraph's event after the commit and never hold up or fail
 * the mutation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createService } from '../../src/engine/index.js';
import { SchemaRejectedError } from '../../src/sdl/errors.js';
import { openStore } from '../../src/store/index.js';
import { eventually } from '../support/eventually.js';
import { startAuthline } from './authline.js';
import type { RunningAuthline } from './authline.js';
import { startLambdaServer } from './servers.js';
import type { LambdaServer } from './servers.js';

const SECRET = 'lambda-test-secret-of-thirty-two-bytes';
const NS = 'https://authline.test/claims';

const SCHEMA = `
type Author @lambdaOnMutate(add: true, update: true, delete: true) @auth(
  query: { or: [
    { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
    { rule: "query($USER: String!) { queryAuthor(filter: {name: {eq: $USER}}) { id } }" }
  ] }
) {
  id: ID!
  name: String! @search(by: [hash])
  bio: String @lambda
}

interface Character {
  id: ID!
  name: String! @search(by: [hash])
  bio: String @lambda
}

type Human implements Character {
  credits: Int
}

type Vault @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  id: ID!
  secret: String
}

type Query {
  greet(name: String!): String @lambda
  everyAuthor: [Author] @lambda
  authorsVisibleToMe: [Author] @lambda
  vaults: [Vault] @lambda
}

type Mutation {
  newAuthor(name: String!): ID @lambda
}
# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"X-Auth","Namespace":"${NS}","Algo":"HS256"}
`;

function token(claims: Record<string, unknown>, expires = '5m'): Promise<string> {
  return new SignJWT({ [NS]: claims }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expires).sign(new TextEncoder().encode(SECRET));
}

let lambda: LambdaServer;
let authline: RunningAuthline;
let admin: string;
let allIds: string[] = [];

before(async () => {
  lambda = await startLambdaServer(
    {
      'Author.bio': ({ parents }) => parents!.map((p: { name: string; id: string }) => `${p.name} <${p.id}>`),
      'Character.bio': ({ parents }) => parents!.map((p: { name: string }) => `I am ${p.name}.`),
      'Human.bio': ({ parents }) => parents!.map((p: { name: string; credits: number }) => `I am ${p.name}, with ${p.credits} credits.`),
      'Query.greet': ({ args, authHeader }) => `Hello ${args.name} (${authHeader?.key}${authHeader?.value ? ' with token' : ''})`,
      // A lambda that bypasses the caller's rules (as one reading DQL would): authline still filters.
      'Query.everyAuthor': () => allIds.map((id, i) => ({ id, name: `A${i}` })),
      'Query.authorsVisibleToMe': async ({ graphql }) => (await graphql('{ queryAuthor(order: {asc: name}) { id name } }')).data.queryAuthor,
      'Query.vaults': () => [{ id: '0x1', secret: 'x' }],
      'Mutation.newAuthor': async ({ args, graphql }) =>
        (await graphql('mutation($n: String!) { addAuthor(input: [{name: $n}]) { author { id } } }', { n: args.name })).data.addAuthor.author[0].id,
    },
    () => authline.url,
  );
  authline = await startAuthline(SCHEMA, { lambdaUrl: `${lambda.url}/graphql-worker` });
  admin = await token({ ROLE: 'ADMIN' });
  const added = await authline.graphql('mutation { addAuthor(input: [{name: "Ann"}, {name: "Bo"}]) { author(order: {asc: name}) { id } } }', {
    headers: { 'X-Auth': admin },
  });
  allIds = added.data.addAuthor.author.map((a: { id: string }) => a.id);
  await authline.graphql('mutation { addHuman(input: [{name: "Han", credits: 10}]) { numUids } }');
});

after(async () => {
  await authline?.close();
  await lambda?.close();
});

test('a @lambda field gets all its parents in one call, with their scalar fields, in Dgraph\'s body', async () => {
  lambda.received.length = 0;
  const result = await authline.graphql('{ queryAuthor(order: {asc: name}) { name bio } }', { headers: { 'X-Auth': admin } });
  assert.deepEqual(result, { data: { queryAuthor: [{ name: 'Ann', bio: `Ann <${allIds[0]}>` }, { name: 'Bo', bio: `Bo <${allIds[1]}>` }] } });
  const calls = lambda.received.filter((r) => r.body.resolver === 'Author.bio');
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, '/graphql-worker');
  assert.deepEqual(calls[0].body, {
    resolver: 'Author.bio',
    'X-Dgraph-AccessToken': '',
    authHeader: { key: 'X-Auth', value: admin },
    parents: [{ id: allIds[0], name: 'Ann' }, { id: allIds[1], name: 'Bo' }],
  });
});

test('a @lambda field of an interface uses the interface\'s resolver, or the type\'s when a fragment selects it there', async () => {
  assert.deepEqual(await authline.graphql('{ queryCharacter { bio } }'), { data: { queryCharacter: [{ bio: 'I am Han.' }] } });
  assert.deepEqual(await authline.graphql('{ queryCharacter { ... on Human { bio } } }'), {
    data: { queryCharacter: [{ bio: 'I am Han, with 10 credits.' }] },
  });
});

test('a @lambda query gets its arguments and the caller\'s auth header', async () => {
  lambda.received.length = 0;
  assert.deepEqual(await authline.graphql('{ greet(name: "you") }'), { data: { greet: 'Hello you (X-Auth)' } });
  assert.deepEqual(lambda.received[0].body, { resolver: 'Query.greet', 'X-Dgraph-AccessToken': '', authHeader: { key: 'X-Auth', value: '' }, args: { name: 'you' } });
  assert.deepEqual(await authline.graphql('{ greet(name: "me") }', { headers: { 'X-Auth': `Bearer ${admin}` } }), { data: { greet: 'Hello me (X-Auth with token)' } });
});

test('what a lambda returns of a stored type is filtered by that type\'s rules', async () => {
  const ann = await token({ USER: 'Ann' });
  assert.deepEqual(await authline.graphql('{ everyAuthor { name } }', { headers: { 'X-Auth': ann } }), { data: { everyAuthor: [{ name: 'A0' }] } });
  assert.deepEqual(await authline.graphql('{ everyAuthor { name } }', { headers: { 'X-Auth': admin } }), { data: { everyAuthor: [{ name: 'A0' }, { name: 'A1' }] } });
  // The lambda's own call back into authline runs under the caller's token.
  assert.deepEqual(await authline.graphql('{ authorsVisibleToMe { name } }', { headers: { 'X-Auth': ann } }), { data: { authorsVisibleToMe: [{ name: 'Ann' }] } });
});

test('the lambda is not called when the token is refused or the rules deny the returned type outright', async () => {
  lambda.received.length = 0;
  const expired = await token({ ROLE: 'ADMIN' }, '-1m');
  const refused = await authline.graphql('{ greet(name: "x") }', { headers: { 'X-Auth': expired } });
  assert.ok(refused.errors?.length > 0);
  const denied = await authline.graphql('{ vaults { secret } }', { headers: { 'X-Auth': await token({ ROLE: 'USER' }) } });
  assert.deepEqual(denied, { data: { vaults: [] } });
  assert.equal(lambda.received.length, 0);
  // Rules that let every vault through need no look-up: the lambda's answer passes as it came.
  assert.deepEqual(await authline.graphql('{ vaults { secret } }', { headers: { 'X-Auth': admin } }), { data: { vaults: [{ secret: 'x' }] } });
  assert.equal(lambda.received.length, 1);
});

test('a @lambda mutation writes through authline; webhooks carry Dgraph\'s event after the commit', async () => {
  const created = await authline.graphql('mutation { newAuthor(name: "Cy") }', { headers: { 'X-Auth': admin } });
  const id = created.data.newAuthor as string;
  assert.match(id, /^0x[0-9a-f]+$/);
  // Events of earlier mutations may still be arriving: find this one's.
  const eventFor = (operation: string) => lambda.events.find((e) => e.event.operation === operation && e.event[operation].rootUIDs.includes(id));
  const added = await eventually(() => eventFor('add'));
  assert.equal(added.resolver, '$webhook');
  assert.deepEqual(added.authHeader, { key: 'X-Auth', value: admin });
  assert.equal(added.event.__typename, 'Author');
  assert.equal(added.event.operation, 'add');
  assert.equal(typeof added.event.commitTs, 'number');
  assert.deepEqual(added.event.add, { rootUIDs: [id], input: [{ name: 'Cy' }] });

  await authline.graphql(`mutation { updateAuthor(input: {filter: {id: ["${id}"]}, set: {name: "Cyd"}}) { numUids } }`, { headers: { 'X-Auth': admin } });
  await authline.graphql(`mutation { deleteAuthor(filter: {id: ["${id}"]}) { numUids } }`, { headers: { 'X-Auth': admin } });
  assert.deepEqual((await eventually(() => eventFor('update'))).event.update, { rootUIDs: [id], setPatch: { name: 'Cyd' }, removePatch: null });
  assert.deepEqual((await eventually(() => eventFor('delete'))).event.delete, { rootUIDs: [id] });
});

test('a webhook that cannot be delivered changes nothing about the mutation', async () => {
  const logs: Record<string, unknown>[] = [];
  const lonely = await startAuthline(SCHEMA.replace(/\n  bio: String @lambda/, '').replace(/type Query \{[^}]*\}\n\ntype Mutation \{[^}]*\}/, ''), { lambdaUrl: 'http://127.0.0.1:9/nowhere' }, (e) => logs.push(e));
  try {
    const added = await lonely.graphql('mutation { addAuthor(input: [{name: "Di"}]) { numUids } }', { headers: { 'X-Auth': admin } });
    assert.deepEqual(added, { data: { addAuthor: { numUids: 1 } } });
    await eventually(() => logs.find((l) => l.msg === 'webhook could not be delivered'));
  } finally {
    await lonely.close();
  }
});

test('@lambda without a lambda server is refused at upload, naming the field', async () => {
  const service = await createService({ store: await openStore() });
  try {
    const rejected = await service.uploadSchema('type T { id: ID! name: String }\ntype Query { hi: String @lambda }').then(() => assert.fail('rejected'), (e: unknown) => e);
    assert.ok(rejected instanceof SchemaRejectedError);
    assert.deepEqual(rejected.errors.map((e) => e.message), [
      "Type Query; Field hi: has the @lambda directive, but the --lambda-url flag (AUTHLINE_LAMBDA_URL) wasn't specified when authline started.",
    ]);
  } finally {
    await service.close();
  }
});
