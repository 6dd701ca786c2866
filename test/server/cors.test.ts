/**
 * CORS: the allow-list is the schema's `# Dgraph.Allow-Origin` lines plus
 * the flag; listed origins get credentials; the schema's auth Header is an
 * allowed request header; no list at all allows any origin, without credentials.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { AUTH_HEADER, authLine, TEST_SDL } from './support/test-service.js';

const APP = 'https://app.example';
const FLAG = 'https://flag.example';
const EVIL = 'https://evil.example';

function preflight(url: string, origin: string, headers = `content-type, ${AUTH_HEADER.toLowerCase()}`) {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers },
  });
}

describe('with an allow-list from the schema and the flag', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ sdl: `${TEST_SDL}\n# Dgraph.Allow-Origin "${APP}"\n${authLine()}\n`, corsOrigins: [FLAG] });
  });
  after(() => server.close());

  test('a preflight from a listed origin is allowed, with credentials and the auth Header', async () => {
    for (const origin of [APP, FLAG]) {
      const res = await preflight(server.url, origin);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
      assert.equal(res.headers.get('access-control-allow-methods'), 'GET,POST');
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
      assert.ok(allowed.includes(AUTH_HEADER.toLowerCase()), allowed.join());
      assert.ok(allowed.includes('content-type'));
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    }
  });

  test('a preflight from an unlisted origin gets no CORS headers', async () => {
    const res = await preflight(server.url, EVIL);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.equal(res.headers.get('access-control-allow-headers'), null);
  });

  test('an actual request from a listed origin is answered with its origin and credentials', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { Origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ version }' }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(res.headers.get('access-control-expose-headers'), 'X-Request-Id');
    const evil = await fetch(`${server.url}/graphql?query=%7Bversion%7D`, { headers: { Origin: EVIL } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });

  test('a new schema brings its own origins and Header', async () => {
    await server.service.uploadSchema(`${TEST_SDL}\n# Dgraph.Allow-Origin "${EVIL}"\n${authLine('X-Other-Auth')}\n`);
    const res = await preflight(server.url, EVIL, 'x-other-auth');
    assert.equal(res.headers.get('access-control-allow-origin'), EVIL);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /X-Other-Auth/);
    assert.doesNotMatch(res.headers.get('access-control-allow-headers') ?? '', new RegExp(AUTH_HEADER));
    assert.equal((await preflight(server.url, APP)).headers.get('access-control-allow-origin'), null);
    assert.equal((await preflight(server.url, FLAG)).headers.get('access-control-allow-origin'), FLAG);
  });
});

describe('without any allow-list', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('any origin is allowed, without credentials (as Dgraph in effect)', async () => {
    const res = await preflight(server.url, EVIL, 'content-type');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });
});

test('admin endpoints send no CORS headers', async () => {
  const server = await startTestServer();
  try {
    const res = await fetch(`${server.url}/admin/schema`, { headers: { Origin: 'http://localhost' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  } finally {
    await server.close();
  }
});
