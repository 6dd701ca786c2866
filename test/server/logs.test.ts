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

test('a log line is the JSON of its head and fields, in order, as an object spread would write it', async () => {
  const { jsonLogger } = await import('../../src/server/index.js');
  const lines: string[] = [];
  const logger = jsonLogger((line) => lines.push(line));
  const cases: [string, Record<string, unknown> | undefined][] = [
    ['no fields', undefined],
    ['empty fields', {}],
    ['request', { requestId: 'r-1', method: 'POST', path: '/graphql', status: 200, durationMs: 1.25, schemaVersion: null, errorCodes: ['A', 'B'] }],
    ['escapes "quotes" \\ and\nnewlines ✓', { text: 'a"b\\c\u2028', nested: { deep: [1, { x: null }] } }],
    ['undefined fields are left out', { kept: 1, dropped: undefined }],
    // A field naming a head key replaces it in its place, as `{ time, level, msg, ...fields }` does.
    ['head keys', { msg: 'from the fields', extra: true, level: 'custom' }],
  ];
  for (const [msg, fields] of cases) logger.warn(msg, fields);
  assert.equal(lines.length, cases.length);
  lines.forEach((line, i) => {
    const [msg, fields] = cases[i];
    assert.ok(line.endsWith('}\n') && !line.slice(0, -1).includes('\n'), 'one line each');
    const { time } = JSON.parse(line) as { time: string };
    assert.ok(!Number.isNaN(Date.parse(time)));
    assert.equal(line, `${JSON.stringify({ time, level: 'warn', msg, ...fields })}\n`);
  });
});
