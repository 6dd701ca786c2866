/**
 * Golden SQL: for a few representative root fields, the statements a GraphQL
 * request with given JWT claims sends to the database, kept in
 * test/store/golden/<case>.sql (as Dgraph keeps GraphQL → DQL tables), so a
 * compiler change shows its diff in review. The answers are checked by the
 * behaviour tests; these pin the SQL that gives them.
 *
 * After a deliberate change, regenerate and read the diff:
 *   UPDATE_GOLDEN=1 npm test -- golden
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, json, run, token } from '../engine/support.js';
import { layOut } from './support/sql-text.js';

const SCHEMA = `type User {
  username: String! @id
  name: String @search(by: [term])
  tasks: [Task] @hasInverse(field: owner)
  audits: [Audit]
}

type Task @auth(
  query: { rule: """query($USER: String!) { queryTask { owner(filter: { username: { eq: $USER } }) { __typename } } }""" }
  add: { rule: """query($USER: String!) { queryTask { owner(filter: { username: { eq: $USER } }) { __typename } } }""" }
) {
  id: ID!
  title: String! @search(by: [term, exact])
  priority: Int @search
  done: Boolean @search
  owner: User
  notes: [Note]
}

type Note @auth(
  query: { or: [
    { rule: "{$ROLE: { eq: \\"ADMIN\\" }}" },
    { rule: """query($USER: String!) { queryNote(filter: { author: { eq: $USER } }) { id } }""" }
  ] }
) {
  id: ID!
  text: String!
  author: String @search(by: [hash])
}

type Audit @auth(query: { rule: "{$ROLE: { eq: \\"ADMIN\\" }}" }) {
  id: ID!
  entry: String!
}
${AUTH_LINE}`;

const DATA = [
  { uid: '_:alice', 'dgraph.type': 'User', 'User.username': 'alice', 'User.name': 'Alice Ann', 'User.audits': [{ 'dgraph.type': 'Audit', 'Audit.entry': 'login' }] },
  { uid: '_:bob', 'dgraph.type': 'User', 'User.username': 'bob', 'User.name': 'Bob' },
  {
    uid: '_:report', 'dgraph.type': 'Task', 'Task.title': 'weekly report', 'Task.priority': 2, 'Task.done': false, 'Task.owner': { uid: '_:alice' },
    'Task.notes': [{ 'dgraph.type': 'Note', 'Note.text': 'draft', 'Note.author': 'alice' }, { 'dgraph.type': 'Note', 'Note.text': 'hint', 'Note.author': 'bob' }],
  },
  { uid: '_:review', 'dgraph.type': 'Task', 'Task.title': 'code review', 'Task.priority': 3, 'Task.done': false, 'Task.owner': { uid: '_:bob' } },
];

interface GoldenCase {
  /** The fixture's file name, without `.sql`. */
  readonly name: string;
  readonly claims: Record<string, unknown>;
  /** The request; `$report` stands for the uid of the task "weekly report". */
  readonly request: string;
}

/** In order: the mutations come last, each seeing what the ones before it wrote. */
const CASES: readonly GoldenCase[] = [
  {
    name: 'list-filter-order',
    claims: {},
    request: '{ queryUser(filter: { name: { anyofterms: "ann" } }, order: { asc: username }, first: 5) { username name } }',
  },
  { name: 'get', claims: { USER: 'alice' }, request: '{ getTask(id: "$report") { title priority } }' },
  {
    name: 'aggregate',
    claims: { USER: 'alice' },
    request: '{ aggregateTask(filter: { done: false }) { count priorityMax titleMin } }',
  },
  {
    name: 'nested-rbac',
    claims: { ROLE: 'USER', USER: 'alice' },
    request: '{ queryUser { username audits { entry } tasks { title notes { text } } } }',
  },
  {
    name: 'graph-rule',
    claims: { USER: 'alice' },
    request: '{ queryTask(filter: { priority: { between: { min: 1, max: 5 } } }) { title owner { username } } }',
  },
  {
    name: 'add',
    claims: { USER: 'alice' },
    request: 'mutation { addTask(input: [{ title: "plan", priority: 1, owner: { username: "alice" } }]) { task { title } numUids } }',
  },
  {
    name: 'update',
    claims: { USER: 'alice' },
    request: 'mutation { updateTask(input: { filter: { title: { anyofterms: "report" } }, set: { done: true } }) { task { title done } numUids } }',
  },
  {
    name: 'delete',
    claims: { USER: 'alice' },
    request: 'mutation { deleteTask(filter: { done: true }) { msg numUids } }',
  },
];

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const statements: { sql: string; params: readonly unknown[] }[] = [];
let service: AuthlineService;
let report: string;

before(async () => {
  const store = await openStore({ onStatement: (sql, params) => statements.push({ sql, params }) });
  service = await createService({ store });
  await service.uploadSchema(SCHEMA);
  report = (await service.importData(DATA)).uids.report;
});
after(() => service.close());

function fixture(c: GoldenCase, request: string, sent: readonly { sql: string; params: readonly unknown[] }[]): string {
  const header = [`-- ${request}`, `-- claims: ${JSON.stringify(c.claims)}`];
  const body = sent.map((s, i) => `-- statement ${i + 1}, params: ${JSON.stringify(s.params)}\n${layOut(s.sql)};`);
  return `${[...header, '', ...body].join('\n')}\n`;
}

for (const c of CASES) {
  test(`golden SQL: ${c.name}`, async () => {
    const request = c.request.replace('$report', report);
    statements.length = 0;
    const result = json(await run(service, request, { token: await token(c.claims) }));
    assert.equal((result as { errors?: unknown }).errors, undefined, JSON.stringify(result));
    const actual = fixture(c, request, statements);
    const path = new URL(`golden/${c.name}.sql`, import.meta.url);
    if (UPDATE) writeFileSync(path, actual);
    assert.equal(actual, readFileSync(path, 'utf8'), `the SQL of ${c.name} changed: if that is meant, regenerate with UPDATE_GOLDEN=1 npm test -- golden`);
  });
}
