/**
 * Issue 12: 2,000 half-sent requests held the server for 25 s. Now the
 * server holds at most --max-connections sockets (here 20, with 40
 * half-sent requests, twice the limit), answers a request beyond them 503
 * at once and closes the silent ones within a second, and closes
 * a connection whose headers (--headers-timeout) or whole request
 * (--request-timeout) are late with 408; a normal request is then served.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { postGraphQL, startTestServer, type TestServer } from '../server/support/server.js';

const MAX_CONNECTIONS = 20;
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
let server: TestServer;
let port: number;

before(async () => {
  server = await startTestServer({
    maxConnections: MAX_CONNECTIONS,
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: 500,
  });
  port = Number(new URL(server.url).port);
});
after(() => server?.close());

interface Held {
  readonly socket: Socket;
  /** Resolves when the server closed it, with what it answered first (empty: nothing) and after how long. */
  readonly closed: Promise<{ answer: string; ms: number }>;
}

async function halfSent(text: string): Promise<Held> {
  const socket = connect({ host: '127.0.0.1', port });
  const started = performance.now();
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = once(socket, 'close').then(() => ({ answer, ms: performance.now() - started }));
  await once(socket, 'connect');
  socket.write(text);
  return { socket, closed };
}

const HALF_HEADERS = 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
const HALF_BODY = 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":';

test('half-sent requests over the connection limit: the extra ones are refused at once, the rest closed with 408, then a request is served', async () => {
  const held: Held[] = [];
  for (let i = 0; i < 2 * MAX_CONNECTIONS; i++) held.push(await halfSent(i % 2 === 0 ? HALF_HEADERS : HALF_BODY));
  const started = performance.now();

  // At the limit, a new client is refused at once rather than left waiting.
  const refused = await fetch(`${server.url}/health`);
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get('retry-after'), '1');
  assert.equal(((await refused.json()) as any).errors[0].extensions.code, 'TOO_MANY_CONNECTIONS');
  assert.ok(performance.now() - started < 1000);

  const outcomes = await Promise.all(held.map((h) => h.closed));
  const timedOut = outcomes.filter((o) => o.answer.startsWith('HTTP/1.1 408'));
  // Beyond the limit: 503 for a request whose headers came, closed without a word otherwise.
  const cut = outcomes.filter((o) => o.answer === '' || o.answer.startsWith('HTTP/1.1 503'));
  assert.equal(timedOut.length + cut.length, outcomes.length, 'each was answered 408 or refused');
  assert.ok(timedOut.length <= MAX_CONNECTIONS, `${timedOut.length} were held`);
  assert.ok(cut.length >= MAX_CONNECTIONS, `${cut.length} were refused`);
  for (const o of cut) assert.ok(o.ms < 2000, `a refused connection lasted ${o.ms} ms`);
  // Node checks the timeouts once a second.
  for (const o of timedOut) assert.ok(o.ms < REQUEST_TIMEOUT_MS + 1500, `a half-sent request was held ${o.ms} ms`);

  const answer = await postGraphQL(server.url, { query: '{ version }' });
  assert.equal(answer.status, 200);
  assert.ok(performance.now() - started < REQUEST_TIMEOUT_MS + 2500);
  assert.ok(server.logs.some((l) => l.msg === 'connections refused: at the connection limit' && l.maxConnections === MAX_CONNECTIONS));
});

test('below the limit, a slow client does not delay others: a request is served while half-sent ones wait', async () => {
  const held = await Promise.all(Array.from({ length: 5 }, () => halfSent(HALF_HEADERS)));
  const started = performance.now();
  const answer = await postGraphQL(server.url, { query: '{ version }' });
  assert.equal(answer.status, 200);
  assert.ok(performance.now() - started < 500);
  for (const h of held) h.socket.destroy();
  await delay(10);
});
