/**
 * Issue 12's freeze, through the real engine and server on embedded PGlite:
 * a regexp filter long enough to break PGlite's regex compiler used to
 * answer `[]` (the error lost) and wedge the engine for good, /health
 * included. Now the request answers an error, the server keeps answering
 * while the engine restarts (a query that needs no database within 500 ms,
 * /health within 2 s, a read once the engine is back), and the next
 * request reads the data as before. (The probes start after the answer: the
 * RE2 check of a 100,000-character pattern blocks the event loop for about
 * half a second by itself, a request limit's business.)
 *
 * The request limits refuse regexps this long before any SQL runs
 * (--max-regexp-length, request-limits.test.ts), so this test raises the
 * limit above the pattern's length to reach the engine.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { timedGraphQL, timedHealth } from './support/timed-requests.js';

const SDL = `type Note {
  id: ID!
  text: String @search(by: [regexp])
}
`;
/** Breaks the regex compiler's stack in PGlite's worker (PostgreSQL on a server answers false). */
const BREAKER = `/${'a'.repeat(100_000)}/`;

let service: AuthlineService;
let server: Awaited<ReturnType<typeof startServer>>;
const failures: Record<string, any>[] = [];
const logger = { info() {}, warn() {}, error: (msg: string, fields: Record<string, unknown> = {}) => { failures.push({ msg, ...fields }); } };

before(async () => {
  service = await createService({ store: await openStore() });
  server = await startServer(service, { host: '127.0.0.1', port: 0, logger, maxRegexpLength: BREAKER.length });
  assert.equal((await fetch(`${server.url}/admin/schema`, { method: 'POST', body: SDL })).status, 200);
  const added = await graphql('mutation { addNote(input: [{ text: "kept" }]) { numUids } }');
  assert.deepEqual(added.body, { data: { addNote: { numUids: 1 } } });
});
after(async () => {
  await server?.close();
  await service?.close();
});

const graphql = (query: string, variables?: Record<string, unknown>) => timedGraphQL(server.url, query, variables);
const health = () => timedHealth(server.url);

const READ = 'query { queryNote { text } }';

test('the regexp that froze the embedded server answers an error; the server answers while the engine restarts; the next request reads the data', async () => {
  const answer = await graphql('query ($r: String!) { queryNote(filter: { text: { regexp: $r } }) { text } }', { r: BREAKER });
  assert.deepEqual(answer.body.data, { queryNote: [] }, 'as Dgraph answers a list field whose query failed');
  // The engine's fault is the log's; the client reads that the database is unavailable (it is restarting).
  assert.match(answer.body.errors[0].message, /^Dgraph query failed because the database is unavailable \(request id [\w-]+; the server log has the details\)$/);
  assert.equal(answer.body.errors[0].extensions.code, 'STORE_UNAVAILABLE');
  const logged = failures.find((f) => answer.body.errors[0].message.includes(f.requestId));
  assert.match(logged?.error, /embedded database failed while running the statement \(RangeError: Maximum call stack size exceeded\)/);

  // The engine restarts now. Meanwhile: a read waits for it, a query that needs no database and /health answer.
  const queued = graphql(READ);
  const typename = await graphql('{ __typename }');
  assert.deepEqual(typename.body, { data: { __typename: 'Query' } });
  assert.ok(typename.ms < 500, `{ __typename } took ${typename.ms} ms`);
  const during = await health();
  assert.ok(during.ms < 2000, `/health took ${during.ms} ms`);
  assert.ok(during.status === 200 || (during.status === 503 && during.body.store.reachable === false), JSON.stringify(during.body));

  assert.deepEqual((await queued).body, { data: { queryNote: [{ text: 'kept' }] } });
  assert.deepEqual((await graphql(READ)).body, { data: { queryNote: [{ text: 'kept' }] } });
  const later = await health();
  assert.equal(later.status, 200);
  assert.equal(later.body.store.reachable, true);
});

test('the same request again answers the same way (PGlite alone never answered the second)', async () => {
  const again = await graphql('query ($r: String!) { queryNote(filter: { text: { regexp: $r } }) { text } }', { r: BREAKER });
  assert.equal(again.body.errors[0].extensions.code, 'STORE_UNAVAILABLE');
  assert.deepEqual((await graphql(READ)).body, { data: { queryNote: [{ text: 'kept' }] } });
});
