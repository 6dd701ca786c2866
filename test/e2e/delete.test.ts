/**
 * delete: the delete rule narrows the filter, so only permitted nodes go;
 * numUids and msg report what really happened, and the payload is read
 * before the deletion under query rules. Dgraph: delete_mutation_test.go
 * and the delete tests of auth_test.go.
 *
 * Every case runs on a server of its own, so what one deletes no other
 * misses (Dgraph's suite re-adds the deleted nodes instead). A store of its
 * own costs a PGlite boot, so each case runs once, the algorithms take
 * turns and so do the backends (a copy of a loaded PostgreSQL database is
 * cheaper than a boot): every scenario of two or more cases runs under both
 * algorithms, and of three or more on both backends. Here the algorithm
 * changes only how the token is checked, which tokens.test.ts covers for
 * both; the SQL is the same on both backends.
 */
import { after, test } from 'node:test';
import { CONFORMANCE_SKIP } from '../support/conformance.js';
import { stopOwnCluster } from '../support/postgres.js';
import { assertData } from './support/assert.js';
import { freshAuthline } from './support/authline.js';
import type { Authline } from './support/authline.js';
import type { FixtureNode } from './support/fixture.js';
import { describeVars, interfaceVars } from './support/suite.js';
import { ALGORITHMS } from './support/tokens.js';
import type { Algorithm, AuthVars } from './support/tokens.js';

interface Check {
  readonly query: string;
  readonly as: AuthVars;
  readonly data: Record<string, unknown>;
}

interface DeleteCase {
  readonly as: AuthVars;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly data: Record<string, unknown>;
  /** What readers see afterwards. */
  readonly remaining?: readonly Check[];
}

interface DeleteScenario {
  readonly name: string;
  readonly mutation: string;
  /** `$ids` holds their uids. */
  readonly nodes?: readonly FixtureNode[];
  /** Data to import first (Dgraph JSON; may refer to fixture uids). */
  readonly seed?: (app: Authline) => unknown;
  readonly cases: readonly DeleteCase[];
}

after(stopOwnCluster);

const BACKENDS = ['pglite', 'postgres'] as const;
let turn = 0;

/** The next case's algorithm and backend: the algorithm changes every case, the backend every other. */
function nextSetup(): { algorithm: Algorithm; backend: (typeof BACKENDS)[number] } {
  const n = turn++;
  return { algorithm: ALGORITHMS[n % ALGORITHMS.length], backend: BACKENDS[Math.floor(n / ALGORITHMS.length) % BACKENDS.length] };
}

/** A test on a store of its own, under the next algorithm, on the next backend. */
function testAlone(name: string, body: (app: Authline) => Promise<void>): void {
  const { algorithm, backend } = nextSetup();
  test(`${name}, ${algorithm}, ${backend}`, { skip: CONFORMANCE_SKIP }, async (t) => body(await freshAuthline({ algorithm, backend }, t)));
}

function testDeletes(scenario: DeleteScenario): void {
  for (const c of scenario.cases) {
    testAlone(`${scenario.name}: ${describeVars(c.as)}`, async (app) => {
      if (scenario.seed) await app.importData(scenario.seed(app));
      const variables = { ...(scenario.nodes ? { ids: scenario.nodes.map((n) => app.uid(n)) } : {}), ...c.variables };
      assertData(await app.post(scenario.mutation, { as: c.as, variables }), c.data);
      for (const check of c.remaining ?? []) assertData(await app.post(check.query, { as: check.as }), check.data);
    });
  }
}

const POSTS: FixtureNode[] = ['Question1', 'Question2', 'Question3', 'FbPost1', 'FbPost2', 'Answer1', 'Answer2'];
const ALL_COLUMNS = { query: 'query { queryColumn(order: {asc: name}) { name } }', as: { USER: 'user2' } };
const columns = (...n: number[]) => ({ queryColumn: n.map((i) => ({ name: `Column${i}` })) });
const ALL_LOGS = { query: 'query { queryLog(order: {asc: logs}) { logs } }', as: { ROLE: 'ADMIN' } };
const ALL_POSTS = { query: 'query { queryPost(order: {asc: text}) { text } }' };
const SECRETS = 'query { queryUserSecret(order: {asc: aSecret}) { aSecret } }';
const ISSUES = 'query { queryIssue { msg } }';
const tickets = (...n: number[]) => ({ queryTicket: n.map((i) => ({ title: `Ticket${i}` })) });

