/**
 * Every schema-time case of Dgraph's graphql/schema/auth_schemas_test.yaml,
 * with Dgraph's message, plus where in the SDL each mistake is (beyond
 * Dgraph), and the mistakes authline rejects beyond Dgraph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourcePosition } from '../../src/sdl/errors.js';
import { upload } from './support.js';

/** Dgraph's test type X, with the given @auth arguments. */
const typeX = (auth: string) => `type X @auth(\n  ${auth}\n) {\n  username: String! @id\n  userRole: String @search(by: [hash])\n}\n`;

function errorsOf(sdl: string): { message: string; locations?: SourcePosition[] }[] {
  return upload(sdl).errors.map((e) => e.toJSON());
}

/** Line and column of the `nth` occurrence of `needle` in `sdl`, plus `shift` characters. */
function locate(sdl: string, needle: string, { nth = 1, shift = 0 } = {}): SourcePosition {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = sdl.indexOf(needle, offset + 1);
  assert.notEqual(offset, -1, `${needle} not in the SDL`);
  offset += shift;
  const before = sdl.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const ONLY_ONE = 'Type X: @auth: there should be only one of "and", "or", "not" and "rule"';
const graphRuleX = (quotes = '"""') => `{ rule: ${quotes}
      query {
        queryX(filter: { userRole: { eq: "ADMIN" } }) {
          __typename
        }
      }${quotes} }`;

test('GraphQL parsing errors should be reported', () => {
  const sdl = typeX('query: { rule: "query { " }');
  assert.deepEqual(errorsOf(sdl), [
    {
      message: 'Type X: @auth: failed to parse GraphQL rule [reason : Expected Name, found <EOF>]',
      locations: [locate(sdl, '" }')], // the end of the rule: its closing quote
    },
  ]);
});

test('GraphQL validation errors should be reported', () => {
  const sdl = typeX('query: {rule: "query { queryX(filter: { userRle: { eq: \\"ADMIN\\" } }) { __typename } }"}');
  assert.deepEqual(errorsOf(sdl), [
    {
      message: 'Type X: @auth: failed to validate GraphQL rule [reason : Field "userRle" is not defined by type XFilter. Did you mean userRole or username?]',
      locations: [locate(sdl, 'userRle')],
    },
  ]);
});

test('Invalid RBAC rules: Dgraph messages, pointing into the rule', () => {
  const cases: [auth: string, message: string, at: string][] = [
    ['query: { rule: "{$USER: { in: \\"xyz@dgraph.io\\" } }"}', '`in` operator has invalid value `xyz@dgraph.io`. Value should be an array.', '\\"xyz'],
    ['query: { rule: "{$USER: { in: true } }"}', '`in` operator has invalid value `true`. Value should be an array.', 'true'],
    ['query: { rule: "{$USER: { eq: nil } }"}', '`$USER` is not a valid GraphQL variable.', 'nil'],
    ['query: { rule: "{$USER: { eq: null } }"}', "`eq` operator has invalid value. null values aren't supported.", 'null'],
    ['query: { rule: "{$USER: { regexp: 12345 } }"}', '`regexp` operator has invalid value `12345`. Value should be of type String.', '12345'],
    ['query: {rule: "{ X_MyApp_Role : { eq : \\"ADMIN\\"}}"\n  }', '`X_MyApp_Role` is not a valid GraphQL variable.', 'X_MyApp_Role'],
    ['query: {rule: "{ $X_MyApp_Role : { xyz : \\"ADMIN\\"}}"\n  }', '`xyz` operator is not supported.', 'xyz'],
    ['query: {rule: "{ \\"ADMIN\\" }"\n  }', '`{ "ADMIN" }` is not a valid rule.', '"{'],
  ];
  for (const [auth, message, at] of cases) {
    const sdl = typeX(auth);
    const shift = at === '"{' ? 1 : 0; // a whole-rule mistake points at the rule's first character
    assert.deepEqual(errorsOf(sdl), [{ message: `Type X: @auth: ${message}`, locations: [locate(sdl, at, { shift })] }], auth);
  }
});

test('Empty rule', () => {
  const sdl = typeX('query: { rule: ""\n  }');
  assert.deepEqual(errorsOf(sdl), [
    { message: 'Type X: @auth: a rule should be exactly one query, found 0 GraphQL operations', locations: [locate(sdl, '""', { shift: 1 })] },
  ]);
});

test('Invalid auth syntax', () => {
  const sdl = typeX('query: { xyz: ""\n  }');
  assert.deepEqual(errorsOf(sdl), [{ message: ONLY_ONE, locations: [locate(sdl, '{ xyz')] }]);
});

test('Single or rule', () => {
  const sdl = typeX(`query: {\n    or: [ ${graphRuleX()} ]\n  }`);
  assert.deepEqual(errorsOf(sdl), [{ message: "Type X: @auth: 'OR' should contain at least two rules", locations: [locate(sdl, 'or:')] }]);
});

test('Multiple logical operation at same level', () => {
  const sdl = typeX(`query: {\n    or: [ ${graphRuleX()}, ${graphRuleX()} ],\n    and: [ ${graphRuleX()}, ${graphRuleX()} ]\n  }`);
  assert.deepEqual(errorsOf(sdl), [{ message: ONLY_ONE, locations: [locate(sdl, 'query: {', { shift: 7 })] }]);
});

test('Same logical operation at same level', () => {
  const sdl = typeX(`query: {\n    or: [ ${graphRuleX()}, ${graphRuleX()} ],\n    or: [ ${graphRuleX()}, ${graphRuleX()} ]\n  }`);
  assert.deepEqual(errorsOf(sdl), [{ message: ONLY_ONE, locations: [locate(sdl, 'query: {', { shift: 7 })] }]);
});

test('Rules with null value: one error per null', () => {
  const sdl = typeX('query: { and: [ null, null ] }');
  const noArguments = 'Type X: @auth: no arguments - there should be only one of "and", "or", "not" and "rule"';
  assert.deepEqual(errorsOf(sdl), [
    { message: noArguments, locations: [locate(sdl, 'null')] },
    { message: noArguments, locations: [locate(sdl, 'null', { nth: 2 })] },
  ]);
});

test("Dgraph's valid schemas compile, with the rule trees they describe", () => {
  const graph = { kind: 'graph' };
  const valid: [auth: string, shape: unknown][] = [
    [`query: ${graphRuleX()}`, graph],
    ['query: { rule: "{ $X_MyApp_Role: { eq: \\"ADMIN\\" }}"\n  }', { kind: 'rbac', variable: 'X_MyApp_Role', operator: 'eq', operand: 'ADMIN' }],
    [
      'query: { rule: """\n    query($usr: String!) {\n      queryX(filter: { username: { eq: $usr } }) {\n        __typename\n      }\n    }""" }',
      { kind: 'graph', variables: ['usr'] },
    ],
    [`query: {\n    or: [ ${graphRuleX()}, ${graphRuleX()} ]\n  }`, { kind: 'or', items: [graph, graph] }],
    [`query: {\n    and: [ ${graphRuleX()}, ${graphRuleX()} ]\n  }`, { kind: 'and', items: [graph, graph] }],
    [`query: { not: ${graphRuleX()} }`, { kind: 'not', item: graph }],
  ];
  for (const [auth, shape] of valid) {
    const { rules, errors } = upload(typeX(auth));
    assert.deepEqual(errors, [], auth);
    assert.deepEqual(pick(rules.declared.get('X')?.query, shape), shape, auth);
  }

  const complex = `type Proj @auth(
  update: { rule: """
    query($usr: String!) {
      queryProj {
        roles(filter: { perm: { ge: 4 }}) {
          users(filter: { username: { eq: $usr } }) {
            __typename
          }
        }
      }
    }""" }
) {
  projID: ID!
  roles: [Role]
}
type Role {
  perm: Int! @search
  users: [User]
}
type User {
  username: String! @id
}`;
  const { rules, errors } = upload(complex);
  assert.deepEqual(errors, []);
  const update = rules.declared.get('Proj')?.update;
  assert.equal(update?.kind, 'graph');
  assert.deepEqual(update.variables, ['usr']);
});

/** The part of `value` that `shape` names (to compare rule trees without their parsed documents). */
function pick(value: unknown, shape: unknown): unknown {
  if (Array.isArray(shape) && Array.isArray(value)) return shape.map((s, i) => pick(value[i], s));
  if (shape && typeof shape === 'object' && value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(shape).map((k) => [k, pick((value as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k])]));
  }
  return value;
}

