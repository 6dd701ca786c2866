/**
 * Issue 12: a deeply nested SDL upload answered 500 (a stack overflow).
 * Now it is the upload's mistake: 400, SCHEMA_INVALID, saying so; the
 * schema being served does not change.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkSchema, createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';

const GOOD = 'type T {\n  id: ID!\n  name: String\n}\n';
/** An @auth argument nested 5,000 levels: past the stack of graphql-js's parser. */
const DEEP = `type T @auth(query: ${'{and: ['.repeat(5000)}{ rule: "query { queryT { id } }" }${']}'.repeat(5000)}) { id: ID! }\n`;
const silent = { info() {}, warn() {}, error() {} };

let service: AuthlineService;
let server: RunningServer;
before(async () => {
  service = await createService({ store: await openStore() });
  server = await startServer(service, { host: '127.0.0.1', port: 0, logger: silent });
  assert.equal((await fetch(`${server.url}/admin/schema`, { method: 'POST', body: GOOD })).status, 200);
});
after(async () => {
  await server?.close();
  await service?.close();
});

test('checkSchema reports a too-deep SDL as a schema error', () => {
  assert.deepEqual(checkSchema(DEEP).map((e) => [e.code, e.message]), [
    ['SCHEMA_INVALID', 'The schema nests too deeply to be read (a value, type or rule nested thousands of levels): flatten it.'],
  ]);
});

test('uploading it answers 400 SCHEMA_INVALID, and the served schema stays', async () => {
  const res = await fetch(`${server.url}/admin/schema`, { method: 'POST', body: DEEP });
  assert.equal(res.status, 400);
  const body = (await res.json()) as any;
  assert.equal(body.errors[0].extensions.code, 'SCHEMA_INVALID');
  assert.match(body.errors[0].message, /nests too deeply/);
  assert.equal(service.current()?.sdl, GOOD);
});
