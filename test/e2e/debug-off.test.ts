/**
 * Without debug (Dgraph's default, `--graphql debug=false`) errors that
 * contain "authorization failed" or "GraphQL debug:" are dropped from the
 * answer, which keeps its null data: a refused add looks like an add that
 * returned nothing. Other errors still show. Dgraph: e2e/auth/debug_off.
 */
import { describe, test } from 'node:test';
import { assertData, assertErrors } from './support/assert.js';
import { freshAuthline } from './support/authline.js';
import { underAlgorithm, sharedAuthline } from './support/suite.js';

underAlgorithm('RS256', (algorithm) => {
  // Shared: each test reads back only what it wrote itself.
  const app = sharedAuthline({ algorithm, debug: false });

  describe('writes', () => {
    test('a refused add answers null without an error, and writes nothing (TestAddGQL)', async () => {
      const ADD = 'mutation($s: AddUserSecretInput!) { addUserSecret(input: [$s]) { userSecret { aSecret } } }';
      const refused = await app().post(ADD, { as: { USER: 'user2' }, variables: { s: { aSecret: 'debugoffrefused', ownedBy: 'user1' } } });
      assertData(refused, { addUserSecret: null });
      const find = await app().post('query { queryUserSecret(filter: {aSecret: {anyofterms: "debugoffrefused"}}) { aSecret } }', {
        as: { USER: 'user1' },
      });
      assertData(find, { queryUserSecret: [] });
      const allowed = await app().post(ADD, { as: { USER: 'user1' }, variables: { s: { aSecret: 'debugoffallowed', ownedBy: 'user1' } } });
      assertData(allowed, { addUserSecret: { userSecret: [{ aSecret: 'debugoffallowed' }] } });
    });

    test('an existing @id answers null without an error (TestAddMutationWithXid)', async () => {
      const ADD = 'mutation { addTweets(input: [{id: "tweet-debug-off", text: "abc", timestamp: "2020-10-10"}]) { numUids } }';
      assertData(await app().post(ADD, { as: { USER: 'foo', ROLE: '' } }), { addTweets: { numUids: 1 } });
      assertData(await app().post(ADD, { as: { USER: 'foo', ROLE: '' } }), { addTweets: null });
    });

    test('an @id taken by another type of the interface answers null without an error (TestAddMutationWithAuthOnIDFieldHavingInterfaceArg)', async () => {
      const library = await app().post(
        'mutation { addLibraryMember(input: [{refID: "101", name: "Alice", readHours: "4d2hr"}], upsert: false) { numUids } }',
      );
      assertData(library, { addLibraryMember: { numUids: 1 } });
      const sports = await app().post(
        'mutation { addSportsMember(input: [{refID: "101", name: "Bob", plays: "football and cricket"}], upsert: false) { numUids } }',
      );
      assertData(sports, { addSportsMember: null });
    });

    describe('update errors on a type with a query rule (TestUpdateMutationWithIDFields)', () => {
      const UPDATE = 'mutation($patch: UpdateEmployerInput!) { updateEmployer(input: $patch) { numUids } }';
      test('"GraphQL debug:" errors are hidden, others show', async () => {
        const added = await app().post('mutation($i: [AddEmployerInput!]!) { addEmployer(input: $i, upsert: false) { numUids } }', {
          variables: {
            i: [
              { company: 'ABC tech', name: 'ABC', worker: { empId: 'E01', regNo: 101 } },
              { company: ' XYZ tech', name: 'XYZ', worker: { empId: 'E02', regNo: 102 } },
            ],
          },
        });
        assertData(added, { addEmployer: { numUids: 4 } });
        const several = { filter: { name: { in: ['ABC', 'XYZ'] } }, set: { name: 'MNO', company: 'MNO tech' } };
        assertData(await app().post(UPDATE, { variables: { patch: several } }), { updateEmployer: null });
        const taken = { filter: { name: { in: 'ABC' } }, set: { company: 'ABC tech' } };
        assertData(await app().post(UPDATE, { variables: { patch: taken } }), { updateEmployer: null });
        // This one names no "GraphQL debug:" (Worker has no query rule), so it shows.
        const twoNodes = { filter: { name: { in: 'ABC' } }, set: { name: 'JKL', worker: { empId: 'E01', regNo: 102 } } };
        assertErrors(await app().post(UPDATE, { variables: { patch: twoNodes } }), { updateEmployer: null }, [
          {
            message:
              "couldn't rewrite mutation updateEmployer because failed to rewrite mutation payload because multiple nodes found for given xid values, updation not possible",
            path: ['updateEmployer'],
          },
        ]);
      });
    });
  });

  test('token errors on queries still show', async () => {
    const res = await app().post('query { queryProject { name } }', { header: await app().token({ USER: 'user1' }, { expiresIn: -60 }) });
    assertErrors(res, { queryProject: [] }, [
      {
        message: "couldn't rewrite query queryProject because unable to parse jwt token:token has invalid claims: token is expired",
        path: ['queryProject'],
      },
    ]);
  });

  test('ClosedByDefault: an add without a token answers null without an error, and writes nothing', async (t) => {
    const closed = await freshAuthline({ algorithm, debug: false, closedByDefault: true }, t);
    assertData(await closed.post('mutation { addTodo(input: [{text: "hidden", owner: "Alice"}]) { todo { text } } }'), { addTodo: null });
    assertData(await closed.post('query { queryTodo { text } }', { as: { USER: 'user1' } }), { queryTodo: [] });
    // A query's error reads "couldn't rewrite query ...": it shows.
    assertErrors(await closed.post('query { queryTodo { text } }'), { queryTodo: [] }, [
      { message: "couldn't rewrite query queryTodo because a valid JWT is required but was not provided", path: ['queryTodo'] },
    ]);
  });
});
