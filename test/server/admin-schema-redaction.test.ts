/**
 * GET /admin/schema and key material: without an admin token configured, a
 * caller on this machine reads the SDL with every VerificationKey and
 * `# Dgraph.Secret` value redacted; with a token configured, only the token
 * opens the endpoint and it shows the SDL as uploaded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { TEST_SDL } from './support/test-service.js';

const HMAC_SECRET = 'a-very-secret-hmac-key-of-32-bytes!!';
const SECRET_LINE = '# Dgraph.Secret GITHUB-API-TOKEN "ghp_0123456789abcdef"';
const authLine = (key: string) =>
  `# Dgraph.Authorization {"VerificationKey":"${key}","Header":"X-Test-Auth","Namespace":"https://test/claims","Algo":"HS256"}`;
const SDL = `${TEST_SDL}${SECRET_LINE}\n${authLine(HMAC_SECRET)}\n`;

async function getSchema(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/admin/schema`, { headers });
  return { status: res.status, text: await res.text() };
}

describe('without an admin token: a loopback caller gets the redacted SDL', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sdl: SDL });
  });
  after(() => server.close());

  test('no key, no secret, everything else as uploaded', async () => {
    const { status, text } = await getSchema(server.url);
    assert.equal(status, 200);
    assert.ok(!text.includes(HMAC_SECRET) && !text.includes('ghp_0123456789abcdef'), text);
    const body = JSON.parse(text) as { data: { schema: string; version: number; generatedSchema: string } };
    assert.equal(body.data.schema, `${TEST_SDL}# Dgraph.Secret GITHUB-API-TOKEN "<redacted>"\n${authLine('<redacted>')}\n`);
    assert.equal(body.data.version, 1);
    assert.match(body.data.generatedSchema, /type Query/);
  });

  test('a bogus admin token header changes nothing (none is configured to compare with)', async () => {
    const { text } = await getSchema(server.url, { 'X-Authline-Admin-Token': 'anything', 'X-Dgraph-AuthToken': 'anything' });
    assert.ok(!text.includes(HMAC_SECRET));
  });

  test('the service keeps the real SDL (only the answer is redacted)', () => {
    assert.equal(server.service.current()?.sdl, SDL);
  });
});

describe('with an admin token: only the token opens it, and then the SDL is whole', () => {
  const token = 'correct horse battery staple';
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sdl: SDL, adminToken: token });
  });
  after(() => server.close());

  test('without the token: 401 and nothing of the schema', async () => {
    const { status, text } = await getSchema(server.url);
    assert.equal(status, 401);
    assert.ok(!text.includes(HMAC_SECRET) && !text.includes('Dgraph.Authorization'));
  });

  test('with the token (either header): the SDL as uploaded, keys included', async () => {
    for (const header of ['X-Authline-Admin-Token', 'X-Dgraph-AuthToken']) {
      const { status, text } = await getSchema(server.url, { [header]: token });
      assert.equal(status, 200);
      assert.equal((JSON.parse(text) as { data: { schema: string } }).data.schema, SDL);
    }
  });
});
