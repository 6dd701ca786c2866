/**
 * `@auth` on fields (beyond Dgraph): what an upload refuses, each with its
 * place in the SDL, and the decisions per type, field and operation: a
 * field's own rule AND those of the interfaces declaring it, apart from the
 * type's rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourcePosition } from '../../src/sdl/errors.js';
import { upload } from './support.js';

const ADMIN = 'rule: "{$ROLE: {eq: \\"ADMIN\\"}}"';

function errorsOf(sdl: string): { message: string; locations?: SourcePosition[] }[] {
  return upload(sdl).errors.map((e) => e.toJSON());
}

test('a query rule on a non-null field is refused, at the rule', () => {
  const sdl = `type Employee {\n  id: ID!\n  salary: Float! @auth(query: { ${ADMIN} })\n  tags: [String!]! @auth(update: { ${ADMIN} })\n}\n`;
  assert.deepEqual(errorsOf(sdl), [{
    message: "Type Employee; Field salary: @auth: a query rule hides the field's value (null, or [] for a list) where it does not hold, " +
      'so the field must be nullable: declare it `salary: Float`, not `Float!`',
    locations: [{ line: 3, column: 24 }],
  }]);
});

test('a field takes query, add and update rules, none on the ID field', () => {
  const sdl = `type Employee {\n  id: ID! @auth(query: { ${ADMIN} })\n  role: String @auth(delete: { ${ADMIN} }, password: { ${ADMIN} })\n}\n`;
  assert.deepEqual(errorsOf(sdl), [
    {
      message: "Type Employee; Field id: @auth: the ID field is the node's identity: its type's @auth governs it, a field rule cannot",
      locations: [{ line: 2, column: 11 }],
    },
    {
      message: 'Type Employee; Field role: @auth: a field takes query, add and update rules; a `delete` rule governs whole nodes: put it in the @auth of type Employee',
      locations: [{ line: 3, column: 22 }],
    },
    {
      message: 'Type Employee; Field role: @auth: a field takes query, add and update rules; a `password` rule governs whole nodes: put it in the @auth of type Employee',
      locations: [{ line: 3, column: 68 }],
    },
  ]);
});

test("a field's graph rule is checked against its type's query, with Dgraph's messages and the field named", () => {
  const sdl = `type Employee {\n  id: ID!\n  name: String! @id\n  salary: Float @auth(query: { rule: "query { queryManager { __typename } }" })\n}\ntype Manager {\n  id: ID!\n  name: String\n}\n`;
  assert.deepEqual(errorsOf(sdl).map((e) => e.message), [
    'Type Employee; Field salary: @auth: expected only queryEmployee rules,but found queryManager',
  ]);
});

const COMPANY = `interface Person {
  id: ID!
  name: String! @id
  email: String @auth(query: { ${ADMIN} })
}
type Employee implements Person @auth(update: { rule: "{$USER: {eq: \\"alice\\"}}" }) {
  salary: Float @auth(query: { or: [{ ${ADMIN} }, { rule: "query($USER: String!) { queryEmployee(filter: {name: {eq: $USER}}) { name } }" }] })
  role: String @auth(update: { ${ADMIN} })
  title: String
}
type Contractor implements Person {
  email: String @auth(query: { rule: "{$AGENCY: {eq: \\"acme\\"}}" })
  agency: String
}
`;

test('decisions: per concrete type and field; interface field rules inherited, a repeated field adds its own', () => {
  const { rules, errors } = upload(COMPANY);
  assert.deepEqual(errors, []);
  const kinds = (claims: Record<string, unknown> | null, type: string, field: string, operation: 'query' | 'add' | 'update' = 'query') =>
    rules.policyFor(claims).decideField(type, field, operation).kind;

  assert.deepEqual(rules.ruledFields('Employee', 'query'), ['email', 'salary']);
  assert.deepEqual(rules.ruledFields('Employee', 'update'), ['role']);
  assert.deepEqual(rules.ruledFields('Employee', 'add'), []);
  assert.deepEqual(rules.ruledFields('Contractor', 'query'), ['email']);

  assert.equal(kinds({ ROLE: 'ADMIN' }, 'Employee', 'email'), 'allow');
  assert.equal(kinds({ USER: 'bob' }, 'Employee', 'email'), 'deny');
  // Contractor.email: its own rule AND the interface's.
  assert.equal(kinds({ AGENCY: 'acme' }, 'Contractor', 'email'), 'deny');
  assert.equal(kinds({ AGENCY: 'acme', ROLE: 'ADMIN' }, 'Contractor', 'email'), 'allow');
  assert.equal(kinds({ ROLE: 'ADMIN' }, 'Contractor', 'email'), 'deny');
  // A graph rule is left to the database; without its variable it denies.
  assert.equal(kinds({ USER: 'bob' }, 'Employee', 'salary'), 'filter');
  assert.equal(kinds(null, 'Employee', 'salary'), 'deny');
  assert.equal(kinds({ ROLE: 'ADMIN' }, 'Employee', 'salary'), 'allow');
  // Fields without rules, and operations a field has no rule for, allow.
  assert.equal(kinds(null, 'Employee', 'title'), 'allow');
  assert.equal(kinds(null, 'Employee', 'salary', 'update'), 'allow');
  assert.equal(kinds({ USER: 'alice' }, 'Employee', 'role', 'update'), 'deny');
  // The type's rule is decided apart: both must hold.
  assert.equal(rules.policyFor({ USER: 'alice' }).decide('Employee', 'update').kind, 'allow');
  assert.equal(rules.policyFor({ ROLE: 'ADMIN' }).decide('Employee', 'update').kind, 'deny');
});
