/**
 * Mutations in the plan cache (engine/plan-cache.ts, store/mutate/compiled.ts):
 * the same mutation asked again with the same document, variables and claims
 * runs with the plan and the statements its first run compiled (its lookup,
 * its write for the nodes the lookup found, its payload's), the payload's
 * root uids and node budget bound anew; a write that found other nodes, or
 * that depends on when it ran, is written anew; other claims or a schema
 * swap start anew; kept entries count against the cache's bound. Counted on the real store, by watching what the engine hands its
 * run calls and the statements it sends.
 */
import assert from 'node:assert/strict';
import { parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { after, test } from 'node:test';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { PLAN_CACHE_CHARS, PlanCache } from '../../src/engine/plan-cache.js';
import type { AuthOperation } from '../../src/rules/index.js';
import { CompiledMutation, openStore, type Store, type WriteOptions } from '../../src/store/index.js';
import type { RootPlan } from '../../src/plan/index.js';
import { stopOwnCluster } from '../support/postgres.js';
import { AUTH_LINE, json, token } from './support.js';

after(stopOwnCluster);

const OWNER = 'query($USER: String!) { queryTask { owner(filter: { username: { eq: $USER } }) { __typename } } }';

const SCHEMA = `type User @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  username: String! @id
  tasks: [Task] @hasInverse(field: owner)
}
type Task @auth(query: { rule: """${OWNER}""" }, add: { rule: """${OWNER}""" }) {
  id: ID!
  title: String!
  owner: User
}
type Stamp {
  id: ID!
  note: String
  at: DateTime @default(add: { value: "$now" })
}
${AUTH_LINE}`;

interface Run {
  readonly plan: RootPlan;
  readonly compiled?: CompiledMutation;
}

interface Counting {
  readonly service: AuthlineService;
  /** The mutations run, with what the engine handed the store. */
  readonly runs: Run[];
  /** Statements sent, in order. */
  readonly statements: string[];
  readonly denied: string[];
  close(): Promise<void>;
}

async function counting(): Promise<Counting> {
  const statements: string[] = [];
  const store = await openStore({ onStatement: (sql) => void statements.push(sql) });
  const runs: Run[] = [];
  const watched: Store = Object.create(store) as Store;
  watched.run = (plan, policy, budget, options?: WriteOptions) => {
    if (plan.kind === 'add' || plan.kind === 'update' || plan.kind === 'delete') runs.push({ plan, ...(options?.compiled ? { compiled: options.compiled } : {}) });
    return store.run(plan, policy, budget, options);
  };
  const denied: string[] = [];
  const service = await createService({ store: watched, observer: { accessDenied: (type: string, operation: AuthOperation) => denied.push(`${type}.${operation}`) } });
  await service.uploadSchema(SCHEMA);
  await service.importData([{ 'dgraph.type': 'User', 'User.username': 'alice' }, { 'dgraph.type': 'User', 'User.username': 'bob' }]);
  return { service, runs, statements, denied, close: async () => { await service.close(); await store.close(); } };
}

/** One token per set of claims, as a client keeps it: a new one would carry other claims (its iat and exp). */
const tokens = new Map<string, Promise<string>>();

async function ask(service: AuthlineService, document: DocumentNode, claims: Record<string, unknown>, variables?: Record<string, unknown>): Promise<ExecutionResult> {
  const schema = service.current()!;
  const key = JSON.stringify(claims);
  if (!tokens.has(key)) tokens.set(key, token(claims));
  const prepared = await schema.prepare({ headers: { 'x-auth': await tokens.get(key)! }, debug: true });
  if ('errors' in prepared) throw new Error(String(prepared.errors));
  return schema.execute({ document, variableValues: variables, contextValue: prepared.contextValue });
}

const ADD = parse('mutation($t: String!) { addTask(input: [{ title: $t, owner: { username: "alice" } }]) { numUids task { id title owner { username } } } }');

type Added = { data: { addTask: { numUids: number; task: { id: string; title: string; owner: { username: string } | null }[] } } };

test('mutations in the plan cache', async (t) => {
  const c = await counting();
  t.after(() => c.close());
  const alice = { USER: 'alice' };

  await t.test('the same add again runs with the plan and statements compiled the first time, and reads its own new node', async () => {
    const start = c.statements.length;
    const first = json(await ask(c.service, ADD, alice, { t: 'one' })) as Added;
    const sentFirst = c.statements.slice(start);
    const middle = c.statements.length;
    const again = json(await ask(c.service, ADD, alice, { t: 'one' })) as Added;
    const [a, b] = c.runs.slice(-2);
    assert.ok(a.compiled && a.compiled === b.compiled, 'the same compiled mutation handed to both runs');
    assert.equal(a.plan, b.plan, 'planned once');
    assert.ok(a.compiled.size > 0);
    const size = a.compiled.size;
    assert.deepEqual(c.statements.slice(middle), sentFirst, 'the same statement texts');
    assert.equal(b.compiled!.size, size, 'nothing compiled again');
    // The payload reads each run's own new node: its root uids are bound anew.
    const [one, two] = [first.data.addTask.task[0], again.data.addTask.task[0]];
    assert.notEqual(one.id, two.id);
    assert.deepEqual([first, again].map((r) => ({ ...r.data.addTask, task: r.data.addTask.task.map(({ title, owner }) => ({ title, owner })) })), [
      { numUids: 1, task: [{ title: 'one', owner: null }] },
      { numUids: 1, task: [{ title: 'one', owner: null }] },
    ]);
  });

  await t.test('the payload\'s refusals are told on every run', async () => {
    // The payload's User is ADMIN-only: refused for alice when the payload compiles, and on each later run.
    c.denied.length = 0;
    await ask(c.service, ADD, alice, { t: 'one' });
    await ask(c.service, ADD, alice, { t: 'one' });
    assert.deepEqual(c.denied, ['User.query', 'User.query']);
  });

  await t.test('other variables or other claims plan anew; an ADMIN\'s payload reads what alice\'s may not', async () => {
    const kept = c.runs.at(-1)!.compiled;
    await ask(c.service, ADD, alice, { t: 'two' });
    assert.notEqual(c.runs.at(-1)!.compiled, kept);
    const admin = json(await ask(c.service, ADD, { USER: 'alice', ROLE: 'ADMIN' }, { t: 'one' })) as Added;
    assert.notEqual(c.runs.at(-1)!.compiled, kept);
    assert.deepEqual(admin.data.addTask.task.map((task) => task.owner), [{ username: 'alice' }]);
  });

  await t.test('an add its rule refuses is refused on every run, and writes nothing', async () => {
    const bobs = parse('mutation { addTask(input: [{ title: "not yours", owner: { username: "bob" } }]) { numUids } }');
    for (let i = 0; i < 2; i++) {
      const refused = await ask(c.service, bobs, alice);
      assert.match(String(refused.errors?.[0]?.message), /authorization failed/);
    }
    assert.equal(c.runs.at(-1)!.compiled, c.runs.at(-2)!.compiled);
    const tasks = json(await ask(c.service, parse('{ queryTask { title } }'), { USER: 'bob' }));
    assert.deepEqual(tasks, { data: { queryTask: [] } });
  });

  await t.test('a write is kept by what the lookup found: the same add finding other nodes writes anew', async () => {
    const carols = parse('mutation { addTask(input: [{ title: "c", owner: { username: "carol" } }]) { numUids } }');
    const carol = { USER: 'carol' };
    // carol does not exist yet: the first run creates her with the task; the second finds her and links to her.
    for (let i = 0; i < 3; i++) assert.deepEqual(json(await ask(c.service, carols, carol)), { data: { addTask: { numUids: i === 0 ? 2 : 1 } } });
    const [first, second, third] = c.runs.slice(-3).map((run) => run.compiled!);
    assert.ok(first === second && second === third);
    const users = json(await ask(c.service, parse('{ queryUser(filter: { username: { eq: "carol" } }) { username tasks { title } } }'), { USER: 'carol', ROLE: 'ADMIN' }));
    assert.deepEqual(users, { data: { queryUser: [{ username: 'carol', tasks: [{ title: 'c' }, { title: 'c' }, { title: 'c' }] }] } });
  });

  await t.test('a write that depends on when it ran ("$now") is written anew on every run', async () => {
    const stamped = parse('mutation { addStamp(input: [{ note: "now" }]) { stamp { at } } }');
    const at = async () => ((json(await ask(c.service, stamped, alice)) as { data: { addStamp: { stamp: { at: string }[] } } }).data.addStamp.stamp[0].at);
    const first = await at();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await at();
    assert.equal(c.runs.at(-1)!.compiled, c.runs.at(-2)!.compiled);
    assert.ok(second > first, `${second} after ${first}`);
  });

  await t.test('a schema swap starts anew', async () => {
    const kept = c.runs.at(-1)!.compiled;
    await ask(c.service, ADD, alice, { t: 'one' });
    const before = c.runs.at(-1)!.compiled;
    await c.service.uploadSchema(SCHEMA.replace('title: String!', 'title: String! @search(by: [hash])'));
    await ask(c.service, ADD, alice, { t: 'one' });
    const after = c.runs.at(-1)!;
    assert.notEqual(after.compiled, before);
    assert.notEqual(after.compiled, kept);
  });
});

test('a kept mutation counts what it compiled against the cache\'s bound', () => {
  const cache = new PlanCache();
  const plan = { kind: 'delete' } as Extract<RootPlan, { kind: 'delete' }>;
  const document = parse('mutation { deleteTask(filter: {}) { numUids } }');
  /** A mutation that compiled a little over half of what the cache may hold. */
  const big = () => {
    const compiled = new CompiledMutation();
    compiled.lookup(() => ({ refs: null as never, statement: { sql: 'x'.repeat(PLAN_CACHE_CHARS / 2 + 1), params: [] } }));
    return { plan, compiled };
  };
  const first = cache.forOperation({ document, claims: { USER: 'a' } });
  const second = cache.forOperation({ document, claims: { USER: 'b' } });
  const small = { plan, compiled: new CompiledMutation() };
  first.keepMutation('m', small);
  assert.equal(first.mutation('m'), small);
  // It compiles more after it was kept: kept again, at its new size.
  const grown = big();
  first.keepMutation('m', grown);
  second.keepMutation('m', big());
  assert.equal(first.mutation('m'), undefined, 'the least recently used went to make room');
  assert.ok(second.mutation('m'));
  // A mutation larger than the whole cache is never kept.
  const huge = new CompiledMutation();
  huge.lookup(() => ({ refs: null as never, statement: { sql: 'x'.repeat(PLAN_CACHE_CHARS + 1), params: [] } }));
  first.keepMutation('n', { plan, compiled: huge });
  assert.equal(first.mutation('n'), undefined);
  assert.ok(second.mutation('m'));
});
