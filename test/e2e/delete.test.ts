/**
 * delete: the delete rule narrows the filter, so only permitted nodes go;
 * numUids and msg report what really happened, and the payload is read
 * before the deletion under query rules. Dgraph: delete_mutation_test.go
 * and the delete tests of auth_test.go.
 *
 * A case that deletes something runs on a store of its own, so what one
 * deletes no other misses (Dgraph's suite re-adds the deleted nodes
 * instead). A case that deletes nothing (numUids 0) leaves the store as it
 * found it, which its own checks show: it runs first on the store of one of
 * its scenario's other cases, which then finds the store untouched (or
 * fails too, if the first one did delete after all). A store of its own
 * costs a PGlite boot, so each case runs once: the stores of a scenario
 * take turns between the algorithms and between the backends (a copy of a
 * loaded PostgreSQL database is cheaper than a boot), so every scenario of
 * two or more stores runs under both algorithms and on both backends. Here
 * the algorithm changes only how the token is checked, which tokens.test.ts
 * covers for both; the SQL is the same on both backends.
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
type Setup = { readonly algorithm: Algorithm; readonly backend: (typeof BACKENDS)[number] };
let scenarios = 0;

/**
 * The setups of a scenario's stores: from one scenario to the next the first
 * store's takes turns over the four pairs of algorithm and backend; within a
 * scenario each store after the first changes both.
 */
function nextSetups(): (store: number) => Setup {
  const n = scenarios++;
  return (store) => ({ algorithm: ALGORITHMS[(n + store) % ALGORITHMS.length], backend: BACKENDS[(Math.floor(n / 2) + store) % BACKENDS.length] });
}

/** Tests that share one store, started by the first of them to run and closed after the last (or with the file). */
function testOnOneStore(setup: Setup, prepare: (app: Authline) => Promise<unknown>, tests: readonly { name: string; body: (app: Authline) => Promise<void> }[]): void {
  let running: Promise<Authline> | undefined;
  const start = () => (running ??= freshAuthline(setup).then(async (app) => {
    await prepare(app);
    return app;
  }));
  const stop = async () => {
    const app = running;
    running = undefined;
    await (await app?.catch(() => undefined))?.close();
  };
  after(stop);
  tests.forEach(({ name, body }, i) => {
    test(`${name}, ${setup.algorithm}, ${setup.backend}`, { skip: CONFORMANCE_SKIP }, async (t) => {
      if (i === tests.length - 1) t.after(stop);
      await body(await start());
    });
  });
}

/** How many nodes a case's answer says its mutation deleted. */
function deletedBy(c: DeleteCase): number {
  return (Object.values(c.data)[0] as { numUids: number }).numUids;
}

/**
 * A store for each case that deletes something; the cases that delete
 * nothing run first on those stores, in turn (on one of their own when no
 * case deletes anything).
 */
function testDeletes(scenario: DeleteScenario): void {
  const setup = nextSetups();
  const deleting = scenario.cases.filter((c) => deletedBy(c) > 0);
  const keeping = scenario.cases.filter((c) => deletedBy(c) === 0);
  const stores: DeleteCase[][] = deleting.length > 0 ? deleting.map(() => []) : [[]];
  keeping.forEach((c, i) => stores[i % stores.length].push(c));
  deleting.forEach((c, i) => stores[i].push(c));
  stores.forEach((cases, store) => {
    const seed = async (app: Authline) => scenario.seed && app.importData(scenario.seed(app));
    testOnOneStore(setup(store), seed, cases.map((c) => ({
      name: `${scenario.name}: ${describeVars(c.as)}`,
      async body(app: Authline) {
        const variables = { ...(scenario.nodes ? { ids: scenario.nodes.map((n) => app.uid(n)) } : {}), ...c.variables };
        assertData(await app.post(scenario.mutation, { as: c.as, variables }), c.data);
        for (const check of c.remaining ?? []) assertData(await app.post(check.query, { as: check.as }), check.data);
      },
    })));
  });
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

testOnOneStore(nextSetups()(0), async () => {}, [{
  name: 'delete rule on an @id type, payload under its query rule (TestDeleteRBACRuleInverseField)',
  async body(app) {
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
  },
}]);