test('all mistakes of an upload together: declaration order, then password, query, add, update, delete', () => {
  const sdl = `type A @auth(
  delete: { rule: "{$R: { eq: 1 }" },
  query: { and: [ { rule: "{$R: { in: 1 } }" } ] },
  password: {}
) { id: ID! name: String }
interface I @auth(add: { rule: "query { queryA { id } }" }) { name: String }
type B implements I @auth(update: { not: { rule: "{$R: { xyz: 1 } }" } }) { id: ID! name: String }`;
  assert.deepEqual(
    errorsOf(sdl).map((e) => e.message),
    [
      'Type A: @auth: no arguments - there should be only one of "and", "or", "not" and "rule"',
      'Type A: @auth: `in` operator has invalid value `1`. Value should be an array.',
      "Type A: @auth: 'AND' should contain at least two rules",
      'Type A: @auth: `{$R: { eq: 1 }` is not a valid rule.',
      'Type I: @auth: expected only queryI rules,but found queryA',
      'Type B: @auth: `xyz` operator is not supported.',
    ],
  );
});

test('beyond Dgraph: repeated arguments, non-string rules, variables with stray whitespace', () => {
  // An unknown argument (`qurey:`) is refused before the rules are read, as gqlparser does (test/model).
  const sdl = `type A @auth(
  query: { rule: "{$R: { eq: 1 } }" },
  query: { rule: "{$R: { eq: 2 } }" },
  add: { rule: 5 },
  update: { rule: "{$ROLE  : { eq: \\"ADMIN\\" } }" }
) { id: ID! name: String }`;
  const errors = errorsOf(sdl);
  assert.deepEqual(errors.slice(0, 2), [
    { message: 'Type A: @auth: the `query` rule is given more than once', locations: [locate(sdl, 'query', { nth: 2 })] },
    { message: 'Type A: @auth: a rule should be a string, found 5', locations: [locate(sdl, '5 }')] },
  ]);
  assert.equal(errors.length, 3);
  assert.match(errors[2].message, /^Type A: @auth: `\{\$ROLE {2}: \{ eq: "ADMIN" \} \}` uses the variable `\$ROLE `, which would look up the claim "ROLE "/);
  assert.deepEqual(errors[2].locations, [locate(sdl, '$ROLE')]);
});

test('@auth with no arguments is a type without rules', () => {
  const { rules, errors } = upload('type R @auth() { id: ID! name: String }');
  assert.deepEqual(errors, []);
  assert.deepEqual(rules.declared.get('R'), {});
  assert.equal(rules.hasRule('R', 'query'), false);
});
