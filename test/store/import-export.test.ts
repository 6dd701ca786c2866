/**
 * Import of Dgraph exports, on both backends: the conformance data written
 * as an RDF export and as a JSON export (test/support/dgraph-export.ts)
 * answers exactly as the JSON mutation import does; importing again changes
 * nothing; the hand-written RDF fixture's typed literals, language tags,
 * facets and namespaces; batches of a bounded number of statements; a bad
 * line refused with its number, nothing written.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import { BATCH_TRIPLES } from '../../src/store/import/index.js';
import { readRecords, type ImportFormat } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { SchemaModel } from '../../src/model/types.js';
import { jsonExport, rdfExport } from '../support/dgraph-export.js';
import { describeConformance } from '../support/conformance.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type OpenedStore } from './support/backends.js';
import { conformanceData, conformanceModel, conformanceSchema } from './support/conformance.js';
import { dumpStore } from './support/dump.js';
import { modelFromSdl } from './support/model.js';
import { Plans } from './support/plans.js';

after(stopOwnCluster);

/** `text` in chunks of `size` characters, as a stream delivers it (boundaries anywhere). */
async function* chunks(text: string, size = 4096): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const importText = (store: Store, model: SchemaModel, format: ImportFormat, text: string, namespace = 0) =>
  store.importRecords(model, readRecords(format, chunks(text, 777)), { namespace });

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/dgraph-export/${name}`, import.meta.url), 'utf8');

for (const backend of BACKENDS) {
  describeConformance(`conformance data as a Dgraph export, on ${backend.name}`, () => {
    const model = conformanceModel();
    let fromJson: OpenedStore;
    const fromExport: Partial<Record<ImportFormat, OpenedStore>> = {};
    let expected: Record<string, unknown>;

    before(async () => {
      fromJson = await openLoaded(backend, model, conformanceSchema(), conformanceData());
      expected = await dumpStore(fromJson.store, model);
      for (const format of ['rdf', 'json'] as const) {
        const opened = await backend.open();
        await opened.store.applySchema(model, conformanceSchema());
        fromExport[format] = opened;
      }
    });
    after(async () => {
      await fromJson.close();
      for (const opened of Object.values(fromExport)) await opened.close();
    });

    test('the fixture reads the same whichever way it was loaded (dump is not trivially empty)', () => {
      assert.equal((expected.User as unknown[]).length, 5);
      assert.ok(Object.values(expected).filter((nodes) => (nodes as unknown[]).length > 0).length > 15);
    });

    for (const format of ['rdf', 'json'] as const) {
      test(`the ${format} export imports and answers as the JSON import does, and again after a second import`, async () => {
        const store = fromExport[format]!.store;
        const text = format === 'rdf' ? rdfExport(conformanceData()) : jsonExport(conformanceData());
        const first = await importText(store, model, format, text);
        assert.deepEqual(first.uids, {}, 'an export names every node by its uid');
        assert.ok(first.created > 50, String(first.created));
        assert.deepEqual(await dumpStore(store, model), expected);
        const again = await importText(store, model, format, text);
        assert.equal(again.created, 0);
        assert.equal(again.triples, first.triples);
        assert.deepEqual(await dumpStore(store, model), expected);
      });
    }

    test('JSON mutation data imported twice does not duplicate nodes that carry @id values', async () => {
      const count = async (type: string) => ((await fromJson.store.run(new Plans(model).query(type, { select: ['__typename'] }), ALLOW_ALL)) as unknown[]).length;
      const before = { User: await count('User'), Person: await count('Person') };
      await fromJson.store.importData(model, conformanceData());
      assert.equal(await count('User'), before.User, 'User.username is an @id');
      assert.equal(await count('Person'), before.Person, 'explicit uids');
    });
  });

  describe(`the hand-written RDF export, on ${backend.name}`, () => {
    const model = modelFromSdl(fixture('people.graphql'));
    const p = new Plans(model);
    let opened: OpenedStore;
    const run = (plan: Parameters<Store['run']>[0]) => opened.store.run(plan, ALLOW_ALL);
    const people = async () => ((await run(p.query('Person', {
      order: [p.asc('Person.xid')],
      select: ['xid', 'name', 'nickname', 'nicknameEn', 'age', 'height', 'alive', 'born', 'tags',
        p.edge('Person.friends', { select: ['xid'] }), p.edge('Person.employer', { select: ['name', 'staff'] })],
    }))) as { xid: string; tags: unknown }[])
      // An empty scalar list reads null for now (issue 15 makes it []): not what this test is about.
      .map((person) => ({ ...person, tags: person.tags ?? [] }));

    before(async () => {
      opened = await backend.open();
      await opened.store.applySchema(model, fixture('people.graphql'));
    });
    after(() => opened.close());

    test('typed literals, language tags, facets and namespaces', async () => {
      const result = await importText(opened.store, model, 'rdf', fixture('people.rdf'));
      assert.equal(result.triples, 21);
      assert.equal(result.created, 3);
      assert.deepEqual(result.warnings, [
        '1 language-tagged value of Person.name kept as Person.name@lang, which no field of the schema reads: a field with @dgraph(pred: "Person.name@lang") reads it (an untagged field reads only untagged values, as in Dgraph)',
        'facets of 1 value of Person.friends ignored: authline keeps no facets',
        '1 language-tagged value of Company.motto kept as Company.motto@lang, which no field of the schema reads: a field with @dgraph(pred: "Company.motto@lang") reads it (an untagged field reads only untagged values, as in Dgraph)',
        '2 records of namespace 0x2 skipped: this import reads namespace 0x0',
      ]);
      assert.deepEqual(await people(), [
        {
          xid: 'alice', name: 'Alice', nickname: null, nicknameEn: null, age: 42, height: 1.68, alive: true, born: '1984-03-01T10:00:00Z',
          tags: ['climber', 'reader'], friends: [{ xid: 'bob' }], employer: { name: 'Acme', staff: '9007199254740993' },
        },
        {
          // Only the field naming the language reads a tagged value: the untagged one stays absent, as Dgraph
          // reads a predicate without a language (posting/list.go, postingForLangs: no tag, no fallback but for `@.`).
          xid: 'bob', name: 'Bob "the builder" é\t!', nickname: null, nicknameEn: 'Bobby', age: 7, height: null, alive: null, born: null,
          tags: [], friends: [], employer: null,
        },
      ]);
    });

    test('importing it again changes nothing; another namespace imports only its own quads', async () => {
      const before = await people();
      assert.equal((await importText(opened.store, model, 'rdf', fixture('people.rdf'))).created, 0);
      assert.deepEqual(await people(), before);
      const tenant = await importText(opened.store, model, 'rdf', fixture('people.rdf'), 2);
      assert.equal(tenant.triples, 2);
      assert.deepEqual(tenant.warnings, ['21 records of namespace 0x0 skipped: this import reads namespace 0x2']);
      assert.deepEqual((await people()).map((person) => person.xid), ['alice', 'bob', 'tenant']);
    });

    test('a bad line is refused with its number, and nothing of the import is written', async () => {
      const before = await people();
      const bad = `<0x20> <dgraph.type> "Person" .\n<0x20> <Person.xid> "carol" .\n\n<0x20> <Person.age> "old"^^<xs:int> .\n`;
      await assert.rejects(importText(opened.store, model, 'rdf', bad), { code: 'IMPORT_INVALID', message: 'line 4: "old" is not a valid xs:int' });
      await assert.rejects(importText(opened.store, model, 'rdf', '<0x20> <Person.xid> "carol"\n'), { message: 'line 1: expected "." at the end of the quad, found the end of the line' });
      await assert.rejects(importText(opened.store, model, 'rdf', '<0x20> <Person.age> "x"^^<xs:money> .\n'), { message: 'line 1: unrecognized rdf type xs:money' });
      await assert.rejects(importText(opened.store, model, 'rdf', '<0x20> <Person.age> "old" .\n'), { message: 'line 1: Input for predicate "Person.age" of type Int is not valid: "old"' });
      await assert.rejects(importText(opened.store, model, 'json', '[{"uid": "0x20", "Person.xid": "carol"},\n {"uid": "0x21", "Person.age": [1, '), { message: 'line 2: not valid JSON: the data ends inside an object' });
      assert.deepEqual(await people(), before);
    });

    test('a large import is written in batches of a bounded number of statements, edges to nodes defined later included', async () => {
      const nodes = Math.ceil((BATCH_TRIPLES * 2.5) / 3);
      const lines: string[] = [];
      for (let i = 0; i < nodes; i++) {
        const uid = `0x${(0x1000 + i).toString(16)}`;
        lines.push(`<${uid}> <dgraph.type> "Person" <0x0> .`, `<${uid}> <Person.xid> "bulk${i}" <0x0> .`,
          `<${uid}> <Person.friends> <0x${(0x1000 + ((i + 1) % nodes)).toString(16)}> <0x0> .`);
      }
      opened.statements.length = 0;
      const result = await importText(opened.store, model, 'rdf', `${lines.join('\n')}\n`);
      assert.equal(result.triples, nodes * 3);
      assert.equal(result.created, nodes);
      const batches = Math.ceil(result.triples / BATCH_TRIPLES);
      assert.ok(opened.statements.length <= batches * 7 + 4, `${opened.statements.length} statements for ${batches} batches`);
      const last = await run(p.get('Person', p.uids(`0x${(0x1000 + nodes - 1).toString(16)}`), ['xid', p.edge('Person.friends', { select: ['xid'] })]));
      assert.deepEqual(last, { xid: `bulk${nodes - 1}`, friends: [{ xid: 'bulk0' }] });
    });
  });
}
