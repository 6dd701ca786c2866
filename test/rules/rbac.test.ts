import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goFloat, goValue } from '../../src/sdl/go-format.js';
import { parseRbacRule } from '../../src/rules/rbac.js';
import type { RuleProblem } from '../../src/rules/rbac.js';
import { jsonEqual, matchesRbac } from '../../src/rules/rbac-eval.js';
import type { RbacRule } from '../../src/rules/tree.js';
import type { Claims } from '../../src/verifier/types.js';

function rule(text: string): RbacRule {
  const parsed = parseRbacRule(text);
  assert.ok('kind' in parsed, `expected ${text} to parse, got: ${(parsed as RuleProblem).message}`);
  return parsed;
}

function problem(text: string): RuleProblem {
  const parsed = parseRbacRule(text);
  assert.ok(!('kind' in parsed), `expected ${text} to be rejected`);
  return parsed;
}

const matches = (text: string, claims: Claims | null) => matchesRbac(rule(text), claims);

test('grammar: at most one whitespace character at each optional place', () => {
  for (const text of ['{$ROLE: { eq: "ADMIN" } }', '{ $ROLE: { eq: "ADMIN" }}', '{$ROLE:{eq:"ADMIN"}}', '{\t$ROLE :\t{ eq :  "ADMIN"  } }']) {
    const r = rule(text);
    assert.equal(r.variable, 'ROLE', text);
    assert.equal(r.operator, 'eq');
    assert.equal(r.operand, 'ADMIN');
  }
  assert.equal(problem('{$ROLE: {  eq: "A" } }').message, '`{$ROLE: {  eq: "A" } }` is not a valid rule.');
  assert.equal(problem('{$ROLE: { eq: "A" } }\n').message, '`{$ROLE: { eq: "A" } }\n` is not a valid rule.');
  assert.equal(problem('{  $ROLE: { eq: "A" } }').message, '` $ROLE` is not a valid GraphQL variable.');
});

test('Dgraph messages, in Dgraph order of checks', () => {
  const cases: [string, string, number][] = [
    ['{ "ADMIN" }', '`{ "ADMIN" }` is not a valid rule.', 0],
    ['{$USER: { eq: nil } }', '`$USER` is not a valid GraphQL variable.', 14],
    ['{$USER: { eq: null } }', '`eq` operator has invalid value. null values aren\'t supported.', 14],
    ['{$USER: { in: "xyz@dgraph.io" } }', '`in` operator has invalid value `xyz@dgraph.io`. Value should be an array.', 14],
    ['{$USER: { in: true } }', '`in` operator has invalid value `true`. Value should be an array.', 14],
    ['{$USER: { in: {"b": 1, "a": [1, "x"]} } }', '`in` operator has invalid value `map[a:[1 x] b:1]`. Value should be an array.', 14],
    ['{$USER: { regexp: 12345 } }', '`regexp` operator has invalid value `12345`. Value should be of type String.', 18],
    ['{$USER: { regexp: 12345678 } }', '`regexp` operator has invalid value `1.2345678e+07`. Value should be of type String.', 18],
    ['{$USER: { eq: [1, 2.5, "a"] } }', '`eq` operator has invalid value `[1 2.5 a]`. Array values in eq operator will not be supported.', 14],
    ['{ $X_MyApp_Role : { xyz : "ADMIN"}}', '`xyz` operator is not supported.', 20],
    ['{$USER: { EQ: "a" } }', '`EQ` operator is not supported.', 10],
    ['{ X_MyApp_Role : { eq : "ADMIN"}}', '`X_MyApp_Role` is not a valid GraphQL variable.', 2],
    ['{$USER: { regexp: "a(b" } }', '`USER` does not have a valid regex expression.', 18],
    // The operand is checked before the variable, as in Dgraph.
    ['{USER: { in: 5 } }', '`in` operator has invalid value `5`. Value should be an array.', 13],
  ];
  for (const [text, message, offset] of cases) {
    assert.deepEqual(problem(text), { message, offset }, text);
  }
});

test('beyond Dgraph: whitespace that turns the variable into a claim no token has is rejected', () => {
  const spaced = problem('{$ROLE  : { eq: "ADMIN" } }');
  assert.equal(spaced.offset, 1);
  assert.match(spaced.message, /^`\{\$ROLE {2}: \{ eq: "ADMIN" \} \}` uses the variable `\$ROLE `, which would look up the claim "ROLE " that no token carries/);
  assert.match(problem('{$ ROLE: { eq: "ADMIN" } }').message, /look up the claim " ROLE"/);
  assert.match(problem('{$: { eq: "ADMIN" } }').message, /look up the claim ""/);
});

test('RE2 syntax: checked at upload, Go semantics at match time', () => {
  // Valid in RE2 and in Go, whatever JavaScript thinks of them.
  rule('{$EMAIL: { regexp: "(?i)^[a-z]+@example\\\\.com$" } }');
  rule('{$EMAIL: { regexp: "\\\\Qa.b\\\\E" } }');
  rule('{$EMAIL: { regexp: "(?P<user>.*)@x" } }');
  // Not RE2: lookaround, backreferences, huge counts.
  for (const pattern of ['(?=a)b', '(a)\\\\1', 'a{1001}']) {
    assert.equal(problem(`{$EMAIL: { regexp: "${pattern}" } }`).message, '`EMAIL` does not have a valid regex expression.');
  }
  assert.equal(matches('{$EMAIL: { regexp: "(?i)^ADMIN" } }', { EMAIL: 'admin@x' }), true);
  assert.equal(matches('{$EMAIL: { regexp: "\\\\Qa.b\\\\E" } }', { EMAIL: 'xa.by' }), true);
  assert.equal(matches('{$EMAIL: { regexp: "\\\\Qa.b\\\\E" } }', { EMAIL: 'axb' }), false);
  // Unanchored unless anchored, like Go's MatchString.
  assert.equal(matches('{$EMAIL: { regexp: "dgraph" } }', { EMAIL: 'xyz@dgraph.io' }), true);
  assert.equal(matches('{$EMAIL: { regexp: "^dgraph" } }', { EMAIL: 'xyz@dgraph.io' }), false);
  // Only strings match a regexp.
  assert.equal(matches('{$EMAIL: { regexp: "1" } }', { EMAIL: 1 }), false);
});

