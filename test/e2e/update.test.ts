/**
 * update: the update rule narrows the mutation's filter, so only permitted
 * nodes change; numUids and the payload (under query rules) report what
 * really happened. New nodes created through `set` answer to their add rule.
 * Dgraph: update_mutation_test.go, graphql/resolve/auth_update_test.yaml.
 *
 * The rule-narrowing cases share one server: each sets a
 * fixed value on a field no rule reads and reads back only what it set, so
 * none depends on another or on their order. Tests that check what changed
 * share a second server: each changes and reads nodes no other of them
 * touches (the logs; the columns and tickets), or changes nothing, which
 * its own checks show, and runs before the one that changes them (a store
 * of their own each would cost a PGlite boot each).
 */
import { before, describe, test } from 'node:test';
import { assertData, assertErrors } from './support/assert.js';
import type { Authline } from './support/authline.js';
import type { FixtureNode } from './support/fixture.js';
import { describeVars, underAlgorithm, interfaceVars, sharedAuthline } from './support/suite.js';
import type { AuthVars } from './support/tokens.js';

const POSTS: FixtureNode[] = ['Question1', 'Question2', 'Question3', 'FbPost1', 'FbPost2', 'Answer1', 'Answer2'];

interface UpdateCase {
  readonly as: AuthVars;
  readonly data: Record<string, unknown>;
}

/** One test per case: `mutation` with `$ids` the uids of `nodes`. */
function testUpdates(name: string, mutation: string, nodes: readonly FixtureNode[], cases: readonly UpdateCase[], app: () => Authline): void {
  for (const c of cases) {
    test(`${name}: ${describeVars(c.as)}`, async () => {
      const ids = nodes.map((n) => app().uid(n));
      assertData(await app().post(mutation, { as: c.as, variables: { ids } }), c.data);
    });
  }
}

