/**
 * What the claims hold: no token, missing, null, array and non-string
 * claims, claims outside the namespace or in a stringified namespace. A
 * missing or null variable makes an RBAC rule false and a graph rule that
 * needs it deny; an array claim matches if any element does.
 */
import { describe } from 'node:test';
import type { Authline } from '../support/authline.js';
import { testReads } from '../support/reads.js';
import { interfaceVars } from '../support/suite.js';
import { PERSON1_UID, PERSON2_UID } from '../support/fixture.js';

const BOOK = { queryBook: [{ bookId: 'book1', name: 'Introduction', desc: 'Intro book' }] };

export function claimQueries(app: () => Authline): void {
  describe('no token (TestAuthRulesWithMissingJWT)', () => {
    testReads(
      {
        name: 'a type without rules answers everything',
        query: 'query { queryRole(filter: {permission: {eq: EDIT}}) { permission } }',
        cases: [{ data: { queryRole: [{ permission: 'EDIT' }] } }],
      },
      app,
    );
    testReads(
      {
        name: 'the or-branch that needs $USER drops out, the other still admits',
        query: 'query { queryMovie(order: {asc: content}) { content } }',
        cases: [{ data: { queryMovie: [{ content: 'Movie3' }, { content: 'Movie4' }] } }],
      },
      app,
    );
    testReads(
      {
        name: '@auth() with no rules is no restriction',
        query: 'query { queryReview { comment } }',
        cases: [{ data: { queryReview: [{ comment: 'Nice movie' }] } }],
      },
      app,
    );
    testReads(
      {
        name: 'a graph rule needing $USER and an RBAC rule both deny',
        query: 'query { queryProject { name } }',
        cases: [{ data: { queryProject: [] } }],
      },
      app,
    );
  });

  describe('missing and null claims', () => {
    testReads(
      {
        name: 'only USER in the token (TestAuthRulesWithMissingJWT)',
        query: 'query { queryProject { name } }',
        cases: [
          { as: { USER: 'user1', ROLE: '' }, data: { queryProject: [{ name: 'Project1' }] } },
          { name: 'no ROLE claim at all', as: { USER: 'user1' }, data: { queryProject: [{ name: 'Project1' }] } },
        ],
      },
      app,
    );
    testReads(
      {
        name: 'null USER denies the graph rule (TestAuthRulesWithNullValuesInJWT)',
        query: 'query { queryProject(order: {asc: name}) { name } }',
        cases: [
          { as: { USER: null, ROLE: '' }, data: { queryProject: [] } },
          { as: { USER: null, ROLE: 'ADMIN' }, data: { queryProject: [{ name: 'Project1' }, { name: 'Project2' }] } },
        ],
      },
      app,
    );
    testReads(
      {
        // Dgraph's test reads the last user by name, user8, which other tests add; user1 owns Issue1 in the fixture.
        name: 'null USER empties a nested list whose and-rule needs it (TestAuthRulesWithNullValuesInJWT)',
        query: 'query { queryUser(filter: {username: {eq: "user1"}}) { username issues { msg } } }',
        cases: [{ as: { USER: null, ROLE: 'ADMIN' }, data: { queryUser: [{ username: 'user1', issues: [] }] } }],
      },
      app,
    );
    testReads(
      {
        name: 'a graph rule whose variable is missing denies, other types still answer',
        query: 'query { queryQuestion { text } queryAnswer { text } }',
        cases: [{ as: { USER: 'user1@dgraph.io' }, data: { queryQuestion: [], queryAnswer: [{ text: 'A Answer' }] } }],
      },
      app,
    );
  });

  describe('where the claims are', () => {
    testReads(
      {
        name: 'claims at the top level, without the namespace (TestQueryWithStandardClaims)',
        query: 'query { queryProject(order: {asc: name}) { name } }',
        cases: [
          {
            name: 'USER and ROLE',
            as: { sub: '1234567890', name: 'John Doe', email: 'test@dgraph.io', USER: 'user1', ROLE: 'ADMIN' },
            data: { queryProject: [{ name: 'Project1' }, { name: 'Project2' }] },
          },
          {
            name: 'USER only',
            as: { sub: '1234567890', name: 'John Doe', email: 'test@dgraph.io', USER: 'user1' },
            data: { queryProject: [{ name: 'Project1' }] },
          },
        ].map((c) => ({ ...c, tokenOptions: { placement: 'top-level' as const } })),
      },
      app,
    );
    testReads(
      {
        name: 'the namespace claim as a JSON string (TestStringCustomClaim)',
        query: 'query { queryProject(order: {asc: name}) { name } }',
        cases: [
          {
            as: { USER: 'user1', ROLE: 'ADMIN' },
            tokenOptions: { placement: 'namespace-string' },
            data: { queryProject: [{ name: 'Project1' }, { name: 'Project2' }] },
          },
        ],
      },
      app,
    );
    testReads(
      {
        // Dgraph's authorization.go: every top-level claim is a variable, overlaid by the namespace's (TestStringCustomClaim).
        name: 'top-level claims are variables too, the namespace wins on conflict',
        query: 'query { queryProject(order: {asc: name}) { name } }',
        cases: [
          {
            name: 'top-level ROLE ADMIN, namespace ROLE USER',
            as: { USER: 'user1', ROLE: 'USER' },
            tokenOptions: { claims: { ROLE: 'ADMIN' } },
            data: { queryProject: [{ name: 'Project1' }] },
          },
          {
            name: 'top-level ROLE ADMIN, no ROLE in the namespace',
            as: { USER: 'user1' },
            tokenOptions: { claims: { ROLE: 'ADMIN' } },
            data: { queryProject: [{ name: 'Project1' }, { name: 'Project2' }] },
          },
        ],
      },
      app,
    );
  });

  describe('RBAC operators over claims of every JSON type (TestAuthRBACEvaluation)', () => {
    const admitted: [string, unknown][] = [
      ['eq with an object', { a: 'b' }],
      ['eq with a float', 123.12],
      ['eq with an int64', 1237890123456],
      ['eq with an int', 1234],
      ['eq with a boolean', true],
      ['in with an object', { e: 'f' }],
      ['in with a float', 312.124],
      ['in with an int64', 1246879976444232435],
      ['in with an int', 6872],
      ['eq with an array claim', [456, 1234]],
      ['in with an array claim', [124324, 6872]],
      ['regexp', 'xyz@dgraph.io'],
      ['regexp with an array claim', ['abc@def.com', 'xyz@dgraph.io']],
    ];
    testReads(
      {
        name: 'admitted',
        query: 'query { queryBook { bookId name desc } }',
        cases: admitted.map(([name, user]) => ({ name, as: { USER: user }, data: BOOK })),
      },
      app,
    );
    testReads(
      {
        // Not Dgraph tests: values that match no operand (types must agree; the regexp is anchored).
        name: 'denied',
        query: 'query { queryBook { bookId } }',
        cases: [
          { name: 'a number as a string', as: { USER: '1234' }, data: { queryBook: [] } },
          { name: 'a boolean as a string', as: { USER: 'true' }, data: { queryBook: [] } },
          { name: 'an object with another value', as: { USER: { a: 'c' } }, data: { queryBook: [] } },
          { name: 'a string the regexp does not match', as: { USER: 'xyz@dgraph.io.evil' }, data: { queryBook: [] } },
          { name: 'an empty array', as: { USER: [] }, data: { queryBook: [] } },
        ],
      },
      app,
    );
    testReads(
      {
        name: 'an array ROLE admits if any element matches',
        query: 'query { queryLog(order: {asc: logs}) { logs } }',
        cases: [
          { as: { ROLE: ['USER', 'ADMIN'] }, data: { queryLog: [{ logs: 'Log1' }, { logs: 'Log2' }] } },
          { as: { ROLE: ['USER', 'admin'] }, data: { queryLog: [] } },
        ],
      },
      app,
    );
  });

  testReads(
    {
      name: 'a list claim as the value of an ID filter (TestQueryAuthWithFilterOnIDType)',
      query: 'query { queryPerson(order: {asc: name}) { name } }',
      cases: [
        { as: { USER: [PERSON1_UID, PERSON2_UID] }, data: { queryPerson: [{ name: 'Person1' }, { name: 'Person2' }] } },
        { as: { USER: ['0xffd', PERSON1_UID] }, data: { queryPerson: [{ name: 'Person1' }] } },
        { as: { USER: ['0xaaa', '0xbbb'] }, data: { queryPerson: [] } },
        // Dgraph's graphql/resolve/auth_query_test.yaml: a single id where the rule declares a list.
        { as: { USER: PERSON2_UID }, data: { queryPerson: [{ name: 'Person2' }] } },
      ],
    },
    app,
  );

  testReads(
    {
      name: 'a boolean claim as the value of a boolean filter',
      query: 'query { queryQuestion(order: {asc: text}) { text } }',
      cases: [
        { as: interfaceVars('user1@dgraph.io', '', false), data: { queryQuestion: [{ text: 'C Question' }] } },
        { as: interfaceVars('user2@dgraph.io', '', true), data: { queryQuestion: [{ text: 'B Question' }] } },
      ],
    },
    app,
  );
}
