/**
 * What createAuthline and applyTo refuse, and why: rule-language mistakes
 * with an upload's messages and places, graph-traversal rules, misplaced or
 * repeated @auth, a bad auth line, a schema that does not match the SDL,
 * mutations whose guard cannot be told, and a bad operations map. Plus what
 * the transform leaves alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, isObjectType } from 'graphql';
import { checkSchema } from '../../src/engine/index.js';
import { authDirectiveTypeDefs, createAuthline } from '../../src/library/index.js';
import type { AuthlineOptions } from '../../src/library/index.js';
import { SchemaRejectedError } from '../../src/sdl/errors.js';
import { authLine, HEADER, OPERATIONS, sdlWith, token } from './support.js';

async function rejection(options: AuthlineOptions, schemaSdl?: string): Promise<ReturnType<SchemaRejectedError['errors'][number]['toJSON']>[]> {
  try {
    const auth = await createAuthline(options);
    try {
      auth.applyTo(makeExecutableSchema({ typeDefs: [authDirectiveTypeDefs, schemaSdl ?? options.typeDefs], resolvers: {} }));
    } finally {
      auth.close();
    }
  } catch (error) {
    assert.ok(error instanceof SchemaRejectedError, String(error));
    return error.errors.map((e) => e.toJSON());
  }
  assert.fail('the schema was accepted');
}

test('rule-language mistakes read exactly as an upload reports them: messages, places, order', async () => {
  // A schema Dgraph accepts, so that the upload pipeline gets to its rules.
  const sdl = `type Todo @auth(
  query: { rule: "{$ROLE: {in: \\"USER\\"}}" },
  add: { and: [{ rule: "{$X: {eq: 1}}" }] },
  delete: { rule: "{$ROLE: {regexp: \\"(\\"}}" }
) { id: ID! title: String! }
type Log @auth(query: { rule: "{$ROLE: {eq: null}}" }, update: { rule: "{ $X: {le: 3}}" }, add: { rule: "{$ROLE  : {eq: 1}}" }) { id: ID! text: String }
${authLine('HS256')}
`;
  const upload = checkSchema(sdl).map((e) => e.toJSON());
  assert.equal(upload.length, 6);
  assert.deepEqual(await rejection({ typeDefs: sdl }), upload);
});

test('an auth line the upload would refuse is refused with the same error', async () => {
  const sdl = `type Todo { id: ID! title: String }\n${authLine('HS256', { Algo: 'HS257' })}\n`;
  const upload = checkSchema(sdl).map((e) => e.toJSON());
  assert.equal(upload.length, 1);
  assert.deepEqual(await rejection({ typeDefs: sdl }), upload);
});

test('graph-traversal rules are refused, each naming its type, operation and rule, at its place in the SDL', async () => {
  const sdl = `type Todo @auth(
  query: { or: [
    { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
    { rule: """
      query($USER: String!) { queryTodo(filter: { owner: { eq: $USER } }) { id } }
    """ }
  ] },
  delete: { not: { rule: "query { queryTodo { id } }" } }
) { id: ID! owner: String! }
type Query { todos: [Todo] }
`;
  const refused = (op: string, rule: string) =>
    `Type Todo: @auth: the ${op} rule "${rule}" is a graph-traversal rule: it reads the data, and library mode has no store ` +
    'to read it from, so it cannot be enforced. Write it as an RBAC rule ({$VAR: {eq: ...}}, in, regexp) and check the ' +
    'data in your resolvers (context.authline.claims), or serve the schema with `authline serve`.';
  assert.deepEqual(await rejection({ typeDefs: sdl }), [
    { message: refused('query', 'query($USER: String!) { queryTodo(filter: { owner: { eq: $USER } }) { id } }'), locations: [{ line: 4, column: 13 }] },
    { message: refused('delete', 'query { queryTodo { id } }'), locations: [{ line: 8, column: 26 }] },
  ]);
});

test('@auth off an object type or interface (or a field of one), or given twice, is refused rather than guarding nothing', async () => {
  const sdl = `type Todo @auth(query: { rule: "{$R: {eq: 1}}" }) { id: ID! title: String @auth(query: { rule: "{$R: {eq: 2}}" }) }
extend type Todo @auth(add: { rule: "{$R: {eq: 3}}" })
union Any @auth(query: { rule: "{$R: {eq: 4}}" }) = Todo
type Query { todos(first: Int @auth(query: { rule: "{$R: {eq: 5}}" })): [Todo] }
`;
  const misplaced = 'Directive "@auth" may only be used on object types and interfaces, and their fields.';
  assert.deepEqual(await rejection({ typeDefs: sdl }), [
    { message: 'The directive "@auth" can only be used once at this location.', locations: [{ line: 2, column: 18 }] },
    { message: misplaced, locations: [{ line: 3, column: 11 }] },
    { message: misplaced, locations: [{ line: 4, column: 31 }] },
  ]);
});

test('an SDL that does not build is refused with the reason', async () => {
  assert.deepEqual(await rejection({ typeDefs: 'type Query { when: DateTime }' }), [{ message: 'Unknown type: "DateTime".' }]);
  assert.deepEqual(await rejection({ typeDefs: 'type Query {' }), [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 13 }] }]);
});

test('applyTo refuses a schema whose types are governed differently than the SDL says', async () => {
  const sdl = sdlWith(authLine('HS256'));
  // Bug no longer implements Task (whose rule would not reach it), and Note gained rules the SDL lacks.
  const drifted = sdl
    .replace('type Bug implements Task @auth(', 'type Bug @auth(')
    .replace('type Note {', 'type Note @auth(query: { rule: "{$R: {eq: 1}}" }) {');
  const errors = await rejection({ typeDefs: sdl, operations: OPERATIONS }, drifted);
  assert.deepEqual(
    errors.map((e) => e.message),
    [
      'Type Bug: the schema given to applyTo does not match the SDL given to createAuthline: there it is governed by the @auth of Bug, Task, here by Bug',
      'Type Note: the schema given to applyTo does not match the SDL given to createAuthline: its @auth differs',
    ],
  );
});

test('applyTo refuses a schema whose @auth text differs from the SDL\'s', async () => {
  const sdl = sdlWith(authLine('HS256'));
  const loosened = sdl.replace('{$VIEW_USERS: {eq: true}}', '{$VIEW_USERS: {in: [true, false]}}');
  const errors = await rejection({ typeDefs: sdl, operations: OPERATIONS }, loosened);
  assert.deepEqual(errors.map((e) => e.message), ['Type User: the schema given to applyTo does not match the SDL given to createAuthline: its @auth differs']);
});

test('with add, update or delete rules about, a mutation whose guard cannot be told is refused, at its place', async () => {
  const sdl = sdlWith(authLine('HS256'));
  const errors = await rejection({ typeDefs: sdl });
  const line = sdl.split('\n').findIndex((l) => l.includes('createBug(')) + 1;
  assert.deepEqual(errors, [
    {
      message:
        "Mutation.createBug: authline cannot tell which @auth rule guards this mutation. Name it as Dgraph does (addT, updateT, deleteT for a type T), or say it in the operations option: { 'Mutation.createBug': { type: 'T', op: 'add' | 'update' | 'delete' } }, or 'none' if it changes nothing @auth governs.",
      locations: [{ line, column: 3 }],
    },
    {
      message:
        "Mutation.ping: authline cannot tell which @auth rule guards this mutation. Name it as Dgraph does (addT, updateT, deleteT for a type T), or say it in the operations option: { 'Mutation.ping': { type: 'T', op: 'add' | 'update' | 'delete' } }, or 'none' if it changes nothing @auth governs.",
      locations: [{ line: line + 1, column: 3 }],
    },
  ]);
});

test('with query rules only, mutations need no guards: they run for anyone, and only the query rule hides their answer', async () => {
  const sdl = `type Todo @auth(query: { rule: "{$ROLE: {eq: \\"USER\\"}}" }) { id: ID! }
type Query { todos: [Todo] }
type Mutation { createTodo: Todo, ping: String }
${authLine('HS256')}
`;
  const ran: string[] = [];
  const auth = await createAuthline({ typeDefs: sdl });
  try {
    const schema = auth.applyTo(
      makeExecutableSchema({
        typeDefs: [authDirectiveTypeDefs, sdl],
        resolvers: {
          Mutation: {
            createTodo: () => (ran.push('createTodo'), { id: 't1' }),
            ping: () => (ran.push('ping'), 'pong'),
          },
        },
      }),
    );
    const run = async (headers: Record<string, string>) =>
      JSON.parse(JSON.stringify(await graphql({ schema, source: 'mutation { createTodo { id } ping }', contextValue: { authline: await auth.contextFor(headers) } })));
    assert.deepEqual(await run({}), { data: { createTodo: null, ping: 'pong' } });
    assert.deepEqual(await run({ [HEADER]: await token('HS256', { ROLE: 'USER' }) }), { data: { createTodo: { id: 't1' }, ping: 'pong' } });
    assert.deepEqual(ran, ['createTodo', 'ping', 'createTodo', 'ping']);
  } finally {
    auth.close();
  }
});

test('a bad operations map is refused, every entry at once', async () => {
  const errors = await rejection({
    typeDefs: sdlWith(authLine('HS256')),
    operations: {
      ...OPERATIONS,
      'Mutation.nothere': 'none',
      createTodo: { type: 'Todo', op: 'add' },
      'Mutation.addTodo': { type: 'Ghost', op: 'add' },
      'Query.todos': { type: 'Todo', op: 'read' as 'query' },
    },
  });
  assert.deepEqual(errors.map((e) => e.message), [
    "operations['Mutation.nothere']: not a field of an object type of the schema (write Type.field, e.g. Mutation.createTodo)",
    "operations['createTodo']: not a field of an object type of the schema (write Type.field, e.g. Mutation.createTodo)",
    'operations[\'Mutation.addTodo\']: the type must be an object type or interface of the schema, got "Ghost"',
    'operations[\'Query.todos\']: op must be one of password, query, add, update, delete, got "read"',
  ]);
});

test('fields nothing concerns keep their resolvers untouched; the input schema is not changed', async () => {
  const sdl = sdlWith(authLine('HS256'));
  const original = makeExecutableSchema({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers: { Note: { text: () => 'note' }, Query: { todos: () => [] } } });
  const auth = await createAuthline({ typeDefs: sdl, operations: OPERATIONS });
  try {
    const enforced = auth.applyTo(original);
    const field = (schema: typeof original, type: string, name: string) => {
      const named = schema.getType(type);
      assert.ok(isObjectType(named));
      return named.getFields()[name];
    };
    assert.equal(field(enforced, 'Note', 'text').resolve, field(original, 'Note', 'text').resolve);
    assert.notEqual(field(enforced, 'Query', 'todos').resolve, field(original, 'Query', 'todos').resolve);
    assert.equal(field(enforced, 'Todo', 'title').resolve, undefined);
    assert.notEqual(field(enforced, 'Todo', 'owner').resolve, undefined, 'owner returns User, which has a query rule');
  } finally {
    auth.close();
  }
});
