/**
 * Field-level @auth over HTTP, on PGlite and on PostgreSQL (issue 14, part 1):
 * a field its query rule hides reads null (a list []) through every path of
 * the API (root, get, nested, interface, fragment, mutation payload,
 * aggregates), and cannot be probed through filters or order; a mutation
 * that sets or removes a field its add/update rule refuses fails whole and
 * writes nothing.
 *
 * The company: alice manages bob and carol, bob manages dave; eve is a
 * contractor. Salaries are visible to admins and to the employee's manager;
 * email (declared, with its rule, by the Person interface) to admins only;
 * notes (an edge) to admins only; role may be given or changed by admins only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/engine/index.js';
import { jsonLogger, startServer } from '../../src/server/index.js';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';
import { assertData } from './support/assert.js';
import { GraphQLClient, type GraphQLResponse } from './support/graphql.js';
import { createSigner, HEADER, NAMESPACE, type AuthVars } from './support/tokens.js';

after(() => stopOwnCluster());

const ADMIN = 'rule: "{$ROLE: {eq: \\"ADMIN\\"}}"';

export const SCHEMA = (key: string) => `interface Person {
  id: ID!
  name: String! @id
  email: String @auth(query: { ${ADMIN} })
}

type Employee implements Person {
  title: String
  salary: Float @search @auth(query: { or: [
    { ${ADMIN} },
    { rule: "query($USER: String!) { queryEmployee { manager(filter: {name: {eq: $USER}}) { name } } }" }
  ] })
  role: String @auth(add: { ${ADMIN} }, update: { ${ADMIN} })
  manager: Employee
  reports: [Employee] @hasInverse(field: manager)
  notes: [Note] @auth(query: { ${ADMIN} })
  badge: String @id @auth(query: { ${ADMIN} })
}

type Contractor implements Person {
  agency: String
}

type Note {
  id: ID!
  text: String
}

# Dgraph.Authorization {"VerificationKey":"${key}","Header":"${HEADER}","Namespace":"${NAMESPACE}","Algo":"HS256"}
`;

const DATA = [
  { uid: '_:alice', 'dgraph.type': ['Employee', 'Person'], 'Person.name': 'alice', 'Person.email': 'alice@co', 'Employee.salary': 300, 'Employee.role': 'lead', 'Employee.title': 'CTO', 'Employee.reports': [{ uid: '_:bob' }, { uid: '_:carol' }] },
  { uid: '_:bob', 'dgraph.type': ['Employee', 'Person'], 'Person.name': 'bob', 'Person.email': 'bob@co', 'Employee.salary': 100, 'Employee.role': 'dev', 'Employee.manager': { uid: '_:alice' }, 'Employee.reports': [{ uid: '_:dave' }], 'Employee.notes': [{ uid: '_:note' }], 'Employee.badge': 'B1' },
  { uid: '_:carol', 'dgraph.type': ['Employee', 'Person'], 'Person.name': 'carol', 'Employee.salary': 200, 'Employee.manager': { uid: '_:alice' } },
  { uid: '_:dave', 'dgraph.type': ['Employee', 'Person'], 'Person.name': 'dave', 'Employee.salary': 150, 'Employee.manager': { uid: '_:bob' } },
  { uid: '_:eve', 'dgraph.type': ['Contractor', 'Person'], 'Person.name': 'eve', 'Person.email': 'eve@agency', 'Contractor.agency': 'acme' },
  { uid: '_:note', 'dgraph.type': 'Note', 'Note.text': 'asked for a raise' },
];

const ALICE: AuthVars = { USER: 'alice' };
const BOB: AuthVars = { USER: 'bob' };
const ADMIN_CLAIMS: AuthVars = { USER: 'root', ROLE: 'ADMIN' };

interface Running {
  readonly client: GraphQLClient;
  close(): Promise<void>;
}

async function admin(url: string, path: string, body: string): Promise<GraphQLResponse & { raw: unknown }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  const raw = (await res.json()) as { data?: Record<string, unknown>; errors?: GraphQLResponse['errors'] };
  return { status: res.status, hasData: 'data' in raw, data: raw.data, errors: raw.errors, raw };
}

/** authline over HTTP on 127.0.0.1, the company uploaded and imported over the admin endpoints. */
async function serve(storeOptions: StoreOptions, debug = true): Promise<Running> {
  const signer = await createSigner('HS256', 'field-rules-test-secret-32-bytes!');
  const store = await openStore(storeOptions);
  const service = await createService({ store, verifier: { logger: () => {} } });
  const server = await startServer(service, { host: '127.0.0.1', port: 0, debug, logger: jsonLogger(() => {}) });
  const close = async () => {
    await server.close();
    await service.close();
  };
  try {
    const uploaded = await admin(server.url, '/admin/schema', SCHEMA(signer.verificationKey));
    assert.deepEqual(uploaded.raw, { data: { code: 'Success', message: 'Done' } });
    const imported = await admin(server.url, '/admin/import', JSON.stringify(DATA));
    assert.equal(imported.errors, undefined);
  } catch (error) {
    await close();
    throw error;
  }
  return { client: new GraphQLClient(server.url, signer), close };
}

