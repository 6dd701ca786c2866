/**
 * The same answers on a PostgreSQL server: a subset of the read and write
 * suites, run with the store on a throwaway database instead of PGlite.
 */
import { after, before, describe, test } from 'node:test';
import { assertData, assertErrors } from './support/assert.js';
import { startAuthline } from './support/authline.js';
import type { Authline, AuthlineOptions } from './support/authline.js';
import { testReads } from './support/reads.js';
import { COLUMN_AGGREGATES, COLUMNS_PER_PROJECT, POSTS_ACROSS_TYPES, PROJECTS_BY_ROLE } from './support/scenarios.js';
import { underAlgorithm } from './support/suite.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';
import type { TestContext } from 'node:test';

after(() => stopOwnCluster());

/** authline on a database of its own; with a test context, closed and dropped when the test ends. */
async function onPostgres(options: AuthlineOptions, t?: TestContext): Promise<{ app: Authline; stop: () => Promise<void> }> {
  const database = await createTestDatabase();
  const app = await startAuthline({ ...options, databaseUrl: database.url }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const stop = async () => {
    await app.close();
    await database.drop();
  };
  t?.after(stop);
  return { app, stop };
}

underAlgorithm('RS256', (algorithm) => {
  describe('reads', () => {
    let running: Awaited<ReturnType<typeof onPostgres>> | undefined;
    before(async () => {
      running = await onPostgres({ algorithm });
    });
    after(() => running?.stop());
    const app = () => {
      if (!running) throw new Error('the PostgreSQL-backed authline is not running');
      return running.app;
    };

    for (const scenario of [PROJECTS_BY_ROLE, COLUMNS_PER_PROJECT, POSTS_ACROSS_TYPES, COLUMN_AGGREGATES]) testReads(scenario, app);

    test('an expired token fails the field', async () => {
      const res = await app().post('query { queryProject { name } }', { header: await app().token({ USER: 'user1' }, { expiresIn: -60 }) });
      assertErrors(res, { queryProject: [] }, [
        {
          message: "couldn't rewrite query queryProject because unable to parse jwt token:token has invalid claims: token is expired",
          path: ['queryProject'],
        },
      ]);
    });
  });

  describe('writes', () => {
    test('add: the rule admits the owner and refuses anyone else (TestAddGQLOnly)', async (t) => {
      const { app } = await onPostgres({ algorithm }, t);
      const ADD = 'mutation($s: AddUserSecretInput!) { addUserSecret(input: [$s]) { userSecret { aSecret } } }';
      const refused = await app.post(ADD, { as: { USER: 'user2' }, variables: { s: { aSecret: 'secret2', ownedBy: 'user1' } } });
      assertErrors(refused, { addUserSecret: null }, [{ message: 'mutation failed because authorization failed', path: ['addUserSecret'] }]);
      const added = await app.post(ADD, { as: { USER: 'user1' }, variables: { s: { aSecret: 'secret1', ownedBy: 'user1' } } });
      assertData(added, { addUserSecret: { userSecret: [{ aSecret: 'secret1' }] } });
      const secrets = await app.post('query { queryUserSecret(order: {asc: aSecret}) { aSecret } }', { as: { USER: 'user1' } });
      assertData(secrets, { queryUserSecret: [{ aSecret: 'Sensitive information' }, { aSecret: 'secret1' }] });
    });

    test('update: only what the rule admits changes (TestUpdateRBACFilter)', async (t) => {
      const { app } = await onPostgres({ algorithm }, t);
      const UPDATE = 'mutation($ids: [ID!]) { updateLog(input: {filter: {id: $ids}, set: {random: "changed"}}) { numUids log(order: {asc: logs}) { logs random } } }';
      const ids = [app.uid('log1'), app.uid('log2')];
      assertData(await app.post(UPDATE, { as: { ROLE: 'USER' }, variables: { ids } }), { updateLog: { numUids: 0, log: [] } });
      assertData(await app.post(UPDATE, { as: { ROLE: 'ADMIN' }, variables: { ids } }), {
        updateLog: { numUids: 2, log: [{ logs: 'Log1', random: 'changed' }, { logs: 'Log2', random: 'changed' }] },
      });
    });

    test('delete: only what the rule admits goes (TestDeleteRootFilter)', async (t) => {
      const { app } = await onPostgres({ algorithm }, t);
      const ids = [app.uid('column1'), app.uid('column2'), app.uid('column3')];
      const res = await app.post('mutation($ids: [ID!]) { deleteColumn(filter: {colID: $ids}) { numUids msg } }', {
        as: { USER: 'user4', ROLE: 'USER' },
        variables: { ids },
      });
      assertData(res, { deleteColumn: { numUids: 2, msg: 'Deleted' } });
      const left = await app.post('query { queryColumn { name } }', { as: { USER: 'user2' } });
      assertData(left, { queryColumn: [{ name: 'Column1' }] });
    });
  });
});