test('eq: Go deep equality over JSON values', () => {
  assert.equal(matches('{$ROLE: { eq: "ADMIN" } }', { ROLE: 'ADMIN' }), true);
  assert.equal(matches('{$ROLE: { eq: "ADMIN" } }', { ROLE: 'admin' }), false);
  assert.equal(matches('{$N: { eq: 1234 } }', { N: 1234.0 }), true);
  assert.equal(matches('{$N: { eq: 1234 } }', { N: '1234' }), false);
  assert.equal(matches('{$B: { eq: true } }', { B: 'true' }), false);
  assert.equal(matches('{$B: { eq: true } }', { B: true }), true);
  assert.equal(matches('{$O: { eq: {"a": "b", "c": [1, {"d": null}]} } }', { O: { c: [1, { d: null }], a: 'b' } }), true);
  assert.equal(matches('{$O: { eq: {"a": "b"} } }', { O: { a: 'b', c: 1 } }), false);
  assert.equal(jsonEqual({ a: 1 }, { b: 1 }), false);
  assert.equal(jsonEqual([1, 2], [2, 1]), false);
  assert.equal(jsonEqual([], {}), false);
});

test('in: any operand deep-equals the value', () => {
  assert.equal(matches('{$R: { in: ["A", "B"] } }', { R: 'B' }), true);
  assert.equal(matches('{$R: { in: ["A", "B"] } }', { R: 'C' }), false);
  assert.equal(matches('{$R: { in: [{"c": "d"}, {"e": "f"}] } }', { R: { e: 'f' } }), true);
  assert.equal(matches('{$R: { in: [[1, 2], 3] } }', { R: [[1, 2]] }), true, 'an array element of an array claim can equal an array operand');
});

test('array claims match if any element matches; an empty array matches nothing', () => {
  assert.equal(matches('{$ROLE: { eq: "ADMIN" } }', { ROLE: ['USER', 'ADMIN'] }), true);
  assert.equal(matches('{$ROLE: { eq: "ADMIN" } }', { ROLE: ['USER'] }), false);
  assert.equal(matches('{$ROLE: { eq: "ADMIN" } }', { ROLE: [] }), false);
  assert.equal(matches('{$ROLE: { in: ["A", "B"] } }', { ROLE: ['X', 'B'] }), true);
  assert.equal(matches('{$E: { regexp: "@dgraph.io$" } }', { E: ['abc@def.com', 'xyz@dgraph.io'] }), true);
  assert.equal(matches('{$N: { eq: 1234 } }', { N: [[1234]] }), false, 'eq operands are never arrays');
});

test('a missing or null claim makes every RBAC rule false (also `in: [null]`)', () => {
  for (const claims of [null, {}, { ROLE: null }, { role: 'ADMIN' }]) {
    assert.equal(matches('{$ROLE: { eq: "ADMIN" } }', claims), false);
    assert.equal(matches('{$ROLE: { in: [null, "ADMIN"] } }', claims), false);
    assert.equal(matches('{$ROLE: { regexp: ".*" } }', claims), false);
  }
  assert.equal(matches('{$toString: { regexp: ".*" } }', {}), false, 'no prototype lookups');
});

test('Book: every value type of eq and in, as Dgraph e2e TestAuthRBACEvaluation', () => {
  const book = [
    '{$USER: { eq: {"a": "b"} } }',
    '{$USER: { eq: 123.12 } }',
    '{$USER: { eq: 1237890123456 } }',
    '{$USER: { eq: 1234 } }',
    '{$USER: { eq: true } }',
    '{$USER: { in: [{"c": "d"}, {"e":"f"}] } }',
    '{$USER: { in: [456.23, 312.124] } }',
    '{$USER: { in: [9876543219876543, 1246879976444232435] } }',
    '{$USER: { in: [5678, 6872] } }',
    '{$USER: { regexp: "^(.*)@dgraph.io$" } }',
  ].map(rule);
  const sees = (user: unknown) => book.some((r) => matchesRbac(r, { USER: user }));
  for (const user of [{ a: 'b' }, 123.12, 1237890123456, 1234, true, { e: 'f' }, 312.124, 1246879976444232435, 6872, [456, 1234], [124324, 6872], 'xyz@dgraph.io', ['abc@def.com', 'xyz@dgraph.io']]) {
    assert.equal(sees(user), true, JSON.stringify(user));
  }
  for (const user of [{ a: 'c' }, 123.1, 'true', false, 'xyz@dgraph.com', [], null]) {
    assert.equal(sees(user), false, JSON.stringify(user));
  }
});

test("Go's %v for messages", () => {
  assert.equal(goFloat(12345), '12345');
  assert.equal(goFloat(123456), '123456');
  assert.equal(goFloat(1e6), '1e+06');
  assert.equal(goFloat(1237890123456), '1.237890123456e+12');
  assert.equal(goFloat(0.0001), '0.0001');
  assert.equal(goFloat(0.00001), '1e-05');
  assert.equal(goFloat(-2.5), '-2.5');
  assert.equal(goValue({ b: [true, null], a: 'x y' }), 'map[a:x y b:[true <nil>]]');
});
