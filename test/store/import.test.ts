/**
 * Import of Dgraph JSON: the conformance data, explicit and blank uids,
 * repeated blank nodes, type conversion, unknown predicates kept (and found
 * again after a schema change), all or nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ImportError } from '../../src/store/errors.js';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import type { RootPlan } from '../../src/plan/types.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type LoadedStore } from './support/backends.js';
import { describeConformance } from '../support/conformance.js';
import { conformanceData, conformanceModel, conformanceSchema } from './support/conformance.js';
import { modelFromSdl } from './support/model.js';
import { Plans } from './support/plans.js';

after(stopOwnCluster);

const COUNTS: Record<string, number> = {
  User: 5, Region: 6, Movie: 4, Review: 1, Issue: 2, Log: 2, ComplexLog: 2, Role: 7, Project: 2, Column: 3,
  // ticket1 is only referenced, never given a type.
  Ticket: 3, UserSecret: 1, Book: 1, Person: 2, Question: 3, FbPost: 2, Answer: 2, Author: 2, Car: 1, Post: 7, Vehicle: 1,
};

for (const backend of BACKENDS) {
  describeConformance(`import on ${backend.name}`, () => {
    const model = conformanceModel();
    const p = new Plans(model);
    let opened: LoadedStore;
    const run = (plan: RootPlan) => opened.store.run(plan, ALLOW_ALL);
    const count = async (type: string) => ((await run(p.aggregateRoot(type, [{ key: 'count', fn: 'count' }]))) as { count: number }).count;

    before(async () => { opened = await openLoaded(backend, model, conformanceSchema(), conformanceData()); });
    after(() => opened.close());

    test('the conformance data imports: every node with its type', async () => {
      for (const [type, expected] of Object.entries(COUNTS)) assert.equal(await count(type), expected, type);
      assert.equal(Object.keys(opened.uids).length, 50);
      assert.match(opened.uids.user1, /^0x[0-9a-f]+$/);
    });

    test('explicit uids are kept, blank nodes get uids past them', async () => {
      assert.deepEqual(await run(p.get('Person', p.uids('0xffe'), ['id', 'name'])), { id: '0xffe', name: 'Person1' });
      assert.deepEqual(await run(p.get('Person', p.uids('0xfff'), ['name'])), { name: 'Person2' });
      for (const uid of Object.values(opened.uids)) assert.ok(BigInt(uid) > 0xfffn, uid);
    });

    test('a blank node repeated across objects is one node; a list on a singular edge keeps one value', async () => {
      const questions = await run(p.query('Question', {
        order: [p.asc('Post.text')],
        select: ['text', 'answered', p.edge('Post.author', { select: ['name', p.edge('Author.posts', { order: [p.asc('Post.text')], select: ['text'] })] })],
      }));
      assert.deepEqual(questions, [
        { text: 'A Question', answered: true, author: { name: 'user1@dgraph.io', posts: [{ text: 'A Question', __typename: 'Question' }, { text: 'C Question', __typename: 'Question' }] } },
        { text: 'B Question', answered: true, author: { name: 'user2@dgraph.io', posts: [{ text: 'B Question', __typename: 'Question' }] } },
        { text: 'C Question', answered: false, author: { name: 'user1@dgraph.io', posts: [{ text: 'A Question', __typename: 'Question' }, { text: 'C Question', __typename: 'Question' }] } },
      ]);
      // "true" for a Boolean predicate was converted: filters see booleans.
      assert.equal((await run(p.query('Question', { filter: p.eq('Question.answered', true), select: ['text'] })) as unknown[]).length, 2);
    });

    test('predicates no type declares are kept, and a schema that declares them reads them', async () => {
      const extended = modelFromSdl(`${conformanceSchema()}
        type Shelf { id: ID! label: String }`.replace('  random: String\n  code: String\n}', '  random: String\n  code: String\n  disabled: Boolean\n}')
        .replace('tickets: [Ticket] @hasInverse(field: onColumn)', 'tickets: [Ticket] @dgraph(pred: "ticket.tickets")'));
      await opened.store.applySchema(extended, 'extended');
      const q = new Plans(extended);
      const movies = await opened.store.run(q.query('Movie', { order: [q.asc('Movie.content')], select: ['content', 'disabled'] }), ALLOW_ALL);
      assert.deepEqual(movies, [
        { content: 'Movie1', disabled: false }, { content: 'Movie2', disabled: false },
        { content: 'Movie3', disabled: true }, { content: 'Movie4', disabled: null },
      ]);
      const columns = await opened.store.run(q.query('Column', { order: [q.asc('Column.name')], select: ['name', q.edge('Column.tickets', { select: ['title'] })] }), ALLOW_ALL);
      // ticket1 has no type, so a Ticket level does not show it.
      assert.deepEqual(columns, [
        { name: 'Column1', tickets: [{ title: 'Ticket2' }] }, { name: 'Column2', tickets: [{ title: 'Ticket3' }] }, { name: 'Column3', tickets: [{ title: 'Ticket4' }] },
      ]);
      assert.equal((await opened.store.currentSchema())?.sdl, 'extended');
    });

    test('{"set": [...]}, nested node objects, facets dropped, explicit uids merged into existing nodes', async () => {
      const result = await opened.store.importData(model, { set: [
        { uid: '_:nested', 'dgraph.type': 'Project', 'Project.name': 'Nested', 'Project.columns|weight': 3,
          'Project.roles': [{ 'dgraph.type': 'Role', 'Role.permission': 'EDIT' }] },
        { uid: '0xffe', 'Person.name': 'Person One', 'dgraph.type': ['Person', 'Extra'] },
      ] });
      assert.deepEqual(Object.keys(result.uids), ['nested']);
      const project = await run(p.get('Project', p.uids(result.uids.nested), ['name', p.edge('Project.roles', { select: ['permission'] })]));
      assert.deepEqual(project, { name: 'Nested', roles: [{ permission: 'EDIT' }] });
      assert.deepEqual(await run(p.get('Person', p.uids('0xffe'), ['name'])), { name: 'Person One' });
    });

    test('bad data is refused with a clear error and nothing is written', async () => {
      const before = await count('Project');
      const bad = [
        { uid: '_:ok', 'dgraph.type': 'Project', 'Project.name': 'Fine' },
        { uid: '_:bad', 'dgraph.type': 'Question', 'Question.answered': 'maybe' },
      ];
      await assert.rejects(opened.store.importData(model, bad), (e: unknown) => e instanceof ImportError && /Question\.answered/.test((e as Error).message));
      await assert.rejects(opened.store.importData(model, [1, 2]), ImportError);
      await assert.rejects(opened.store.importData(model, { set: 'nothing' }), ImportError);
      await assert.rejects(opened.store.importData(model, [{ uid: '0xZZ' }]), ImportError);
      await assert.rejects(opened.store.importData(model, [{ uid: '_:x', 'Project.roles': [{ uid: '_:y' }, 'text'] }]), ImportError);
      assert.equal(await count('Project'), before);
    });

    test('an empty list sets nothing, for edges and values alike, as in Dgraph', async () => {
      const { uids: made } = await opened.store.importData(model, [
        { uid: '_:empty', 'dgraph.type': 'Project', 'Project.name': 'Empty', 'Project.roles': [], 'Project.columns': [] },
      ]);
      const p = new Plans(model);
      const project = await opened.store.run(p.get('Project', { kind: 'uid', uids: [BigInt(made.empty).toString()] }, ['name', p.edge('Project.roles', { select: ['__typename'] })]), ALLOW_ALL);
      assert.deepEqual(project, { name: 'Empty', roles: [] });
    });

    test('a node with 150,000 references in one list imports (too many to spread as call arguments)', async () => {
      const { uids: made } = await opened.store.importData(model, [
        { uid: '_:many', 'dgraph.type': 'Project', 'Project.name': 'Many', 'Project.roles': Array.from({ length: 150_000 }, () => ({ uid: '_:role' })) },
        { uid: '_:role', 'dgraph.type': 'Role', 'Role.permission': 'VIEW' },
      ]);
      const project = await run(p.get('Project', p.uids(made.many), ['name', p.edge('Project.roles', { select: ['permission'] })]));
      assert.deepEqual(project, { name: 'Many', roles: [{ permission: 'VIEW' }] });
    });
  });
}
