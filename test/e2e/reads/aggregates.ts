/**
 * Aggregates count, min and max over the nodes the rule lets the user see:
 * aggregateT at the root, <field>Aggregate at nested levels.
 */
import type { Authline } from '../support/authline.js';
import { testReads } from '../support/reads.js';
import { COLUMN_AGGREGATES } from '../support/scenarios.js';
import { interfaceVars } from '../support/suite.js';

export function aggregateQueries(app: () => Authline): void {
  testReads(COLUMN_AGGREGATES, app);

  testReads(
    {
      name: 'root aggregate denied by an RBAC rule is null, without an error (TestRBACFilterWithAggregateQuery)',
      query: 'query { aggregateLog { count randomMin randomMax } }',
      cases: [
        { as: { USER: '', ROLE: 'USER' }, data: { aggregateLog: null } },
        { as: { USER: '', ROLE: '' }, data: { aggregateLog: null } },
        { as: { USER: '', ROLE: 'ADMIN' }, data: { aggregateLog: { count: 2, randomMin: 'test', randomMax: 'test' } } },
      ],
    },
    app,
  );

  testReads(
    {
      // Not a Dgraph test: the same or-rule as TestOrRBACFilter, counted.
      name: 'root aggregate under an or of a graph rule and an RBAC rule',
      query: 'query { aggregateProject { count nameMin nameMax } }',
      cases: [
        { as: { USER: 'user1', ROLE: 'USER' }, data: { aggregateProject: { count: 1, nameMin: 'Project1', nameMax: 'Project1' } } },
        { as: { USER: 'user4', ROLE: 'ADMIN' }, data: { aggregateProject: { count: 2, nameMin: 'Project1', nameMax: 'Project2' } } },
      ],
    },
    app,
  );

  testReads(
    {
      // Not a Dgraph test: queryPost's answers (TestAuthOnInterfaces), counted.
      name: 'aggregate on an interface unites the implementing types under their rules',
      query: 'query { aggregatePost { count textMin textMax } }',
      cases: [
        { as: interfaceVars('user1@dgraph.io', '', true), data: { aggregatePost: { count: 2, textMin: 'A Answer', textMax: 'A Question' } } },
        {
          as: interfaceVars('user1@dgraph.io', 'ADMIN', true),
          data: { aggregatePost: { count: 3, textMin: 'A Answer', textMax: 'A Question' } },
        },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'nested aggregate denied by an RBAC rule has every field null (TestChildAggregateQueryWithDeepRBAC)',
      query: 'query { queryUser(filter: {username: {eq: "user1"}}) { username issuesAggregate { count msgMax msgMin } } }',
      cases: [
        {
          as: { USER: 'user1', ROLE: 'USER' },
          data: { queryUser: [{ username: 'user1', issuesAggregate: { count: null, msgMax: null, msgMin: null } }] },
        },
        {
          as: { USER: 'user1', ROLE: 'ADMIN' },
          data: { queryUser: [{ username: 'user1', issuesAggregate: { count: 1, msgMax: 'Issue1', msgMin: 'Issue1' } }] },
        },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'nested aggregate next to the list it counts (TestChildAggregateQueryWithOtherFields)',
      query: `query {
        queryUser(filter: {username: {eq: "user1"}}) { username issuesAggregate { count msgMin msgMax } issues { msg } }
      }`,
      cases: [
        {
          as: { USER: 'user1', ROLE: 'USER' },
          data: { queryUser: [{ username: 'user1', issues: [], issuesAggregate: { count: null, msgMin: null, msgMax: null } }] },
        },
        {
          as: { USER: 'user1', ROLE: 'ADMIN' },
          data: {
            queryUser: [
              { username: 'user1', issues: [{ msg: 'Issue1' }], issuesAggregate: { count: 1, msgMin: 'Issue1', msgMax: 'Issue1' } },
            ],
          },
        },
      ],
    },
    app,
  );

  testReads(
    {
      // authline's decision (issue 5): nested interface fields are filtered per member type, aggregates too.
      name: 'nested aggregate over an interface field counts per member type\'s rules (authline, not Dgraph)',
      query: 'query { queryAuthor(filter: {name: {eq: "user1@dgraph.io"}}) { name postsAggregate { count textMin } } }',
      cases: [
        {
          as: interfaceVars('user1@dgraph.io', '', true),
          data: { queryAuthor: [{ name: 'user1@dgraph.io', postsAggregate: { count: 1, textMin: 'A Question' } }] },
        },
      ],
    },
    app,
  );
}
