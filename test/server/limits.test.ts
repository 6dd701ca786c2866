/**
 * Body limits: counted after decompression, answered 413 with the limit
 * and the flag that raises it, for /graphql, /admin/schema and /admin/import
 * (which has its own, larger limit).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { rawRequest, startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { DEFAULT_BODY_LIMIT } from '../../src/server/options.js';
import { formatBytes } from '../../src/server/middleware/body.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ bodyLimit: 64 * 1024, importLimit: 256 * 1024 });
});
after(() => server.close());

const padded = (bytes: number) => JSON.stringify({ query: `{ version }${' '.repeat(bytes)}` });

test('a /graphql body over the limit is a 413 with a clear JSON error', async () => {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: padded(70 * 1024) });
  assert.equal(res.status, 413);
  const body = (await res.json()) as any;
  assert.deepEqual(body, {
    errors: [{ message: 'Request body is larger than the limit of 64 KiB; raise it with --body-limit.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
  });
  const under = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: padded(60 * 1024) });
  assert.deepEqual(await under.json(), { data: { version: 1 } });
});

test('a body without Content-Length (chunked) is cut off at the limit too', async () => {
  const res = await rawRequest(server.url, {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    body: padded(100 * 1024),
  });
  assert.equal(res.status, 413);
});

test('a compressed body is measured after decompression: a small gzip bomb is refused', async () => {
  const bomb = gzipSync(padded(10 * 1024 * 1024));
  assert.ok(bomb.length < 64 * 1024);
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: bomb,
  });
  assert.equal(res.status, 413);
});

test('corrupt gzip or brotli is a 400; an unknown encoding a 415', async () => {
  const corrupt = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: 'definitely not gzip',
  });
  assert.equal(corrupt.status, 400);
  assert.match(((await corrupt.json()) as any).errors[0].message, /not valid gzip/);
  const corruptBrotli = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    body: 'definitely not brotli either',
  });
  assert.equal(corruptBrotli.status, 400);
  const unknown = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' },
    body: '{}',
  });
  assert.equal(unknown.status, 415);
});

test('/admin/schema uses the body limit; /admin/import its own', async () => {
  const sdl = `type Query { a: Int }\n${'#'.repeat(70 * 1024)}\n`;
  const schema = await fetch(`${server.url}/admin/schema`, { method: 'POST', body: sdl });
  assert.equal(schema.status, 413);
  assert.equal(server.service.current()?.version, 1);

  const data = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ uid: `_:n${i}`, 'T.name': `name ${i}` })));
  assert.ok(data.length > 64 * 1024 && data.length < 256 * 1024);
  const ok = await fetch(`${server.url}/admin/import`, { method: 'POST', body: data });
  assert.equal(ok.status, 200);
  const tooBig = await fetch(`${server.url}/admin/import`, { method: 'POST', body: `[${' '.repeat(300 * 1024)}]` });
  assert.equal(tooBig.status, 413);
  assert.match(((await tooBig.json()) as any).errors[0].message, /256 KiB; raise it with --import-limit/);
});

test('the default body limit is a few MiB', () => {
  assert.equal(formatBytes(DEFAULT_BODY_LIMIT), '5 MiB');
});
