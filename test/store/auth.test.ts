/**
 * Auth decisions pushed into SQL, at the root and at every nested level, on
 * the Dgraph e2e auth schema and data, with residuals equivalent to its
 * graph rules; Kleene unknown; interfaces per implementing type; aggregates;
 * and every mutation kind under its operation's rule.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuthorizationError } from '../../src/store/errors.js';
import { ALLOW_ALL, type AuthPolicy } from '../../src/rules/policy.js';
import type { RootPlan } from '../../src/plan/types.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type LoadedStore } from './support/backends.js';
import { inputError } from './support/errors.js';
import { describeConformance } from '../support/conformance.js';
import { conformanceData, conformanceModel, conformanceSchema } from './support/conformance.js';
import { Plans, allow, and, deny, filter, not, or, policy, unknown } from './support/plans.js';
import {
  columnRule, countryOwnedBy, movieHidden, movieInGlobalRegion, movieInUsersRegion, postByAuthor,
  projectRule, questionAnswered, stateOwnedBy, ticketRule,
} from './support/rules.js';

after(stopOwnCluster);

const names = (rows: unknown, key = 'name') => (rows as Record<string, unknown>[]).map((r) => r[key]);

for (const backend of BACKENDS) {
  describeConformance(`auth on ${backend.name}`, () => {
    const model = conformanceModel();
    const p = new Plans(model);
    let opened: LoadedStore;
    const run = (plan: RootPlan, auth: AuthPolicy) => opened.store.run(plan, auth);
    const columns = (auth: AuthPolicy) => run(p.query('Column', { order: [p.asc('Column.name')], select: ['name'] }), auth).then((r) => names(r));

    before(async () => { opened = await openLoaded(backend, model, conformanceSchema(), conformanceData()); });
    after(() => opened.close());

    test('root: a graph rule (Column: inProject.roles(VIEW).assignedTo(username = $USER)) filters in one statement', async () => {
      const asUser = (user: string) => policy({ Column: { query: filter(columnRule('VIEW', user)) } });
      opened.statements.length = 0;
      assert.deepEqual(await columns(asUser('user1')), ['Column1']);
      assert.equal(opened.statements.length, 1);
      assert.deepEqual(await columns(asUser('user2')), ['Column1', 'Column2', 'Column3']);
      assert.deepEqual(await columns(asUser('user4')), ['Column2', 'Column3']);
      assert.deepEqual(await columns(asUser('user5')), []);
      assert.deepEqual(await columns(policy({ Column: { query: allow } })), ['Column1', 'Column2', 'Column3']);
    });

    test('root: deny answers [] / null without touching the database; get of an unauthorized node is null', async () => {
      const denied = policy({ Column: { query: deny } });
      opened.statements.length = 0;
      assert.deepEqual(await columns(denied), []);
      assert.equal(await run(p.get('Column', p.uids(opened.uids.column1), ['name']), denied), null);
      assert.equal(await run(p.aggregateRoot('Column', [{ key: 'count', fn: 'count' }]), denied), null);
      assert.equal(opened.statements.length, 0);
      const user1 = policy({ Column: { query: filter(columnRule('VIEW', 'user1')) } });
      assert.equal(await run(p.get('Column', p.uids(opened.uids.column2), ['name']), user1), null);
      assert.deepEqual(await run(p.get('Column', p.uids(opened.uids.column1), ['name']), user1), { name: 'Column1' });
    });

    test('or of a graph rule and RBAC (Project): the rules stage hands over allow or the graph part', async () => {
      const projects = (auth: AuthPolicy) => run(p.query('Project', { order: [p.asc('Project.name')], select: ['name'] }), auth).then((r) => names(r));
      assert.deepEqual(await projects(policy({ Project: { query: allow } })), ['Project1', 'Project2']);
      assert.deepEqual(await projects(policy({ Project: { query: filter(projectRule('VIEW', 'user1')) } })), ['Project1']);
      assert.deepEqual(await projects(policy({ Project: { query: filter(projectRule('VIEW', 'user4')) } })), ['Project2']);
    });

    test('nested levels apply their own type\'s rule, two levels deep; denied singles are null', async () => {
      const auth = policy({ Column: { query: filter(columnRule('VIEW', 'user1')) }, Ticket: { query: filter(ticketRule('VIEW', 'user1')) } });
      const projects = await run(p.query('Project', {
        order: [p.asc('Project.name')],
        select: ['name', p.edge('Project.columns', { select: ['name', p.edge('Column.tickets', { select: ['title'] })] })],
      }), auth);
      // Column.tickets is stored as ticket.tickets in this data: the nested ticket level is empty but present.
      assert.deepEqual(projects, [
        { name: 'Project1', columns: [{ name: 'Column1', tickets: [] }] },
        { name: 'Project2', columns: [] },
      ]);
      const tickets = await run(p.query('Ticket', { order: [p.asc('Ticket.title')], select: ['title', p.edge('Ticket.onColumn', { select: ['name'] })] }),
        policy({ Column: { query: filter(columnRule('VIEW', 'user4')) } }));
      assert.deepEqual(tickets, [
        { title: 'Ticket2', onColumn: null },
        { title: 'Ticket3', onColumn: { name: 'Column2' } },
        { title: 'Ticket4', onColumn: { name: 'Column3' } },
      ]);
      const denied = await run(p.query('Column', { order: [p.asc('Column.name')], first: 1, select: ['name', p.edge('Column.inProject', { select: ['name'] })] }),
        policy({ Project: { query: deny } }));
      assert.deepEqual(denied, [{ name: 'Column1', inProject: null }]);
    });

    test('Kleene logic: unknown is SQL NULL, only TRUE passes', async () => {
      const projects = (residual: Parameters<typeof filter>[0]) =>
        run(p.query('Project', { order: [p.asc('Project.name')], select: ['name'] }), policy({ Project: { query: filter(residual) } })).then((r) => names(r));
      assert.deepEqual(await projects(unknown), []);
      assert.deepEqual(await projects(not(unknown)), []);
      assert.deepEqual(await projects(or(unknown, projectRule('VIEW', 'user4'))), ['Project2']);
      assert.deepEqual(await projects(and(unknown, projectRule('VIEW', 'user4'))), []);
      assert.deepEqual(await projects(not(and(unknown, projectRule('VIEW', 'user4')))), ['Project1']);
      assert.deepEqual(await projects(not(projectRule('VIEW', 'user4'))), ['Project1']);
      assert.deepEqual(await projects({ kind: 'or', items: [] }), []);
      assert.deepEqual(await projects({ kind: 'and', items: [] }), ['Project1', 'Project2']);
    });

    test('Movie: and[not(hidden), or[region has $USER, region is global]] with and without $USER', async () => {
      const movies = (residual: Parameters<typeof filter>[0]) =>
        run(p.query('Movie', { order: [p.asc('Movie.content')], select: ['content'] }), policy({ Movie: { query: filter(residual) } })).then((r) => names(r, 'content'));
      assert.deepEqual(await movies(and(not(movieHidden()), or(unknown, movieInGlobalRegion()))), ['Movie3', 'Movie4']);
      assert.deepEqual(await movies(and(not(movieHidden()), or(movieInUsersRegion('user1'), movieInGlobalRegion()))), ['Movie2', 'Movie3', 'Movie4']);
    });

    test('interfaces: each implementation under its own decision, at the root and nested (no leak)', async () => {
      const posts = (auth: AuthPolicy) => run(p.query('Post', { order: [p.asc('Post.text')], select: ['text'] }), auth).then((r) => names(r, 'text'));
      const user = 'user1@dgraph.io';
      const noAdmin = policy({
        Question: { query: filter(and(postByAuthor(user), questionAnswered('true'))) },
        FbPost: { query: deny },
        Answer: { query: filter(postByAuthor(user)) },
      });
      assert.deepEqual(await posts(noAdmin), ['A Answer', 'A Question']);
      const admin = policy({
        Question: { query: filter(and(postByAuthor(user), questionAnswered(true))) },
        FbPost: { query: filter(postByAuthor(user)) },
        Answer: { query: filter(postByAuthor(user)) },
      });
      assert.deepEqual(await posts(admin), ['A Answer', 'A FbPost', 'A Question']);
      const authors = await run(p.query('Author', { order: [p.asc('Author.name')], select: ['name', p.edge('Author.posts', { select: ['text'] })] }),
        policy({ Question: { query: filter(questionAnswered(true)) } }));
      assert.deepEqual(authors, [
        { name: 'user1@dgraph.io', posts: [{ text: 'A Question', __typename: 'Question' }] },
        { name: 'user2@dgraph.io', posts: [{ text: 'B Question', __typename: 'Question' }] },
      ]);
      const aggregate = await run(p.aggregateRoot('Post', [{ key: 'count', fn: 'count' }]), noAdmin);
      assert.deepEqual(aggregate, { count: 2 });
    });

    test('aggregates: only authorized nodes count; a nested aggregate of a denied type has null fields', async () => {
      const user1 = policy({ Column: { query: filter(columnRule('VIEW', 'user1')) } });
      assert.deepEqual(await run(p.aggregateRoot('Column', [{ key: 'count', fn: 'count' }, { key: 'nameMax', fn: 'max', field: p.field('Column.name') }]), user1),
        { count: 1, nameMax: 'Column1' });
      const nested = (auth: AuthPolicy) => run(p.query('Project', { order: [p.asc('Project.name')], select: ['name',
        p.edgeAggregate('Project.columns', 'columnsAggregate', [{ key: 'count', fn: 'count' }, { key: 'nameMax', fn: 'max', field: p.field('Column.name') },
          { key: '__typename', fn: 'typename', typename: 'ColumnAggregateResult' }])] }), auth);
      assert.deepEqual(await nested(policy({ Column: { query: deny } })), [
        { name: 'Project1', columnsAggregate: { count: null, nameMax: null, __typename: 'ColumnAggregateResult' } },
        { name: 'Project2', columnsAggregate: { count: null, nameMax: null, __typename: 'ColumnAggregateResult' } },
      ]);
      assert.deepEqual(await nested(user1), [
        { name: 'Project1', columnsAggregate: { count: 1, nameMax: 'Column1', __typename: 'ColumnAggregateResult' } },
        { name: 'Project2', columnsAggregate: { count: 0, nameMax: null, __typename: 'ColumnAggregateResult' } },
      ]);
    });

    test('order, first and offset come after auth: a page holds only authorized nodes', async () => {
      const page = await run(p.query('Column', { order: [p.asc('Column.name')], first: 1, select: ['name'] }),
        policy({ Column: { query: filter(columnRule('VIEW', 'user4')) } }));
      assert.deepEqual(page, [{ name: 'Column2' }]);
    });

    test('cascade with a denied nested type removes the parents (Dgraph\'s TestDeepRBACValueCascade)', async () => {
      const noIssues = policy({ Issue: { query: deny } });
      const issues = p.edge('User.issues', { select: ['msg'] });
      assert.deepEqual(await run(p.query('User', { filter: p.eq('User.username', 'user1'), cascade: { kind: 'all' }, select: ['username', issues] }), noIssues), []);
      assert.deepEqual(await run(p.query('User', { filter: p.eq('User.username', 'user1'), select: ['username', p.edge('User.issues', { cascade: { kind: 'all' }, select: ['msg'] })] }), noIssues),
        [{ username: 'user1', issues: [] }]);
      assert.deepEqual(await run(p.query('User', { filter: p.eq('User.username', 'user1'), cascade: { kind: 'all' }, select: ['username', issues] }), ALLOW_ALL),
        [{ username: 'user1', issues: [{ msg: 'Issue1' }] }]);
    });

    test('checkPassword reads the root with the password rule, not the query rule', async () => {
      await opened.store.importData(model, [{ uid: opened.uids.log1, 'Log.pwd': 'log-secret' }]);
      const check = (auth: AuthPolicy) => run(p.checkPassword('Log', p.uids(opened.uids.log1), 'log-secret', ['logs']), auth);
      assert.deepEqual(await check(policy({ Log: { password: allow, query: deny } })), { logs: 'Log1' });
      assert.equal(await check(policy({ Log: { password: deny, query: allow } })), null);
    });

    test('add: every new node passes its type\'s add rule, seeing the nodes written with it', async () => {
      const asUser6 = policy({
        Column: { add: filter(columnRule('ADMIN', 'user6')) },
        Project: { add: filter(projectRule('ADMIN', 'user6')) },
      });
      const columnsBefore = (await run(p.aggregateRoot('Column', [{ key: 'count', fn: 'count' }]), ALLOW_ALL) as { count: number }).count;
      const bare = p.add('Column', [{ name: 'Lonely', inProject: { name: 'No roles' } }], ['name']);
      await assert.rejects(run(bare, asUser6), (e: unknown) => e instanceof AuthorizationError && e.message === 'authorization failed');
      assert.equal((await run(p.aggregateRoot('Column', [{ key: 'count', fn: 'count' }]), ALLOW_ALL) as { count: number }).count, columnsBefore);
      const withRole = p.add('Column', [{ name: 'Owned', inProject: { name: 'Mine', roles: [{ permission: 'ADMIN', assignedTo: [{ username: 'user6' }] }] } }],
        ['name', p.edge('Column.inProject', { select: ['name'] })]);
      assert.deepEqual(await run(withRole, asUser6), { column: [{ name: 'Owned', inProject: { name: 'Mine' } }], numUids: 4 });
      // The new column is in the project's columns too (@hasInverse).
      const mine = await run(p.query('Project', { filter: p.eq('Project.name', 'Mine'), select: [p.edge('Project.columns', { select: ['name'] })] }), ALLOW_ALL);
      assert.deepEqual(mine, [{ columns: [{ name: 'Owned' }] }]);
    });

    test('update and delete are narrowed by their rules; payloads are read with the query rule', async () => {
      const asUser1 = policy({ Column: { update: filter(columnRule('ADMIN', 'user1')), query: filter(columnRule('VIEW', 'user1')) } });
      const updated = await run(p.update('Column', null, { random: 'touched' }, null, ['name']), asUser1);
      assert.deepEqual(updated, { column: [{ name: 'Column1' }], numUids: 1 });
      const randoms = await run(p.query('Column', { order: [p.asc('Column.name')], filter: p.has('Column.random'), select: ['name', 'random'] }), ALLOW_ALL);
      assert.deepEqual(randoms, [{ name: 'Column1', random: 'touched' }]);

      const asUser4 = policy({ Column: { delete: filter(columnRule('ADMIN', 'user4')), query: deny } });
      const deleted = await run(p.delete('Column', p.in('Column.name', ['Column1', 'Column2']), ['name']), asUser4);
      assert.deepEqual(deleted, { column: [], numUids: 1, msg: 'Deleted' });
      assert.deepEqual(await columns(ALLOW_ALL), ['Column1', 'Column3', 'Owned']);
      assert.deepEqual(await run(p.delete('Column', null, ['name']), policy({ Column: { delete: deny } })), { column: [], numUids: 0, msg: 'No nodes were deleted' });
    });

    test('upsert: an existing node failing the update rule is left alone with its nested creations; the owner updates it', async () => {
      await opened.store.importData(model, [{ uid: '_:uk', 'dgraph.type': 'State', 'State.code': 'UK', 'State.name': 'United Kingdom', 'State.ownedBy': 'user1' }]);
      const upsert = p.add('State', [{ code: 'UK', name: 'Britain', country: { id: 'gb', name: 'GB', ownedBy: 'user1' } }],
        ['name', p.edge('State.country', { select: ['name'] })], true);
      const countries = async () => (await run(p.aggregateRoot('Country', [{ key: 'count', fn: 'count' }]), ALLOW_ALL) as { count: number }).count;
      const wrong = policy({ State: { update: filter(stateOwnedBy('wrong user')) }, Country: { add: filter(countryOwnedBy('wrong user')) } });
      assert.deepEqual(await run(upsert, wrong), { state: [], numUids: 0 });
      assert.equal(await countries(), 0);
      const owner = policy({ State: { update: filter(stateOwnedBy('user1')) }, Country: { add: filter(countryOwnedBy('user1')) } });
      assert.deepEqual(await run(upsert, owner), { state: [{ name: 'Britain', country: { name: 'GB' } }], numUids: 1 });
      assert.equal(await countries(), 1);
    });

    test('@id duplicates are concealed behind "GraphQL debug:" for types with a query rule (Tweets, interface @id of Member)', async () => {
      const asFoo = policy({ Tweets: { add: allow, update: allow, query: deny } });
      const tweet = { id: 'tweet1', text: 'abc', timestamp: '2020-10-10T01:01:01Z' };
      assert.deepEqual(await run(p.add('Tweets', [tweet], ['text'], true), asFoo), { tweets: [], numUids: 1 });
      await assert.rejects(run(p.add('Tweets', [tweet], ['text']), asFoo), inputError('GraphQL debug: id tweet1 already exists for field id inside type Tweets'));
      const members = policy({ SportsMember: { query: filter(unknown) }, LibraryMember: { query: filter(unknown) } });
      await run(p.add('LibraryMember', [{ refID: '101', name: 'Alice', readHours: '4d2hr' }], ['name']), members);
      await assert.rejects(run(p.add('SportsMember', [{ refID: '101', name: 'Bob', plays: 'football' }], ['name']), members),
        inputError('GraphQL debug: id 101 already exists for field refID in some other implementing type of interface Member'));
      await assert.rejects(run(p.add('SportsMember', [{ refID: '101', name: 'Bob' }], ['name']), ALLOW_ALL),
        inputError('id 101 already exists for field refID in some other implementing type of interface Member'));
      // name is @id(interface: false): the same name in another implementation is fine.
      assert.equal((await run(p.add('SportsMember', [{ refID: '102', name: 'Alice' }], ['name']), ALLOW_ALL) as { numUids: number }).numUids, 1);
    });

    test('re-pointing a singular inverse edge needs the update rule of the old partner', async () => {
      const move = p.update('Ticket', p.eq('Ticket.title', 'Ticket4'), { onColumn: { colID: opened.uids.column1 } }, null, ['title']);
      const asUser = (user: string) => policy({ Column: { update: filter(columnRule('ADMIN', user)) } });
      await assert.rejects(run(move, asUser('user1')), (e: unknown) => e instanceof AuthorizationError && e.stage === 'reference' && e.code === 'AUTH_DENIED');
      const ticket4 = () => run(p.query('Ticket', { filter: p.eq('Ticket.title', 'Ticket4'), select: [p.edge('Ticket.onColumn', { select: ['name'] })] }), ALLOW_ALL);
      assert.deepEqual(await ticket4(), [{ onColumn: { name: 'Column3' } }]);
      // user2 is ADMIN on both projects.
      assert.deepEqual(await run(move, asUser('user2')), { ticket: [{ title: 'Ticket4' }], numUids: 1 });
      assert.deepEqual(await ticket4(), [{ onColumn: { name: 'Column1' } }]);
    });
  });
}
