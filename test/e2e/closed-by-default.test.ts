/**
 * "ClosedByDefault": true. Without a token every generated operation fails,
 * on types with rules and without, one error per root field: queries answer
 * [] or null, mutations null, and nothing is written. A valid token works
 * as usual; introspection needs none. Dgraph: graphql/e2e/auth_closed_by_default.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertData, assertErrors, dataAt } from './support/assert.js';
import { forEachAlgorithm, sharedAuthline } from './support/suite.js';

const REQUIRED = 'a valid JWT is required but was not provided';

forEachAlgorithm((algorithm) => {
  const app = sharedAuthline({ algorithm, closedByDefault: true });

  describe('queries without a token', () => {
    for (const [type, field] of [['with rules', 'queryProject'], ['without rules', 'queryTodo']] as const) {
      test(`${field}, a type ${type}, answers [] and an error`, async () => {
        const res = await app().post(`query { ${field} { __typename } }`);
        assertErrors(res, { [field]: [] }, [{ message: `couldn't rewrite query ${field} because ${REQUIRED}`, path: [field] }]);
      });
    }

    test('get, aggregate and checkPassword answer null, one error each', async () => {
      const res = await app().post(
        `query($id: ID!) {
          getLog(id: $id) { logs }
          aggregateTodo { count }
          checkUserPassword(username: "user1", password: "password") { username }
        }`,
        { variables: { id: app().uid('log1') } },
      );
      assertErrors(res, { getLog: null, aggregateTodo: null, checkUserPassword: null }, [
        { message: `couldn't rewrite query getLog because ${REQUIRED}`, path: ['getLog'] },
        { message: `couldn't rewrite query aggregateTodo because ${REQUIRED}`, path: ['aggregateTodo'] },
        { message: `couldn't rewrite query checkUserPassword because ${REQUIRED}`, path: ['checkUserPassword'] },
      ]);
    });

    test('an empty header is no token', async () => {
      const res = await app().post('query { queryTodo { text } }', { header: '' });
      assertErrors(res, { queryTodo: [] }, [{ message: `couldn't rewrite query queryTodo because ${REQUIRED}`, path: ['queryTodo'] }]);
    });

    test('introspection needs no token', async () => {
      assertData(await app().post('query { __type(name: "Todo") { name } }'), { __type: { name: 'Todo' } });
    });

    test('a valid token works as usual', async () => {
      const res = await app().post('query { queryProject { name } queryRole(filter: {permission: {eq: EDIT}}) { permission } }', {
        as: { USER: 'user1', ROLE: '' },
      });
      assertData(res, { queryProject: [{ name: 'Project1' }], queryRole: [{ permission: 'EDIT' }] });
    });

    test('an invalid token fails with its own reason', async () => {
      const res = await app().post('query { queryTodo { text } }', { header: `${await app().token({ USER: 'user1' })}A` });
      const reason = `unable to parse jwt token:token signature is invalid: ${algorithm === 'HS256' ? 'signature is invalid' : 'crypto/rsa: verification error'}`;
      assertErrors(res, { queryTodo: [] }, [{ message: `couldn't rewrite query queryTodo because ${reason}`, path: ['queryTodo'] }]);
    });
  });

  describe('mutations without a token', () => {
    // These share the server: each reads back only what it wrote, or checks that its own write is absent.
    const ADMIN = { USER: 'user1', ROLE: 'ADMIN' };

    /** Adds a Todo with a token; answers its id. */
    async function addTodo(text: string): Promise<string> {
      const res = await app().post('mutation($text: String) { addTodo(input: [{text: $text, owner: "Alice"}]) { todo { id } } }', {
        as: ADMIN,
        variables: { text },
      });
      return String(dataAt(res, 'addTodo', 'todo', 0, 'id'));
    }
    const getTodo = (id: string) => app().post('query($id: ID!) { getTodo(id: $id) { text owner } }', { as: ADMIN, variables: { id } });

    test('add on a type with rules: null and nothing written (TestAuthRulesMutationWithClosedByDefaultFlag)', async () => {
      const res = await app().post('mutation { addUserSecret(input: [{aSecret: "closedsecret", ownedBy: "user1"}]) { userSecret { aSecret } } }');
      assertErrors(res, { addUserSecret: null }, [
        { message: `mutation failed because authorization failed because ${REQUIRED}`, path: ['addUserSecret'] },
      ]);
      const secrets = await app().post('query { queryUserSecret(filter: {aSecret: {anyofterms: "closedsecret"}}) { aSecret } }', { as: ADMIN });
      assertData(secrets, { queryUserSecret: [] });
    });

    test('add on a type without rules: null and nothing written (TestAuthRulesMutationWithClosedByDefaultFlag)', async () => {
      const res = await app().post('mutation { addTodo(input: [{text: "Hi Dgraph team!!", owner: "Alice"}]) { todo { text owner } } }');
      assertErrors(res, { addTodo: null }, [{ message: `mutation failed because authorization failed because ${REQUIRED}`, path: ['addTodo'] }]);
      const todos = dataAt(await app().post('query { queryTodo { text } }', { as: ADMIN }), 'queryTodo') as { text: string }[];
      assert.ok(!todos.some((t) => t.text === 'Hi Dgraph team!!'), `the refused Todo was written: ${JSON.stringify(todos)}`);
    });

    // Separate requests: Dgraph skips the mutations after a failed one ("Mutation ... was not executed").
    test('update on types with and without rules: null and nothing changed (TestAuthRulesUpdateWithClosedByDefaultFlag)', async () => {
      const todo = await addTodo('before');
      const issue = await app().post(
        'mutation($ids: [ID!]) { updateIssue(input: {filter: {id: $ids}, set: {random: "changed"}}) { issue(order: {asc: msg}) { msg } } }',
        { variables: { ids: [app().uid('issue1')] } },
      );
      assertErrors(issue, { updateIssue: null }, [{ message: `couldn't rewrite mutation updateIssue because ${REQUIRED}`, path: ['updateIssue'] }]);
      const todos = await app().post('mutation($ids: [ID!]) { updateTodo(input: {filter: {id: $ids}, set: {text: "after"}}) { todo { text } } }', {
        variables: { ids: [todo] },
      });
      assertErrors(todos, { updateTodo: null }, [{ message: `couldn't rewrite mutation updateTodo because ${REQUIRED}`, path: ['updateTodo'] }]);
      assertData(await getTodo(todo), { getTodo: { text: 'before', owner: 'Alice' } });
      const issues = await app().post('query($id: ID!) { getIssue(id: $id) { msg random } }', { as: ADMIN, variables: { id: app().uid('issue1') } });
      assertData(issues, { getIssue: { msg: 'Issue1', random: null } });
    });

    test('delete on types with and without rules: null and nothing deleted (TestDeleteOrRBACFilter)', async () => {
      const todo = await addTodo('kept');
      const logs = await app().post('mutation($ids: [ID!]) { deleteComplexLog(filter: {id: $ids}) { numUids } }', {
        variables: { ids: [app().uid('complexlog1'), app().uid('complexlog2')] },
      });
      assertErrors(logs, { deleteComplexLog: null }, [
        { message: `couldn't rewrite mutation deleteComplexLog because ${REQUIRED}`, path: ['deleteComplexLog'] },
      ]);
      const todos = await app().post('mutation($ids: [ID!]) { deleteTodo(filter: {id: $ids}) { numUids } }', { variables: { ids: [todo] } });
      assertErrors(todos, { deleteTodo: null }, [{ message: `couldn't rewrite mutation deleteTodo because ${REQUIRED}`, path: ['deleteTodo'] }]);
      assertData(await getTodo(todo), { getTodo: { text: 'kept', owner: 'Alice' } });
      const remaining = await app().post('query { queryComplexLog(order: {asc: logs}) { logs } }', { as: ADMIN });
      assertData(remaining, { queryComplexLog: [{ logs: 'ComplexLog1' }, { logs: 'ComplexLog2' }] });
    });

    test('add with a valid token works', async () => {
      const res = await app().post('mutation { addTodo(input: [{text: "hello", owner: "Alice"}]) { todo { text owner } } }', { as: ADMIN });
      assertData(res, { addTodo: { todo: [{ text: 'hello', owner: 'Alice' }] } });
    });
  });
});
