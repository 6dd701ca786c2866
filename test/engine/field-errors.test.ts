/**
 * How failures read: each root field fails on its own with Dgraph's prefix
 * and its null response, later mutations are skipped after a failed one, and
 * errors Dgraph hides without --graphql debug=true are hidden likewise.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, json, run, token } from './support.js';

let service: AuthlineService;

before(async () => {
  service = await createService({ store: await openStore() });
  await service.uploadSchema(`type Memo @auth(
  query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  add: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }
) {
  id: ID!
  text: String! @search(by: [hash])
}
type Open {
  id: ID!
  text: String @search(by: [trigram])
}
type Tag {
  name: String! @id
  note: String
}
type Column @auth(update: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  name: String! @id
  tickets: [Ticket] @hasInverse(field: column)
}
type Ticket {
  title: String! @id
  column: Column
}
${AUTH_LINE}`);
});

after(() => service.close());

test('an invalid token fails every root field separately: [] for lists, null for objects', async () => {
  const expired = await token({ ROLE: 'ADMIN' }, '-1m');
  const result = json(await run(service, '{ memos: queryMemo { text } getOpen(id: "0x1") { text } aggregateMemo { count } }', { token: expired }));
  assert.deepEqual(result, {
    data: { memos: [], getOpen: null, aggregateMemo: null },
    errors: [
      { message: "couldn't rewrite query memos because unable to parse jwt token:token has invalid claims: token is expired", path: ['memos'], extensions: { code: 'JWT_EXPIRED' } },
      { message: "couldn't rewrite query getOpen because unable to parse jwt token:token has invalid claims: token is expired", path: ['getOpen'], extensions: { code: 'JWT_EXPIRED' } },
      { message: "couldn't rewrite query aggregateMemo because unable to parse jwt token:token has invalid claims: token is expired", path: ['aggregateMemo'], extensions: { code: 'JWT_EXPIRED' } },
    ],
  });
});

test('after a failed mutation the following ones are not executed', async () => {
  const user = await token({ ROLE: 'USER' });
  const result = json(await run(service, `mutation {
    first: addMemo(input: [{text: "no"}]) { numUids }
    second: addOpen(input: [{text: "never"}]) { numUids }
  }`, { token: user }));
  assert.deepEqual(result, {
    data: { first: null, second: null },
    errors: [
      { message: 'mutation failed because authorization failed', path: ['first'], extensions: { code: 'AUTH_DENIED' } },
      { message: 'Mutation second was not executed because of a previous error.', path: ['second'], extensions: { code: 'MUTATION_NOT_EXECUTED' } },
    ],
  });
  assert.deepEqual(json(await run(service, '{ queryOpen { text } }')), { data: { queryOpen: [] } }, 'nothing was written');
});

test('without debug, "authorization failed" errors are hidden as Dgraph hides them', async () => {
  const user = await token({ ROLE: 'USER' });
  const result = json(await run(service, 'mutation { addMemo(input: [{text: "no"}]) { numUids } }', { token: user, debug: false }));
  assert.deepEqual(result, { data: { addMemo: null } });
});

test('a malformed Bearer value fails the whole request before execution', async () => {
  const schema = service.current()!;
  const prepared = await schema.prepare({ headers: { 'x-auth': 'Bearer a b' } });
  assert.ok('errors' in prepared);
  assert.deepEqual(json({ errors: prepared.errors }), {
    errors: [{ message: 'invalid Bearer-formatted header value for JWT (Bearer a b)', extensions: { code: 'JWT_BEARER_MALFORMED' } }],
  });
});

test('without a token under ClosedByDefault, every root field fails with JWT_MISSING', async () => {
  const closed = await createService({ store: await openStore() });
  try {
    await closed.uploadSchema(`type Open { id: ID! text: String }\n${AUTH_LINE.replace('"Algo"', '"ClosedByDefault":true,"Algo"')}`);
    const result = json(await run(closed, 'mutation { addOpen(input: [{text: "x"}]) { numUids } }'));
    assert.deepEqual(result, {
      data: { addOpen: null },
      errors: [
        {
          message: 'mutation failed because authorization failed because a valid JWT is required but was not provided',
          path: ['addOpen'],
          extensions: { code: 'JWT_MISSING' },
        },
      ],
    });
  } finally {
    await closed.close();
  }
});

test('each failure of the store reads as Dgraph words it, with the code of what failed', async () => {
  const admin = await token({ ROLE: 'ADMIN' });
  const user = await token({ ROLE: 'USER' });
  const errorsOf = async (query: string, as = admin) => (json(await run(service, query, { token: as })) as { errors?: unknown[] }).errors;

  assert.deepEqual(await errorsOf('{ getOpen(id: "zz") { text } }'), [
    { message: "couldn't rewrite query getOpen because ID argument (zz) of getOpen was not able to be parsed", path: ['getOpen'], extensions: { code: 'BAD_USER_INPUT' } },
  ]);
  const regexp = (await errorsOf('{ q: queryOpen(filter: {text: {regexp: "/(/"}}) { text } }')) as { message: string; extensions: unknown }[];
  assert.match(regexp[0].message, /^couldn't rewrite query q because invalid regular expression \/\(\/: /);
  assert.deepEqual(regexp[0].extensions, { code: 'BAD_USER_INPUT' });

  assert.equal(await errorsOf('mutation { addTag(input: [{name: "a"}, {name: "b"}]) { numUids } }'), undefined);
  assert.deepEqual(await errorsOf('mutation { again: addTag(input: [{name: "a"}]) { numUids } }'), [
    {
      message: "couldn't rewrite mutation addTag because failed to rewrite mutation payload because id a already exists for field name inside type Tag",
      path: ['again'],
      extensions: { code: 'MUTATION_INPUT_INVALID' },
    },
  ]);
  assert.deepEqual(await errorsOf('mutation { updateTag(input: {filter: {name: {in: ["a", "b"]}}, set: {name: "c"}}) { numUids } }'), [
    {
      message: 'mutation updateTag failed because only one node is allowed in the filter while updating fields with @id directive',
      path: ['updateTag'],
      extensions: { code: 'MUTATION_FAILED' },
    },
  ]);

  assert.equal(await errorsOf('mutation { addTicket(input: [{title: "t", column: {name: "c1"}}]) { numUids } addColumn(input: [{name: "c2"}]) { numUids } }'), undefined);
  assert.deepEqual(await errorsOf('mutation { updateTicket(input: {filter: {title: {eq: "t"}}, set: {column: {name: "c2"}}}) { numUids } }', user), [
    { message: "couldn't rewrite query for mutation updateTicket because authorization failed", path: ['updateTicket'], extensions: { code: 'AUTH_DENIED' } },
  ]);
});
