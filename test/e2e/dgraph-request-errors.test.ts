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
