/**
 * The plan cache (engine/plan-cache.ts): a read root field asked again with
 * the same document, operation, variables and claims runs the SQL compiled
 * the first time; anything that could change the SQL compiles anew. Counted
 * on the real store, by watching its compileRead calls and its statements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import type { AuthOperation } from '../../src/rules/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { stringifyExact } from '../../src/server/exact-json.js';
import { after } from 'node:test';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS } from '../store/support/backends.js';
import { AUTH_LINE, json, token } from './support.js';

after(stopOwnCluster);

const SCHEMA = `type Task @auth(query: { or: [
  { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  { rule: """query($USER: String!) { queryTask(filter: { owner: { eq: $USER } }) { __typename } }""" } ] }) {
  id: ID!
  title: String! @search(by: [hash])
  owner: String! @search(by: [hash])
}
type Secret @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  id: ID!
  text: String
}
${AUTH_LINE}`;

const DATA = [
  ...['a1', 'a2', 'a3'].map((title) => ({ 'dgraph.type': 'Task', 'Task.title': title, 'Task.owner': 'alice' })),
  ...['b1', 'b2'].map((title) => ({ 'dgraph.type': 'Task', 'Task.title': title, 'Task.owner': 'bob' })),
  { 'dgraph.type': 'Secret', 'Secret.text': 'hidden' },
];

interface Counting {
  readonly service: AuthlineService;
  /** compileRead calls so far. */
  compiled: number;
  /** Statements sent so far. */
  statements: number;
  readonly denied: string[];
  close(): Promise<void>;
}

/** A service on a real store whose compileRead calls are counted as they pass through. */
async function counting(): Promise<Counting> {
  const counts = { compiled: 0, statements: 0 };
  const store = await openStore({ onStatement: () => void counts.statements++ });
  const watched: Store = Object.create(store) as Store;
  watched.compileRead = (...args) => {
    counts.compiled++;
    return store.compileRead(...args);
  };
  const denied: string[] = [];
  const service = await createService({ store: watched, observer: { accessDenied: (type: string, operation: AuthOperation) => denied.push(`${type}.${operation}`) } });
  await service.uploadSchema(SCHEMA);
  await service.importData(DATA);
  return Object.assign(counts, { service, denied, close: async () => { await service.close(); await store.close(); } });
}

interface Ask {
  readonly token?: string;
  readonly variables?: Record<string, unknown>;
  readonly queryEdgeLimit?: number;
  readonly explain?: boolean;
}

async function ask(service: AuthlineService, document: DocumentNode, options: Ask = {}): Promise<ExecutionResult> {
  const schema = service.current()!;
  const prepared = await schema.prepare({
    headers: options.token === undefined ? {} : { 'x-auth': options.token },
    debug: true,
    ...(options.queryEdgeLimit !== undefined ? { queryEdgeLimit: options.queryEdgeLimit } : {}),
    ...(options.explain ? { explain: true } : {}),
  });
  if ('errors' in prepared) throw new Error(String(prepared.errors));
  return schema.execute({ document, variableValues: options.variables, contextValue: prepared.contextValue });
}

const titles = (result: ExecutionResult, field = 'queryTask') =>
  ((result.data?.[field] ?? []) as { title: string }[]).map((t) => t.title);

