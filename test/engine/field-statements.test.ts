/**
 * Field rules cost no statement of their own: each root field runs the same
 * number of SQL statements with field rules (RBAC and graph rules, on
 * scalars and edges, read, filtered, ordered, aggregated, added, updated)
 * as the same schema without them (no rules at all), over the same data.
 * A new node's add rules are asked by the statement that writes it, with a
 * payload to read or without (docs/rules.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, json, run, token } from './support.js';

const GRAPH_RULE = 'rule: "query($USER: String!) { queryEmployee { manager(filter: {name: {eq: $USER}}) { name } } }"';
const ADMIN = 'rule: "{$ROLE: {eq: \\"ADMIN\\"}}"';

const schema = (withRules: boolean) => {
  const auth = (rules: string) => (withRules ? `@auth(${rules})` : '');
  return `type Employee {
  id: ID!
  name: String! @id
  salary: Float @search ${auth(`query: { ${GRAPH_RULE} }, add: { or: [{ ${ADMIN} }, { ${GRAPH_RULE} }] }`)}
  role: String ${auth(`query: { ${ADMIN} }, add: { ${ADMIN} }, update: { or: [{ ${ADMIN} }, { ${GRAPH_RULE} }] }`)}
  manager: Employee
  reports: [Employee] ${auth(`query: { ${GRAPH_RULE} }`)}
}
${AUTH_LINE}`;
};

const DATA = [
  { uid: '_:alice', 'dgraph.type': 'Employee', 'Employee.name': 'alice', 'Employee.salary': 300, 'Employee.reports': [{ uid: '_:bob' }] },
  { uid: '_:bob', 'dgraph.type': 'Employee', 'Employee.name': 'bob', 'Employee.salary': 100, 'Employee.role': 'dev', 'Employee.manager': { uid: '_:alice' } },
];

const FIELDS = (pass: number) => [
  'query { queryEmployee(filter: {salary: {gt: 50}}, order: {desc: salary}) { name salary role reports { name salary } manager { salary } } }',
  'query { getEmployee(name: "bob") { salary role reportsAggregate { count salaryMax } } }',
  'query { aggregateEmployee(filter: {has: role}) { count salaryMax salarySum } }',
  'query { queryEmployee @cascade { name salary } }',
  'mutation { updateEmployee(input: {filter: {name: {eq: "bob"}}, set: {role: "lead", salary: 120}}) { employee { salary role } } }',
  `mutation { addEmployee(input: [{name: "carol${pass}", salary: 90, manager: {name: "alice"}}]) { employee { salary } } }`,
  `mutation { addEmployee(input: [{name: "dave${pass}", salary: 80, manager: {name: "alice"}}]) { numUids } }`,
  'mutation { addEmployee(input: [{name: "bob", salary: 110}], upsert: true) { employee { salary } } }',
];

/** Statements each root field of FIELDS costs, as alice (a graph rule decides) and as an admin (RBAC allows). */
async function statementsPerField(withRules: boolean): Promise<number[]> {
  let counting = false;
  let statements = 0;
  const store = await openStore({ onStatement: () => { if (counting) statements++; } });
  const service = await createService({ store });
  try {
    await service.uploadSchema(schema(withRules));
    await service.importData(DATA);
    const counts: number[] = [];
    for (const [pass, claims] of [{ USER: 'alice', ROLE: 'ADMIN' }, { USER: 'alice' }].entries()) {
      const bearer = await token(claims);
      for (const field of FIELDS(pass)) {
        statements = 0;
        counting = true;
        const result = json(await run(service, field, { token: bearer })) as { data: Record<string, unknown> };
        counting = false;
        assert.notEqual(Object.values(result.data)[0], null, `${field} failed: ${JSON.stringify(result)}`);
        counts.push(statements);
      }
    }
    return counts;
  } finally {
    await service.close();
  }
}

test('a root field with field rules runs as many statements as without them', async () => {
  const without = await statementsPerField(false);
  const withRules = await statementsPerField(true);
  assert.deepEqual(withRules, without);
  // Reads are one statement each.
  assert.deepEqual(without.slice(0, 4), [1, 1, 1, 1]);
});
