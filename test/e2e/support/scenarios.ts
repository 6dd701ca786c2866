/**
 * Scenarios run both on PGlite (their home suites) and on a PostgreSQL
 * server (postgres.test.ts), to show the same answers on both backends.
 */
import type { ReadScenario } from './reads.js';

/** Project: or[graph rule (VIEW role assigned to $USER), RBAC $ROLE = ADMIN]. Dgraph: TestOrRBACFilter. */
export const PROJECTS_BY_ROLE: ReadScenario = {
  name: 'or of a graph rule and an RBAC rule at the root (TestOrRBACFilter)',
  query: 'query { queryProject(order: {asc: name}) { name } }',
  cases: [
    { as: { USER: 'user1', ROLE: 'ADMIN' }, data: { queryProject: [{ name: 'Project1' }, { name: 'Project2' }] } },
    { as: { USER: 'user1', ROLE: 'USER' }, data: { queryProject: [{ name: 'Project1' }] } },
    { as: { USER: 'user4', ROLE: 'USER' }, data: { queryProject: [{ name: 'Project2' }] } },
  ],
};

/** Column's rule applied to each project's columns, before the field's own filter and `first`. Dgraph: TestDeepFilter. */
export const COLUMNS_PER_PROJECT: ReadScenario = {
  name: 'nested list filtered by its own type\'s rule, then by filter and first (TestDeepFilter)',
  query: `query($name: String!) {
    queryProject(order: {asc: name}) {
      name
      columns(filter: {name: {eq: $name}}, first: 1) { name }
    }
  }`,
  cases: [
    {
      as: { USER: 'user1', ROLE: 'USER' },
      variables: { name: 'Column1' },
      data: { queryProject: [{ name: 'Project1', columns: [{ name: 'Column1' }] }] },
    },
    {
      as: { USER: 'user2', ROLE: 'USER' },
      variables: { name: 'Column1' },
      data: { queryProject: [{ name: 'Project1', columns: [{ name: 'Column1' }] }, { name: 'Project2', columns: [] }] },
    },
    {
      as: { USER: 'user2', ROLE: 'USER' },
      variables: { name: 'Column3' },
      data: { queryProject: [{ name: 'Project1', columns: [] }, { name: 'Project2', columns: [{ name: 'Column3' }] }] },
    },
  ],
};

/**
 * queryPost unites the implementing types, each under its own rules merged
 * with every interface's. Dgraph: TestAuthOnInterfaces.
 */
export const POSTS_ACROSS_TYPES: ReadScenario = {
  name: 'interface query: each implementing type under its own and its interfaces\' rules (TestAuthOnInterfaces)',
  query: 'query { queryPost(order: {asc: text}) { text } }',
  cases: [
    {
      as: { USER: 'user1@dgraph.io', ROLE: 'ADMIN', ANS: true },
      data: { queryPost: [{ text: 'A Answer' }, { text: 'A FbPost' }, { text: 'A Question' }] },
    },
    { as: { USER: 'user1@dgraph.io', ANS: true }, data: { queryPost: [{ text: 'A Answer' }, { text: 'A Question' }] } },
    { name: 'no USER', as: { ANS: true }, data: { queryPost: [] } },
  ],
};

/** aggregateColumn counts only the columns the rule lets the user see. Dgraph: TestRootAggregateQuery. */
export const COLUMN_AGGREGATES: ReadScenario = {
  name: 'root aggregate over the visible nodes only (TestRootAggregateQuery)',
  query: 'query { aggregateColumn { count nameMin nameMax } }',
  cases: [
    { as: { USER: 'user1', ROLE: 'USER' }, data: { aggregateColumn: { count: 1, nameMin: 'Column1', nameMax: 'Column1' } } },
    { as: { USER: 'user2', ROLE: 'USER' }, data: { aggregateColumn: { count: 3, nameMin: 'Column1', nameMax: 'Column3' } } },
    { as: { USER: 'user4', ROLE: 'USER' }, data: { aggregateColumn: { count: 2, nameMin: 'Column2', nameMax: 'Column3' } } },
  ],
};
