/**
 * The server on a PostgreSQL server that misbehaves, through a relay that
 * can freeze it (support/freezable-proxy.ts) or go away:
 *   - a statement over --statement-timeout answers STATEMENT_TIMEOUT;
 *   - frozen, /health answers 503 within 2 s and a read answers
 *     STORE_UNAVAILABLE in bounded time; thawed, both serve again;
 *   - refused connections answer STORE_UNAVAILABLE too.
 * The client reads fixed words and the request id; the database's and the
 * driver's own words (a host, a port, "Query read timeout") only reach the
 * log, in a line with that request id.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { jsonLogger, startServer, type RunningServer } from '../../src/server/index.js';
import { QUERY_TIMEOUT_MARGIN_MS } from '../../src/store/backend/connection-limits.js';
import { openStore } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startFreezableProxy, type FreezableProxy } from './support/freezable-proxy.js';
import { timedGraphQL, timedHealth, type TimedAnswer } from './support/timed-requests.js';

const SDL = `type Note {
  id: ID!
  text: String @search(by: [regexp])
}
`;
const STATEMENT_TIMEOUT_MS = 400;
const READ = 'query { queryNote { text } }';

let db: TestDatabase;
let proxy: FreezableProxy;
let service: AuthlineService;
let server: RunningServer;
const logs: Record<string, any>[] = [];

before(async () => {
  db = await createTestDatabase();
  proxy = await startFreezableProxy(db.url);
  service = await createService({ store: await openStore({ databaseUrl: proxy.url, statementTimeoutMs: STATEMENT_TIMEOUT_MS, poolSize: 3 }) });
  server = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger((line) => logs.push(JSON.parse(line))) });
  assert.equal((await fetch(`${server.url}/admin/schema`, { method: 'POST', body: SDL })).status, 200);
  const added = await graphql('mutation { addNote(input: [{ text: "kept" }]) { numUids } }');
  assert.deepEqual(added.body, { data: { addNote: { numUids: 1 } } });
});
after(async () => {
  proxy?.thaw();
  await server?.close();
  await service?.close().catch(() => undefined);
  await proxy?.close();
  await db?.drop();
});

const graphql = (query: string, variables?: Record<string, unknown>) => timedGraphQL(server.url, query, variables);
const health = () => timedHealth(server.url);

/** The answer names its request id and nothing of the database; the log line with that id has the details. */
function assertLoggedNotAnswered(answer: TimedAnswer, code: string, detail: RegExp) {
  const [error] = answer.body.errors;
  assert.equal(error.extensions.code, code, answer.text);
  assert.ok(error.message.includes(`request id ${answer.requestId}`), error.message);
  assert.doesNotMatch(answer.text, detail);
  assert.doesNotMatch(answer.text, /127\.0\.0\.1|ECONN|timeout exceeded|Query read timeout|Connection terminated/);
  const logged = logs.find((l) => l.level === 'error' && l.requestId === answer.requestId);
  assert.ok(logged, `no error log line for request ${answer.requestId}`);
  assert.equal(logged.code, code);
  assert.match(logged.error, detail);
}

test('a statement over the statement timeout answers STATEMENT_TIMEOUT; the details are in the log', async () => {
  // Waiting for a lock counts towards statement_timeout: another session holds the nodes' table.
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  let answer;
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE authline.node IN ACCESS EXCLUSIVE MODE');
    answer = await graphql(READ);
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body.data, { queryNote: [] });
  assert.match(answer.body.errors[0].message, /^Dgraph query failed because the query ran longer than the statement timeout and was stopped \(request id /);
  assertLoggedNotAnswered(answer, 'STATEMENT_TIMEOUT', /canceling statement due to statement timeout/);
  assert.ok(answer.ms < STATEMENT_TIMEOUT_MS + 1500, `answered after ${answer.ms} ms`);
  assert.deepEqual((await graphql(READ)).body, { data: { queryNote: [{ text: 'kept' }] } });
});

test('frozen: /health answers 503 within 2 s, a read answers STORE_UNAVAILABLE in bounded time; thawed, both serve again', async () => {
  // Every pooled connection open, so the read meets the frozen server on one (a new connection waits CONNECT_TIMEOUT_MS).
  await Promise.all([graphql(READ), graphql(READ), graphql(READ)]);
  proxy.freeze();
  const [read, probe] = await Promise.all([graphql(READ), health()]);
  assert.equal(probe.status, 503);
  assert.equal(probe.body.store.reachable, false);
  assert.ok(probe.ms < 2000, `/health took ${probe.ms} ms`);
  assert.deepEqual(read.body.data, { queryNote: [] });
  assertLoggedNotAnswered(read, 'STORE_UNAVAILABLE', /Query read timeout/);
  assert.match(read.body.errors[0].message, /^Dgraph query failed because the database is unavailable \(request id /);
  const bound = STATEMENT_TIMEOUT_MS + QUERY_TIMEOUT_MARGIN_MS + 1500;
  assert.ok(read.ms < bound, `the read answered after ${read.ms} ms (bound ${bound})`);

  proxy.thaw();
  assert.deepEqual((await graphql(READ)).body, { data: { queryNote: [{ text: 'kept' }] } });
  assert.equal((await health()).status, 200);
});

test('connections refused: STORE_UNAVAILABLE, ECONNREFUSED only in the log', async () => {
  await proxy.close();
  // The pool drops its connections, now cut; the next statement connects anew, and is refused.
  await graphql(READ);
  await delay(100);
  const read = await graphql(READ);
  assertLoggedNotAnswered(read, 'STORE_UNAVAILABLE', /ECONNREFUSED 127\.0\.0\.1:\d+/);
  const mutation = await graphql('mutation { addNote(input: [{ text: "lost" }]) { numUids } }');
  assert.match(mutation.body.errors[0].message, /^mutation addNote failed because the database is unavailable \(request id /);
  assertLoggedNotAnswered(mutation, 'STORE_UNAVAILABLE', /ECONNREFUSED/);
  assert.equal((await health()).status, 503);
});