const BACKENDS: readonly { name: string; open(): Promise<{ options: StoreOptions; drop(): Promise<void> }> }[] = [
  { name: 'PGlite', open: async () => ({ options: {}, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database = await createTestDatabase();
      return { options: { databaseUrl: database.url }, drop: () => database.drop() };
    },
  },
];

const names = (list: unknown) => (list as { name: string }[]).map((p) => p.name);

for (const backend of BACKENDS) {
  describe(`field rules on ${backend.name}`, () => {
    let running: Running | undefined;
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      const opened = await backend.open();
      drop = opened.drop;
      running = await serve(opened.options);
    });
    after(async () => {
      await running?.close();
      await drop?.();
    });
    const post = (query: string, as?: AuthVars, variables?: Record<string, unknown>) => {
      if (!running) throw new Error('authline is not running');
      return running.client.post(query, { ...(as ? { as } : {}), ...(variables ? { variables } : {}) });
    };
    /** The answer's data, with the debug errors about hidden fields set aside. */
    const dataOf = (res: GraphQLResponse) => {
      const other = (res.errors ?? []).filter((e) => !e.message.startsWith('authorization failed: the query rule of field'));
      assert.deepEqual(other, [], `unexpected errors: ${JSON.stringify(other)}`);
      return res.data;
    };

    test('root list: each node shows the salary only where the rule holds', async () => {
      const q = 'query { queryEmployee(order: {asc: name}) { name salary } }';
      assert.deepEqual(dataOf(await post(q, ALICE)), { queryEmployee: [
        { name: 'alice', salary: null }, { name: 'bob', salary: 100 }, { name: 'carol', salary: 200 }, { name: 'dave', salary: null },
      ] });
      assert.deepEqual(dataOf(await post(q, BOB)), { queryEmployee: [
        { name: 'alice', salary: null }, { name: 'bob', salary: null }, { name: 'carol', salary: null }, { name: 'dave', salary: 150 },
      ] });
      assertData(await post(q, ADMIN_CLAIMS), { queryEmployee: [
        { name: 'alice', salary: 300 }, { name: 'bob', salary: 100 }, { name: 'carol', salary: 200 }, { name: 'dave', salary: 150 },
      ] });
      const anonymous = await post(q);
      assert.deepEqual((dataOf(anonymous)!.queryEmployee as { salary: unknown }[]).map((e) => e.salary), [null, null, null, null]);
    });

    test('get: by id and by @id', async () => {
      assert.deepEqual(dataOf(await post('query { getEmployee(name: "dave") { name salary } }', ALICE)), { getEmployee: { name: 'dave', salary: null } });
      assert.deepEqual(dataOf(await post('query { getEmployee(name: "bob") { salary } }', ALICE)), { getEmployee: { salary: 100 } });
    });

    test('nested: a hidden scalar below, a hidden edge reads []', async () => {
      const q = `query { getEmployee(name: "bob") {
        manager { name salary }
        reports { name salary }
        notes { text }
        reportsAggregate { count salaryMax }
      } }`;
      assert.deepEqual(dataOf(await post(q, ALICE)), { getEmployee: {
        manager: { name: 'alice', salary: null },
        reports: [{ name: 'dave', salary: null }],
        notes: [],
        reportsAggregate: { count: 1, salaryMax: null },
      } });
      assertData(await post(q, ADMIN_CLAIMS), { getEmployee: {
        manager: { name: 'alice', salary: 300 },
        reports: [{ name: 'dave', salary: 150 }],
        notes: [{ text: 'asked for a raise' }],
        reportsAggregate: { count: 1, salaryMax: 150 },
      } });
      // bob manages dave: his salary shows below bob too.
      assert.deepEqual(dataOf(await post('query { getEmployee(name: "bob") { reports { salary } } }', BOB)), { getEmployee: { reports: [{ salary: 150 }] } });
    });

    test('interface and fragments: the interface field rule is inherited, the fragment field hidden', async () => {
      const q = `query { queryPerson(order: {asc: name}) { name email ... on Employee { salary } ...agency } }
        fragment agency on Contractor { agency }`;
      assert.deepEqual(dataOf(await post(q, ALICE)), { queryPerson: [
        { name: 'alice', email: null, salary: null },
        { name: 'bob', email: null, salary: 100 },
        { name: 'carol', email: null, salary: 200 },
        { name: 'dave', email: null, salary: null },
        { name: 'eve', email: null, agency: 'acme' },
      ] });
      const admins = await post('query { queryPerson(filter: {name: {in: ["bob", "eve"]}}, order: {asc: name}) { email } }', ADMIN_CLAIMS);
      assertData(admins, { queryPerson: [{ email: 'bob@co' }, { email: 'eve@agency' }] });
      assert.deepEqual(dataOf(await post('query { queryEmployee(filter: {name: {eq: "bob"}}) { email } }', ALICE)), { queryEmployee: [{ email: null }] });
    });

    test('aggregates leave out the values the reader cannot see', async () => {
      const q = 'query { aggregateEmployee { count salaryMin salaryMax salarySum salaryAvg } }';
      assert.deepEqual(dataOf(await post(q, ALICE)), { aggregateEmployee: { count: 4, salaryMin: 100, salaryMax: 200, salarySum: 300, salaryAvg: 150 } });
      assertData(await post(q, ADMIN_CLAIMS), { aggregateEmployee: { count: 4, salaryMin: 100, salaryMax: 300, salarySum: 750, salaryAvg: 187.5 } });
      assert.deepEqual(dataOf(await post(q)), { aggregateEmployee: { count: 4, salaryMin: null, salaryMax: null, salarySum: null, salaryAvg: null } });
      assert.deepEqual(
        dataOf(await post('query { getEmployee(name: "alice") { reportsAggregate { salarySum } } }', BOB)),
        { getEmployee: { reportsAggregate: { salarySum: null } } },
      );
    });

    test('filters cannot probe a hidden value: it is absent to them', async () => {
      const filtered = async (filter: string, as?: AuthVars) =>
        names(dataOf(await post(`query { queryEmployee(filter: ${filter}, order: {asc: name}) { name } }`, as))!.queryEmployee);
      assert.deepEqual(await filtered('{salary: {gt: 120}}', ALICE), ['carol']);
      assert.deepEqual(await filtered('{salary: {gt: 120}}', ADMIN_CLAIMS), ['alice', 'carol', 'dave']);
      assert.deepEqual(await filtered('{salary: {gt: 120}}'), []);
      assert.deepEqual(await filtered('{not: {salary: {gt: 120}}}', ALICE), ['alice', 'bob', 'dave']);
      assert.deepEqual(await filtered('{has: salary}', ALICE), ['bob', 'carol']);
      assert.deepEqual(await filtered('{has: notes}', ALICE), []);
      assert.deepEqual(await filtered('{has: notes}', ADMIN_CLAIMS), ['bob']);
      assert.deepEqual(names(dataOf(await post('query { queryEmployee(filter: {salary: {gt: 120}}) @cascade { name } }', ALICE))!.queryEmployee), ['carol']);
      assert.deepEqual(names(dataOf(await post('query { queryEmployee @cascade { name salary } }', ALICE))!.queryEmployee).sort(), ['bob', 'carol']);
      // Deleting by a hidden value finds nothing to delete either.
      assert.deepEqual(dataOf(await post('mutation { deleteEmployee(filter: {salary: {eq: 300}}) { numUids } }', ALICE)), { deleteEmployee: { numUids: 0 } });
      assert.deepEqual(dataOf(await post('query { aggregateEmployee(filter: {salary: {ge: 300}}) { count } }', ALICE)), { aggregateEmployee: { count: 0 } });
    });

    test('a hidden @id value finds nothing by get, and its existence is a debug-only text', async () => {
      assert.deepEqual(dataOf(await post('query { getEmployee(badge: "B1") { name } }', ALICE)), { getEmployee: null });
      assertData(await post('query { getEmployee(badge: "B1") { name } }', ADMIN_CLAIMS), { getEmployee: { name: 'bob' } });
      const taken = await post('mutation { addEmployee(input: [{name: "zed", badge: "B1"}]) { numUids } }', ALICE);
      assert.deepEqual(taken.data, { addEmployee: null });
      assert.deepEqual(taken.errors?.map((e) => e.message), [
        "couldn't rewrite mutation addEmployee because failed to rewrite mutation payload because GraphQL debug: id B1 already exists for field badge inside type Employee",
      ]);
    });

    test('order sorts a hidden value as a missing one', async () => {
      const ordered = async (as?: AuthVars) => names(dataOf(await post('query { queryEmployee(order: {desc: salary, then: {asc: name}}) { name } }', as))!.queryEmployee);
      assert.deepEqual(await ordered(ALICE), ['carol', 'bob', 'alice', 'dave']);
      assert.deepEqual(await ordered(ADMIN_CLAIMS), ['alice', 'carol', 'dave', 'bob']);
      assert.deepEqual(await ordered(BOB), ['dave', 'alice', 'bob', 'carol']);
    });

    test('mutation payloads read under the field rules', async () => {
      const res = await post('mutation { updateEmployee(input: {filter: {name: {in: ["bob", "dave"]}}, set: {title: "engineer"}}) { employee(order: {asc: name}) { name title salary } } }', ALICE);
      assert.deepEqual(dataOf(res), { updateEmployee: { employee: [
        { name: 'bob', title: 'engineer', salary: 100 }, { name: 'dave', title: 'engineer', salary: null },
      ] } });
    });

    test('with --debug an error names the hidden field and where it is', async () => {
      const res = await post('query { getEmployee(name: "bob") { manager { salary } email } }', ALICE);
      const messages = (res.errors ?? []).map((e) => e.message).sort();
      assert.deepEqual(messages, [
        'authorization failed: the query rule of field Employee.email hides it at getEmployee.email',
        'authorization failed: the query rule of field Employee.salary hides it at getEmployee.manager.salary on the nodes where the rule does not hold',
      ]);
      assert.deepEqual(res.errors?.map((e) => e.path), [['getEmployee'], ['getEmployee']]);
    });

    test('update: a field its update rule refuses fails the whole mutation and writes nothing', async () => {
      const roles = async () => dataOf(await post('query { queryEmployee(order: {asc: name}) { name role title } }', ADMIN_CLAIMS));
      const before = await roles();
      for (const input of ['set: {role: "boss", title: "x"}', 'remove: {role: "dev"}', 'set: {title: "y"}, remove: {role: null}']) {
        const res = await post(`mutation { updateEmployee(input: {filter: {name: {eq: "bob"}}, ${input}}) { numUids } }`, ALICE);
        assert.deepEqual(res.data, { updateEmployee: null }, input);
        assert.deepEqual(res.errors?.map((e) => e.message), [
          "couldn't rewrite mutation updateEmployee because authorization failed: the update rule of field Employee.role does not hold",
        ], input);
        assert.deepEqual(res.errors?.map((e) => e.path), [['updateEmployee']]);
      }
      assert.deepEqual(await roles(), before);
      // On the interface too: Person.email has no update rule, Employee.role's is asked of Employees.
      const upsert = await post('mutation { addEmployee(input: [{name: "bob", role: "boss"}], upsert: true) { numUids } }', ALICE);
      assert.deepEqual(upsert.data, { addEmployee: null });
      assert.match(upsert.errors?.[0]?.message ?? '', /authorization failed: the update rule of field Employee\.role does not hold/);
      assert.deepEqual(await roles(), before);
    });

    test('update: type and field rules both hold, the change goes through', async () => {
      const res = await post('mutation { updateEmployee(input: {filter: {name: {eq: "carol"}}, set: {role: "architect"}}) { employee { role } } }', ADMIN_CLAIMS);
      assertData(res, { updateEmployee: { employee: [{ role: 'architect' }] } });
    });

    test('add: a field its add rule refuses fails the whole mutation and writes nothing', async () => {
      const count = async () => dataOf(await post('query { aggregateEmployee { count } }', ADMIN_CLAIMS));
      const before = await count();
      const nested = 'mutation { addEmployee(input: [{name: "frank", manager: {name: "gina", role: "lead"}}]) { numUids } }';
      for (const mutation of ['mutation { addEmployee(input: [{name: "frank", role: "boss"}]) { numUids } }', nested]) {
        const res = await post(mutation, ALICE);
        assert.deepEqual(res.data, { addEmployee: null });
        assert.deepEqual(res.errors?.map((e) => e.message), [
          'mutation failed because authorization failed: the add rule of field Employee.role does not hold',
        ]);
      }
      assert.deepEqual(await count(), before);
      assert.deepEqual(dataOf(await post('query { getEmployee(name: "frank") { name } }', ADMIN_CLAIMS)), { getEmployee: null });
      const allowed = await post('mutation { addEmployee(input: [{name: "frank", title: "intern"}]) { employee { name salary role } } }', ALICE);
      assert.deepEqual(dataOf(allowed), { addEmployee: { employee: [{ name: 'frank', salary: null, role: null }] } });
      const admins = await post('mutation { addEmployee(input: [{name: "gina", role: "lead", salary: 10}]) { employee { role salary } } }', ADMIN_CLAIMS);
      assertData(admins, { addEmployee: { employee: [{ role: 'lead', salary: 10 }] } });
    });
  });
}

