/**
 * add: the type's add rule is checked against the nodes as written, nested
 * creations against their own type's add rule; any failing node fails the
 * whole mutation ("mutation failed because authorization failed") and
 * nothing is written. Payloads apply query rules. Dgraph: add_mutation_test.go
 * and the add flows of auth_test.go.
 *
 * The tests share one server: every test adds nodes named
 * for it alone and reads back only those, so none sees another's writes.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertData, assertErrors, dataAt, sortedBy } from './support/assert.js';
import type { Authline } from './support/authline.js';
import { underAlgorithm, interfaceVars, sharedAuthline } from './support/suite.js';
import type { AuthVars } from './support/tokens.js';

const AUTHORIZATION_FAILED = 'mutation failed because authorization failed';

/** Runs an add that the rules refuse: no data for the field and Dgraph's one error (debug on). */
async function assertAddRefused(
  app: Authline,
  field: string,
  mutation: string,
  request: { as: AuthVars; variables?: Record<string, unknown> },
): Promise<void> {
  const res = await app.post(mutation, request);
  assertErrors(res, { [field]: null }, [{ message: AUTHORIZATION_FAILED, path: [field] }]);
}

underAlgorithm('RS256', (algorithm) => {
  const app = sharedAuthline({ algorithm });

  describe('graph add rule on the node itself (TestAddGQLOnly)', () => {
    const ADD = 'mutation($s: AddUserSecretInput!) { addUserSecret(input: [$s]) { userSecret { aSecret } } }';
    const find = (secret: string) =>
      app().post('query($s: String!) { queryUserSecret(filter: {aSecret: {anyofterms: $s}}) { aSecret ownedBy } }', {
        as: { USER: 'user1' },
        variables: { s: secret },
      });

    test('the owner adds it', async () => {
      const res = await app().post(ADD, { as: { USER: 'user1' }, variables: { s: { aSecret: 'addsecretone', ownedBy: 'user1' } } });
      assertData(res, { addUserSecret: { userSecret: [{ aSecret: 'addsecretone' }] } });
      assertData(await find('addsecretone'), { queryUserSecret: [{ aSecret: 'addsecretone', ownedBy: 'user1' }] });
    });
    test('someone else cannot, and nothing is written', async () => {
      await assertAddRefused(app(), 'addUserSecret', ADD, { as: { USER: 'user2' }, variables: { s: { aSecret: 'addsecrettwo', ownedBy: 'user1' } } });
      assertData(await find('addsecrettwo'), { queryUserSecret: [] });
    });
  });

  describe('RBAC add rule (TestAddRBACFilter)', () => {
    const ADD = 'mutation($l: AddLogInput!) { addLog(input: [$l]) { log { logs } } }';
    const allLogs = async () => {
      const res = await app().post('query { queryLog { logs } }', { as: { ROLE: 'ADMIN' } });
      return (dataAt(res, 'queryLog') as { logs: string }[]).map((l) => l.logs);
    };
    test('ADMIN adds', async () => {
      const res = await app().post(ADD, { as: { USER: 'user1', ROLE: 'ADMIN' }, variables: { l: { logs: 'log_add_1', pwd: 'password1' } } });
      assertData(res, { addLog: { log: [{ logs: 'log_add_1' }] } });
      assert.ok((await allLogs()).includes('log_add_1'));
    });
    test('USER cannot, and nothing is written', async () => {
      await assertAddRefused(app(), 'addLog', ADD, { as: { USER: 'user1', ROLE: 'USER' }, variables: { l: { logs: 'log_add_2', pwd: 'password2' } } });
      assert.ok(!(await allLogs()).includes('log_add_2'));
    });
  });

  describe('and of an RBAC rule and a graph rule (TestAddAndRBACFilter, TestAddAndRBACFilterMultiple)', () => {
    const ADD = 'mutation($i: [AddIssueInput!]!) { addIssue(input: $i) { issue(order: {asc: msg}) { msg } } }';
    const issue = (msg: string, owner: string) => ({ msg, owner: { username: owner } });
    const visibleTo = async (user: string) => {
      const res = await app().post('query { queryIssue { msg } }', { as: { USER: user, ROLE: 'ADMIN' } });
      return (dataAt(res, 'queryIssue') as { msg: string }[]).map((i) => i.msg);
    };

    test('ADMIN adds an issue it owns', async () => {
      const res = await app().post(ADD, { as: { USER: 'user7', ROLE: 'ADMIN' }, variables: { i: [issue('issue_add_1', 'user7')] } });
      assertData(res, { addIssue: { issue: [{ msg: 'issue_add_1' }] } });
    });
    test('ADMIN cannot add an issue owned by someone else', async () => {
      await assertAddRefused(app(), 'addIssue', ADD, { as: { USER: 'user7', ROLE: 'ADMIN' }, variables: { i: [issue('issue_add_2', 'user8')] } });
      assert.ok(!(await visibleTo('user8')).includes('issue_add_2'));
    });
    test('USER cannot add an issue it owns', async () => {
      await assertAddRefused(app(), 'addIssue', ADD, { as: { USER: 'user7', ROLE: 'USER' }, variables: { i: [issue('issue_add_3', 'user7')] } });
      assert.ok(!(await visibleTo('user7')).includes('issue_add_3'));
    });
    test('a batch where every node passes is added', async () => {
      const batch = [issue('issue_add_5', 'user8'), issue('issue_add_6', 'user8'), issue('issue_add_7', 'user8')];
      const res = await app().post(ADD, { as: { USER: 'user8', ROLE: 'ADMIN' }, variables: { i: batch } });
      assertData(res, { addIssue: { issue: [{ msg: 'issue_add_5' }, { msg: 'issue_add_6' }, { msg: 'issue_add_7' }] } });
    });
    test('one failing node fails the whole batch', async () => {
      const batch = [issue('issue_add_8', 'user8'), issue('issue_add_9', 'user8'), issue('issue_add_10', 'user9')];
      await assertAddRefused(app(), 'addIssue', ADD, { as: { USER: 'user8', ROLE: 'ADMIN' }, variables: { i: batch } });
      const visible = [...(await visibleTo('user8')), ...(await visibleTo('user9'))];
      assert.deepEqual(visible.filter((m) => ['issue_add_8', 'issue_add_9', 'issue_add_10'].includes(m)), []);
    });
  });

  describe('and[not(graph), or[graph, graph]] over new nested nodes (TestAddComplexFilter)', () => {
    const ADD = 'mutation($m: AddMovieInput!) { addMovie(input: [$m]) { movie { content } } }';
    const AS = { USER: 'user8', ROLE: 'USER' };
    const find = (content: string) =>
      app().post('query($c: String!) { queryMovie(filter: {content: {eq: $c}}) { content } }', { as: { USER: 'user8' }, variables: { c: content } });

    test('a hidden movie is refused', async () => {
      await assertAddRefused(app(), 'addMovie', ADD, { as: AS, variables: { m: { content: 'add_movie_1', hidden: true } } });
    });
    test('a movie in a region neither global nor the user\'s is refused', async () => {
      const m = { content: 'add_movie_2', hidden: false, regionsAvailable: [{ name: 'add_region_1', global: false }] };
      await assertAddRefused(app(), 'addMovie', ADD, { as: AS, variables: { m } });
      assertData(await find('add_movie_2'), { queryMovie: [] });
    });
    test('a movie in a new global region is added', async () => {
      const m = { content: 'add_movie_3', hidden: false, regionsAvailable: [{ name: 'add_region_1', global: true }] };
      assertData(await app().post(ADD, { as: AS, variables: { m } }), { addMovie: { movie: [{ content: 'add_movie_3' }] } });
    });
    test('a movie in a new region holding the user is added', async () => {
      const m = { content: 'add_movie_4', hidden: false, regionsAvailable: [{ name: 'add_region_2', global: false, users: [{ username: 'user8' }] }] };
      assertData(await app().post(ADD, { as: AS, variables: { m } }), { addMovie: { movie: [{ content: 'add_movie_4' }] } });
      assertData(await find('add_movie_4'), { queryMovie: [{ content: 'add_movie_4' }] });
    });
  });

  describe('the rule sees the nodes created in the same mutation (TestAddDeepFilter)', () => {
    const ADD = 'mutation($c: AddColumnInput!) { addColumn(input: [$c]) { column { name inProject { name } } } }';
    const admin = (user: string) => ({ permission: 'ADMIN', assignedTo: [{ username: user, password: 'password' }] });
    const find = (name: string) =>
      app().post('query($n: String!) { queryProject(filter: {name: {eq: $n}}) { name } }', { as: { ROLE: 'ADMIN' }, variables: { n: name } });

    test('a new project without roles fails the column, even for ROLE ADMIN', async () => {
      const c = { name: 'column_add_1', inProject: { name: 'project_col_1', pwd: 'password1' } };
      await assertAddRefused(app(), 'addColumn', ADD, { as: { USER: 'user6', ROLE: 'ADMIN' }, variables: { c } });
      assertData(await find('project_col_1'), { queryProject: [] });
    });
    test('a new project whose ADMIN role is someone else\'s fails', async () => {
      const c = { name: 'column_add_2', inProject: { name: 'project_col_2', pwd: 'password2', roles: [admin('user2')] } };
      await assertAddRefused(app(), 'addColumn', ADD, { as: { USER: 'user6', ROLE: 'USER' }, variables: { c } });
      assertData(await find('project_col_2'), { queryProject: [] });
    });
    test('a new project with an ADMIN role for the user passes', async () => {
      const roles = [admin('user6'), { permission: 'VIEW', assignedTo: [{ username: 'user6', password: 'password' }] }];
      const c = { name: 'column_add_3', inProject: { name: 'project_col_4', pwd: 'password4', roles } };
      const res = await app().post(ADD, { as: { USER: 'user6', ROLE: 'USER' }, variables: { c } });
      assertData(res, { addColumn: { column: [{ name: 'column_add_3', inProject: { name: 'project_col_4' } }] } });
    });
  });

  describe('or of a graph rule and an RBAC rule (TestAddOrRBACFilter)', () => {
    const ADD = 'mutation($p: AddProjectInput!) { addProject(input: [$p]) { project { name } } }';
    const role = (permission: string, user: string) => ({ permission, assignedTo: [{ username: user, password: 'password' }] });

    test('ROLE ADMIN adds a project without roles', async () => {
      const res = await app().post(ADD, { as: { USER: 'user7', ROLE: 'ADMIN' }, variables: { p: { name: 'project_add_1', pwd: 'password1' } } });
      assertData(res, { addProject: { project: [{ name: 'project_add_1' }] } });
    });
    test('an ADMIN role for someone else does not pass', async () => {
      const p = { name: 'project_add_2', pwd: 'password2', roles: [role('ADMIN', 'user2')] };
      await assertAddRefused(app(), 'addProject', ADD, { as: { USER: 'user7', ROLE: 'USER' }, variables: { p } });
    });
    test('an ADMIN role for the user passes', async () => {
      const p = { name: 'project_add_3', pwd: 'password3', roles: [role('ADMIN', 'user7'), role('VIEW', 'user7')] };
      const res = await app().post(ADD, { as: { USER: 'user7', ROLE: 'USER' }, variables: { p } });
      assertData(res, { addProject: { project: [{ name: 'project_add_3' }] } });
    });
    test('a nested new node is checked by its own type\'s add rule', async () => {
      // The project passes (ROLE ADMIN); its new column fails Column's rule (no ADMIN role in the project).
      const p = { name: 'project_add_5', pwd: 'password5', columns: [{ name: 'column_add_5' }] };
      await assertAddRefused(app(), 'addProject', ADD, { as: { USER: 'user7', ROLE: 'ADMIN' }, variables: { p } });
      const res = await app().post('query { queryProject(filter: {name: {eq: "project_add_5"}}) { name } }', { as: { ROLE: 'ADMIN' } });
      assertData(res, { queryProject: [] });
    });
    test('nested new nodes that pass their own rules are added and read back under query rules', async () => {
      const p = { name: 'project_add_6', pwd: 'password6', roles: [role('ADMIN', 'user7'), role('VIEW', 'user7')], columns: [{ name: 'column_add_6' }] };
      const res = await app().post('mutation($p: AddProjectInput!) { addProject(input: [$p]) { project { name columns { name } } } }', {
        as: { USER: 'user7', ROLE: 'USER' },
        variables: { p },
      });
      assertData(res, { addProject: { project: [{ name: 'project_add_6', columns: [{ name: 'column_add_6' }] }] } });
    });
  });

  describe('rules inherited from interfaces (TestAuth_AddOnTypeWithRBACRuleOnInterface, ...GraphTraversalRuleOnInterface)', () => {
    const FBPOST = `mutation($p: AddFbPostInput!) {
      addFbPost(input: [$p]) { fbPost { text author { name } sender { name } receiver { name } } }
    }`;
    const fbPost = {
      text: 'Added FbPost',
      pwd: 'password',
      author: { name: 'user1@dgraph.io' },
      sender: { name: 'user1@dgraph.io' },
      receiver: { name: 'user2@dgraph.io' },
      postCount: 5,
    };
    test('the RBAC rule of the second interface admits ADMIN', async () => {
      const res = await app().post(FBPOST, { as: { USER: 'user1@dgraph.io', ROLE: 'ADMIN' }, variables: { p: fbPost } });
      assertData(res, {
        addFbPost: {
          fbPost: [{ text: 'Added FbPost', author: { name: 'user1@dgraph.io' }, sender: { name: 'user1@dgraph.io' }, receiver: { name: 'user2@dgraph.io' } }],
        },
      });
    });
    test('the RBAC rule of the second interface refuses USER', async () => {
      await assertAddRefused(app(), 'addFbPost', FBPOST, { as: { USER: 'user1@dgraph.io', ROLE: 'USER' }, variables: { p: { ...fbPost, text: 'Refused FbPost' } } });
    });

    const QUESTION = 'mutation($q: AddQuestionInput!) { addQuestion(input: [$q]) { question { text author { name } } } }';
    const question = (text: string, author: string) => ({ text, pwd: 'password', author: { name: author }, answered: true });
    test('the interface\'s graph rule and the type\'s own both pass', async () => {
      const res = await app().post(QUESTION, { as: interfaceVars('user1@dgraph.io', '', true), variables: { q: question('Added Question', 'user1@dgraph.io') } });
      assertData(res, { addQuestion: { question: [{ text: 'Added Question', author: { name: 'user1@dgraph.io' } }] } });
    });
    test('the type\'s own rule fails ($ANS false, answered true)', async () => {
      await assertAddRefused(app(), 'addQuestion', QUESTION, { as: interfaceVars('user1', '', false), variables: { q: question('Refused Question 1', 'user1') } });
    });
    test('the interface\'s rule fails (another author)', async () => {
      await assertAddRefused(app(), 'addQuestion', QUESTION, { as: interfaceVars('user2', '', true), variables: { q: question('Refused Question 2', 'user1') } });
    });
  });

  test('a node one may add but not read is written and left out of the payload', async () => {
    const res = await app().post(
      'mutation { addTweets(input: [{id: "tweet-unread", text: "unread", timestamp: "2020-10-10"}]) { numUids tweets { id } } }',
      { as: { USER: 'foo', ROLE: '' } },
    );
    assertData(res, { addTweets: { numUids: 1, tweets: [] } });
    const read = await app().post('query { queryTweets(filter: {id: {eq: "tweet-unread"}}) { id text } }', { as: { USER: 'foo', ROLE: 'admin' } });
    assertData(read, { queryTweets: [{ id: 'tweet-unread', text: 'unread' }] });
  });

  test('upsert: update rule on the existing node, silently (TestUpsertMutationsWithRBAC)', async () => {
    const UPSERT = `mutation($t: AddTweetsInput!, $upsert: Boolean) {
      addTweets(input: [$t], upsert: $upsert) { tweets { id text } }
    }`;
    const tweet = (text: string) => ({ id: 'tweet1', text, timestamp: '2020-10-10' });
    const foo = { USER: 'foo', ROLE: 'admin' };
    assertData(await app().post(UPSERT, { as: foo, variables: { t: tweet('abc'), upsert: true } }), {
      addTweets: { tweets: [{ id: 'tweet1', text: 'abc' }] },
    });
    assertErrors(await app().post(UPSERT, { as: foo, variables: { t: tweet('abcdef'), upsert: false } }), { addTweets: null }, [
      {
        message: "couldn't rewrite mutation addTweets because failed to rewrite mutation payload because GraphQL debug: id tweet1 already exists for field id inside type Tweets",
        path: ['addTweets'],
      },
    ]);
    assertData(await app().post(UPSERT, { as: { USER: 'notfoo', ROLE: 'admin' }, variables: { t: tweet('abcdef'), upsert: true } }), {
      addTweets: { tweets: [] },
    });
    assertData(await app().post(UPSERT, { as: foo, variables: { t: tweet('abcdef'), upsert: true } }), {
      addTweets: { tweets: [{ id: 'tweet1', text: 'abcdef' }] },
    });
  });

  test('an existing @id of a type with a query rule is a "GraphQL debug:" error (TestAddMutationWithXid)', async () => {
    const ADD = 'mutation { addTweets(input: [{id: "tweet-xid", text: "abc", timestamp: "2020-10-10"}]) { numUids } }';
    assertData(await app().post(ADD, { as: { USER: 'foo', ROLE: '' } }), { addTweets: { numUids: 1 } });
    assertErrors(await app().post(ADD, { as: { USER: 'foo', ROLE: '' } }), { addTweets: null }, [
      {
        message: "couldn't rewrite mutation addTweets because failed to rewrite mutation payload because GraphQL debug: id tweet-xid already exists for field id inside type Tweets",
        path: ['addTweets'],
      },
    ]);
  });

  test('upsert with a nested new node: nothing happens for a user the update rule refuses (TestUpsertWithDeepAuth)', async () => {
    const UPSERT = `mutation($s: AddStateInput!) {
      addState(input: [$s], upsert: true) { state { code name ownedBy country { id name ownedBy } } }
    }`;
    const india = { id: 'IN', name: 'India', ownedBy: 'user' };
    assertData(await app().post(UPSERT, { as: { USER: 'user', ROLE: '' }, variables: { s: { code: 'UK', name: 'Uttaranchal', ownedBy: 'user' } } }), {
      addState: { state: [{ code: 'UK', name: 'Uttaranchal', ownedBy: 'user', country: null }] },
    });
    assertData(
      await app().post(UPSERT, { as: { USER: 'wrong user', ROLE: '' }, variables: { s: { code: 'UK', name: 'Uttarakhand', country: india } } }),
      { addState: { state: [] } },
    );
    assertData(await app().post(UPSERT, { as: { USER: 'user', ROLE: '' }, variables: { s: { code: 'UK', name: 'Uttarakhand', country: india } } }), {
      addState: { state: [{ code: 'UK', name: 'Uttarakhand', ownedBy: 'user', country: { id: 'IN', name: 'India', ownedBy: 'user' } }] },
    });
  });

  test('an @id shared across an interface\'s types, the interface having a query rule (TestAddMutationWithAuthOnIDFieldHavingInterfaceArg)', async () => {
    const library = await app().post(
      'mutation($i: [AddLibraryMemberInput!]!) { addLibraryMember(input: $i, upsert: false) { numUids } }',
      { variables: { i: [{ refID: '101', name: 'Alice', readHours: '4d2hr' }] } },
    );
    assertData(library, { addLibraryMember: { numUids: 1 } });
    const sports = await app().post(
      'mutation($i: [AddSportsMemberInput!]!) { addSportsMember(input: $i, upsert: false) { numUids } }',
      { variables: { i: [{ refID: '101', name: 'Bob', plays: 'football and cricket' }] } },
    );
    assertErrors(sports, { addSportsMember: null }, [
      {
        message:
          "couldn't rewrite mutation addSportsMember because failed to rewrite mutation payload because GraphQL debug: id 101 already exists for field refID in some other implementing type of interface Member",
        path: ['addSportsMember'],
      },
    ]);
  });

  test('numUids counts nested new nodes (TestUpdateMutationWithIDFields)', async () => {
    const res = await app().post('mutation($i: [AddEmployerInput!]!) { addEmployer(input: $i, upsert: false) { numUids } }', {
      variables: {
        i: [
          { company: 'Add tech', name: 'Add', worker: { empId: 'A01', regNo: 201 } },
          { company: 'Sum tech', name: 'Sum', worker: { empId: 'A02', regNo: 202 } },
        ],
      },
    });
    assertData(res, { addEmployer: { numUids: 4 } });
  });

  describe('@secret and password rules (TestAuthWithSecretDirective)', () => {
    test('checkUserPassword needs no token: User has no password rule', async () => {
      const added = await app().post('mutation($u: [AddUserInput!]!) { addUser(input: $u) { user { username } } }', {
        variables: { u: [{ username: 'Test User', password: 'password', isPublic: true }] },
      });
      assertData(added, { addUser: { user: [{ username: 'Test User' }] } });
      const CHECK = 'query($n: String!, $p: String!) { checkUserPassword(username: $n, password: $p) { username isPublic } }';
      assertData(await app().post(CHECK, { variables: { n: 'Test User', p: 'password' } }), {
        checkUserPassword: { username: 'Test User', isPublic: true },
      });
      assertData(await app().post(CHECK, { variables: { n: 'Test User', p: 'wrong' } }), { checkUserPassword: null });
    });

    test('checkLogPassword follows the password rule, not the query rule', async () => {
      const added = await app().post('mutation($l: [AddLogInput!]!) { addLog(input: $l) { log { id } } }', {
        as: { USER: 'Random', ROLE: 'ADMIN' },
        variables: { l: [{ pwd: 'password' }] },
      });
      const id = dataAt(added, 'addLog', 'log', 0, 'id');
      const CHECK = 'query($id: ID!, $p: String!) { checkLogPassword(id: $id, pwd: $p) { id } }';
      const check = (role: string, pwd: string) => app().post(CHECK, { as: { USER: 'SomeUser', ROLE: role }, variables: { id, p: pwd } });
      assertData(await check('Admin', 'password'), { checkLogPassword: { id } });
      assertData(await check('USER', 'password'), { checkLogPassword: null });
      assertData(await check('Admin', 'wrong'), { checkLogPassword: null });
    });

    test('checkProjectPassword follows a graph password rule', async () => {
      // Project's password rule: or[EDIT role assigned to $USER, $ROLE = ADMIN].
      const added = await app().post('mutation($p: [AddProjectInput!]!) { addProject(input: $p) { project { projID } } }', {
        as: { USER: 'user7', ROLE: 'ADMIN' },
        variables: { p: [{ name: 'project_pwd', pwd: 'secret', roles: [{ permission: 'EDIT', assignedTo: [{ username: 'user5' }] }] }] },
      });
      const id = dataAt(added, 'addProject', 'project', 0, 'projID');
      const CHECK = 'query($id: ID!, $p: String!) { checkProjectPassword(projID: $id, pwd: $p) { name } }';
      const check = (as: AuthVars, pwd: string) => app().post(CHECK, { as, variables: { id, p: pwd } });
      const found = { checkProjectPassword: { name: 'project_pwd' } };
      assertData(await check({ USER: 'user5', ROLE: 'USER' }, 'secret'), found);
      assertData(await check({ USER: 'user1', ROLE: 'ADMIN' }, 'secret'), found);
      assertData(await check({ USER: 'user1', ROLE: 'USER' }, 'secret'), { checkProjectPassword: null });
      assertData(await check({ USER: 'user5', ROLE: 'USER' }, 'wrong'), { checkProjectPassword: null });
    });

    test('checkQuestionPassword follows the type\'s password rule and the interface\'s', async () => {
      // Question's password rule ($ANS = answered) and Post's ($ROLE = "Admin") both apply.
      const added = await app().post('mutation($q: [AddQuestionInput!]!) { addQuestion(input: $q) { question { id } } }', {
        as: interfaceVars('user1@dgraph.io', '', true),
        variables: { q: [{ text: 'Question with a password', pwd: 'secret', author: { name: 'user1@dgraph.io' }, answered: true }] },
      });
      const id = dataAt(added, 'addQuestion', 'question', 0, 'id');
      const CHECK = 'query($id: ID!, $p: String!) { checkQuestionPassword(id: $id, pwd: $p) { text } }';
      const check = (as: AuthVars) => app().post(CHECK, { as, variables: { id, p: 'secret' } });
      assertData(await check({ ROLE: 'Admin', ANS: true }), { checkQuestionPassword: { text: 'Question with a password' } });
      assertData(await check({ ROLE: 'Admin', ANS: false }), { checkQuestionPassword: null });
      assertData(await check({ ROLE: 'ADMIN', ANS: true }), { checkQuestionPassword: null });
    });
  });

  describe('RBAC rules on custom claims, three levels deep (graphql/resolve/auth_query_test.yaml "Deep RBAC rule")', () => {
    const QUERY = `query {
      queryContact {
        nickName
        adminTasks { name occurrences(order: {asc: role}) { role } }
        tasks { name occurrences(order: {asc: role}) { role } }
      }
    }`;
    const ALL = { ContactRole: 'ADMINISTRATOR', TaskRole: 'ADMINISTRATOR', TaskOccuranceRole: 'ADMINISTRATOR' };
    const occurrence = (role: string) => ({ due: '2020-07-19T08:00:00', comp: '2020-07-19T08:00:00', role });
    before(async () => {
      const res = await app().post('mutation($c: [AddContactInput!]!) { addContact(input: $c) { numUids } }', {
        variables: {
          c: [
            {
              nickName: 'Tom',
              adminTasks: [{ name: 'admin duty', occurrences: [occurrence('ADMINISTRATOR'), occurrence('USER')] }],
              tasks: [{ name: 'plain duty', occurrences: [occurrence('ADMINISTRATOR'), occurrence('USER')] }],
            },
          ],
        },
      });
      assertData(res, { addContact: { numUids: 7 } });
    });
    const contact = (adminTasks: unknown, tasks: unknown) => ({ queryContact: [{ nickName: 'Tom', adminTasks, tasks }] });
    const ADMINISTRATOR_ONLY = [{ role: 'ADMINISTRATOR' }];

    test('every level admitted; occurrences by their graph rule on the claim', async () => {
      assertData(
        await app().post(QUERY, { as: ALL }),
        contact([{ name: 'admin duty', occurrences: ADMINISTRATOR_ONLY }], [{ name: 'plain duty', occurrences: ADMINISTRATOR_ONLY }]),
      );
    });
    test('level 0 denied: no contacts', async () => {
      assertData(await app().post(QUERY, { as: { ...ALL, ContactRole: 'User' } }), { queryContact: [] });
    });
    test('level 1 denied: that list is empty, the type without rules is not', async () => {
      assertData(await app().post(QUERY, { as: { ...ALL, TaskRole: 'User' } }), contact([], [{ name: 'plain duty', occurrences: ADMINISTRATOR_ONLY }]));
    });
    test('level 1 denied under @cascade: the contact goes', async () => {
      const res = await app().post('query { queryContact @cascade { nickName adminTasks { name } } }', { as: { ...ALL, TaskRole: 'User' } });
      assertData(res, { queryContact: [] });
    });
    test('level 2 denied: occurrences empty at every parent', async () => {
      assertData(
        await app().post(QUERY, { as: { ...ALL, TaskOccuranceRole: 'User' } }),
        contact([{ name: 'admin duty', occurrences: [] }], [{ name: 'plain duty', occurrences: [] }]),
      );
    });
    test('$ROLE ADMIN admits every occurrence', async () => {
      const both = [{ role: 'ADMINISTRATOR' }, { role: 'USER' }];
      assertData(
        await app().post(QUERY, { as: { ...ALL, TaskOccuranceRole: 'User', ROLE: 'ADMIN' } }),
        contact([{ name: 'admin duty', occurrences: both }], [{ name: 'plain duty', occurrences: both }]),
      );
    });
  });

  describe('a nested list whose nodes pass the rule one by one', () => {
    // Imported (bypassing @auth): a user holding a ticket of each project.
    before(async () => {
      await app().importData([
        {
          uid: '_:mixed',
          'dgraph.type': 'User',
          'User.username': 'mixedtickets',
          'User.tickets': [{ uid: app().uid('ticket2') }, { uid: app().uid('ticket3') }],
        },
      ]);
    });
    const QUERY = `query {
      queryUser(filter: {username: {eq: "mixedtickets"}}) {
        tickets(order: {asc: title}) { title }
        ticketsAggregate { count titleMin titleMax }
      }
    }`;
    const user = (titles: string[]) => ({
      queryUser: [
        {
          tickets: titles.map((title) => ({ title })),
          ticketsAggregate: { count: titles.length, titleMin: titles[0], titleMax: titles[titles.length - 1] },
        },
      ],
    });
    test('user1 sees Project1\'s ticket only', async () => {
      assertData(await app().post(QUERY, { as: { USER: 'user1' } }), user(['Ticket2']));
    });
    test('user4 sees Project2\'s ticket only', async () => {
      assertData(await app().post(QUERY, { as: { USER: 'user4' } }), user(['Ticket3']));
    });
    test('user2 sees both', async () => {
      assertData(await app().post(QUERY, { as: { USER: 'user2' } }), user(['Ticket2', 'Ticket3']));
    });
  });

  test('a type stored under another name by @dgraph keeps its rules (TestAuthWithDgraphDirective)', async () => {
    for (const email of ['user1@gmail.com', 'user2@gmail.com']) {
      const res = await app().post('mutation($s: AddStudentInput!) { addStudent(input: [$s]) { numUids } }', { variables: { s: { email } } });
      assertData(res, { addStudent: { numUids: 1 } });
    }
    const STUDENTS = 'query { queryStudent { email } }';
    assertData(await app().post(STUDENTS, { as: { USER: 'user1@gmail.com', ROLE: 'ADMIN' } }), { queryStudent: [{ email: 'user1@gmail.com' }] });
    assertData(await app().post(STUDENTS, { as: { USER: 'user1@gmail.com', ROLE: 'USER' } }), { queryStudent: [] });
  });

  test('an and-branch with a missing variable under not stays closed (TestNestedAndAuthRulesWithMissingJWT)', async () => {
    const added = await app().post(
      `mutation($user1: String!, $user2: String!) {
        addGroup(input: [{users: {username: $user1}, createdBy: {username: $user2}}, {users: {username: $user2}, createdBy: {username: $user1}}]) { numUids }
      }`,
      { variables: { user1: 'user1', user2: 'user2' } },
    );
    assertData(added, { addGroup: { numUids: 2 } });
    const res = await app().post('query { queryGroup { users { username } } }', { as: { USER: 'user1' } });
    assertData(res, { queryGroup: [{ users: [{ username: 'user1' }] }] });
  });

  test('a rule with fragments on union members and a user-defined @cascade (TestFragmentInAuthRulesWithUserDefinedCascade)', async () => {
    const added = await app().post(`mutation {
      addHome(input: [
        {address: "Home1", members: [{dogRef: {breed: "German Shepherd", eats: [{plantRef: {breed: "Crop"}}]}}]},
        {address: "Home2", members: [{parrotRef: {repeatsWords: ["Hi", "Morning!"]}}]},
        {address: "Home3", members: [{plantRef: {breed: "Flower"}}]},
        {address: "Home4", members: [{dogRef: {breed: "Bulldog"}}]}
      ]) { numUids }
    }`);
    assert.equal(added.errors, undefined, JSON.stringify(added.errors));
    const res = await app().post('query { queryHome { address } }', { as: { USER: '', ROLE: '' } });
    // Dgraph's test compares without order (testutil.CompareJSON).
    assert.deepEqual(sortedBy(dataAt(res, 'queryHome') as { address: string }[], 'address'), [{ address: 'Home1' }, { address: 'Home3' }]);
  });

  test('nested lists filtered by their rule, then paginated (TestOrderAndOffset)', async () => {
    const occurrences = (n: number) => Array.from({ length: n }, () => ({ due: '2020-07-19T08:00:00', comp: '2020-07-19T08:00:00' }));
    const tasks = [
      { name: 'First Task four occurrence', occurrences: occurrences(4) },
      { name: 'Second Task single occurrence', occurrences: occurrences(1) },
      { name: 'Third Task no occurrence', occurrences: [] },
      { name: 'Fourth Task two occurrences', occurrences: occurrences(2) },
      { name: 'Fifth one, two occurrences', occurrences: occurrences(2) },
      { name: 'Sixth Task four occurrences', occurrences: occurrences(4) },
    ];
    const added = await app().post('mutation($t: [AddTaskInput!]!) { addTask(input: $t) { numUids } }', { variables: { t: tasks } });
    assert.equal(added.errors, undefined, JSON.stringify(added.errors));
    const QUERY = `query {
      queryTask(filter: {name: {anyofterms: "Task"}}, first: 4, offset: 1, order: {asc: name}) {
        name occurrences(first: 2) { due comp }
      }
    }`;
    const at = { due: '2020-07-19T08:00:00Z', comp: '2020-07-19T08:00:00Z' };
    const names = ['Fourth Task two occurrences', 'Second Task single occurrence', 'Sixth Task four occurrences', 'Third Task no occurrence'];
    const counts = [2, 1, 2, 0];
    assertData(await app().post(QUERY, { as: { USER: 'user1', ROLE: 'ADMIN' } }), {
      queryTask: names.map((name, i) => ({ name, occurrences: Array.from({ length: counts[i] }, () => at) })),
    });
    // Not in Dgraph's test: without ADMIN (or $TaskOccuranceRole) no occurrence is visible.
    assertData(await app().post(QUERY, { as: { USER: 'user1', ROLE: 'USER' } }), { queryTask: names.map((name) => ({ name, occurrences: [] })) });
  });

  test('after a refused mutation the next ones in the request are not executed (Dgraph: resolver.go)', async () => {
    const res = await app().post(
      'mutation { addLog(input: [{logs: "log_first", pwd: "p"}]) { numUids } addTodo(input: [{text: "never", owner: "Alice"}]) { numUids } }',
      { as: { USER: 'user1', ROLE: 'USER' } },
    );
    // Dgraph leaves the skipped field out of `data`; only its null for the refused one is compared.
    assert.equal(res.data?.addLog, null);
    assertErrors(res, res.data, [
      { message: AUTHORIZATION_FAILED, path: ['addLog'] },
      { message: 'Mutation addTodo was not executed because of a previous error.', path: ['addTodo'] },
    ]);
    const todos = dataAt(await app().post('query { queryTodo { text } }'), 'queryTodo') as { text: string }[];
    assert.ok(!todos.some((t) => t.text === 'never'), `the skipped mutation ran: ${JSON.stringify(todos)}`);
  });

  test('a type without rules needs no token', async () => {
    const res = await app().post('mutation { addTodo(input: [{text: "open", owner: "Alice"}]) { todo { text owner } } }');
    assertData(res, { addTodo: { todo: [{ text: 'open', owner: 'Alice' }] } });
  });
});
