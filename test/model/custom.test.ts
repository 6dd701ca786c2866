/**
 * Dgraph's upload checks of `@custom` and `@lambda` (graphql/schema/rules.go,
 * its gqlschema_test.yml cases), the refusal of `@custom(dql:)`, and a
 * schema whose only root fields are custom queries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchema, compileSchema } from '../../src/engine/index.js';

function errorsOf(sdl: string): [string, number, number][] {
  return checkSchema(sdl).map((e) => [e.message, e.locations[0]?.line ?? 0, e.locations[0]?.column ?? 0]);
}

test('mode is for fields of types; body and graphql do not go together (without BATCH)', () => {
  assert.deepEqual(
    errorsOf(`type Author { id: ID! name: String }
type Query {
  getAuthor1(id: ID): Author! @custom(http: {url: "http://google.com/", method: "GET", mode: SINGLE})
  getAuthor2(id: ID): Author! @custom(http: {url: "http://google.com/", method: "POST", body: "{id: $id}", graphql: "query ($id: ID!) { getAuthor(id: $id) }"})
}`),
    [
      ["Type Query; Field getAuthor1; mode field inside @custom directive can't be present on Query/Mutation.", 3, 94],
      ["Type Query; Field getAuthor2; has both body and graphql field inside @custom directive, they can't be present together.", 4, 32],
    ],
  );
});

test('url and method are required and checked; URL variables must be arguments, non-null in the path', () => {
  assert.deepEqual(
    errorsOf(`type Author { id: ID! name: String }
type Query {
  a: Author @custom(http: {method: GET})
  b: Author @custom(http: {url: "not a url", method: GET})
  c(id: ID): Author @custom(http: {url: "http://x.io/a/$id/$other", method: FETCH})
}`),
    [
      ['Type Query; Field a; url field inside @custom directive is mandatory.', 3, 14],
      ['Type Query; Field b; url field inside @custom directive is invalid.', 4, 34],
      ['Type Query; Field c; url path inside @custom directive uses an argument id that can be null.', 5, 42],
      ['Type Query; Field c; url path inside @custom directive uses an argument other that is not defined.', 5, 42],
      ['Type Query; Field c; method field inside @custom directive can only be GET/POST/PUT/PATCH/DELETE.', 5, 77],
    ],
  );
});

test('a field of a type must send its ID or @id field, and only scalar fields of its type', () => {
  assert.deepEqual(
    errorsOf(`type Author {
  id: ID!
  name: String! @id
  foo: String
  car: Car
  yo: String! @custom(http: {url: "http://google.com", method: "GET", body: "{ abc: $foo }"})
  zo: String @custom(http: {url: "http://google.com", method: "POST", graphql: "query ($c: Car) { getUsers(foo: $c) }"})
}
type Car { id: ID! n: String }`),
    [
      ['Type Author; Field yo: @custom directive, body template must use a field with type ID! or a field with @id directive.', 6, 78],
      ["Type Author; Field zo; @custom directive, graphql must use fields defined within the type, found `c`.", 7, 81],
      ['Type Author; Field zo: @custom directive, graphql must use a field with type ID! or a field with @id directive.', 7, 81],
    ],
  );
});

test('@lambda is checked as the @custom Dgraph builds for it', () => {
  assert.deepEqual(errorsOf('type T { name: String fullName: String @lambda }'), [
    ['While building @custom for @lambda: Type T; Field fullName; @custom directive is only allowed on fields where the type definition has a field with type ID! or a field with @id directive.', 1, 41],
    ['While building @custom for @lambda: Type T; Field fullName: @custom directive, body template must use a field with type ID! or a field with @id directive.', 1, 41],
  ]);
});

test('@custom(dql:) is refused, naming the field', () => {
  assert.deepEqual(errorsOf('type T { id: ID! n: String }\ntype Query { myTs: [T] @custom(dql: "query { myTs(func: type(T)) { uid } }") }'), [
    ['Type Query; Field myTs: @custom(dql: ...) is not supported by authline: a DQL query needs Dgraph itself. Use @custom(http: ...) or @lambda instead.', 2, 25],
  ]);
});

test('malformed body templates, headers and remote operations get Dgraph\'s words', () => {
  const [body, header, operation] = errorsOf(`type T { id: ID! n: String }
type Query {
  a(x: Int): T @custom(http: {url: "http://x.io", method: POST, body: "{a: $x"})
  b: T @custom(http: {url: "http://x.io", method: POST, body: "{}", forwardHeaders: ["A:B:C"]})
  c: T @custom(http: {url: "http://x.io", method: POST, graphql: "query named { t }"})
}`).map(([m]) => m);
  assert.match(body, /^Type Query; Field a; body template inside @custom directive could not be parsed: /);
  assert.equal(header, "Type Query; Field b; forwardHeaders in @custom directive should be of the form 'remote_headername:local_headername' or just 'headername', found: `A:B:C`.");
  assert.equal(operation, "Type Query; Field c: inside graphql in @custom directive, found operation with name `named`, it can't have a name.");
});

test('a schema whose only root fields are @custom queries is served', () => {
  const result = compileSchema(`type Weather @remote { temp: Float }
type Query { weather(city: String!): Weather @custom(http: {url: "http://w.io/$city", method: GET}) }`);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.deepEqual(Object.keys(result.schema.api.schema.getQueryType()!.getFields()), ['weather']);
  assert.equal(result.schema.api.schema.getMutationType(), undefined);
});