underAlgorithm('HS256', (algorithm) => {
  const app = sharedAuthline({ algorithm });
  /** The server of the tests that check what changed (see the header). */
  const written = sharedAuthline({ algorithm });

  describe('interface: numUids counts the nodes each type\'s merged rule admits (TestAuth_UpdateOnInterfaceWithAuthRules)', () => {
    testUpdates(
      'updatePost',
      'mutation($ids: [ID!]) { updatePost(input: {filter: {id: $ids}, set: {topic: "A Topic"}}) { numUids } }',
      POSTS,
      [
        { as: interfaceVars('user1@dgraph.io', '', true), data: { updatePost: { numUids: 2 } } },
        { as: interfaceVars('user1@dgraph.io', 'ADMIN', true), data: { updatePost: { numUids: 3 } } },
        { as: interfaceVars('user1@dgraph.io', 'ADMIN', false), data: { updatePost: { numUids: 3 } } },
        { as: interfaceVars('user3@dgraph.io', '', false), data: { updatePost: { numUids: 0 } } },
      ],
      app,
    );
  });

  describe('type with a graph rule of its own and an interface\'s (TestAuth_UpdateOnTypeWithGraphFilterOnInterface)', () => {
    testUpdates(
      'updateQuestion',
      'mutation($ids: [ID!]) { updateQuestion(input: {filter: {id: $ids}, set: {topic: "A Topic"}}) { question { text topic } } }',
      ['Question1', 'Question2', 'Question3'],
      [
        { as: interfaceVars('user1@dgraph.io', '', true), data: { updateQuestion: { question: [{ text: 'A Question', topic: 'A Topic' }] } } },
        { as: interfaceVars('user2@dgraph.io', '', true), data: { updateQuestion: { question: [{ text: 'B Question', topic: 'A Topic' }] } } },
        { as: interfaceVars('user1@dgraph.io', '', false), data: { updateQuestion: { question: [{ text: 'C Question', topic: 'A Topic' }] } } },
      ],
      app,
    );
  });

  describe('type with RBAC from one interface, a graph rule from another (TestAuth_UpdateOnTypeWithRBACAuthRuleOnInterface)', () => {
    testUpdates(
      'updateFbPost',
      'mutation($ids: [ID!]) { updateFbPost(input: {filter: {id: $ids}, set: {topic: "Topic of FbPost"}}) { fbPost { text topic } } }',
      ['FbPost1', 'FbPost2'],
      [
        { as: { USER: 'user1@dgraph.io', ROLE: 'ADMIN' }, data: { updateFbPost: { fbPost: [{ text: 'A FbPost', topic: 'Topic of FbPost' }] } } },
        { as: { USER: 'user2@dgraph.io', ROLE: 'ADMIN' }, data: { updateFbPost: { fbPost: [{ text: 'B FbPost', topic: 'Topic of FbPost' }] } } },
        { as: { USER: 'user1@dgraph.io', ROLE: 'USER' }, data: { updateFbPost: { fbPost: [] } } },
      ],
      app,
    );
  });

  describe('or of a graph rule and an RBAC rule (TestUpdateOrRBACFilter)', () => {
    testUpdates(
      'updateProject',
      'mutation($ids: [ID!]) { updateProject(input: {filter: {projID: $ids}, set: {random: "test"}}) { project(order: {asc: name}) { name } } }',
      ['project1', 'project2'],
      [
        { as: { USER: 'user1', ROLE: 'ADMIN' }, data: { updateProject: { project: [{ name: 'Project1' }, { name: 'Project2' }] } } },
        { as: { USER: 'user1', ROLE: 'USER' }, data: { updateProject: { project: [{ name: 'Project1' }] } } },
        { as: { USER: 'user4', ROLE: 'USER' }, data: { updateProject: { project: [{ name: 'Project2' }] } } },
      ],
      app,
    );
  });

  describe('graph rule (TestUpdateRootFilter)', () => {
    testUpdates(
      'updateColumn',
      'mutation($ids: [ID!]) { updateColumn(input: {filter: {colID: $ids}, set: {random: "test"}}) { column(order: {asc: name}) { name } } }',
      ['column1', 'column2', 'column3'],
      [
        { as: { USER: 'user1', ROLE: 'USER' }, data: { updateColumn: { column: [{ name: 'Column1' }] } } },
        { as: { USER: 'user2', ROLE: 'USER' }, data: { updateColumn: { column: [{ name: 'Column1' }, { name: 'Column2' }, { name: 'Column3' }] } } },
        { as: { USER: 'user4', ROLE: 'USER' }, data: { updateColumn: { column: [{ name: 'Column2' }, { name: 'Column3' }] } } },
      ],
      app,
    );
  });

  describe('RBAC rule (TestUpdateRBACFilter)', () => {
    testUpdates(
      'updateLog',
      'mutation($ids: [ID!]) { updateLog(input: {filter: {id: $ids}, set: {random: "test"}}) { numUids log(order: {asc: logs}) { logs } } }',
      ['log1', 'log2'],
      [
        { as: { USER: '', ROLE: 'USER' }, data: { updateLog: { numUids: 0, log: [] } } },
        { as: { USER: '', ROLE: 'ADMIN' }, data: { updateLog: { numUids: 2, log: [{ logs: 'Log1' }, { logs: 'Log2' }] } } },
      ],
      app,
    );
  });

  describe('and of an RBAC rule and a graph rule (TestUpdateAndRBACFilter)', () => {
    testUpdates(
      'updateIssue',
      'mutation($ids: [ID!]) { updateIssue(input: {filter: {id: $ids}, set: {random: "test"}}) { issue(order: {asc: msg}) { msg } } }',
      ['issue1', 'issue2'],
      [
        { as: { USER: 'user1', ROLE: 'USER' }, data: { updateIssue: { issue: [] } } },
        { as: { USER: 'user2', ROLE: 'USER' }, data: { updateIssue: { issue: [] } } },
        { as: { USER: 'user2', ROLE: 'ADMIN' }, data: { updateIssue: { issue: [{ msg: 'Issue2' }] } } },
      ],
      app,
    );
  });

  describe('and[not(graph), or[graph, graph]] (TestUpdateNestedFilter)', () => {
    const movies = (...n: number[]) => ({ updateMovie: { movie: n.map((i) => ({ content: `Movie${i}` })) } });
    testUpdates(
      'updateMovie',
      'mutation($ids: [ID!]) { updateMovie(input: {filter: {id: $ids}, set: {random: "test"}}) { movie(order: {asc: content}) { content } } }',
      ['movie1', 'movie2', 'movie3', 'movie4'],
      [
        { as: { USER: 'user1', ROLE: 'USER' }, data: movies(2, 3, 4) },
        { as: { USER: 'user2', ROLE: 'USER' }, data: movies(1, 2, 3, 4) },
      ],
      app,
    );
  });

  test('the update changes only what the rule admits (TestUpdateRBACFilter)', async () => {
    // Only this test of the second server reads or writes logs.
    const own = written();
    const UPDATE = 'mutation($ids: [ID!]) { updateLog(input: {filter: {id: $ids}, set: {random: "changed"}}) { numUids } }';
    const ids = [own.uid('log1'), own.uid('log2')];
    assertData(await own.post(UPDATE, { as: { ROLE: 'USER' }, variables: { ids } }), { updateLog: { numUids: 0 } });
    const LOGS = 'query { queryLog(order: {asc: logs}) { logs random } }';
    assertData(await own.post(LOGS, { as: { ROLE: 'ADMIN' } }), { queryLog: [{ logs: 'Log1', random: 'test' }, { logs: 'Log2', random: 'test' }] });
    assertData(await own.post(UPDATE, { as: { ROLE: 'ADMIN' }, variables: { ids } }), { updateLog: { numUids: 2 } });
    assertData(await own.post(LOGS, { as: { ROLE: 'ADMIN' } }), { queryLog: [{ logs: 'Log1', random: 'changed' }, { logs: 'Log2', random: 'changed' }] });
  });

  describe('nested writes inside update (graphql/resolve/auth_update_test.yaml)', () => {
    // The columns and tickets: the two refused writes change nothing (each checks it) and run before the one that moves Ticket2.
    test('a new nested node must pass its own add rule', async () => {
      const own = written();
      // user1 may update Column1 (ADMIN role in Project1) but not add a Ticket to it (no EDIT role).
      const res = await own.post(
        'mutation($ids: [ID!]) { updateColumn(input: {filter: {colID: $ids}, set: {name: "new name", tickets: [{title: "a ticket"}]}}) { column { name } } }',
        { as: { USER: 'user1', ROLE: 'USER' }, variables: { ids: [own.uid('column1')] } },
      );
      assertErrors(res, { updateColumn: null }, [{ message: 'mutation failed because authorization failed', path: ['updateColumn'] }]);
      const columns = await own.post('query { queryColumn(order: {asc: name}) { name } }', { as: { USER: 'user2' } });
      assertData(columns, { queryColumn: [{ name: 'Column1' }, { name: 'Column2' }, { name: 'Column3' }] });
    });

    test('taking a node from a parent the user may not update fails', async () => {
      const own = written();
      // Ticket2 sits in Column1 (Project1); linking it to Column2 removes it from Column1, which user4 may not update.
      const res = await own.post(
        'mutation($ids: [ID!], $ticket: ID!) { updateColumn(input: {filter: {colID: $ids}, set: {tickets: [{id: $ticket}]}}) { column { name } } }',
        { as: { USER: 'user4', ROLE: 'USER' }, variables: { ids: [own.uid('column2')], ticket: own.uid('ticket2') } },
      );
      assertErrors(res, { updateColumn: null }, [
        { message: "couldn't rewrite query for mutation updateColumn because authorization failed", path: ['updateColumn'] },
      ]);
      const ticket = await own.post('query { queryTicket(filter: {title: {anyofterms: "Ticket2"}}) { onColumn { name } } }', { as: { USER: 'user2' } });
      assertData(ticket, { queryTicket: [{ onColumn: { name: 'Column1' } }] });
    });

    test('taking a node from a parent the user may update succeeds', async () => {
      const own = written();
      const res = await own.post(
        'mutation($ids: [ID!], $ticket: ID!) { updateColumn(input: {filter: {colID: $ids}, set: {tickets: [{id: $ticket}]}}) { column { name } } }',
        { as: { USER: 'user2', ROLE: 'USER' }, variables: { ids: [own.uid('column2')], ticket: own.uid('ticket2') } },
      );
      assertData(res, { updateColumn: { column: [{ name: 'Column2' }] } });
      const ticket = await own.post('query { queryTicket(filter: {title: {anyofterms: "Ticket2"}}) { onColumn { name } } }', { as: { USER: 'user2' } });
      assertData(ticket, { queryTicket: [{ onColumn: { name: 'Column2' } }] });
    });
  });

  describe('@id errors of a type with a query rule read "GraphQL debug:" (TestUpdateMutationWithIDFields)', () => {
    const UPDATE = 'mutation($patch: UpdateEmployerInput!) { updateEmployer(input: $patch) { numUids } }';
    const cases: { name: string; patch: Record<string, unknown>; message: string }[] = [
      {
        name: 'setting an @id on several nodes',
        patch: { filter: { name: { in: ['ABC', 'XYZ'] } }, set: { name: 'MNO', company: 'MNO tech' } },
        message: 'mutation updateEmployer failed because GraphQL debug: only one node is allowed in the filter while updating fields with @id directive',
      },
      {
        name: 'setting an @id value that exists',
        patch: { filter: { name: { in: 'ABC' } }, set: { company: 'ABC tech' } },
        message:
          "couldn't rewrite mutation updateEmployer because failed to rewrite mutation payload because GraphQL debug: id ABC tech already exists for field company inside type Employer",
      },
      {
        // Worker has no query rule: no "GraphQL debug:" here.
        name: 'linking a nested node by @id values of two different nodes',
        patch: { filter: { name: { in: 'ABC' } }, set: { name: 'JKL', worker: { empId: 'E01', regNo: 102 } } },
        message:
          "couldn't rewrite mutation updateEmployer because failed to rewrite mutation payload because multiple nodes found for given xid values, updation not possible",
      },
    ];
    // Each case is refused and changes nothing, so they share the employers added once.
    before(async () => {
      const res = await app().post('mutation($i: [AddEmployerInput!]!) { addEmployer(input: $i, upsert: false) { numUids } }', {
        variables: {
          i: [
            { company: 'ABC tech', name: 'ABC', worker: { empId: 'E01', regNo: 101 } },
            { company: ' XYZ tech', name: 'XYZ', worker: { empId: 'E02', regNo: 102 } },
          ],
        },
      });
      assertData(res, { addEmployer: { numUids: 4 } });
    });
    for (const c of cases) {
      test(c.name, async () => {
        assertErrors(await app().post(UPDATE, { variables: { patch: c.patch } }), { updateEmployer: null }, [
          { message: c.message, path: ['updateEmployer'] },
        ]);
      });
    }
  });
});
