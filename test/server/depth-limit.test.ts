/** The depth limit against the deepest query most users send: GraphiQL's introspection. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { depthLimit } from '../../src/server/graphql/depth-limit.js';
import { DEFAULT_MAX_DEPTH } from '../../src/server/options.js';
import { postGraphQL, startTestServer } from './support/server.js';

test('the introspection query nests 15 levels: within the default limit', async () => {
  const schema = buildSchema('type Query { a: Int }');
  const introspection = parse(getIntrospectionQuery());
  assert.deepEqual(validate(schema, introspection, [depthLimit(15)]), []);
  assert.match(validate(schema, introspection, [depthLimit(14)])[0].message, /nests fields 15 levels deep; the maximum is 14/);
  assert.ok(DEFAULT_MAX_DEPTH >= 15);

  const server = await startTestServer();
  try {
    const res = await postGraphQL(server.url, { query: getIntrospectionQuery() });
    assert.equal(res.body.errors, undefined);
    assert.ok(res.body.data.__schema.types.length > 0);
  } finally {
    await server.close();
  }
});
