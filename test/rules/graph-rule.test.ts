/**
 * Graph rules at upload: Dgraph's order of checks and messages, with
 * graphql-js's parser and validator speaking gqlparser's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upload } from './support.js';

const TYPES = `
enum Permission { VIEW EDIT ADMIN }
interface Post { id: ID! text: String @search(by: [hash]) author: User }
type Question implements Post { answered: Boolean @search }
type User { username: String! @id name: String @search(by: [hash]) isPublic: Boolean @search perm: Permission @search }
`;
const FIELDS = '{ id: ID! name: String @search(by: [hash]) isPublic: Boolean @search perm: Permission @search age: Int @search big: Int64 @search owner: User when: DateTime @search }';

/** Messages of type `carrier` carrying `query: { rule: <rule> }`, with the prefix stripped. */
function problems(rule: string, carrier = 'type X'): string[] {
  const { errors } = upload(`${carrier} @auth(query: { rule: ${JSON.stringify(rule)} }) ${FIELDS}\n${TYPES}`);
  const prefix = `Type ${carrier.split(' ')[1]}: @auth: `;
  return errors.map((e) => {
    assert.ok(e.message.startsWith(prefix), e.message);
    assert.equal(e.locations.length, 1, `${e.message} has a position`);
    return e.message.slice(prefix.length);
  });
}

const parseError = (reason: string) => [`failed to parse GraphQL rule [reason : ${reason}]`];
const invalid = (...reasons: string[]) => reasons.map((r) => `failed to validate GraphQL rule [reason : ${r}]`);

test("syntax errors in gqlparser's words", () => {
  const cases: [string, string][] = [
    ['query { ', 'Expected Name, found <EOF>'],
    ['query { queryX {} }', 'expected at least one definition, found }'],
    ['query { queryX(filter: ) { id } }', 'Unexpected )'],
    ['query { queryX(filter { }) { id } }', 'Expected :, found {'],
    ['query { queryX @ }', 'Expected Name, found }'],
    ['query ($a: ) { queryX { id } }', 'Expected Name, found )'],
    ['query { queryX(filter: "abc) { id } }', 'Unterminated string.'],
    ['query { queryX { id } } %', 'Cannot parse the unexpected character "%".'],
    ["query { queryX(filter: 'a') { id } }", 'Unexpected single quote character (\'), did you mean to use a double quote (")?'],
    ['fragment on X { id }', 'Unexpected Name "on"'],
    ['query { queryX { ...F } } fragment F X { id }', 'Expected "on", found Name "X"'],
    ['query { queryX { id } } type T { a: Int }', 'Unexpected Name "type"'],
    ['query { queryX { id } } "described" type T { a: Int }', 'Unexpected String "described"'],
    ['query { queryX(first: 01) { id } }', 'Invalid number, unexpected digit after 0: "1".'],
  ];
  for (const [rule, reason] of cases) assert.deepEqual(problems(rule), parseError(reason), rule);
});

