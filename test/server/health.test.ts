/** GET /health: 200 with the schema version while the store answers, 503 when it does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/server.js';

test('health reports the schema and the store, without the store password', async () => {
  const server = await startTestServer({ sdl: null });
  try {
    let res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), {
      status: 'ok',
      schema: { loaded: false },
      store: { reachable: true, description: 'test-double://user:***@memory/db' },
    });

    await fetch(`${server.url}/admin/schema`, { method: 'POST', body: 'type Query { a: Int }' });
    res = await fetch(`${server.url}/health`);
    assert.deepEqual(((await res.json()) as any).schema, { loaded: true, version: 1 });

    server.service.storeReachable = false;
    res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as any).status, 'unavailable');

    assert.equal((await fetch(`${server.url}/health`, { method: 'HEAD' })).status, 503);
  } finally {
    await server.close();
  }
});