testDeletes({
  name: 'graph rule on the node itself (TestDeleteAuthRule)',
  mutation: 'mutation($filter: UserSecretFilter!) { deleteUserSecret(filter: $filter) { msg numUids } }',
  seed: () => [{ uid: '_:usersecret1', 'dgraph.type': 'UserSecret', 'UserSecret.aSecret': 'Secret data', 'UserSecret.ownedBy': 'user1' }],
  cases: [
    {
      as: { USER: 'user1' },
      variables: { filter: { aSecret: { anyofterms: 'Secret data' } } },
      data: { deleteUserSecret: { msg: 'Deleted', numUids: 1 } },
      remaining: [{ query: SECRETS, as: { USER: 'user1' }, data: { queryUserSecret: [{ aSecret: 'Sensitive information' }] } }],
    },
    {
      as: { USER: 'user2' },
      variables: { filter: { aSecret: { anyofterms: 'Sensitive information' } } },
      data: { deleteUserSecret: { msg: 'No nodes were deleted', numUids: 0 } },
      remaining: [
        { query: SECRETS, as: { USER: 'user1' }, data: { queryUserSecret: [{ aSecret: 'Secret data' }, { aSecret: 'Sensitive information' }] } },
      ],
    },
  ],
});

testDeletes({
  name: 'graph rule four edges deep (TestDeleteDeepAuthRule)',
  mutation: 'mutation($filter: TicketFilter!) { deleteTicket(filter: $filter) { msg numUids } }',
  seed: (app) => [
    {
      uid: '_:ticket1',
      'dgraph.type': 'Ticket',
      'Ticket.onColumn': { uid: app.uid('column1') },
      'Ticket.title': 'Ticket1',
      'Ticket.assignedTo': [{ uid: app.uid('user1') }, { uid: app.uid('user3') }, { uid: app.uid('user5') }],
    },
  ],
  cases: [
    // user3 may see Project1's tickets but not edit them; user5 has the EDIT role there.
    {
      as: { USER: 'user3' },
      variables: { filter: { title: { anyofterms: 'Ticket2' } } },
      data: { deleteTicket: { msg: 'No nodes were deleted', numUids: 0 } },
    },
    {
      as: { USER: 'user5' },
      variables: { filter: { title: { anyofterms: 'Ticket1' } } },
      data: { deleteTicket: { msg: 'Deleted', numUids: 1 } },
      remaining: [{ query: 'query { queryTicket(order: {asc: title}) { title } }', as: { USER: 'user2' }, data: tickets(2, 3, 4) }],
    },
  ],
});

testDeletes({
  name: 'interface: each type under its merged rule (TestAuth_DeleteOnInterfaceWithAuthRules)',
  mutation: 'mutation($ids: [ID!]) { deletePost(filter: {id: $ids}) { numUids } }',
  nodes: POSTS,
  cases: [
    {
      as: interfaceVars('user1@dgraph.io', 'ADMIN', true),
      data: { deletePost: { numUids: 3 } },
      // Left: Question3 (answered false) is all user1 with ANS false sees now; A Answer and A FbPost are gone.
      remaining: [{ ...ALL_POSTS, as: interfaceVars('user1@dgraph.io', 'ADMIN', false), data: { queryPost: [{ text: 'C Question' }] } }],
    },
    { as: interfaceVars('user1@dgraph.io', 'USER', true), data: { deletePost: { numUids: 2 } } },
    { as: interfaceVars('user2@dgraph.io', '', false), data: { deletePost: { numUids: 1 } } },
    { as: interfaceVars('user3@dgraph.io', '', false), data: { deletePost: { numUids: 0 } } },
  ],
});

testDeletes({
  name: 'type with RBAC from an interface (TestAuth_DeleteTypeWithRBACFilteronInterface)',
  mutation: 'mutation($ids: [ID!]) { deleteFbPost(filter: {id: $ids}) { numUids } }',
  nodes: ['FbPost1', 'FbPost2'],
  cases: [
    { as: { USER: 'user1@dgraph.io', ROLE: 'ADMIN' }, data: { deleteFbPost: { numUids: 1 } } },
    { as: { USER: 'user1@dgraph.io', ROLE: 'USER' }, data: { deleteFbPost: { numUids: 0 } } },
    { as: { USER: 'user2@dgraph.io', ROLE: 'ROLE' }, data: { deleteFbPost: { numUids: 0 } } },
    {
      as: { USER: 'user2@dgraph.io', ROLE: 'ADMIN' },
      data: { deleteFbPost: { numUids: 1 } },
      remaining: [{ query: 'query { queryFbPost { text } }', as: { USER: 'user1@dgraph.io', ROLE: 'ADMIN' }, data: { queryFbPost: [{ text: 'A FbPost' }] } }],
    },
  ],
});

