/**
 * Upload warnings over HTTP, on the real engine and both backends: the
 * answer keeps Dgraph's `{"data":{"code":"Success","message":"Done"}}` and
 * adds `extensions.warnings`, each with a code, a message and where.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';

// Run on its own, this file starts a PostgreSQL of its own (npm test shares one).
after(stopOwnCluster);

const CLEAN = `type Doc {
  title: String
}
# Dgraph.Authorization {"VerificationKey":"a-secret-of-at-least-32-bytes-long!!","Header":"X-Auth","Namespace":"https://ns","Algo":"HS256"}
`;

for (const backend of BACKENDS) {
  describe(`upload warnings (${backend})`, () => {
    let served: Served;
    before(async () => {
      served = await serve({ backend });
    });
    after(() => served.close());

    test('a clean schema: Dgraph\'s answer exactly', async () => {
      assert.deepEqual(await served.admin('/admin/schema', CLEAN), { status: 200, body: { data: { code: 'Success', message: 'Done' } } });
    });

    test('curl -d: the auth line lost in one long line, rules reading variables, a short secret line elsewhere; @embedding is served, no warning', async () => {
      const flattened = CLEAN.replace(/\n/g, ' ').replace('type Doc {', 'type Doc @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {');
      const { status, body } = await served.admin('/admin/schema', `${flattened}\ntype Feed @withSubscription {\n  vector: [Float!] @embedding\n}\n`);
      assert.equal(status, 200);
      assert.deepEqual(body.data, { code: 'Success', message: 'Done' });
      assert.deepEqual(
        body.extensions.warnings.map((w: { code: string; locations: unknown[] }) => [w.code, w.locations]),
        [
          ['RULE_VARIABLES_WITHOUT_AUTH_LINE', [{ line: 1, column: 10 }]],
          ['AUTH_LINE_NOT_AT_LINE_START', [{ line: 1, column: 83 }]],
        ],
      );
      assert.match(body.extensions.warnings[1].message, /use curl --data-binary @schema\.graphql/);
    });

    test('an HMAC secret shorter than its hash', async () => {
      const { body } = await served.admin('/admin/schema', CLEAN.replace('a-secret-of-at-least-32-bytes-long!!', 'short-secret'));
      assert.deepEqual(body.data, { code: 'Success', message: 'Done' });
      assert.deepEqual(body.extensions.warnings, [{
        code: 'WEAK_HMAC_SECRET',
        message: 'the HMAC VerificationKey has 12 bytes; HS256 needs at least 32 to be as strong as its hash',
        locations: [{ line: 4, column: 1 }],
      }]);
    });
  });
}

describe('a JWKS URL that cannot be fetched at upload', () => {
  let jwks: Server;
  let served: Served;
  before(async () => {
    // Answers 503: the provider is down while the schema is uploaded.
    jwks = createServer((_req, res) => res.writeHead(503).end()).listen(0, '127.0.0.1');
    await new Promise((resolve) => jwks.once('listening', resolve));
    served = await serve();
  });
  after(async () => {
    await served.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  test('is a warning naming the URL, and the upload is served', async () => {
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const sdl = `type Doc {\n  title: String\n}\n# Dgraph.Authorization {"JWKUrl":"${url}","Header":"X-Auth","Namespace":"https://ns","AudienceRequired":true,"Audience":["api"]}\n`;
    const { status, body } = await served.admin('/admin/schema', sdl);
    assert.equal(status, 200);
    assert.deepEqual(body.data, { code: 'Success', message: 'Done' });
    const unavailable = body.extensions.warnings.filter((w: { code: string }) => w.code === 'JWKS_UNAVAILABLE');
    assert.equal(unavailable.length, 1, JSON.stringify(body.extensions.warnings));
    assert.ok(unavailable[0].message.startsWith(`the keys at ${url} could not be fetched at upload`), unavailable[0].message);
    assert.deepEqual(unavailable[0].locations, [{ line: 4, column: 1 }]);
  });
});
