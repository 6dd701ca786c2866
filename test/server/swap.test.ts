/**
 * Atomic schema swap: a request is served by the schema current when it
 * arrived, start to finish, whatever is uploaded meanwhile; uploads under
 * load make no request fail; validated documents never outlive their schema.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { postGraphQL, startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { TEST_SDL } from './support/test-service.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** The same schema with one marker field more, so each upload is a different SDL. */
const sdlVersion = (n: number) => `${TEST_SDL}\ntype Marker${n} { n: Int }\n`;

async function uploadOverHttp(sdl: string) {
  const res = await fetch(`${server.url}/admin/schema`, { method: 'POST', body: sdl });
  assert.equal(res.status, 200, await res.text());
}

test('a request in flight finishes on the schema it started with', async () => {
  const started = server.service.current()!.version;
  const inFlight = postGraphQL(server.url, { query: '{ before: version slow(ms: 300) after: version }' });
  await delay(50);
  await uploadOverHttp(sdlVersion(1));
  const now = await postGraphQL(server.url, { query: '{ version }' });
  assert.equal(now.body.data.version, started + 1);
  const old = await inFlight;
  assert.equal(old.status, 200);
  assert.deepEqual(old.body, { data: { before: started, slow: started, after: started } });
});

test('many requests during several uploads: none fails, each answered by one schema', async () => {
  server.service.uploadDelayMs = 5;
  const first = server.service.current()!.version;
  const answers: Promise<Awaited<ReturnType<typeof postGraphQL>>>[] = [];
  let uploading = true;
  const uploads = (async () => {
    for (let n = 2; n <= 6; n++) {
      await delay(15);
      await uploadOverHttp(sdlVersion(n));
    }
    uploading = false;
  })();
  // Requests keep coming for as long as uploads do, whatever the machine's speed.
  for (let i = 0; uploading || i < 100; i++) {
    answers.push(postGraphQL(server.url, { query: `query Q${i % 7} { a: version s: slow(ms: ${i % 11}) b: version }` }));
    if (i % 10 === 0) await delay(5);
  }
  await uploads;
  const results = await Promise.all(answers);
  server.service.uploadDelayMs = 0;

  const versions = new Set<number>();
  for (const r of results) {
    assert.equal(r.status, 200);
    assert.equal(r.body.errors, undefined, JSON.stringify(r.body));
    const { a, s, b } = r.body.data;
    assert.ok(a === s && s === b, `one schema per answer, got ${JSON.stringify(r.body.data)}`);
    versions.add(a);
  }
  assert.ok(versions.size >= 3, `requests spanned several schemas: ${[...versions].join(', ')}`);
  assert.ok([...versions].every((v) => v >= first && v <= first + 5));
});

test('a document validated on the old schema is validated again on the new one', async () => {
  await uploadOverHttp(`${TEST_SDL}\nextend type Query { legacy: Int }\n`);
  const query = { query: '{ legacy }' };
  assert.deepEqual((await postGraphQL(server.url, query)).body, { data: { legacy: null } });
  assert.deepEqual((await postGraphQL(server.url, query)).body, { data: { legacy: null } }); // from the cache
  await uploadOverHttp(TEST_SDL);
  const after = await postGraphQL(server.url, query);
  assert.equal(after.body.data, undefined);
  assert.match(after.body.errors[0].message, /Cannot query field "legacy" on type "Query"/);
});