test("validation errors in gqlparser's words, with gqlparser's suggestions", () => {
  const cases: [string, string[]][] = [
    ['query { queryX { nam } }', ['Cannot query field "nam" on type "X". Did you mean "name"?']],
    ['query { queryX { zzz } }', ['Cannot query field "zzz" on type "X".']],
    ['query { queryX { owner { usrname } } }', ['Cannot query field "usrname" on type "User". Did you mean "username" or "name"?']],
    ['query { queryX(filtr: {}) { id } }', ['Unknown argument "filtr" on field "queryX" of type "Query". Did you mean "filter"?']],
    ['query { queryX @cascad { id } }', ['Unknown directive "cascad".']],
    ['query @cascade { queryX { id } }', ['Directive "cascade" may not be used on QUERY.']],
    ['query { queryX @cascade(field: ["a"]) { id } }', ['Unknown argument "field" on directive "@cascade". Did you mean "fields"?']],
    ['query { queryX @cascade @cascade { id } }', ['The directive "cascade" can only be used once at this location.']],
    ['query($USER: String!) { queryX { id } }', ['Variable "$USER" is never used.']],
    ['query Q($USER: String!) { queryX { id } }', ['Variable "$USER" is never used in operation "Q".']],
    ['query { queryX(filter: { name: { eq: $USER } }) { id } }', ['Variable "$USER" is not defined.']],
    [
      'query($A: Int!) { queryX(filter: { name: { eq: $A } }) { id } }',
      ['Variable type provided Int! is incompatible with expected type String', 'Variable "$A" of type "Int!" used in position expecting type "String".'],
    ],
    ['query { queryX(filter: { age: { eq: 2147483648 } }) { id } }', ["Out of range value '2147483648', for type `Int`"]],
    [
      'query { queryX(filter: { age: { eq: 9223372036854775808 } }) { id } }',
      ["Out of range value '9223372036854775808', for type `Int`", 'Expected type Int, found 9223372036854775808.'],
    ],
    ['query { queryX(filter: { age: { ge: 1, le: 5 } }) { id } }', ['IntFilter filter expects only one filter function, got: 2']],
    [
      'query { queryX @cascade(fields: ["nam"]) { id } }',
      ['Field `nam` is not present in type `X`. You can only use fields in cascade which are in type `X`'],
    ],
    // As error_test.yaml's "unknown variable type": Dgraph's check, gqlparser's, then the unknown type.
    [
      'query($A: Strin) { queryX(filter: { name: { eq: $A } }) { id } }',
      ['Variable type provided Strin is incompatible with expected type String', 'Variable "$A" of type "Strin" used in position expecting type "String".', 'Unknown type "Strin".'],
    ],
    ['query($A: String, $A: String) { queryX(filter: { name: { eq: $A } }) { id } }', ['There can be only one variable named "A".']],
    ['query { queryX }', ['Field "queryX" of type "[X]" must have a selection of subfields. Did you mean "queryX { ... }"?']],
    ['query { queryX { name { a } } }', ['Field "name" must not have a selection since type "String" has no subfields.']],
    ['query { queryX(filter: { perm: { eq: VIEWW } }) { id } }', ['Expected type Permission, found VIEWW. Did you mean the enum value VIEW?']],
    ['query { queryX(filter: { perm: { eq: "VIEW" } }) { id } }', ['Expected type Permission, found "VIEW". Did you mean the enum value VIEW?']],
    ['query { queryX(filter: { name: { eq: 5 } }) { id } }', ['Expected type String, found 5.']],
    ['query { queryX(filter: { isPublic: "yes" }) { id } }', ['Expected type Boolean, found "yes".']],
    ['query { queryX(filter: { name: { eq: ["a", 1] } }) { id } }', ['Expected type String, found ["a",1].']],
    ['query { queryX(filter: { name: { eq: { a: 1, b: "c" } } }) { id } }', ['Field "a" is not defined by type String.', 'Field "b" is not defined by type String.']],
    ['query { queryX(filter: { name: { eq: "a" } }, first: 1.5) { id } }', ['Expected type Int, found 1.5.']],
    ['query { queryX { a: name a: id } }', ['Fields "a" conflict because name and id are different fields. Use different aliases on the fields to fetch both if this was intentional.']],
    ['query { queryX { ...F } } fragment F on Xx { id }', ['Unknown type "Xx". Did you mean "X"?']],
    ['query { queryX { ...F } } fragment F on X { ...G } fragment G on X { ...F }', ['Cannot spread fragment "F" within itself via G.']],
    ['query { queryX { id } } fragment F on X { id }', ['Fragment "F" is never used.']],
    ['query { queryX { ...G } }', ['Unknown fragment "G".']],
    ['query { queryX(filter: { name: { eq: "a" } }, filter: {}) { id } }', ['There can be only one argument named "filter".']],
  ];
  for (const [rule, reasons] of cases) assert.deepEqual(problems(rule), invalid(...reasons), rule);
});

