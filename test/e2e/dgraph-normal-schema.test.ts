/**
 * Dgraph's e2e `normal` schema (graphql/e2e/normal/schema.graphql: geometry
 * filters, language-tagged predicates, ngram, ...) uploads unchanged on both
 * backends, and its Hotel, Person and Article answer a first query. The file
 * is Dgraph's and never committed here: scripts/dgraph-testdata.ts exports
 * it from a Dgraph mirror and prints AUTHLINE_DGRAPH_NORMAL_SCHEMA; without
 * it the test skips, saying so.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve } from '../support/served.js';

after(stopOwnCluster);

const path = process.env.AUTHLINE_DGRAPH_NORMAL_SCHEMA;
const skip = path && existsSync(path) ? false
  : `AUTHLINE_DGRAPH_NORMAL_SCHEMA is not set or missing (eval "$(node --import tsx scripts/dgraph-testdata.ts)")`;

for (const backend of BACKENDS) {
  describe(`Dgraph's e2e normal schema (${backend})`, () => {
    test('uploads unchanged, and its geo, language-tag and ngram fields answer', { skip }, async () => {
      // Its @lambda fields need a lambda server configured, as in Dgraph (none is called here).
      const served = await serve({ backend, custom: { lambdaUrl: 'http://127.0.0.1:9/nowhere' } });
      try {
        const uploaded = await served.admin('/admin/schema', readFileSync(path!, 'utf8'));
        assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
        assert.deepEqual(uploaded.body.data, { code: 'Success', message: 'Done' });
        const { body } = await served.graphql(`{
          queryHotel(filter: { location: { near: { distance: 100, coordinate: { latitude: 11.11, longitude: 22.22 } } } }) { name }
          queryPerson(filter: { nameHi: { eq: "ऐलिस" } }) { nameHi_Zh_Untag }
          queryArticle(filter: { title: { ngram: "running" } }) { title }
        }`);
        assert.deepEqual(body, { data: { queryHotel: [], queryPerson: [], queryArticle: [] } });
      } finally {
        await served.close();
      }
    });
  });
}
