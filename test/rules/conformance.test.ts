/**
 * The shared Dgraph e2e auth schema through the real stages: the upload
 * parser, the type model, the generated API and the plan builder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Residual } from '../../src/rules/index.js';
import { CONFORMANCE_SKIP, conformanceSchema, fromConformance } from '../support/conformance.js';
import { upload } from './support.js';

const e2eSchema = fromConformance(() => upload(conformanceSchema()));

test('the Dgraph e2e auth schema: no error, a rule for every @auth and every operation written', { skip: CONFORMANCE_SKIP }, () => {
  const SDL = conformanceSchema();
  const e2e = e2eSchema();
  assert.deepEqual(e2e.errors, []);
  const carriers = [...e2e.model.types.values()].filter((t) => t.authDirective);
  assert.equal(carriers.length, SDL.replace(/#.*$/gm, '').match(/@auth\b/g)!.length);
  assert.equal(carriers.length, 33);
  for (const type of carriers) {
    const written = type.authDirective!.arguments?.map((a) => a.name.value) ?? [];
    assert.deepEqual(Object.keys(e2e.rules.declared.get(type.name)!).sort(), [...written].sort(), type.name);
  }
});

test("Dgraph's messages and positions on the real generated API", () => {
  const sdl = `type X @auth(
  query: {rule: "query { queryX(filter: { userRle: { eq: \\"ADMIN\\" } }) { __typename } }"},
  add: { rule: """
    query {
      queryX {
    """ },
  update: { rule: "{$USER: { in: \\"xyz@dgraph.io\\" } }" }
) {
  username: String! @id
  userRole: String @search(by: [hash])
}`;
  assert.deepEqual(
    upload(sdl).errors.map((e) => e.toJSON()),
    [
      {
        message: 'Type X: @auth: failed to validate GraphQL rule [reason : Field "userRle" is not defined by type XFilter. Did you mean userRole or username?]',
        locations: [{ line: 2, column: 43 }],
      },
      { message: 'Type X: @auth: failed to parse GraphQL rule [reason : Expected Name, found <EOF>]', locations: [{ line: 6, column: 5 }] },
      { message: 'Type X: @auth: `in` operator has invalid value `xyz@dgraph.io`. Value should be an array.', locations: [{ line: 7, column: 34 }] },
    ],
  );
});

/** The reach leaves of a decision, in order. */
function reaches(residual: Residual): Extract<Residual, { kind: 'reach' }>[] {
  if (residual.kind === 'and' || residual.kind === 'or') return residual.items.flatMap(reaches);
  if (residual.kind === 'not') return reaches(residual.item);
  return residual.kind === 'reach' ? [residual] : [];
}

test('decisions with real plans: Group, Person, Question and Home', { skip: CONFORMANCE_SKIP }, () => {
  const e2e = e2eSchema();
  const group = e2e.rules.policyFor({ USER: 'user1' }).decide('Group', 'query');
  assert.ok(group.kind === 'filter' && group.residual.kind === 'reach');
  const [users] = group.residual.query.selection;
  assert.equal(users.kind === 'edge' && users.field.name, 'users');
  assert.equal(group.residual.query.cascade?.kind, 'all');

  const person = e2e.rules.policyFor({ USER: ['0xffe', '0xfff'] }).decide('Person', 'query');
  assert.ok(person.kind === 'filter' && person.residual.kind === 'reach');
  assert.deepEqual(person.residual.query.filter, { kind: 'uid', uids: ['4094', '4095'] });

  const question = e2e.rules.policyFor({ USER: 'user1@dgraph.io', ANS: true }).decide('Question', 'query');
  assert.ok(question.kind === 'filter' && question.residual.kind === 'and');
  assert.deepEqual(reaches(question.residual).map((r) => r.query.type), ['Question', 'Post']);
  assert.deepEqual(reaches(question.residual)[1].query.concreteTypes.map((t) => t.name).sort(), ['Answer', 'FbPost', 'Question']);

  const home = e2e.rules.policyFor(null).decide('Home', 'query');
  assert.ok(home.kind === 'filter' && home.residual.kind === 'or');
  assert.deepEqual(reaches(home.residual)[0].query.cascade, { kind: 'fields', fields: ['members'] });
});
