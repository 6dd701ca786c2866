/**
 * Interfaces: an implementing type answers to its own rules and to every
 * interface's; queries on the interface unite the implementing types, each
 * under its merged rules. Nested fields typed as an interface are filtered
 * per member type (an authline decision: Dgraph leaves them unfiltered).
 */
import type { Authline } from '../support/authline.js';
import { testReads } from '../support/reads.js';
import { POSTS_ACROSS_TYPES } from '../support/scenarios.js';
import { interfaceVars } from '../support/suite.js';

export function interfaceQueries(app: () => Authline): void {
  testReads(
    {
      name: 'a type inherits the interface\'s rules and keeps its own (TestAuthOnInterfaces)',
      query: 'query { queryQuestion { text } }',
      cases: [
        { as: interfaceVars('user1@dgraph.io', '', true), data: { queryQuestion: [{ text: 'A Question' }] } },
        { as: interfaceVars('user3@dgraph.io', '', true), data: { queryQuestion: [] } },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'a type without rules of its own gets the interface\'s (TestAuthOnInterfaces)',
      query: 'query { queryAnswer { text } }',
      cases: [{ as: interfaceVars('user1@dgraph.io', '', false), data: { queryAnswer: [{ text: 'A Answer' }] } }],
    },
    app,
  );

  testReads(
    {
      name: 'a type gets the rules of every interface it implements (TestAuthOnInterfaces)',
      query: 'query { queryFbPost { text } }',
      cases: [
        { as: interfaceVars('user2@dgraph.io', 'ADMIN', false), data: { queryFbPost: [{ text: 'B FbPost' }] } },
        { as: interfaceVars('user2@dgraph.io', 'USER', false), data: { queryFbPost: [] } },
      ],
    },
    app,
  );

  testReads(POSTS_ACROSS_TYPES, app);

  testReads(
    {
      // Not a Dgraph test: the concrete type of each node of the union of implementing types.
      name: 'interface query answers each node\'s own type and its fragment fields',
      query: 'query { queryPost(order: {asc: text}) { __typename text ... on Question { answered } ... on FbPost { postCount } } }',
      cases: [
        {
          as: interfaceVars('user1@dgraph.io', 'ADMIN', true),
          data: {
            queryPost: [
              { __typename: 'Answer', text: 'A Answer' },
              { __typename: 'FbPost', text: 'A FbPost', postCount: 1 },
              { __typename: 'Question', text: 'A Question', answered: true },
            ],
          },
        },
      ],
    },
    app,
  );

  testReads(
    {
      // Not a Dgraph test: getPost resolves the node's type and applies that type's merged rule.
      name: 'get on the interface applies the node\'s type\'s rules',
      query: 'query($id: ID!) { getPost(id: $id) { text } }',
      cases: [
        {
          name: 'Question3 with ANS true',
          as: interfaceVars('user1@dgraph.io', '', true),
          variables: (a) => ({ id: a.uid('Question3') }),
          data: { getPost: null },
        },
        {
          name: 'Question3 with ANS false',
          as: interfaceVars('user1@dgraph.io', '', false),
          variables: (a) => ({ id: a.uid('Question3') }),
          data: { getPost: { text: 'C Question' } },
        },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'RBAC rule in an or on the interface admits another owner\'s node (TestAuthOnInterfaceWithRBACPositive)',
      query: 'query { queryVehicle { owner } }',
      cases: [
        { as: { USER: 'Alice', ROLE: 'ADMIN' }, data: { queryVehicle: [{ owner: 'Bob' }] } },
        { as: { USER: 'Bob', ROLE: 'USER' }, data: { queryVehicle: [{ owner: 'Bob' }] } },
        { as: { USER: 'Alice', ROLE: 'USER' }, data: { queryVehicle: [] } },
      ],
    },
    app,
  );

  testReads(
    {
      // authline's decision (issue 5): a nested field typed as an interface is filtered by each member
      // type's rules. Dgraph would list all of each author's questions here, unfiltered.
      name: 'nested interface field filtered per member type (authline, not Dgraph)',
      query: 'query { queryAuthor(order: {asc: name}) { name posts(order: {asc: text}) { text } } }',
      cases: [
        {
          as: interfaceVars('user1@dgraph.io', '', true),
          data: {
            queryAuthor: [
              { name: 'user1@dgraph.io', posts: [{ text: 'A Question' }] },
              { name: 'user2@dgraph.io', posts: [] },
            ],
          },
        },
        {
          as: interfaceVars('user1@dgraph.io', '', false),
          data: {
            queryAuthor: [
              { name: 'user1@dgraph.io', posts: [{ text: 'C Question' }] },
              { name: 'user2@dgraph.io', posts: [] },
            ],
          },
        },
        {
          as: interfaceVars('user2@dgraph.io', '', true),
          data: {
            queryAuthor: [
              { name: 'user1@dgraph.io', posts: [] },
              { name: 'user2@dgraph.io', posts: [{ text: 'B Question' }] },
            ],
          },
        },
      ],
    },
    app,
  );
}
