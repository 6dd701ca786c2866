/**
 * One JSON log line per request, with method, path, status, duration and
 * schema version, and no credential anywhere: not the schema's auth Header,
 * not cookies, not the admin token, not GET variables.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postGraphQL, startTestServer } from './support/server.js';
import { AUTH_HEADER, authLine, TEST_SDL } from './support/test-service.js';

test('request logs are structured and carry no credentials', async () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJVU0VSIjoiYWxpY2UifQ.sig-sig-sig';
  const cookie = 'session-cookie-value-1234';
  const adminToken = 'admin-token-5678-secret';
  const secretVariable = 'variable-secret-9999';
  const server = await startTestServer({ sdl: `${TEST_SDL}\n${authLine()}\n`, adminToken });
  try {
    await postGraphQL(server.url, { query: '{ whoami }' }, { [AUTH_HEADER]: `Bearer ${token}`, cookie: `sid=${cookie}`, 'x-request-id': 'trace-42' });
    await postGraphQL(server.url, { query: '{ version }' }, { [AUTH_HEADER]: `Bearer ${token} extra` });
    await fetch(`${server.url}/graphql?query=${encodeURIComponent('query($t: String!){ echo(text: $t) }')}&variables=${encodeURIComponent(JSON.stringify({ t: secretVariable }))}`);
    await fetch(`${server.url}/admin/schema`, { headers: { 'X-Authline-Admin-Token': adminToken } });
    await fetch(`${server.url}/admin/schema`, { headers: { 'X-Authline-Admin-Token': `${adminToken}-wrong` } });

    const text = server.logText();
    for (const secret of [token, cookie, adminToken, secretVariable]) assert.ok(!text.includes(secret), `log leaks ${secret}`);

    const lines = server.logs;
    assert.equal(lines.length, 5);
    assert.deepEqual(
      lines.map((l) => [l.method, l.path, l.status, l.schemaVersion]),
      [
        ['POST', '/graphql', 200, 1],
        ['POST', '/graphql', 200, 1],
        ['GET', '/graphql', 200, 1],
        ['GET', '/admin/schema', 200, 1],
        ['GET', '/admin/schema', 401, null],
      ],
    );
    for (const l of lines) {
      assert.equal(l.level, 'info');
      assert.equal(l.msg, 'request');
      assert.equal(typeof l.durationMs, 'number');
      assert.ok(!Number.isNaN(Date.parse(String(l.time))));
    }
    assert.equal(lines[0].requestId, 'trace-42', 'a client request id is kept');
    assert.match(String(lines[1].requestId), /^[0-9a-f-]{36}$/);
  } finally {
    await server.close();
  }
});
