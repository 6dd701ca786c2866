/**
 * The one client of every remote call: at most `maxConcurrent` calls in
 * flight (the rest wait), a timeout, an answer size limit, no redirects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallFailedError, HttpClient } from '../../src/engine/custom/http-client.js';
import { resolveCustomOptions } from '../../src/engine/custom/options.js';
import { startJsonServer } from './servers.js';

test('no more than maxConcurrent calls are in flight; the others wait their turn and all complete', async () => {
  let inFlight = 0;
  let most = 0;
  const server = await startJsonServer(async () => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 100));
    inFlight -= 1;
    return { body: 'ok' };
  });
  try {
    const client = new HttpClient(resolveCustomOptions({ maxConcurrent: 2 }));
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.send({ method: 'GET', url: server.url, headers: {} })));
    assert.deepEqual(answers.map((a) => a.text), Array(6).fill('"ok"'));
    assert.equal(most, 2);
  } finally {
    await server.close();
  }
});

test('a redirect is not followed, a slow answer times out, a large one is cut off', async () => {
  const server = await startJsonServer(({ url }) =>
    url === '/slow' ? { body: 1, delay: 1000 } : url === '/big' ? { text: 'x'.repeat(5000) } : { status: 302, body: null });
  try {
    const client = new HttpClient(resolveCustomOptions({ timeoutMs: 200, maxResponseBytes: 1000 }));
    const failure = (path: string) => client.send({ method: 'GET', url: `${server.url}${path}`, headers: {} }).then(() => 'answered', (e: unknown) => (e instanceof CallFailedError ? e.message : String(e)));
    assert.match(await failure('/moved'), /^Get "http:\/\/127\.0\.0\.1:\d+\/moved": /);
    assert.equal(await failure('/slow'), `Get "${server.url}/slow": context deadline exceeded (timeout 200 ms)`);
    assert.equal(await failure('/big'), 'response body larger than 1000 bytes');
  } finally {
    await server.close();
  }
});
