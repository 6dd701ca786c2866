/**
 * Every case of Dgraph's graphql/e2e/common/error_test.yaml over HTTP, on
 * the part of Dgraph's e2e schema it uses: the same messages, locations and
 * paths, and no data. authline adds `extensions.code` (docs/http.md), which
 * Dgraph does not send; it is left out of the comparison and checked apart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, type Served } from '../support/served.js';
import { COMMON_SDL } from './dgraph/common-schema.js';
import { REQUEST_ERROR_CASES } from './dgraph/request-error-cases.js';

describe("Dgraph's request validation errors (graphql/e2e/common/error_test.yaml)", () => {
  let served: Served;
  before(async () => {
    served = await serve({ sdl: COMMON_SDL });
  });
  after(() => served.close());

  // Dgraph decodes a GET request's `variables` parameter as it decodes a body, keeping each number as written
  // (graphql/admin/http.go getRequest: json.NewDecoder(...).UseNumber()), so the error quotes it alike.
  test('a GET request\'s variables quote numbers as written, as in a body (graphql/admin/http.go)', async () => {
    const query = 'query($n: Int64) { queryPost(filter: {numViews: {ge: $n}}) { title } }';
    const variables = '{ "n": 180143985094.0 }';
    const url = `${served.url}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`;
    const res = await fetch(url);
    const answer = (await res.json()) as { data?: unknown; errors: { extensions?: unknown }[] };
    assert.deepEqual(answer.errors.map(({ extensions: _, ...error }) => error), [
      { message: 'Type mismatched for Value `180143985094.0`, expected:`Int64`', path: ['variable', 'n'] },
    ]);
    assert.equal(answer.data, undefined);
  });

  for (const c of REQUEST_ERROR_CASES) {
    test(c.name, async () => {
      // The variables go as written: Dgraph quotes numbers as the client wrote them.
      const body = `{"query": ${JSON.stringify(c.query)}${c.variables === undefined ? '' : `, "variables": ${c.variables}`}}`;
      const res = await fetch(`${served.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await res.json()) as { data?: unknown; errors: { extensions?: { code?: unknown } }[] };
      assert.equal(answer.data, undefined, 'no data, as in Dgraph (require.Nil(t, gqlResponse.Data))');
      assert.ok(answer.errors.every((e) => typeof e.extensions?.code === 'string'), 'each error still carries its code');
      assert.deepEqual(answer.errors.map(({ extensions: _, ...error }) => error), c.errors);
    });
  }
});
