/**
 * Tokens that do not verify: each root field fails on its own with Dgraph's
 * wording ("couldn't rewrite query <field> because ..."), answering [] or
 * null, never treating the request as anonymous. And the token forms that
 * do verify: audiences, the Bearer prefix.
 */
import { describe, test } from 'node:test';
import { assertData, assertErrors, dataAt } from './support/assert.js';
import { AUDIENCE } from './support/fixture.js';
import { forEachAlgorithm, sharedAuthline } from './support/suite.js';
import { createSigner, otherAlgorithm, signerFor } from './support/tokens.js';
import type { Algorithm } from './support/tokens.js';

const USER1 = { USER: 'user1', ROLE: 'ADMIN' };
const PROJECTS = 'query { queryProject(order: {asc: name}) { name } }';
const JWT = 'unable to parse jwt token:';
const EXPIRED = `${JWT}token has invalid claims: token is expired`;

/** What Dgraph's JWT library says of a signature that does not verify. */
function badSignature(algorithm: Algorithm): string {
  return `${JWT}token signature is invalid: ${algorithm === 'HS256' ? 'signature is invalid' : 'crypto/rsa: verification error'}`;
}

forEachAlgorithm((algorithm) => {
  // One server for the file's tests under an algorithm: all but the last only
  // read, or try to write and must change nothing (each checks so); the last
  // adds a todo that no other test reads.
  const app = sharedAuthline({ algorithm });

  describe('queries with a token that does not verify', () => {
    const rejected = (name: string, token: () => Promise<string>, reason: () => string) =>
      test(name, async () => {
        const res = await app().post(PROJECTS, { header: await token() });
        assertErrors(res, { queryProject: [] }, [
          { message: `couldn't rewrite query queryProject because ${reason()}`, path: ['queryProject'] },
        ]);
      });

    rejected(
      'a signature with one character appended (TestAuthRulesWithMissingJWT)',
      async () => `${await app().token(USER1)}A`,
      () => badSignature(algorithm),
    );
    rejected(
      'signed with another key',
      async () => (await createSigner(algorithm, 'another-secret-long-enough')).token(USER1),
      () => badSignature(algorithm),
    );
    rejected('expired (TestJWTExpiry)', () => app().token(USER1, { expiresIn: -60 }), () => EXPIRED);
    rejected(
      'not valid yet',
      () => app().token(USER1, { notBefore: 300 }),
      () => `${JWT}token has invalid claims: token is not valid yet`,
    );
    rejected(
      'an audience not configured (TestAudienceClaim)',
      () => app().token(USER1, { audience: 'invalidAudience' }),
      () => "JWT `aud` value doesn't match with the audience",
    );
    rejected(
      'not a JWT',
      async () => 'not-a-jwt',
      () => `${JWT}token is malformed: token contains an invalid number of segments`,
    );
    rejected(
      'signed with the other algorithm',
      async () => (await signerFor(otherAlgorithm(algorithm))).token(USER1),
      () => `${JWT}token is unverifiable: error while executing keyfunc: unexpected signing method: Expected ${algorithm} Found ${otherAlgorithm(algorithm)}`,
    );

    test('every root field fails on its own, named by its alias, types without rules included', async () => {
      const res = await app().post(
        `query($id: ID!) {
          queryProject { name }
          mine: queryProject { name }
          getLog(id: $id) { logs }
          aggregateLog { count }
          queryRole { permission }
        }`,
        { header: await app().token(USER1, { expiresIn: -60 }), variables: { id: app().uid('log1') } },
      );
      const fields = ['queryProject', 'mine', 'getLog', 'aggregateLog', 'queryRole'];
      assertErrors(
        res,
        { queryProject: [], mine: [], getLog: null, aggregateLog: null, queryRole: [] },
        fields.map((f) => ({ message: `couldn't rewrite query ${f} because ${EXPIRED}`, path: [f] })),
      );
    });

    test('introspection does not read the token', async () => {
      const res = await app().post('query { __schema { queryType { name } } __typename }', { header: 'not-a-jwt' });
      assertData(res, { __schema: { queryType: { name: 'Query' } }, __typename: 'Query' });
    });
  });

  describe('token forms that verify', () => {
    test('no aud claim passes the configured Audience (TestAudienceClaim)', async () => {
      assertData(await app().post(PROJECTS, { as: { USER: 'user1' } }), { queryProject: [{ name: 'Project1' }] });
    });
    test('an aud string that is configured (TestAudienceClaim)', async () => {
      const res = await app().post(PROJECTS, { as: { USER: 'user1' }, tokenOptions: { audience: AUDIENCE[1] } });
      assertData(res, { queryProject: [{ name: 'Project1' }] });
    });
    test('an aud list with one configured value (TestAudienceClaim)', async () => {
      const res = await app().post(PROJECTS, { as: { USER: 'user1' }, tokenOptions: { audience: ['aud1', 'aud2', 'aud3'] } });
      assertData(res, { queryProject: [{ name: 'Project1' }] });
    });
    test('"Bearer <token>" (TestBearerToken)', async () => {
      const res = await app().post(PROJECTS, { header: `Bearer ${await app().token({ USER: 'user1', ROLE: '' })}` });
      assertData(res, { queryProject: [{ name: 'Project1' }] });
    });
    test('"bearer <token>", the prefix in any case', async () => {
      const res = await app().post(PROJECTS, { header: `bearer ${await app().token({ USER: 'user1', ROLE: '' })}` });
      assertData(res, { queryProject: [{ name: 'Project1' }] });
    });
    for (const header of ['Bearer bad token', 'Bearer  two-spaces']) {
      test(`"${header}" fails the whole request before execution (TestBearerToken)`, async () => {
        const res = await app().post(PROJECTS, { header });
        assertErrors(res, undefined, [{ message: `invalid Bearer-formatted header value for JWT (${header})` }]);
      });
    }
  });

  describe('mutations with a token that does not verify', () => {
    const LOGS = 'query { queryLog(order: {asc: logs}) { logs random } }';
    const UNCHANGED = { queryLog: [{ logs: 'Log1', random: 'test' }, { logs: 'Log2', random: 'test' }] };
    const ADMIN = { USER: '', ROLE: 'ADMIN' };

    test('update: null, and nothing changes', async () => {
      const own = app();
      const res = await own.post(
        'mutation($ids: [ID!]) { updateLog(input: {filter: {id: $ids}, set: {random: "changed"}}) { numUids } }',
        { header: await own.token(ADMIN, { expiresIn: -60 }), variables: { ids: [own.uid('log1'), own.uid('log2')] } },
      );
      assertErrors(res, { updateLog: null }, [{ message: `couldn't rewrite mutation updateLog because ${EXPIRED}`, path: ['updateLog'] }]);
      assertData(await own.post(LOGS, { as: ADMIN }), UNCHANGED);
    });

    test('delete: the message names the field, the path its alias; nothing is deleted', async () => {
      const own = app();
      const res = await own.post('mutation($ids: [ID!]) { gone: deleteLog(filter: {id: $ids}) { numUids } }', {
        header: await own.token(ADMIN, { expiresIn: -60 }),
        variables: { ids: [own.uid('log1'), own.uid('log2')] },
      });
      assertErrors(res, { gone: null }, [{ message: `couldn't rewrite mutation deleteLog because ${EXPIRED}`, path: ['gone'] }]);
      assertData(await own.post(LOGS, { as: ADMIN }), UNCHANGED);
    });

    test('add: null, the error after "authorization failed", and nothing is written', async () => {
      const own = app();
      const res = await own.post('mutation { addLog(input: [{logs: "Log3", pwd: "password"}]) { numUids } }', {
        header: await own.token(ADMIN, { expiresIn: -60 }),
      });
      assertErrors(res, { addLog: null }, [
        { message: `mutation failed because authorization failed because ${EXPIRED}`, path: ['addLog'] },
      ]);
      assertData(await own.post(LOGS, { as: ADMIN }), UNCHANGED);
    });

    test('a type without rules checks the token too (Dgraph validates it for every mutation)', async () => {
      const own = app();
      const added = await own.post('mutation { addTodo(input: [{text: "before", owner: "Alice"}]) { todo { id } } }');
      const id = dataAt(added, 'addTodo', 'todo', 0, 'id');
      const header = await own.token(ADMIN, { expiresIn: -60 });
      const add = await own.post('mutation { addTodo(input: [{text: "refused"}]) { numUids } }', { header });
      assertErrors(add, { addTodo: null }, [{ message: `mutation failed because authorization failed because ${EXPIRED}`, path: ['addTodo'] }]);
      const update = await own.post('mutation($id: ID!) { updateTodo(input: {filter: {id: [$id]}, set: {text: "after"}}) { numUids } }', {
        header,
        variables: { id },
      });
      assertErrors(update, { updateTodo: null }, [{ message: `couldn't rewrite mutation updateTodo because ${EXPIRED}`, path: ['updateTodo'] }]);
      const remove = await own.post('mutation($id: ID!) { deleteTodo(filter: {id: [$id]}) { numUids } }', { header, variables: { id } });
      assertErrors(remove, { deleteTodo: null }, [{ message: `couldn't rewrite mutation deleteTodo because ${EXPIRED}`, path: ['deleteTodo'] }]);
      assertData(await own.post('query { queryTodo { text } }'), { queryTodo: [{ text: 'before' }] });
    });
  });
});