testDeletes({
  name: 'type with a graph rule and an interface\'s (TestAuth_DeleteOnTypeWithGraphTraversalAuthRuleOnInterface)',
  mutation: 'mutation($ids: [ID!]) { deleteQuestion(filter: {id: $ids}) { numUids } }',
  nodes: ['Question1', 'Question2', 'Question3'],
  cases: [
    { as: interfaceVars('user1@dgraph.io', '', true), data: { deleteQuestion: { numUids: 1 } } },
    { as: interfaceVars('user1@dgraph.io', '', false), data: { deleteQuestion: { numUids: 1 } } },
    { as: interfaceVars('user2@dgraph.io', '', true), data: { deleteQuestion: { numUids: 1 } } },
    { as: interfaceVars('user2@dgraph.io', '', false), data: { deleteQuestion: { numUids: 0 } } },
  ],
});

testDeletes({
  name: 'graph rule (TestDeleteRootFilter)',
  mutation: 'mutation($ids: [ID!]) { deleteColumn(filter: {colID: $ids}) { numUids } }',
  nodes: ['column1', 'column2', 'column3'],
  cases: [
    { as: { USER: 'user1', ROLE: 'USER' }, data: { deleteColumn: { numUids: 1 } }, remaining: [{ ...ALL_COLUMNS, data: columns(2, 3) }] },
    { as: { USER: 'user2', ROLE: 'USER' }, data: { deleteColumn: { numUids: 3 } }, remaining: [{ ...ALL_COLUMNS, data: columns() }] },
    { as: { USER: 'user4', ROLE: 'USER' }, data: { deleteColumn: { numUids: 2 } }, remaining: [{ ...ALL_COLUMNS, data: columns(1) }] },
  ],
});

testDeletes({
  name: 'RBAC rule; the payload is read before deleting (TestDeleteRBACFilter)',
  mutation: 'mutation($ids: [ID!]) { deleteLog(filter: {id: $ids}) { numUids msg log(order: {asc: logs}) { logs random } } }',
  nodes: ['log1', 'log2'],
  cases: [
    {
      as: { USER: '', ROLE: 'USER' },
      data: { deleteLog: { numUids: 0, msg: 'No nodes were deleted', log: [] } },
      remaining: [{ ...ALL_LOGS, data: { queryLog: [{ logs: 'Log1' }, { logs: 'Log2' }] } }],
    },
    {
      as: { USER: '', ROLE: 'ADMIN' },
      data: { deleteLog: { numUids: 2, msg: 'Deleted', log: [{ logs: 'Log1', random: 'test' }, { logs: 'Log2', random: 'test' }] } },
      remaining: [{ ...ALL_LOGS, data: { queryLog: [] } }],
    },
  ],
});

testDeletes({
  name: 'or of an RBAC rule and a graph rule (TestDeleteOrRBACFilter)',
  mutation: 'mutation($ids: [ID!]) { deleteComplexLog(filter: {id: $ids}) { numUids } }',
  nodes: ['complexlog1', 'complexlog2'],
  cases: [
    {
      as: { USER: '', ROLE: 'USER' },
      data: { deleteComplexLog: { numUids: 1 } },
      remaining: [{ query: 'query { queryComplexLog { logs } }', as: { ROLE: 'ADMIN' }, data: { queryComplexLog: [{ logs: 'ComplexLog2' }] } }],
    },
    { as: { USER: '', ROLE: 'ADMIN' }, data: { deleteComplexLog: { numUids: 2 } } },
  ],
});

testDeletes({
  name: 'and of an RBAC rule and a graph rule (TestDeleteAndRBACFilter)',
  mutation: 'mutation($ids: [ID!]) { deleteIssue(filter: {id: $ids}) { numUids } }',
  nodes: ['issue1', 'issue2'],
  cases: [
    { as: { USER: 'user1', ROLE: 'USER' }, data: { deleteIssue: { numUids: 0 } } },
    { as: { USER: 'user2', ROLE: 'USER' }, data: { deleteIssue: { numUids: 0 } } },
    {
      as: { USER: 'user2', ROLE: 'ADMIN' },
      data: { deleteIssue: { numUids: 1 } },
      remaining: [
        { query: ISSUES, as: { USER: 'user2', ROLE: 'ADMIN' }, data: { queryIssue: [] } },
        { query: ISSUES, as: { USER: 'user1', ROLE: 'ADMIN' }, data: { queryIssue: [{ msg: 'Issue1' }] } },
      ],
    },
  ],
});

