/**
 * Admin protection: with a token, only the token opens /admin (wrong or
 * missing: 401); without one, only this machine, and not through a browser
 * page from another origin or a DNS-rebound host name.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/index.js';
import { isLoopbackAddress, isLoopbackHost } from '../../src/server/middleware/admin-auth.js';
import { jsonLogger } from '../../src/server/logger.js';
import { rawRequest, startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { TEST_SDL, TestAuthlineService } from './support/test-service.js';

const NEW_SDL = 'type Query { fresh: Int }';

async function upload(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/admin/schema`, { method: 'POST', headers, body: NEW_SDL });
  return { status: res.status, body: (await res.json()) as any };
}

describe('with an admin token configured', () => {
  const token = 'correct horse battery staple';
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ adminToken: token });
  });
  after(() => server.close());

  test('a missing token is refused with 401, schema unchanged', async () => {
    const res = await upload(server.url);
    assert.equal(res.status, 401);
    assert.equal(res.body.errors[0].extensions.code, 'ErrorUnauthorized');
    assert.match(res.body.errors[0].message, /X-Authline-Admin-Token/);
    assert.equal(server.service.current()?.sdl, TEST_SDL);
  });

  test('a wrong token is refused with 401, also one that shares a prefix or differs in length', async () => {
    for (const wrong of ['nope', token.slice(0, -1), `${token}!`, token.toUpperCase()]) {
      const res = await upload(server.url, { 'X-Authline-Admin-Token': wrong });
      assert.equal(res.status, 401, wrong);
      assert.match(res.body.errors[0].message, /Invalid admin token/);
    }
    assert.equal(server.service.current()?.sdl, TEST_SDL);
  });

  test('GET /admin/schema and /admin/import are guarded too', async () => {
    assert.equal((await fetch(`${server.url}/admin/schema`)).status, 401);
    assert.equal((await fetch(`${server.url}/admin/import`, { method: 'POST', body: '[]' })).status, 401);
    assert.equal(server.service.imports.length, 0);
  });

  test('the right token opens it, in X-Authline-Admin-Token or Dgraph\'s X-Dgraph-AuthToken', async () => {
    assert.equal((await upload(server.url, { 'X-Authline-Admin-Token': token })).status, 200);
    assert.equal(server.service.current()?.sdl, NEW_SDL);
    assert.equal((await upload(server.url, { 'X-Dgraph-AuthToken': token })).status, 200);
  });
});

describe('without an admin token', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a loopback client may administer', async () => {
    const res = await upload(server.url);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { data: { code: 'Success', message: 'Done' } });
  });

  test('a same-origin browser request is allowed; a cross-origin one is refused with 403', async () => {
    const same = await rawRequest(server.url, { method: 'POST', path: '/admin/schema', headers: { Origin: server.url }, body: NEW_SDL });
    assert.equal(same.status, 200);
    const before = server.service.current();
    const cross = await rawRequest(server.url, {
      method: 'POST',
      path: '/admin/schema',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: 'type Query { pwned: Int }',
    });
    assert.equal(cross.status, 403);
    assert.equal(JSON.parse(cross.text).errors[0].extensions.code, 'FORBIDDEN');
    const nullOrigin = await rawRequest(server.url, { method: 'POST', path: '/admin/schema', headers: { Origin: 'null' }, body: NEW_SDL });
    assert.equal(nullOrigin.status, 403);
    assert.equal(server.service.current(), before);
  });

  test('a request relayed by a local proxy is refused with 403', async () => {
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP', 'X-Forwarded-Host']) {
      const res = await rawRequest(server.url, { method: 'GET', path: '/admin/schema', headers: { [header]: '198.51.100.4' } });
      assert.equal(res.status, 403, header);
      assert.match(JSON.parse(res.text).errors[0].message, /through a proxy/);
    }
  });

  test('a DNS-rebinding host name is refused with 403', async () => {
    const port = new URL(server.url).port;
    const res = await rawRequest(server.url, {
      method: 'POST',
      path: '/admin/schema',
      headers: { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` },
      body: 'type Query { pwned: Int }',
    });
    assert.equal(res.status, 403);
    const localhost = await rawRequest(server.url, { method: 'GET', path: '/admin/schema', headers: { Host: `localhost:${port}` } });
    assert.equal(localhost.status, 200);
  });
});

describe('a client from another machine', () => {
  // The server under test listens on 127.0.0.1 like every test server; this
  // wrapper makes the app see the connection as coming from 203.0.113.7.
  async function remoteServer(adminToken?: string) {
    const service = new TestAuthlineService();
    await service.uploadSchema(TEST_SDL);
    const handle = createApp(service, { adminToken, logger: jsonLogger(() => {}) }).callback();
    const server: Server = createServer((req, res) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: '203.0.113.7', configurable: true });
      void handle(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, service, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  test('is refused with 401 when no admin token is configured, and told how to configure one', async () => {
    const remote = await remoteServer();
    try {
      const res = await upload(remote.url);
      assert.equal(res.status, 401);
      assert.match(res.body.errors[0].message, /--admin-token/);
      assert.equal(remote.service.current()?.sdl, TEST_SDL);
      // /graphql and /health stay open to everyone.
      assert.equal((await fetch(`${remote.url}/health`)).status, 200);
    } finally {
      await remote.close();
    }
  });

  test('is let in with the configured token', async () => {
    const remote = await remoteServer('s3cret-admin-token');
    try {
      assert.equal((await upload(remote.url)).status, 401);
      assert.equal((await upload(remote.url, { 'X-Authline-Admin-Token': 's3cret-admin-token' })).status, 200);
    } finally {
      await remote.close();
    }
  });
});

test('loopback addresses and host names', () => {
  for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(a), a);
  for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '128.0.0.1', undefined, '']) assert.ok(!isLoopbackAddress(a), String(a));
  for (const h of ['localhost', 'localhost:8080', 'app.localhost:1', '127.0.0.1:80', '[::1]:8080', 'LOCALHOST']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['evil.example', 'localhost.evil.example:80', '10.0.0.1:8080', '[::2]:1']) assert.ok(!isLoopbackHost(h), h);
});
