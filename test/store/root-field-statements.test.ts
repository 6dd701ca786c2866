/**
 * The SQL statements each root field sends, pinned on both backends, through
 * the engine with real tokens: a read is exactly one statement, with graph
 * rules on every level; a mutation is a fixed number (BEGIN and COMMIT
 * aside) whatever its input's size: add ≤ 3 (the lookup of what the input
 * refers to, which takes the @id locks; the write, which asks the new
 * nodes' add rules; the payload), update ≤ 3 when its input refers to no other node
 * (its targets, the write, the close; the lookup comes in as for an add),
 * delete ≤ 2 (its targets, the close that reads and deletes). Field rules cost no statement of their
 * own: an add whose only add rule is a field's graph rule sends what the
 * same add without field rules sends, with a payload to read or without.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { AUTH_LINE, json, run, token } from '../engine/support.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, type OpenedStore } from './support/backends.js';

after(stopOwnCluster);

const OWNER = 'query($USER: String!) { queryTask { owner(filter: { username: { eq: $USER } }) { __typename } } }';
const MEMO_OWNER = 'query($USER: String!) { queryMemo { owner(filter: { username: { eq: $USER } }) { __typename } } }';

const SCHEMA = `type User {
  username: String! @id
  team: String @search(by: [hash])
  tasks: [Task] @hasInverse(field: owner)
}

type Task @auth(
  query: { rule: """${OWNER}""" }
  add: { rule: """${OWNER}""" }
  update: { rule: """${OWNER}""" }
  delete: { rule: """${OWNER}""" }
) {
  id: ID!
  title: String! @search(by: [term])
  done: Boolean @search
  owner: User
}

type Memo {
  id: ID!
  text: String!
  secret: String @auth(add: { rule: """${MEMO_OWNER}""" })
  owner: User
}

type Note {
  id: ID!
  text: String!
  secret: String
  owner: User
}
${AUTH_LINE}`;

const DATA = [
  { uid: '_:alice', 'dgraph.type': 'User', 'User.username': 'alice', 'User.team': 'red' },
  { uid: '_:bob', 'dgraph.type': 'User', 'User.username': 'bob', 'User.team': 'red' },
  ...Array.from({ length: 30 }, (_, i) => ({ 'dgraph.type': 'Task', 'Task.title': `chore ${i}`, 'Task.done': false, 'Task.owner': { uid: i % 2 ? '_:alice' : '_:bob' } })),
];

const ALICE = { USER: 'alice' };

/** `count` add inputs for `type`, owned by alice. */
function inputs(type: 'Task' | 'Memo' | 'Note', count: number): string {
  const one = (i: number) => (type === 'Task'
    ? `{ title: "new ${i}", done: false, owner: { username: "alice" } }`
    : `{ text: "new ${i}", secret: "s${i}", owner: { username: "alice" } }`);
  return `[${Array.from({ length: count }, (_, i) => one(i)).join(', ')}]`;
}

