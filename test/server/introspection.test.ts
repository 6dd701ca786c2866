/**
 * Introspection policy and request validation on the real engine: open by
 * default (as Dgraph, even under ClosedByDefault), or restricted to valid
 * tokens, or off — with fragments unable to smuggle it past the check — and
 * Dgraph's extra validation rules applied to every request.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer, type IntrospectionPolicy } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, token } from '../engine/support.js';

const SCHEMA = `type Item {
  id: ID!
  name: String @search(by: [exact])
}
${AUTH_LINE.replace('"Algo":"HS256"', '"Algo":"HS256","ClosedByDefault":true')}`;

let service: AuthlineService;
before(async () => {
  service = await createService({ store: await openStore() });
  await service.uploadSchema(SCHEMA);
});
after(() => service.close());

async function serve(introspection?: IntrospectionPolicy) {
  const server = await startServer(service, { port: 0, introspection, logger: { info() {}, warn() {}, error() {} } });
  const post = async (query: string, auth?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(auth ? { 'x-auth': auth } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  };
  return { post, close: () => server.close() };
}

const SCHEMA_QUERY = '{ __schema { queryType { name } } }';
const SMUGGLED = 'query { ...Hidden } fragment Hidden on Query { __schema { queryType { name } } }';

describe('introspection', () => {
  test('open by default, even under ClosedByDefault with no token', async () => {
    const server = await serve();
    try {
      assert.deepEqual(await server.post(SCHEMA_QUERY), { data: { __schema: { queryType: { name: 'Query' } } } });
      assert.deepEqual(await server.post('{ __type(name: "Item") { name } }'), { data: { __type: { name: 'Item' } } });
    } finally {
      await server.close();
    }
  });

  test('authenticated: a valid token is needed, also through a fragment', async () => {
    const server = await serve('authenticated');
    try {
      const refused = { errors: [{ message: 'introspection requires a valid JWT on this server', extensions: { code: 'INTROSPECTION_REFUSED' } }] };
      assert.deepEqual(await server.post(SCHEMA_QUERY), refused);
      assert.deepEqual(await server.post(SMUGGLED), refused);
      assert.deepEqual(await server.post(SCHEMA_QUERY, await token({ USER: 'u' }, '-1m')), refused, 'an expired token is not valid');
      assert.deepEqual(await server.post(SCHEMA_QUERY, await token({ USER: 'u' })), { data: { __schema: { queryType: { name: 'Query' } } } });
      assert.deepEqual(await server.post('{ __typename }'), { data: { __typename: 'Query' } }, '__typename is not introspection');
    } finally {
      await server.close();
    }
  });

  test('off: refused whatever the token', async () => {
    const server = await serve('off');
    try {
      const refused = { errors: [{ message: 'introspection is disabled on this server', extensions: { code: 'INTROSPECTION_REFUSED' } }] };
      assert.deepEqual(await server.post(SCHEMA_QUERY, await token({ USER: 'u' })), refused);
      assert.deepEqual(await server.post(SMUGGLED, await token({ USER: 'u' })), refused);
    } finally {
      await server.close();
    }
  });
});

test('requests pass Dgraph\'s own validation rules too', async () => {
  const server = await serve();
  try {
    const answer = await server.post('{ queryItem(filter: { name: { ge: "a", le: "z" } }) { name } }', await token({ USER: 'u' }));
    assert.equal(answer.data, undefined);
    assert.deepEqual(answer.errors?.map((e) => e.message), ['StringExactFilter filter expects only one filter function, got: 2']);
  } finally {
    await server.close();
  }
});