// The deleted movies as the payload shows them, each with the regions its reader may see.
const MOVIE1 = { content: 'Movie1', regionsAvailable: [{ name: 'Region2', global: null }, { name: 'Region3', global: null }] };
const MOVIES_2_TO_4 = [
  { content: 'Movie2', regionsAvailable: [{ name: 'Region1', global: null }] },
  {
    content: 'Movie3',
    regionsAvailable: [
      { name: 'Region1', global: null },
      { name: 'Region4', global: null },
      { name: 'Region6', global: true },
    ],
  },
  { content: 'Movie4', regionsAvailable: [{ name: 'Region5', global: true }] },
];

testDeletes({
  name: 'nested payload under the children\'s rules (TestDeleteNestedFilter)',
  mutation: `mutation($ids: [ID!]) {
    deleteMovie(filter: {id: $ids}) { numUids movie(order: {asc: content}) { content regionsAvailable(order: {asc: name}) { name global } } }
  }`,
  nodes: ['movie1', 'movie2', 'movie3', 'movie4'],
  cases: [
    {
      as: { USER: 'user1', ROLE: 'USER' },
      data: { deleteMovie: { numUids: 3, movie: MOVIES_2_TO_4 } },
      remaining: [{ query: 'query { queryMovie { content } }', as: { USER: 'user2' }, data: { queryMovie: [{ content: 'Movie1' }] } }],
    },
    {
      as: { USER: 'user2', ROLE: 'USER' },
      data: { deleteMovie: { numUids: 4, movie: [MOVIE1, ...MOVIES_2_TO_4] } },
    },
  ],
});

testDeletes({
  // Not a Dgraph test: Region's only rule, delete, admits global regions whoever asks.
  name: 'a graph rule without variables',
  mutation: 'mutation { deleteRegion(filter: {}) { numUids } }',
  cases: [
    {
      as: { USER: 'user1' },
      data: { deleteRegion: { numUids: 2 } },
      remaining: [{ query: 'query { queryRegion(order: {asc: name}) { name } }', as: {}, data: { queryRegion: [1, 2, 3, 4].map((i) => ({ name: `Region${i}` })) } }],
    },
  ],
});

testDeletes({
  // Not a Dgraph test: User's delete rule is and[username = $USER, isPublic].
  name: 'and of two graph rules',
  mutation: 'mutation { deleteUser(filter: {username: {in: ["user1", "user3"]}}) { numUids } }',
  cases: [
    { as: { USER: 'user1' }, data: { deleteUser: { numUids: 1 } } },
    { as: { USER: 'user3' }, data: { deleteUser: { numUids: 0 } } },
  ],
});

testDeletes({
  // Not a Dgraph test: Role's delete rule is not($ROLE = USER).
  name: 'a negated RBAC rule',
  mutation: 'mutation { deleteRole(filter: {permission: {eq: EDIT}}) { numUids } }',
  cases: [
    { as: { ROLE: 'USER' }, data: { deleteRole: { numUids: 0 } } },
    { as: { ROLE: 'ADMIN' }, data: { deleteRole: { numUids: 1 } } },
  ],
});

testAlone('delete rule on an @id type, payload under its query rule (TestDeleteRBACRuleInverseField)', async (app) => {
  const added = await app.post(
    'mutation { addTweets(input: [{id: "tweet1", text: "abc", timestamp: "2020-10-10", user: {username: "foo"}}]) { numUids } }',
    { as: { USER: 'foo', ROLE: '' } },
  );
  assertData(added, { addTweets: { numUids: 2 } });
  const DELETE = 'mutation { deleteTweets(filter: {text: {anyoftext: "abc"}}) { numUids tweets { text } } }';
  assertData(await app.post(DELETE, { as: { USER: 'foobar', ROLE: 'admin' } }), { deleteTweets: { numUids: 0, tweets: [] } });
  assertData(await app.post(DELETE, { as: { USER: 'foo', ROLE: 'admin' } }), { deleteTweets: { numUids: 1, tweets: [{ text: 'abc' }] } });
  const user = await app.post('query { queryUser(filter: {username: {eq: "foo"}}) { username tweets { id } } }', { as: { ROLE: 'admin' } });
  assertData(user, { queryUser: [{ username: 'foo', tweets: [] }] });
});
