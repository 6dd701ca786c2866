/**
 * POST /admin/schema and /admin/import: Dgraph's success answers, every
 * error of a rejected schema with its line and column, and a rejected upload
 * changes nothing: the old schema keeps serving.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { postGraphQL, startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { TEST_SDL, TestAuthlineService } from './support/test-service.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());
beforeEach(async () => {
  await server.service.uploadSchema(TEST_SDL);
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

test('a raw SDL body is uploaded, answered as Dgraph does, and served at once', async () => {
  const sdl = 'type Query {\n  hello: String\n}\n';
  const res = await post('/admin/schema', sdl);
  assert.equal(res.status, 200);
  assert.match(res.type ?? '', /^application\/json/);
  assert.deepEqual(res.body, { data: { code: 'Success', message: 'Done' } });
  const q = await postGraphQL(server.url, { query: '{ __type(name: "Query") { fields { name } } }' });
  assert.deepEqual(q.body.data.__type.fields, [{ name: 'hello' }]);
});

test('JSON {"schema": "..."} is uploaded the same way', async () => {
  const res = await post('/admin/schema', JSON.stringify({ schema: 'type Query { viaJson: Int }' }), { 'Content-Type': 'application/json' });
  assert.equal(res.status, 200);
  assert.equal(server.service.current()?.sdl, 'type Query { viaJson: Int }');
});

test('GET /admin/schema answers the served SDL and the generated API', async () => {
  const res = await fetch(`${server.url}/admin/schema`);
  const body = (await res.json()) as any;
  assert.equal(res.status, 200);
  assert.equal(body.data.schema, TEST_SDL);
  assert.equal(body.data.version, server.service.current()?.version);
  assert.match(body.data.generatedSchema, /type Query \{\n {2}version: Int!/);
});

test('a rejected schema answers 400 with every error and its location; the old schema keeps serving', async () => {
  const served = server.service.current();
  const bad = 'type Query {\n  a: Int\n}\ntype A {\n  x: Missing\n  y: AlsoMissing\n}\n';
  const res = await post('/admin/schema', bad);
  assert.equal(res.status, 400);
  assert.deepEqual(res.body, {
    errors: [
      { message: 'Unknown type "Missing".', locations: [{ line: 5, column: 6 }], extensions: { code: 'SCHEMA_INVALID' } },
      { message: 'Unknown type "AlsoMissing".', locations: [{ line: 6, column: 6 }], extensions: { code: 'SCHEMA_INVALID' } },
    ],
  });
  assert.equal(server.service.current(), served);
  const q = await postGraphQL(server.url, { query: '{ version }' });
  assert.deepEqual(q.body, { data: { version: served?.version } });
});

test('a syntax error is reported with its position', async () => {
  const res = await post('/admin/schema', 'type Query {\n  a: Int\n');
  assert.equal(res.status, 400);
  assert.equal(res.body.errors.length, 1);
  assert.match(res.body.errors[0].message, /Syntax Error/);
  assert.deepEqual(res.body.errors[0].locations, [{ line: 3, column: 1 }]);
});

test('a JSON body that is not {"schema": string} is a 400 and changes nothing', async () => {
  const served = server.service.current();
  for (const body of ['{"schema": 1}', '[]', 'null', '{not json']) {
    const res = await post('/admin/schema', body, { 'Content-Type': 'application/json' });
    assert.equal(res.status, 400, body);
    assert.equal(res.body.errors[0].extensions.code, 'ErrorInvalidRequest');
  }
  assert.equal(server.service.current(), served);
});

test('an upload failing for another reason is a 500 without details; the log has them', async () => {
  const service = new TestAuthlineService();
  service.uploadSchema = async () => {
    throw new Error('disk on fire');
  };
  const broken = await startTestServer({ service, sdl: null });
  try {
    const res = await fetch(`${broken.url}/admin/schema`, { method: 'POST', body: TEST_SDL });
    const body = (await res.json()) as any;
    assert.equal(res.status, 500);
    assert.equal(body.errors[0].extensions.code, 'INTERNAL_SERVER_ERROR');
    assert.doesNotMatch(body.errors[0].message, /disk on fire/);
    const logged = broken.logs.find((l) => l.level === 'error');
    assert.match(String(logged?.error), /disk on fire/);
    assert.equal(logged?.requestId, res.headers.get('x-request-id'));
  } finally {
    await broken.close();
  }
});

test('import takes a JSON array or {"set": [...]} and answers the uids of blank nodes', async () => {
  const a = await post('/admin/import', JSON.stringify([{ uid: '_:alice', 'User.name': 'Alice' }, { uid: '_:bob' }]));
  assert.equal(a.status, 200);
  assert.deepEqual(Object.keys(a.body.data.uids).sort(), ['alice', 'bob']);
  assert.equal(a.body.data.code, 'Success');
  const b = await post('/admin/import', JSON.stringify({ set: [{ uid: '_:carol' }] }), { 'Content-Type': 'application/json' });
  assert.equal(b.status, 200);
  assert.deepEqual(Object.keys(b.body.data.uids), ['carol']);
});

test('import refuses bad JSON and data the engine rejects, with 400', async () => {
  const before = server.service.imports.length;
  const bad = await post('/admin/import', '[{"uid": ');
  assert.equal(bad.status, 400);
  assert.match(bad.body.errors[0].message, /not valid JSON/);
  const rejected = await post('/admin/import', '{"delete": []}');
  assert.equal(rejected.status, 400);
  assert.match(rejected.body.errors[0].message, /import only sets data: "delete" is not supported/);
  assert.equal(server.service.imports.length, before);
});

test('import before any schema is a 409 telling to upload one', async () => {
  const empty = await startTestServer({ sdl: null });
  try {
    const res = await fetch(`${empty.url}/admin/import`, { method: 'POST', body: '[]' });
    assert.equal(res.status, 409);
    assert.match(((await res.json()) as any).errors[0].message, /Upload a schema/);
  } finally {
    await empty.close();
  }
});
