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
  text: String
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
      { message: "couldn't rewrite query memos because unable to parse jwt token:token has invalid claims: token is expired", path: ['memos'] },
      { message: "couldn't rewrite query getOpen because unable to parse jwt token:token has invalid claims: token is expired", path: ['getOpen'] },
      { message: "couldn't rewrite query aggregateMemo because unable to parse jwt token:token has invalid claims: token is expired", path: ['aggregateMemo'] },
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
      { message: 'mutation failed because authorization failed', path: ['first'] },
      { message: 'Mutation second was not executed because of a previous error.', path: ['second'] },
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
  assert.deepEqual(prepared.errors.map((e) => e.message), ['invalid Bearer-formatted header value for JWT (Bearer a b)']);
});