test('the plan cache', async (t) => {
  const c = await counting();
  t.after(() => c.close());
  const alice = await token({ USER: 'alice' });
  const bob = await token({ USER: 'bob' });
  const admin = await token({ ROLE: 'ADMIN' });
  const list = parse('query($first: Int) { mine: queryTask(first: $first, order: { asc: title }) { title } count: aggregateTask { count } }');

  await t.test('the same request again runs what was compiled, and answers the same', async () => {
    const before = c.compiled;
    const first = json(await ask(c.service, list, { token: alice, variables: { first: 2 } }));
    assert.equal(c.compiled - before, 2, 'one compiled read per root field');
    const statements = c.statements;
    const again = json(await ask(c.service, list, { token: alice, variables: { first: 2 } }));
    assert.equal(c.compiled - before, 2, 'nothing compiled again');
    assert.equal(c.statements - statements, 2, 'each root field still runs its statement');
    assert.deepEqual(again, first);
    assert.deepEqual(first, { data: { mine: [{ title: 'a1' }, { title: 'a2' }], count: { count: 3 } } });
  });

  await t.test('other claims compile anew, under their own rules', async () => {
    const before = c.compiled;
    assert.deepEqual(titles(await ask(c.service, list, { token: bob, variables: { first: 2 } }), 'mine'), ['b1', 'b2']);
    assert.deepEqual(titles(await ask(c.service, list, { token: admin, variables: { first: 2 } }), 'mine'), ['a1', 'a2']);
    assert.deepEqual(titles(await ask(c.service, list, { variables: { first: 2 } }), 'mine'), []);
    assert.equal(c.compiled - before, 6);
    // Each set of claims now has its own entry.
    assert.deepEqual(titles(await ask(c.service, list, { token: bob, variables: { first: 2 } }), 'mine'), ['b1', 'b2']);
    assert.deepEqual(titles(await ask(c.service, list, { token: alice, variables: { first: 2 } }), 'mine'), ['a1', 'a2']);
    assert.equal(c.compiled - before, 6);
  });

  await t.test('claims no rule reads are not part of the key: a renewed token finds what the last one compiled', async () => {
    const before = c.compiled;
    const renewed = await token({ USER: 'alice', sid: 'another session' }, '10m');
    assert.deepEqual(titles(await ask(c.service, list, { token: renewed, variables: { first: 2 } }), 'mine'), ['a1', 'a2']);
    assert.equal(c.compiled - before, 0, 'nothing compiled for a claim no rule reads, nor for another expiry');
    // ROLE is read by a rule: a token that adds it compiles anew, even though alice's rows are its answer too.
    assert.deepEqual(titles(await ask(c.service, list, { token: await token({ USER: 'alice', ROLE: 'USER' }), variables: { first: 2 } }), 'mine'), ['a1', 'a2']);
    assert.equal(c.compiled - before, 2);
  });

  await t.test('other variables compile anew', async () => {
    const before = c.compiled;
    assert.deepEqual(titles(await ask(c.service, list, { token: alice, variables: { first: 3 } }), 'mine'), ['a1', 'a2', 'a3']);
    assert.equal(c.compiled - before, 2);
  });

  await t.test('the node budget is the request\'s own, not the one the read was compiled under', async () => {
    const one = parse('{ queryTask(order: { asc: title }) { title } }');
    assert.deepEqual(titles(await ask(c.service, one, { token: admin, queryEdgeLimit: 100 })), ['a1', 'a2', 'a3', 'b1', 'b2']);
    const before = c.compiled;
    const limited = await ask(c.service, one, { token: admin, queryEdgeLimit: 2 });
    assert.equal(c.compiled, before, 'served from the cache');
    assert.deepEqual(limited.data, { __proto__: null, queryTask: [] });
    assert.equal(limited.errors?.[0]?.extensions.code, 'QUERY_EDGE_LIMIT');
    assert.deepEqual(titles(await ask(c.service, one, { token: admin, queryEdgeLimit: 5 })), ['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  await t.test('a cached read reports its refusals on every request', async () => {
    const secrets = parse('{ querySecret { text } }');
    c.denied.length = 0;
    const before = c.compiled;
    for (let i = 0; i < 3; i++) assert.deepEqual(json(await ask(c.service, secrets, { token: alice })), { data: { querySecret: [] } });
    assert.equal(c.compiled - before, 1);
    assert.deepEqual(c.denied, ['Secret.query', 'Secret.query', 'Secret.query']);
    assert.deepEqual(json(await ask(c.service, secrets, { token: admin })), { data: { querySecret: [{ text: 'hidden' }] } });
  });

  await t.test('an explained request decides its rules anew', async () => {
    const before = c.compiled;
    await ask(c.service, list, { token: alice, variables: { first: 2 }, explain: true });
    await ask(c.service, list, { token: alice, variables: { first: 2 }, explain: true });
    assert.equal(c.compiled - before, 4);
  });

  await t.test('a schema swap starts an empty cache', async () => {
    await c.service.uploadSchema(SCHEMA.replace('text: String', 'text: String @search(by: [hash])'));
    const before = c.compiled;
    assert.deepEqual(titles(await ask(c.service, list, { token: alice, variables: { first: 2 } }), 'mine'), ['a1', 'a2']);
    assert.equal(c.compiled - before, 2);
  });
});

const VARIED_SCHEMA = `interface Item {
  id: ID!
  name: String! @search(by: [hash, term])
  owner: Person
}
type Tool implements Item {
  weight: Int
  serial: Int64
  madeAt: DateTime
  price: Float
  tags: [String]
}
type Book implements Item {
  pages: Int
}
type Person {
  id: ID!
  nick: String! @id
  salary: Int @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" })
  items: [Item] @hasInverse(field: owner)
}
type Vault @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  id: ID!
  code: String
}
${AUTH_LINE}`;

const VARIED_DATA = [
  { uid: '_:ann', 'dgraph.type': 'Person', 'Person.nick': 'ann', 'Person.salary': 10 },
  { uid: '_:ben', 'dgraph.type': 'Person', 'Person.nick': 'ben' },
  { 'dgraph.type': ['Tool', 'Item'], 'Item.name': 'hammer', 'Tool.weight': 3, 'Tool.serial': '9007199254740993', 'Tool.madeAt': '2024-05-06T07:08:09.123Z', 'Tool.price': 12.5, 'Tool.tags': ['steel', 'heavy'], 'Item.owner': { uid: '_:ann' } },
  { 'dgraph.type': ['Tool', 'Item'], 'Item.name': 'saw', 'Tool.price': 7, 'Item.owner': { uid: '_:ben' } },
  { 'dgraph.type': ['Book', 'Item'], 'Item.name': 'atlas', 'Book.pages': 300, 'Item.owner': { uid: '_:ann' } },
  { 'dgraph.type': 'Vault', 'Vault.code': 'x' },
];

/** Requests of many shapes: each must answer the same from the cache as when it was compiled. */
const VARIED: readonly { readonly query: string; readonly variables?: Record<string, unknown> }[] = [
  { query: '{ a: queryTool(order: { asc: name }) { n: name weight serial madeAt price tags } b: queryBook { name pages } }' },
  { query: '{ queryItem(order: { asc: name }) { __typename name ... on Tool { weight owner { nick } } ...B } } fragment B on Book { pages }' },
  { query: '{ queryPerson(order: { asc: nick }) { nick salary items(order: { asc: name }) { name } } }' },
  { query: '{ queryPerson @cascade { nick items(filter: { name: { anyofterms: "atlas" } }) { name } } }' },
  { query: '{ aggregateTool { count priceMax nameMin } aggregatePerson(filter: { nick: { eq: "ann" } }) { count } }' },
  { query: 'query($n: String!, $f: Int) { getPerson(nick: $n) { nick items(first: $f) { name } } }', variables: { n: 'ann', f: 1 } },
  { query: '{ queryVault { code } aggregateVault { count } }' },
  { query: 'query One($x: Int) { queryBook(first: $x) { name } } query Two { queryTool(first: 1) { name } }', variables: { x: 1 } },
];

for (const backend of BACKENDS) {
  test(`a cached read answers as it did when compiled, on ${backend.name}`, async (t) => {
    const opened = await backend.open();
    const service = await createService({ store: opened.store });
    t.after(() => service.close()); // closes the store
    await service.uploadSchema(VARIED_SCHEMA);
    await service.importData(VARIED_DATA);
    for (const claims of [{ ROLE: 'ADMIN' }, { ROLE: 'USER' }]) {
      const bearer = await token(claims);
      for (const { query, variables } of VARIED) {
        const document = parse(query);
        for (const operationName of query.includes('query One') ? ['One', 'Two'] : [undefined]) {
          const schema = service.current()!;
          const askOnce = async (asked: DocumentNode) => {
            const prepared = await schema.prepare({ headers: { 'x-auth': bearer }, debug: true });
            if ('errors' in prepared) throw new Error(String(prepared.errors));
            opened.statements.length = 0;
            const answer = stringifyExact(await schema.execute({ document: asked, operationName, variableValues: variables, contextValue: prepared.contextValue }));
            return { answer, statements: [...opened.statements] };
          };
          const compiled = await askOnce(document);
          const cached = await askOnce(document);
          const fresh = await askOnce(parse(query));
          const label = `${JSON.stringify(claims)} ${operationName ?? ''} ${query}`;
          assert.equal(cached.answer, compiled.answer, label);
          assert.equal(fresh.answer, compiled.answer, label);
          assert.deepEqual(cached.statements, compiled.statements, label);
          assert.match(compiled.answer, /^\{"data":\{"/, label);
          if (query.includes('serial') && claims.ROLE === 'ADMIN') assert.match(compiled.answer, /"serial":9007199254740993,/);
        }
      }
    }
  });
}
