/**
 * /graphql beyond the audit: no schema yet, Dgraph's whole-request Bearer
 * error, GET and application/graphql, the debug switch (over the real
 * engine, which decides what Dgraph hides), the depth limit, compressed
 * bodies, and internal errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { jsonLogger, startServer, type RunningServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { postGraphQL, startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { AUTH_HEADER, authLine, TEST_SDL, TestAuthlineService } from './support/test-service.js';

describe('before any schema is uploaded', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sdl: null });
  });
  after(() => server.close());

  test('/graphql answers 503 with how to upload one', async () => {
    for (const res of [
      await postGraphQL(server.url, { query: '{ __typename }' }),
      await fetch(`${server.url}/graphql?query=%7B__typename%7D`).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
    ]) {
      assert.equal(res.status, 503);
      assert.equal(res.body.errors[0].extensions.code, 'SCHEMA_MISSING');
      assert.match(res.body.errors[0].message, /no GraphQL schema yet/);
      assert.ok(res.body.errors[0].message.includes(`${server.url}/admin/schema`), res.body.errors[0].message);
    }
  });

  test('and starts serving as soon as one is uploaded', async () => {
    await fetch(`${server.url}/admin/schema`, { method: 'POST', body: TEST_SDL });
    assert.deepEqual((await postGraphQL(server.url, { query: '{ version }' })).body, { data: { version: 1 } });
  });
});

describe('with a schema', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sdl: `${TEST_SDL}\n${authLine()}\n`, maxDepth: 4 });
  });
  after(() => server.close());

  test('the token in the schema\'s Header reaches the engine, bare or Bearer', async () => {
    assert.deepEqual((await postGraphQL(server.url, { query: '{ whoami }' }, { [AUTH_HEADER]: 'Bearer tok.en.1' })).body, { data: { whoami: 'tok.en.1' } });
    assert.deepEqual((await postGraphQL(server.url, { query: '{ whoami }' }, { [AUTH_HEADER]: 'tok.en.2' })).body, { data: { whoami: 'tok.en.2' } });
    assert.deepEqual((await postGraphQL(server.url, { query: '{ whoami }' })).body, { data: { whoami: null } });
  });

  test('a malformed Bearer value fails the whole request: only errors, no data (Dgraph)', async () => {
    const json = await postGraphQL(server.url, { query: '{ version }' }, { [AUTH_HEADER]: 'Bearer a b' });
    assert.equal(json.status, 200);
    assert.deepEqual(json.body, { errors: [{ message: 'invalid Bearer-formatted header value for JWT (Bearer a b)' }] });
    const strict = await postGraphQL(server.url, { query: '{ version }' }, { [AUTH_HEADER]: 'Bearer a b', accept: 'application/graphql-response+json' });
    assert.equal(strict.status, 400);
    assert.equal(strict.body.data, undefined);
  });

  test('the Bearer check comes before parsing, as in Dgraph', async () => {
    const res = await postGraphQL(server.url, { query: '{ not graphql' }, { [AUTH_HEADER]: 'Bearer  x' });
    assert.match(res.body.errors[0].message, /invalid Bearer-formatted/);
  });

  test('GET runs queries with variables; mutations over GET are refused with 405', async () => {
    const params = new URLSearchParams({ query: 'query ($t: String!) { echo(text: $t) }', variables: JSON.stringify({ t: 'hi' }) });
    const res = await fetch(`${server.url}/graphql?${params}`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { data: { echo: 'hi' } });
    const mutation = await fetch(`${server.url}/graphql?query=${encodeURIComponent('mutation { bump }')}`);
    assert.equal(mutation.status, 405);
    assert.equal(mutation.headers.get('allow'), 'POST');
    assert.match(mutation.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual((await postGraphQL(server.url, { query: 'mutation { bump }' })).body, { data: { bump: 1 } });
  });

  test('operation selection and variables are request errors, in Dgraph\'s words (graphql/schema/request.go): no data', async () => {
    const two = 'query A { version } query B { echo(text: "b") }';
    assert.deepEqual((await postGraphQL(server.url, { query: two, operationName: 'B' })).body, { data: { echo: 'b' } });
    assert.deepEqual((await postGraphQL(server.url, { query: two })).body, {
      errors: [{ message: 'Operation name must by supplied when query has more than 1 operation.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }],
    });
    assert.deepEqual((await postGraphQL(server.url, { query: two, operationName: 'C' })).body, {
      errors: [{ message: "Supplied operation name C isn't present in the request.", extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }],
    });
    const badVariable = await postGraphQL(server.url, { query: 'query ($t: String!) { echo(text: $t) }', variables: { t: 5 } }, { accept: 'application/graphql-response+json' });
    assert.equal(badVariable.status, 400);
    assert.match(badVariable.body.errors[0].message, /Variable "\$t" got invalid value 5/);
    assert.equal(badVariable.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.equal(badVariable.body.data, undefined);
  });

  test('POST application/graphql takes the query as the body (Dgraph)', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ echo(text: "raw") }' });
    assert.deepEqual(await res.json(), { data: { echo: 'raw' } });
    const empty = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '' });
    assert.equal(empty.status, 400);
  });

  test('other content types get 415 with what to send', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ version }' });
    assert.equal(res.status, 415);
    assert.match(((await res.json()) as any).errors[0].message, /application\/json/);
  });

  test('a gzip-compressed body is accepted (Dgraph)', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ query: '{ echo(text: "zipped") }' })),
    });
    assert.deepEqual(await res.json(), { data: { echo: 'zipped' } });
  });

  test('the depth limit refuses deeper operations with a clear error, fragments included', async () => {
    const ok = await postGraphQL(server.url, { query: '{ node(id: "1") { child { child { id } } } }' });
    assert.deepEqual(ok.body, { data: { node: { child: { child: { id: '1.c.c' } } } } });
    const deep = await postGraphQL(server.url, { query: 'query Deep { node(id: "1") { child { child { child { id } } } } }' });
    assert.equal(deep.status, 200);
    assert.equal(deep.body.data, undefined);
    assert.deepEqual(deep.body.errors, [
      { message: 'Operation "Deep" nests fields 5 levels deep; the maximum is 4.', locations: [{ line: 1, column: 1 }], extensions: { code: 'QUERY_TOO_DEEP' } },
    ]);
    const viaFragments = await postGraphQL(server.url, {
      query: '{ node(id: "1") { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { child { id } } }',
    });
    assert.match(viaFragments.body.errors[0].message, /nests fields 5 levels deep/);
    const cycle = await postGraphQL(server.url, { query: '{ node(id: "1") { ...A } } fragment A on Node { child { ...A } }' });
    assert.match(cycle.body.errors[0].message, /Cannot spread fragment "A" within itself/);
  });
});

describe('errors Dgraph hides without --debug (the real engine, engine/dgraph-errors.ts)', () => {
  const SECRET = 'hidden-errors-secret-of-32-bytes!!';
  const NAMESPACE = 'https://hidden.test/claims';
  const SDL = `type Memo @auth(
  query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  add: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }
) {
  name: String! @id
}
# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"${AUTH_HEADER}","Namespace":"${NAMESPACE}","Algo":"HS256"}`;
  const as = async (role: string) => ({
    [AUTH_HEADER]: await new SignJWT({ [NAMESPACE]: { ROLE: role } }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET)),
  });
  const ADD = 'mutation { addMemo(input: [{name: "one"}]) { numUids } }';
  const NEW = 'mutation { addMemo(input: [{name: "two"}]) { numUids } }';
  let service: AuthlineService;
  let quiet: RunningServer;
  let debug: RunningServer;
  before(async () => {
    service = await createService({ store: await openStore() });
    await service.uploadSchema(SDL);
    quiet = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}) });
    debug = await startServer(service, { host: '127.0.0.1', port: 0, debug: true, logger: jsonLogger(() => {}) });
    assert.deepEqual((await postGraphQL(quiet.url, { query: ADD }, await as('ADMIN'))).body, { data: { addMemo: { numUids: 1 } } });
  });
  after(async () => {
    await quiet.close();
    await debug.close();
    await service.close();
  });

  test('stay hidden: a refused add, an existing @id of a type with a query rule ("GraphQL debug:")', async () => {
    assert.deepEqual((await postGraphQL(quiet.url, { query: NEW }, await as('USER'))).body, { data: { addMemo: null } });
    assert.deepEqual((await postGraphQL(quiet.url, { query: ADD }, await as('ADMIN'))).body, { data: { addMemo: null } });
  });

  test('--debug shows them, in Dgraph\'s words', async () => {
    assert.deepEqual((await postGraphQL(debug.url, { query: NEW }, await as('USER'))).body.errors, [
      { message: 'mutation failed because authorization failed', path: ['addMemo'], extensions: { code: 'AUTH_DENIED' } },
    ]);
    assert.deepEqual((await postGraphQL(debug.url, { query: ADD }, await as('ADMIN'))).body.errors, [
      {
        message: "couldn't rewrite mutation addMemo because failed to rewrite mutation payload because GraphQL debug: id one already exists for field name inside type Memo",
        path: ['addMemo'],
        extensions: { code: 'MUTATION_INPUT_INVALID' },
      },
    ]);
  });
});

test('an engine failure is a 500 JSON answer without details; the log has them, without the token', async () => {
  const service = new TestAuthlineService();
  const loaded = await service.uploadSchema(`${TEST_SDL}\n${authLine()}\n`);
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
  service.current = () => ({
    ...loaded,
    prepare: loaded.prepare,
    execute: async () => {
      throw new Error(`store exploded while using token ${token}`);
    },
  });
  const server = await startTestServer({ service, sdl: null });
  try {
    const res = await postGraphQL(server.url, { query: '{ version }' }, { [AUTH_HEADER]: `Bearer ${token}` });
    assert.equal(res.status, 500);
    assert.equal(res.body.errors[0].extensions.code, 'INTERNAL_SERVER_ERROR');
    assert.doesNotMatch(JSON.stringify(res.body), /exploded/);
    const logged = server.logs.find((l) => l.level === 'error');
    assert.match(String(logged?.error), /store exploded while using token \[redacted\]/);
    assert.ok(!server.logText().includes(token));
  } finally {
    await server.close();
  }
});
