/**
 * Root queries (queryT, getT) filtered by the type's query rule: RBAC,
 * graph traversal, and their combinations, as Dgraph's e2e auth tests
 * answer them on the shared fixture.
 */
import { describe } from 'node:test';
import type { Authline } from '../support/authline.js';
import { testReads } from '../support/reads.js';
import { PROJECTS_BY_ROLE } from '../support/scenarios.js';

export function rootQueries(app: () => Authline): void {
  describe('queryT', () => {
    testReads(PROJECTS_BY_ROLE, app);

    testReads(
      {
        name: 'RBAC rule only (TestRBACFilter)',
        query: 'query { queryLog(order: {asc: logs}) { logs } }',
        cases: [
          { as: { USER: '', ROLE: 'USER' }, data: { queryLog: [] } },
          { as: { USER: '', ROLE: '' }, data: { queryLog: [] } },
          { as: { USER: '', ROLE: 'ADMIN' }, data: { queryLog: [{ logs: 'Log1' }, { logs: 'Log2' }] } },
        ],
      },
      app,
    );

    testReads(
      {
        name: 'and of an RBAC rule and a graph rule (TestAndRBACFilter)',
        query: 'query { queryIssue(order: {asc: msg}) { msg } }',
        cases: [
          { as: { USER: 'user1', ROLE: 'USER' }, data: { queryIssue: [] } },
          { as: { USER: 'user2', ROLE: 'USER' }, data: { queryIssue: [] } },
          { as: { USER: 'user2', ROLE: 'ADMIN' }, data: { queryIssue: [{ msg: 'Issue2' }] } },
        ],
      },
      app,
    );

    testReads(
      {
        name: 'graph rule traversing two edges (TestRootFilter)',
        query: 'query { queryColumn(order: {asc: name}) { name } }',
        cases: [
          { as: { USER: 'user1', ROLE: 'USER' }, data: { queryColumn: [{ name: 'Column1' }] } },
          { as: { USER: 'user2', ROLE: 'USER' }, data: { queryColumn: [{ name: 'Column1' }, { name: 'Column2' }, { name: 'Column3' }] } },
          { as: { USER: 'user4', ROLE: 'USER' }, data: { queryColumn: [{ name: 'Column2' }, { name: 'Column3' }] } },
        ],
      },
      app,
    );

    testReads(
      {
        // Not a Dgraph test: the fixture's Ticket rule walks onColumn.inProject.roles.assignedTo.
        name: 'graph rule traversing four edges, nested single object under the same condition',
        query: 'query { queryTicket(order: {asc: title}) { title onColumn { name } } }',
        cases: [
          { as: { USER: 'user1', ROLE: 'USER' }, data: { queryTicket: [{ title: 'Ticket2', onColumn: { name: 'Column1' } }] } },
          {
            as: { USER: 'user4', ROLE: 'USER' },
            data: { queryTicket: [{ title: 'Ticket3', onColumn: { name: 'Column2' } }, { title: 'Ticket4', onColumn: { name: 'Column3' } }] },
          },
          { as: { USER: 'user5', ROLE: 'ADMIN' }, data: { queryTicket: [] } },
        ],
      },
      app,
    );

    testReads(
      {
        // Dgraph applies auth before order/first/offset (query_rewriter; TestOrderAndOffset): pages hold visible nodes only.
        name: 'pagination counts only visible nodes',
        query: 'query { queryColumn(order: {asc: name}, first: 1, offset: 1) { name } }',
        cases: [
          { as: { USER: 'user4', ROLE: 'USER' }, data: { queryColumn: [{ name: 'Column3' }] } },
          { as: { USER: 'user1', ROLE: 'USER' }, data: { queryColumn: [] } },
        ],
      },
      app,
    );

    testReads(
      {
        name: 'the user\'s filter and the rule both apply',
        query: 'query { queryMovie(filter: {content: {eq: "Movie1"}}) { content } }',
        cases: [
          { as: { USER: 'user1', ROLE: 'USER' }, data: { queryMovie: [] } },
          { as: { USER: 'user2', ROLE: 'USER' }, data: { queryMovie: [{ content: 'Movie1' }] } },
        ],
      },
      app,
    );

    testReads(
      {
        // The fixture's ComplexLog query rule: and[$ROLE = ADMIN, not($ROLE = USER)].
        name: 'and of an RBAC rule and a negated RBAC rule',
        query: 'query { queryComplexLog(order: {asc: logs}) { logs visible } }',
        cases: [
          {
            as: { USER: '', ROLE: 'ADMIN' },
            data: { queryComplexLog: [{ logs: 'ComplexLog1', visible: true }, { logs: 'ComplexLog2', visible: null }] },
          },
          { as: { USER: '', ROLE: 'USER' }, data: { queryComplexLog: [] } },
          { name: 'no ROLE claim', as: { USER: 'user1' }, data: { queryComplexLog: [] } },
        ],
      },
      app,
    );
  });

  describe('several root fields', () => {
    testReads(
      {
        name: 'each root field under its own type\'s rule, aliases and fragments included',
        query: `query {
          mine: queryProject(order: {asc: name}) { ...named columns(order: {asc: name}) { label: name } }
          queryLog(order: {asc: logs}) { logs }
          queryIssue { msg }
          roles: aggregateRole { count }
        }
        fragment named on Project { title: name }`,
        cases: [
          {
            as: { USER: 'user1', ROLE: 'USER' },
            data: { mine: [{ title: 'Project1', columns: [{ label: 'Column1' }] }], queryLog: [], queryIssue: [], roles: { count: 7 } },
          },
          {
            as: { USER: 'user2', ROLE: 'ADMIN' },
            data: {
              mine: [
                { title: 'Project1', columns: [{ label: 'Column1' }] },
                { title: 'Project2', columns: [{ label: 'Column2' }, { label: 'Column3' }] },
              ],
              queryLog: [{ logs: 'Log1' }, { logs: 'Log2' }],
              queryIssue: [{ msg: 'Issue2' }],
              roles: { count: 7 },
            },
          },
        ],
      },
      app,
    );
  });

  describe('getT', () => {
    testReads(
      {
        name: 'a node the rule hides reads as null, without an error (TestRootGetFilter)',
        query: 'query($id: ID!) { getColumn(colID: $id) { name } }',
        cases: [
          {
            name: 'user1 reads Column1',
            as: { USER: 'user1', ROLE: 'USER' },
            variables: (a) => ({ id: a.uid('column1') }),
            data: { getColumn: { name: 'Column1' } },
          },
          {
            name: 'user1 reads Column2',
            as: { USER: 'user1', ROLE: 'USER' },
            variables: (a) => ({ id: a.uid('column2') }),
            data: { getColumn: null },
          },
          {
            name: 'user2 reads Column2',
            as: { USER: 'user2', ROLE: 'USER' },
            variables: (a) => ({ id: a.uid('column2') }),
            data: { getColumn: { name: 'Column2' } },
          },
        ],
      },
      app,
    );

    testReads(
      {
        name: 'get with a nested list under its own rule (TestRootGetDeepFilter)',
        query: 'query($id: ID!) { getProject(projID: $id) { name columns(order: {asc: name}) { name } } }',
        cases: [
          {
            name: 'user1 reads Project1',
            as: { USER: 'user1', ROLE: 'USER' },
            variables: (a) => ({ id: a.uid('project1') }),
            data: { getProject: { name: 'Project1', columns: [{ name: 'Column1' }] } },
          },
          {
            name: 'user1 reads Project2',
            as: { USER: 'user1', ROLE: 'USER' },
            variables: (a) => ({ id: a.uid('project2') }),
            data: { getProject: null },
          },
          {
            name: 'user2 reads Project2',
            as: { USER: 'user2', ROLE: 'USER' },
            variables: (a) => ({ id: a.uid('project2') }),
            data: { getProject: { name: 'Project2', columns: [{ name: 'Column2' }, { name: 'Column3' }] } },
          },
        ],
      },
      app,
    );

    testReads(
      {
        name: 'get under an RBAC rule',
        query: 'query($id: ID!) { getLog(id: $id) { logs } }',
        cases: [
          { as: { USER: '', ROLE: 'ADMIN' }, variables: (a) => ({ id: a.uid('log1') }), data: { getLog: { logs: 'Log1' } } },
          { as: { USER: '', ROLE: 'USER' }, variables: (a) => ({ id: a.uid('log1') }), data: { getLog: null } },
        ],
      },
      app,
    );
  });
}
