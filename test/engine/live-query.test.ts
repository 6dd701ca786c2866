/**
 * Live queries in the engine: nothing runs while nothing is written; a write
 * re-runs only the subscriptions its types can reach, and a result equal to
 * the last one is not yielded again; mutations announce their commit (one
 * NOTIFY) only when the schema has subscriptions; `return()` and a schema
 * upload end a live query at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { parse, type ExecutionResult } from 'graphql';
import { compileSchema, createService, type AuthlineService } from '../../src/engine/index.js';
import { typesReachableFrom } from '../../src/engine/reach.js';
import { openStore } from '../../src/store/index.js';
import { json, run } from './support.js';

const SCHEMA = `
type Note @withSubscription { id: ID! text: String! @search(by: [hash]) tags: [Tag] }
type Tag { name: String! @id }
type Other { id: ID! name: String }
`;

async function watching(sdl: string) {
  const statements: string[] = [];
  // Each statement with its first parameter (a NOTIFY's channel).
  const service = await createService({ store: await openStore({ onStatement: (sql, params) => statements.push(`${sql} ${String(params[0])}`) }) });
  await service.uploadSchema(sdl);
  return { service, statements };
}

function watch(service: AuthlineService, query: string) {
  const schema = service.current()!;
  return schema.prepare({ headers: {} }).then((prepared) => {
    if ('errors' in prepared) throw new Error('prepare failed');
    return schema.watch({ document: parse(query), contextValue: prepared.contextValue });
  });
}

const notifies = (statements: readonly string[]) => statements.filter((sql) => sql.includes('pg_notify') && sql.endsWith(' authline_writes')).length;

/** The next result as plain JSON. */
async function nextOf(live: AsyncIterableIterator<unknown>): Promise<unknown> {
  const { value } = await live.next();
  return json(value as ExecutionResult);
}

test('no statement while nothing is written; unrelated writes re-run nothing; equal results are not yielded twice', async () => {
  const { service, statements } = await watching(SCHEMA);
  try {
    const live = await watch(service, 'subscription { queryNote { text tags { name } } }');
    assert.deepEqual(await nextOf(live), { data: { queryNote: [] } });
    const reads = () => statements.filter((sql) => sql.startsWith('SELECT') && sql.includes('Note.text')).length;
    const afterFirst = statements.length;
    await delay(300);
    assert.equal(statements.length, afterFirst, 'idle: no statement at all');

    const pending = live.next();
    await run(service, 'mutation { addOther(input: [{ name: "x" }]) { numUids } }');
    await delay(200);
    assert.equal(reads(), 1, 'Other is not reachable from Note: no re-run');

    await run(service, 'mutation { addTag(input: [{ name: "t" }]) { numUids } }');
    await delay(200);
    assert.equal(reads(), 2, 'Tag is reachable from Note: re-run, but the answer is the same, so nothing is yielded');

    await run(service, 'mutation { addNote(input: [{ text: "n", tags: [{ name: "t" }] }]) { numUids } }');
    assert.deepEqual(json((await pending).value as ExecutionResult), { data: { queryNote: [{ text: 'n', tags: [{ name: 't' }] }] } });
    assert.equal(notifies(statements), 3, 'one NOTIFY per mutation');

    // return() ends a live query that is waiting for a write, at once.
    const waiting = live.next();
    await live.return!();
    assert.deepEqual(await waiting, { value: undefined, done: true });
  } finally {
    await service.close();
  }
});

test('without subscriptions in the schema a mutation sends no NOTIFY', async () => {
  const { service, statements } = await watching('type Note { id: ID! text: String! }');
  try {
    await run(service, 'mutation { addNote(input: [{ text: "n" }]) { numUids } }');
    assert.equal(notifies(statements), 0);
  } finally {
    await service.close();
  }
});

test('an upload ends the live queries of the schema it replaces', async () => {
  const { service } = await watching(SCHEMA);
  try {
    const live = await watch(service, 'subscription { aggregateNote { count } }');
    assert.deepEqual(await nextOf(live), { data: { aggregateNote: { count: 0 } } });
    const waiting = live.next();
    const retired = service.current()!.retired;
    await service.uploadSchema(`${SCHEMA}\ntype More { id: ID! name: String }`);
    assert.deepEqual(await waiting, { value: undefined, done: true });
    assert.match(String(retired.reason), /the schema was replaced \(version 2\); subscribe again/);
  } finally {
    await service.close();
  }
});

test("what a type reaches: its fields' types, interfaces both ways, union members", () => {
  const compiled = compileSchema(`
    interface Character { id: ID! name: String! }
    type Human implements Character { pets: [Pet] }
    type Droid implements Character { function: String }
    union Pet = Dog | Cat
    type Dog { id: ID! owner: Human }
    type Cat { id: ID! name: String }
    type Lonely { id: ID! name: String }
  `);
  if (!compiled.ok) assert.fail(compiled.errors.map((e) => e.message).join('\n'));
  const model = compiled.schema.model;
  const sorted = (set: ReadonlySet<string>) => [...set].sort();
  assert.deepEqual(sorted(typesReachableFrom(model, 'Character')), ['Cat', 'Character', 'Dog', 'Droid', 'Human', 'Pet']);
  assert.deepEqual(sorted(typesReachableFrom(model, 'Cat')), ['Cat']);
  assert.deepEqual(sorted(typesReachableFrom(model, 'Dog')), ['Cat', 'Character', 'Dog', 'Droid', 'Human', 'Pet']);
  assert.deepEqual(sorted(typesReachableFrom(model, 'Lonely')), ['Lonely']);
});
