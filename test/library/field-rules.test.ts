/**
 * Field rules in library mode: `@auth` on a field of the user's schema hides
 * the field's value (null, or [] for a list) without running its resolver
 * where the field's query rule does not admit the request (on an interface:
 * inherited by every implementation); addT/updateT whose input gives a field
 * its add/update rule refuses fail whole, before their resolver runs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IResolvers } from '@graphql-tools/utils';
import { createAuthline, type AuthlineContext } from '../../src/library/index.js';
import { SchemaRejectedError } from '../../src/errors.js';
import { authLine, bearer, freshData, startLibraryServer, type Data, type LibraryServer } from './support.js';

const ADMIN_RULE = 'rule: "{$ROLE: {eq: \\"ADMIN\\"}}"';

const SDL = `interface Person {
  name: String!
  email: String @auth(query: { ${ADMIN_RULE} })
}

type Employee implements Person {
  name: String!
  email: String
  salary: Float @auth(query: { or: [{ ${ADMIN_RULE} }, { rule: "{$ROLE: {eq: \\"HR\\"}}" }] })
  role: String @auth(add: { ${ADMIN_RULE} }, update: { ${ADMIN_RULE} })
  reports: [Employee] @auth(query: { ${ADMIN_RULE} })
}

input AddEmployeeInput { name: String! role: String salary: Float }
input EmployeePatch { role: String salary: Float }
input UpdateEmployeeInput { filter: String! set: EmployeePatch remove: EmployeePatch }

type Query {
  employees: [Employee]
  people: [Person]
}

type Mutation {
  addEmployee(input: [AddEmployeeInput!]!): [Employee]
  updateEmployee(input: UpdateEmployeeInput!): [Employee]
}

${authLine('HS256')}
`;

interface Employee { name: string; email?: string; salary?: number; role?: string }

function resolvers(data: Data & { employees: Employee[] }): IResolvers<unknown, AuthlineContext> {
  const called = <T>(name: string, value: T): T => {
    data.calls.push(name);
    return value;
  };
  return {
    Person: { __resolveType: () => 'Employee' },
    Query: {
      employees: () => called('employees', data.employees),
      people: () => called('people', data.employees),
    },
    Mutation: {
      addEmployee: (_: unknown, { input }: { input: Employee[] }) => called('addEmployee', input.map((e) => (data.employees.push({ ...e }), e))),
      updateEmployee: (_: unknown, { input }: { input: { filter: string; set?: Partial<Employee> } }) => {
        const matched = data.employees.filter((e) => e.name === input.filter);
        for (const e of matched) Object.assign(e, input.set ?? {});
        return called('updateEmployee', matched);
      },
    },
    Employee: {
      salary: (e: Employee) => called('Employee.salary', e.salary ?? null),
      reports: (e: Employee) => called('Employee.reports', data.employees.filter((r) => r.name !== e.name)),
    },
  };
}

describe('library mode field rules', () => {
  let server: LibraryServer;
  let data: Data & { employees: Employee[] };
  before(async () => {
    data = { ...freshData(), employees: [{ name: 'alice', email: 'a@co', salary: 300, role: 'lead' }, { name: 'bob', salary: 100, role: 'dev' }] };
    server = await startLibraryServer({
      sdl: SDL,
      operations: {},
      data,
      resolvers: (d) => resolvers(d as typeof data),
    });
  });
  after(() => server.close());

  test('a hidden field reads null (a list []) and its resolver does not run', async () => {
    data.calls.length = 0;
    const q = 'query { employees { name email salary reports { name } } }';
    const res = await server.post(q, await bearer('HS256', { ROLE: 'USER' }));
    assert.deepEqual(res.body, { data: { employees: [
      { name: 'alice', email: null, salary: null, reports: [] },
      { name: 'bob', email: null, salary: null, reports: [] },
    ] } });
    assert.deepEqual(data.calls, ['employees']);
    const hr = await server.post('query { employees { salary } }', await bearer('HS256', { ROLE: 'HR' }));
    assert.deepEqual(hr.body, { data: { employees: [{ salary: 300 }, { salary: 100 }] } });
    const admin = await server.post('query { people { name email ... on Employee { reports { name } } } }', await bearer('HS256', { ROLE: 'ADMIN' }));
    assert.deepEqual(admin.body, { data: { people: [
      { name: 'alice', email: 'a@co', reports: [{ name: 'bob' }] },
      { name: 'bob', email: null, reports: [{ name: 'alice' }] },
    ] } });
  });

  test('the interface field rule reaches the implementation, through the interface and fragments', async () => {
    const res = await server.post('query { people { email ... on Employee { salary } } }', await bearer('HS256', { ROLE: 'HR' }));
    assert.deepEqual(res.body, { data: { people: [{ email: null, salary: 300 }, { email: null, salary: 100 }] } });
  });

  test('add and update: a field the rule refuses fails the mutation before its resolver runs', async () => {
    data.calls.length = 0;
    const add = await server.post('mutation { addEmployee(input: [{name: "carol", role: "boss"}]) { name } }', await bearer('HS256', { ROLE: 'HR' }));
    assert.deepEqual(add.body, { data: { addEmployee: null }, errors: [{
      message: 'mutation failed because authorization failed: the add rule of field Employee.role does not hold',
      path: ['addEmployee'], extensions: { code: 'AUTH_DENIED' },
    }] });
    const update = await server.post('mutation { updateEmployee(input: {filter: "bob", remove: {role: "dev"}}) { name } }', await bearer('HS256', { ROLE: 'HR' }));
    assert.deepEqual(update.body, { data: { updateEmployee: null }, errors: [{
      message: "couldn't rewrite mutation updateEmployee because authorization failed: the update rule of field Employee.role does not hold",
      path: ['updateEmployee'], extensions: { code: 'AUTH_DENIED' },
    }] });
    assert.deepEqual(data.calls, []);
    assert.equal(data.employees.length, 2);
    assert.equal(data.employees[1].role, 'dev');
    const allowed = await server.post('mutation { updateEmployee(input: {filter: "bob", set: {salary: 110}}) { name } }', await bearer('HS256', { ROLE: 'HR' }));
    assert.deepEqual(allowed.body, { data: { updateEmployee: [{ name: 'bob' }] } });
    const admin = await server.post('mutation { addEmployee(input: [{name: "carol", role: "boss"}]) { name } }', await bearer('HS256', { ROLE: 'ADMIN' }));
    assert.deepEqual(admin.body, { data: { addEmployee: [{ name: 'carol' }] } });
  });
});

test('library mode refuses field rules it could not enforce', async () => {
  const rejected = async (sdl: string) => {
    try {
      const auth = await createAuthline({ typeDefs: `${sdl}\n${authLine('HS256')}\n` });
      auth.close();
    } catch (error) {
      assert.ok(error instanceof SchemaRejectedError);
      return error.errors.map((e) => e.message);
    }
    return [];
  };
  assert.deepEqual(await rejected(`type T { id: ID! n: String! @auth(query: { ${ADMIN_RULE} }) }\ntype Query { t: T }`), [
    "Type T; Field n: @auth: a query rule hides the field's value (null, or [] for a list) where it does not hold, so the field must be nullable: declare it `n: String`, not `String!`",
  ]);
  const graph = await rejected('type T { id: ID! n: String @auth(query: { rule: "query { queryT { id } }" }) }\ntype Query { t: T }');
  assert.equal(graph.length, 1);
  assert.match(graph[0], /^Type T; Field n: @auth: the query rule "query \{ queryT \{ id \} \}" is a graph-traversal rule/);
});