for (const backend of BACKENDS) {
  describe(`statements per root field on ${backend.name}`, () => {
    let opened: OpenedStore;
    let service: AuthlineService;

    /** The statements `request` sends (BEGIN and COMMIT counted apart), after checking its answer has no errors. */
    async function statementsOf(request: string): Promise<{ statements: number; transaction: boolean; data: unknown }> {
      opened.statements.length = 0;
      const result = json(await run(service, request, { token: await token(ALICE) })) as { data?: unknown; errors?: unknown };
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const sent = opened.statements.filter((s) => !/^\s*(BEGIN|COMMIT)/.test(s));
      return { statements: sent.length, transaction: sent.length < opened.statements.length, data: result.data };
    }

    test('set up', async () => {
      opened = await backend.open();
      service = await createService({ store: opened.store });
      await service.uploadSchema(SCHEMA);
      await service.importData(DATA);
    });

    test('a read is one statement, graph rules on every level included', async () => {
      const reads = [
        '{ queryTask(first: 5) { title owner { username tasks(first: 3) { title } } } }',
        '{ queryUser { username tasks(filter: { done: false }, first: 2) { title owner { username } } } }',
        '{ getUser(username: "alice") { tasks { title } } }',
        '{ aggregateTask { count titleMin } }',
      ];
      for (const read of reads) {
        const { statements, transaction } = await statementsOf(read);
        assert.deepEqual({ read, statements, transaction }, { read, statements: 1, transaction: false });
      }
    });

    test('an add is at most 3 statements, for 1 node or 40', async () => {
      const payload = '{ numUids task { title owner { username } } }';
      const one = await statementsOf(`mutation { addTask(input: ${inputs('Task', 1)}) ${payload} }`);
      const many = await statementsOf(`mutation { addTask(input: ${inputs('Task', 40)}) ${payload} }`);
      assert.equal((many.data as { addTask: { numUids: number } }).addTask.numUids, 40);
      assert.ok(one.statements <= 3 && one.transaction, `add sent ${one.statements} statements`);
      assert.equal(many.statements, one.statements);
    });

    test("a field's graph add rule costs no statement of its own", async () => {
      const payload = '{ numUids memo: memo { text } note: note { text } }';
      const ruled = await statementsOf(`mutation { addMemo(input: ${inputs('Memo', 3)}) ${payload.replace(' note: note { text }', '')} }`);
      const plain = await statementsOf(`mutation { addNote(input: ${inputs('Note', 3)}) ${payload.replace(' memo: memo { text }', '')} }`);
      assert.equal((ruled.data as { addMemo: { numUids: number } }).addMemo.numUids, 3);
      assert.equal(ruled.statements, plain.statements);
      // Without a payload to read, the rule is asked by the statement that writes.
      const ruledCount = await statementsOf(`mutation { addMemo(input: ${inputs('Memo', 2)}) { numUids } }`);
      const plainCount = await statementsOf(`mutation { addNote(input: ${inputs('Note', 2)}) { numUids } }`);
      assert.equal((ruledCount.data as { addMemo: { numUids: number } }).addMemo.numUids, 2);
      assert.equal(ruledCount.statements, plainCount.statements);
      // The rule is asked: a memo with a secret for someone else is refused, and nothing is written.
      const refused = json(await run(service, `mutation { addMemo(input: ${inputs('Memo', 1).replace('alice', 'bob')}) { numUids } }`, { token: await token(ALICE) }));
      assert.match(JSON.stringify(refused), /authorization failed/);
      const memos = json(await run(service, '{ queryMemo { text } }', { token: await token(ALICE) })) as { data: { queryMemo: unknown[] } };
      assert.equal(memos.data.queryMemo.length, 5, 'the 3 and 2 memos added above, not the refused one');
    });

    test('an update is at most 3 statements, for 1 target or all of them', async () => {
      const update = (filter: string) => `mutation { updateTask(input: { filter: ${filter}, set: { done: true } }) { numUids task { title } } }`;
      const one = await statementsOf(update('{ title: { anyofterms: "chore 1" } }'));
      const all = await statementsOf(update('{ done: false }'));
      assert.ok((all.data as { updateTask: { numUids: number } }).updateTask.numUids > 10);
      assert.ok(one.statements <= 3 && one.transaction, `update sent ${one.statements} statements`);
      assert.equal(all.statements, one.statements);
    });

    test('a delete is at most 2 statements, for 1 target or many', async () => {
      const remove = (filter: string) => `mutation { deleteTask(filter: ${filter}) { numUids msg task { title } } }`;
      const one = await statementsOf(remove('{ title: { anyofterms: "new 0" } }'));
      const many = await statementsOf(remove('{ done: true }'));
      assert.ok((many.data as { deleteTask: { numUids: number } }).deleteTask.numUids > 10);
      assert.ok(one.statements <= 2 && one.transaction, `delete sent ${one.statements} statements`);
      assert.equal(many.statements, one.statements);
    });

    test('tear down', () => service.close());
  });
}
