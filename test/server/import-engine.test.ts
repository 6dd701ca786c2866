/**
 * POST /admin/import and `authline import --url` on the real engine (PGlite
 * in memory): a Dgraph RDF export gzipped as Dgraph writes it, answered over
 * GraphQL afterwards; a second import changes nothing; ?namespace=; a bad
 * line is a 400 that writes nothing; the limit counts decompressed bytes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { main } from '../../src/cli/main.js';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { ADMIN_TOKEN_HEADER, startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { testRuntime } from '../cli/support/runtime.js';

const TOKEN = 'import-admin-token';
const FIXTURES = fileURLToPath(new URL('../../fixtures/dgraph-export/', import.meta.url));
const RDF = readFileSync(join(FIXTURES, 'people.rdf'));
const silent = { info() {}, warn() {}, error() {} };
let service: AuthlineService;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authline-import-'));
  service = await createService({ store: await openStore(), verifier: { logger() {} } });
  server = await startServer(service, { host: '127.0.0.1', port: 0, logger: silent, adminToken: TOKEN, importLimit: 64 * 1024 });
});
after(async () => {
  await server.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const importRdf = (body: Buffer | string, headers: Record<string, string> = {}, query = '') =>
  fetch(`${server.url}/admin/import${query}`, {
    method: 'POST', body, headers: { [ADMIN_TOKEN_HEADER]: TOKEN, 'Content-Type': 'application/n-quads', ...headers },
  });

async function people(): Promise<unknown> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ queryPerson(order: { asc: xid }) { xid name nickname nicknameEn age employer { name } } }' }),
  });
  return ((await res.json()) as { data: { queryPerson: unknown } }).data.queryPerson;
}

test('authline import --url --schema streams a gzipped RDF export to the server, which answers it over GraphQL', async () => {
  writeFileSync(join(dir, 'g01.rdf.gz'), gzipSync(RDF));
  writeFileSync(join(dir, 'g01.gql_schema.gz'), gzipSync(JSON.stringify([{ Namespace: 0, Schema: readFileSync(join(FIXTURES, 'people.graphql'), 'utf8') }])));
  const rt = testRuntime({ cwd: dir, env: { AUTHLINE_ADMIN_TOKEN: TOKEN } });
  assert.equal(await main(['import', 'g01.rdf.gz', '--schema', 'g01.gql_schema.gz', '--url', server.url], rt), 0, rt.err());
  assert.deepEqual(JSON.parse(rt.out()), { code: 'Success', uids: {}, triples: 21, created: 3 });
  assert.match(rt.err(), /^imported g01\.rdf\.gz: 21 triples in /m);
  assert.match(rt.err(), /^warning: facets of 1 value of Person\.friends ignored: authline keeps no facets$/m);
  assert.deepEqual(await people(), [
    { xid: 'alice', name: 'Alice', nickname: null, nicknameEn: null, age: 42, employer: { name: 'Acme' } },
    { xid: 'bob', name: 'Bob "the builder" é\t!', nickname: null, nicknameEn: 'Bobby', age: 7, employer: null },
  ]);
});

test('POST /admin/import with Content-Encoding: gzip: importing again creates nothing; ?namespace= reads another tenant', async () => {
  const again = await importRdf(gzipSync(RDF), { 'Content-Encoding': 'gzip' });
  assert.equal(again.status, 200);
  const body = (await again.json()) as { data: { created: number; triples: number; warnings: string[] } };
  assert.equal(body.data.created, 0);
  assert.equal(body.data.warnings.length, 4);
  const tenant = (await (await importRdf(RDF, {}, '?namespace=0x2')).json()) as { data: { triples: number } };
  assert.equal(tenant.data.triples, 2);
  assert.deepEqual(((await people()) as { xid: string }[]).map((p) => p.xid), ['alice', 'bob', 'tenant']);
});

test('a bad line answers 400 with its number and writes nothing; the limit counts the decompressed body', async () => {
  const before = await people();
  const bad = await importRdf('<0x30> <dgraph.type> "Person" .\n<0x30> <Person.age> "x"^^<xs:int> .\n');
  assert.equal(bad.status, 400);
  assert.deepEqual(((await bad.json()) as { errors: unknown[] }).errors, [{ message: 'line 2: "x" is not a valid xs:int', extensions: { code: 'IMPORT_INVALID' } }]);
  const bomb = await importRdf(gzipSync(`${'# padding\n'.repeat(10_000)}<0x30> <dgraph.type> "Person" .\n`), { 'Content-Encoding': 'gzip' });
  assert.equal(bomb.status, 413);
  assert.match(((await bomb.json()) as { errors: { message: string }[] }).errors[0].message, /larger than the limit of 64 KiB; raise it with --import-limit/);
  assert.deepEqual(await people(), before);
  const noToken = await fetch(`${server.url}/admin/import`, { method: 'POST', body: RDF, headers: { 'Content-Type': 'application/n-quads' } });
  assert.equal(noToken.status, 401);
});