test('custom scalars are not checked, as in gqlparser; required input fields and null in gqlparser words', () => {
  assert.deepEqual(problems('query { queryX(filter: { when: { eq: "not a date" } }) { id } }'), []);
  // Except Int64, which Dgraph checks with a rule of its own.
  assert.deepEqual(problems('query { queryX(filter: { big: { eq: 9223372036854775808 } }) { id } }'), invalid("Out of range value '9223372036854775808', for type `Int64`"));
  assert.deepEqual(problems('query { queryX(filter: { big: { eq: true } }) { id } }'), invalid("Type mismatched for Value `true`, expected: Int64, got: 'Boolean'"));
  assert.deepEqual(problems('query { queryX(filter: { age: { between: { min: 1 } } }) { id } }'), invalid('Field IntRange.max of required type Int! was not provided.'));
  assert.deepEqual(problems('query { queryX(filter: { age: { between: { min: null, max: 2 } } }) { id } }'), invalid('Expected type Int!, found null.'));
});

test('the rule must be exactly one query operation with one root field query<Type>', () => {
  assert.deepEqual(problems('mutation { noop }'), ['a rule should be exactly one query, found an ']);
  assert.deepEqual(problems('mutation Grant { noop }'), ['a rule should be exactly one query, found an Grant']);
  assert.deepEqual(problems('subscription S { queryX { id } }'), ['a rule should be exactly one query, found an S']);
  assert.deepEqual(problems('query A { queryX { id } } query B { queryX { id } }'), ['a rule should be exactly one query, found 2 GraphQL operations']);
  assert.deepEqual(problems('  # nothing but a comment\n'), ['a rule should be exactly one query, found 0 GraphQL operations']);
  assert.deepEqual(problems('fragment F on X { id }'), ['a rule should be exactly one query, found 0 GraphQL operations']);
  assert.deepEqual(problems('query { queryX { id } getX(id: "0x1") { id } }'), ['a rule should be exactly one query, found 2 queries']);
  assert.deepEqual(problems('query { ... on Query { queryX { id } } }'), ["error couldn't generate query from rule"]);
  assert.deepEqual(problems('query { getX(id: "0x1") { id } }'), ['expected only queryX rules,but found getX']);
  assert.deepEqual(problems('query { queryUser { username } }'), ['expected only queryX rules,but found queryUser']);
  // An interface's rule queries the interface, not an implementation.
  assert.deepEqual(problems('query { queryQuestion { id } }', 'interface Reply'), ['expected only queryReply rules,but found queryQuestion']);
  assert.deepEqual(problems('query { queryReply { id } }', 'interface Reply'), []);
});

test('valid rules: variables, aliases, fragments, @cascade, nested filters', () => {
  for (const rule of [
    'query($USER: String!) { queryX(filter: { name: { eq: $USER } }) { __typename } }',
    'query { q: queryX { id } }',
    'query Named { queryX { ...F } } fragment F on X { owner { username } }',
    'query($P: [Permission]) { queryX @cascade(fields: ["owner"]) { owner(filter: { perm: { in: $P } }) @cascade { ... on User { username } } } }',
    'query($USER: [ID!]) { queryX(filter: { id: $USER }) { id } }',
    '\n   query {\n queryX(filter: { isPublic: true }) { id } }\n',
  ]) {
    assert.deepEqual(problems(rule), [], rule);
  }
});

test('a rule that starts with `{` is RBAC: the anonymous query shorthand is rejected as Dgraph does', () => {
  assert.deepEqual(problems('{ queryX { id } }'), ['`{ queryX { id } }` is not a valid rule.']);
  assert.deepEqual(problems('{ queryX(filter: { isPublic: true }) { id } }'), ['`queryX(filter` is not a valid GraphQL variable.']);
});

test('positions of mistakes inside a block-string rule are their real place in the SDL', () => {
  const sdl = `type X @auth(
  query: { or: [
    { rule: "{$ROLE: { eq: \\"ADMIN\\" } }" },
    { rule: """
      query($USER: String!) {
        queryX(filter: { nme: { eq: $USER } }) {
          __typename
        }
      }""" }
  ]}
) { id: ID! name: String @search(by: [hash]) }`;
  const { errors } = upload(sdl);
  assert.deepEqual(
    errors.map((e) => e.toJSON()),
    [
      {
        message: 'Type X: @auth: failed to validate GraphQL rule [reason : Field "nme" is not defined by type XFilter. Did you mean name?]',
        locations: [{ line: 6, column: 26 }],
      },
    ],
  );
});
