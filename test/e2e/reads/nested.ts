/**
 * Nested levels: every nested list or object shows only the nodes its own
 * type's query rule allows, whatever the parent's rule said; @cascade and
 * pagination see the filtered children.
 */
import type { Authline } from '../support/authline.js';
import { testReads } from '../support/reads.js';
import { COLUMNS_PER_PROJECT } from '../support/scenarios.js';

const MOVIES_USER1 = [
  { content: 'Movie2', regionsAvailable: [{ name: 'Region1' }] },
  { content: 'Movie3', regionsAvailable: [{ name: 'Region1' }, { name: 'Region4' }, { name: 'Region6' }] },
  { content: 'Movie4', regionsAvailable: [{ name: 'Region5' }] },
];

export function nestedQueries(app: () => Authline): void {
  testReads(COLUMNS_PER_PROJECT, app);

  testReads(
    {
      // Not a Dgraph test: the parent passes by RBAC, the children are filtered by their graph rule.
      name: 'children filtered by their own graph rule under a parent admitted by RBAC',
      query: 'query { queryProject(order: {asc: name}) { name columns(order: {asc: name}) { name } } }',
      cases: [
        {
          as: { USER: 'user1', ROLE: 'ADMIN' },
          data: { queryProject: [{ name: 'Project1', columns: [{ name: 'Column1' }] }, { name: 'Project2', columns: [] }] },
        },
        {
          as: { USER: 'user4', ROLE: 'ADMIN' },
          data: { queryProject: [{ name: 'Project1', columns: [] }, { name: 'Project2', columns: [{ name: 'Column2' }, { name: 'Column3' }] }] },
        },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'graph rule through nested lists, children of a type without rules unfiltered (TestNestedFilter)',
      query: 'query { queryMovie(order: {asc: content}) { content regionsAvailable(order: {asc: name}) { name } } }',
      cases: [
        { as: { USER: 'user1', ROLE: 'USER' }, data: { queryMovie: MOVIES_USER1 } },
        {
          as: { USER: 'user2', ROLE: 'USER' },
          data: {
            queryMovie: [{ content: 'Movie1', regionsAvailable: [{ name: 'Region2' }, { name: 'Region3' }] }, ...MOVIES_USER1],
          },
        },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'nested list under an RBAC rule (TestDeepRBACValue)',
      query: 'query { queryUser(filter: {username: {eq: "user1"}}) { username issues { msg } } }',
      cases: [
        { as: { USER: 'user1', ROLE: 'USER' }, data: { queryUser: [{ username: 'user1', issues: [] }] } },
        { as: { USER: 'user1', ROLE: 'ADMIN' }, data: { queryUser: [{ username: 'user1', issues: [{ msg: 'Issue1' }] }] } },
      ],
    },
    app,
  );

  testReads(
    {
      name: '@cascade on the parent drops it when the rule empties its children (TestDeepRBACValueCascade)',
      query: 'query { queryUser(filter: {username: {eq: "user1"}}) @cascade { username issues { msg } } }',
      cases: [
        { as: { USER: 'user1', ROLE: 'USER' }, data: { queryUser: [] } },
        { as: { USER: 'user1', ROLE: 'ADMIN' }, data: { queryUser: [{ username: 'user1', issues: [{ msg: 'Issue1' }] }] } },
      ],
    },
    app,
  );

  testReads(
    {
      name: '@cascade on the children only keeps the parent (TestDeepRBACValueCascade)',
      query: 'query { queryUser(filter: {username: {eq: "user1"}}) { username issues @cascade { msg } } }',
      cases: [{ as: { USER: 'user1', ROLE: 'USER' }, data: { queryUser: [{ username: 'user1', issues: [] }] } }],
    },
    app,
  );

  testReads(
    {
      name: '@cascade and pagination at the root see only visible nodes (TestAuthPaginationWithCascade)',
      query: `query {
        queryMovie(order: {asc: content}, first: 2, offset: 0) @cascade {
          content code regionsAvailable(order: {asc: name}) { name }
        }
      }`,
      cases: [
        {
          as: { USER: 'user1', ROLE: 'ADMIN' },
          data: {
            queryMovie: [
              { content: 'Movie3', code: 'm3', regionsAvailable: [{ name: 'Region1' }, { name: 'Region4' }, { name: 'Region6' }] },
              { content: 'Movie4', code: 'm4', regionsAvailable: [{ name: 'Region5' }] },
            ],
          },
        },
      ],
    },
    app,
  );

  testReads(
    {
      name: '@cascade and pagination at a nested level (TestAuthPaginationWithCascade)',
      query: `query {
        queryMovie(order: {asc: content}, first: 2, offset: 1) {
          content regionsAvailable(order: {asc: name}, first: 1) @cascade { name global }
        }
      }`,
      cases: [
        {
          as: { USER: 'user1', ROLE: 'ADMIN' },
          data: {
            queryMovie: [
              { content: 'Movie3', regionsAvailable: [{ name: 'Region6', global: true }] },
              { content: 'Movie4', regionsAvailable: [{ name: 'Region5', global: true }] },
            ],
          },
        },
      ],
    },
    app,
  );
}