/**
 * The server of the two tests below, without --debug: the first one's update
 * is refused and writes nothing (it checks so), the second one's upload is
 * refused (--debug changes only /graphql answers), and it reads a value the
 * first one does not touch; a store each would cost a PGlite boot each.
 */
let undebugged: Promise<Running> | undefined;
const withoutDebug = () => (undebugged ??= serve({}, false));
after(async () => (await undebugged?.catch(() => undefined))?.close());

test('without --debug a refused field update answers null with no error, and writes nothing', async () => {
  const running = await withoutDebug();
  const res = await running.client.post('mutation { updateEmployee(input: {filter: {name: {eq: "bob"}}, set: {role: "boss"}}) { numUids } }', { as: ALICE });
  assert.deepEqual(res.errors, undefined);
  assert.deepEqual(res.data, { updateEmployee: null });
  const hidden = await running.client.post('query { getEmployee(name: "bob") { salary role } }', { as: BOB });
  assertData(hidden, { getEmployee: { salary: null, role: 'dev' } });
});

test('over HTTP, a query rule on a non-null field is refused at upload with its line and column; the schema in service stays', async () => {
  const running = await withoutDebug();
  const bad = SCHEMA('field-rules-test-secret-32-bytes!').replace('  title: String\n', '  title: String! @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" })\n');
  const line = bad.split('\n').findIndex((l) => l.startsWith('  title:')) + 1;
  const res = await admin(running.client.url, '/admin/schema', bad);
  assert.deepEqual(res.errors, [{
    message: "Type Employee; Field title: @auth: a query rule hides the field's value (null, or [] for a list) where it does not hold, " +
      'so the field must be nullable: declare it `title: String`, not `String!`',
    locations: [{ line, column: 24 }],
    extensions: { code: 'SCHEMA_INVALID' },
  }]);
  // (A graph rule decides salary node by node, so with --debug its note on the hidden field would join the answer: data is what counts.)
  const still = await running.client.post('query { getEmployee(name: "dave") { salary } }', { as: BOB });
  assert.deepEqual(still.data, { getEmployee: { salary: 150 } });
});
