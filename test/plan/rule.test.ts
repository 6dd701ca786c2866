/**
 * Graph-traversal rules of Dgraph's e2e auth schema read as Dgraph runs them
 * (fact sheet §3.5): cascade at every level unless the rule root has its own,
 * claims bound without coercion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { parseTolerant } from '../../src/sdl/index.js';
import { PlanError, planRuleQuery } from '../../src/plan/index.js';
import type { NodeQuery } from '../../src/plan/index.js';
import { authRules } from '../api/helpers.js';
import { CONFORMANCE_SKIP, conformanceSchema, fromConformance } from '../support/conformance.js';
import { api, named } from './harness.js';

const e2eApi = fromConformance(() => api(conformanceSchema()));
const plan = (rule: string, claims: Record<string, unknown> = {}) => {
  const { model, schema } = e2eApi();
  return planRuleQuery(model, schema, parseTolerant(rule), claims);
};

/** Every level of a NodeQuery tree, depth first. */
function levels(query: NodeQuery): NodeQuery[] {
  return [query, ...query.selection.flatMap((s) => (s.kind === 'edge' ? levels(s.query) : []))];
}

test('every graph rule of the e2e auth schema plans, on its own type, with cascade at every level', { skip: CONFORMANCE_SKIP }, () => {
  const claims = { USER: 'user1', ANS: 'true', PERMISSION: 'VIEW', TaskOccuranceRole: 'ADMINISTRATOR' };
  const rules = authRules(e2eApi().model).filter((r) => r.trimStart().startsWith('query'));
  assert.equal(rules.length, 62);
  for (const rule of rules) {
    const query = plan(rule, claims);
    const operation = parse(rule).definitions[0] as OperationDefinitionNode;
    const root = operation.selectionSet.selections[0];
    assert.ok(root.kind === Kind.FIELD);
    assert.equal(`query${query.type}`, root.name.value, rule);
    const ownCascade = root.directives?.some((d) => d.name.value === 'cascade') ?? false;
    if (!ownCascade) {
      for (const level of levels(query)) assert.deepEqual(level.cascade, { kind: 'all' }, rule);
    }
  }
});

test('a nested traversal rule, with the claim bound as it is', { skip: CONFORMANCE_SKIP }, () => {
  const rule = `query($USER: String!) {
    queryColumn {
      inProject {
        roles(filter: { permission: { eq: VIEW } } ) {
          assignedTo(filter: { username: { eq: $USER } }) { __typename }
        }
      }
    }
  }`;
  const edge = (field: string, list: boolean, type: string, filter: unknown, selection: unknown[]) => ({
    kind: 'edge',
    key: field.split('.')[1],
    field,
    list,
    query: { type, concreteTypes: [type], filter, order: [], cascade: { kind: 'all' }, selection },
  });
  assert.deepEqual(named(e2eApi(), plan(rule, { USER: 'user1' })), {
    type: 'Column',
    concreteTypes: ['Column'],
    filter: null,
    order: [],
    cascade: { kind: 'all' },
    selection: [
      edge('Column.inProject', false, 'Project', null, [
        edge('Project.roles', true, 'Role', { kind: 'compare', field: 'Role.permission', op: 'eq', value: 'VIEW' }, [
          edge('Role.assignedTo', true, 'User', { kind: 'compare', field: 'User.username', op: 'eq', value: 'user1' }, [
            { kind: 'typename', key: '__typename' },
          ]),
        ]),
      ]),
    ],
  });
});

test('claims are not coerced: "true" for a Boolean, one id or a list for [ID!]', { skip: CONFORMANCE_SKIP }, () => {
  const question = plan('query($ANS: Boolean!) { queryQuestion(filter: { answered: $ANS } ) { id } }', { ANS: 'true' });
  assert.deepEqual(named(e2eApi(), question.filter), { kind: 'compare', field: 'Question.answered', op: 'eq', value: 'true' });
  assert.deepEqual(question.selection, [{ kind: 'uid', key: 'id' }]);
  const person = 'query ($USER: [ID!]) { queryPerson(filter: {id: $USER}) { id } }';
  assert.deepEqual(plan(person, { USER: ['0xffe', '0xfff'] }).filter, { kind: 'uid', uids: ['4094', '4095'] });
  assert.deepEqual(plan(person, { USER: '0x5' }).filter, { kind: 'uid', uids: ['5'] });
  assert.deepEqual(plan(person, { USER: ['user1'] }).filter, { kind: 'uid', uids: [] });
});

test('a rule root with its own @cascade replaces the default (Home rule)', { skip: CONFORMANCE_SKIP }, () => {
  const home = plan(`query {
    queryHome @cascade(fields: ["members"]) {
      members(filter: {memberTypes: [Dog]}) @cascade {
        ... on Dog { eats { ... on Parrot { id } ... on Plant { id } } }
      }
    }
  }`);
  assert.deepEqual(home.cascade, { kind: 'fields', fields: ['members'] });
  const members = home.selection[0];
  assert.ok(members.kind === 'edge');
  assert.deepEqual(named(e2eApi(), members.query.filter), { kind: 'type', types: ['Dog'] });
  assert.deepEqual(members.query.cascade, { kind: 'all' });
  const eats = members.query.selection[0];
  assert.ok(eats.kind === 'edge');
  assert.deepEqual(eats.onTypes, ['Dog']);
  assert.deepEqual(eats.query.cascade, { kind: 'all' });
  // `id` asked of every member of DogFood: one selection.
  assert.deepEqual(eats.query.selection, [{ kind: 'uid', key: 'id' }]);
  // The second Home rule has no @cascade of its own: every level cascades.
  const plants = plan('query { queryHome { members(filter: {memberTypes: [Plant]}) { ... on Plant { breed } } } }');
  assert.deepEqual(plants.cascade, { kind: 'all' });
});

test('a rule on an interface reaches every implementation', { skip: CONFORMANCE_SKIP }, () => {
  const vehicle = plan('query($USER: String!) { queryVehicle(filter: { owner: { eq: $USER }}) { owner } }', { USER: 'Alice' });
  assert.deepEqual(named(e2eApi(), vehicle), {
    type: 'Vehicle',
    concreteTypes: ['Car'],
    filter: { kind: 'compare', field: 'Vehicle.owner', op: 'eq', value: 'Alice' },
    order: [],
    cascade: { kind: 'all' },
    selection: [{ kind: 'scalar', key: 'owner', field: 'Vehicle.owner' }],
  });
});

test('what is not one queryT is a plan error', { skip: CONFORMANCE_SKIP }, () => {
  const fails = (rule: string, message: string) => {
    assert.throws(() => plan(rule), (e: unknown) => e instanceof PlanError && e.message === message, rule);
  };
  fails('query A { queryUser { username } } query B { queryUser { username } }', 'a rule should be exactly one query, found 2 GraphQL operations');
  fails('mutation M { deleteUser(filter: {}) { numUids } }', 'a rule should be exactly one query, found an M');
  fails('query { queryUser { username } queryTodo { id } }', 'a rule should be exactly one query, found 2 queries');
  fails('query { getUser(username: "a") { username } }', 'a rule must read query<Type>, found getUser');
});
