/** startServer's close(): stop listening, let requests in flight finish. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postGraphQL, startTestServer } from './support/server.js';

test('close() lets a request in flight finish', async () => {
  const server = await startTestServer();
  const inFlight = postGraphQL(server.url, { query: '{ slow(ms: 200) }' });
  await new Promise((r) => setTimeout(r, 50));
  const closed = server.close();
  const res = await inFlight;
  await closed;
  assert.deepEqual(res.body, { data: { slow: 1 } });
  await assert.rejects(fetch(`${server.url}/health`));
});
