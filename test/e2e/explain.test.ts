/**
 * "Why was I denied?" over HTTP, on the real engine and both backends: `extensions.authline.explain`
 * under --debug, or for the admin with X-Authline-Explain; never otherwise;
 * claim names only, never values; the warnings for the usual mistakes, in
 * the answer and in the request log at debug level.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';

// Run on its own, this file starts a PostgreSQL of its own (npm test shares one).
after(stopOwnCluster);

const SECRET = 'explain-test-secret-of-32-bytes-or-more';
const NAMESPACE = 'https://explain.test/claims';
const ADMIN_TOKEN = 'explain-admin-token';
const SDL = `type Doc @auth(
  query: { or: [
    { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
    { rule: "query($USER: String!) { queryDoc(filter: { owner: { eq: $USER } }) { id } }" }
  ]},
  delete: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }
) {
  id: ID!
  title: String!
  owner: String! @search(by: [hash])
}
type Note {
  id: ID!
  text: String
}
# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"X-Auth","Namespace":"${NAMESPACE}","Algo":"HS256","Cookie":"tok"}
`;
const DATA = [
  { uid: '_:a', 'dgraph.type': 'Doc', 'Doc.title': 'Alice plan', 'Doc.owner': 'alice' },
  { uid: '_:b', 'dgraph.type': 'Doc', 'Doc.title': 'Bob plan', 'Doc.owner': 'bob' },
];
const QUERY = '{ queryDoc { title } }';

async function token(claims: Record<string, unknown>, namespaced = true): Promise<string> {
  return new SignJWT(namespaced ? { [NAMESPACE]: claims } : claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

for (const backend of BACKENDS) describe(`explain with --debug (${backend})`, () => {
  let served: Served;
  before(async () => {
    served = await serve({ backend, sdl: SDL, data: DATA, debug: true });
  });
  after(() => served.close());

  test('a denied query: no token, so both branches of the rule lack their variable', async () => {
    const { body } = await served.graphql(QUERY);
    assert.deepEqual(body.data, { queryDoc: [] });
    assert.deepEqual(body.extensions.authline.explain, {
      token: { status: 'absent', reason: 'no token in header X-Auth or cookie tok: every rule variable is missing', source: null, claims: { namespace: [], root: [] } },
      rules: [{
        type: 'Doc', field: null, operation: 'query', verdict: 'unknown',
        tree: {
          kind: 'or', verdict: 'unknown', items: [
            { kind: 'rbac', verdict: 'false', rule: '{$ROLE: {eq: "ADMIN"}}', variables: ['ROLE'], missing: ['ROLE'] },
            { kind: 'graph', verdict: 'unknown', rule: 'query($USER: String!) { queryDoc(filter: { owner: { eq: $USER } }) { id } }', variables: ['USER'], missing: ['USER'] },
          ],
        },
      }],
      warnings: [],
    });
  });

  test('a valid token: the graph rule is decided in SQL, and only claim names are shown', async () => {
    const { body } = await served.graphql(QUERY, { 'X-Auth': `Bearer ${await token({ USER: 'alice', ROLE: 'USER' })}` });
    assert.deepEqual(body.data, { queryDoc: [{ title: 'Alice plan' }] });
    const explain = body.extensions.authline.explain;
    assert.equal(explain.token.status, 'valid');
    assert.equal(explain.token.source, 'header X-Auth');
    assert.deepEqual(explain.token.claims, { namespace: ['USER', 'ROLE'], root: ['exp'] });
    assert.equal(explain.rules[0].verdict, 'sql');
    assert.deepEqual(explain.rules[0].tree.items.map((i: { verdict: string }) => i.verdict), ['false', 'sql']);
    const text = JSON.stringify(explain);
    assert.ok(!text.includes('alice') && !text.includes('"USER":'), `no claim value in ${text}`);
  });

  test('an admin: the RBAC branch decides; a type without rules is allowed with no tree', async () => {
    const { body } = await served.graphql('{ queryDoc { title } queryNote { text } }', { cookie: `tok=${await token({ ROLE: 'ADMIN' })}` });
    assert.equal(body.data.queryDoc.length, 2);
    const explain = body.extensions.authline.explain;
    assert.equal(explain.token.source, 'cookie tok');
    assert.deepEqual(explain.rules.map((r: { type: string; verdict: string; tree: unknown }) => [r.type, r.verdict, r.tree === null]), [
      ['Doc', 'true', false],
      ['Note', 'true', true],
    ]);
  });

  test('warnings: no namespace claim, a claim name in the wrong case, a variable no claim provides', async () => {
    const { body } = await served.graphql(QUERY, { 'X-Auth': await token({ role: 'ADMIN' }, false) });
    assert.deepEqual(body.data, { queryDoc: [] });
    assert.deepEqual(body.extensions.authline.explain.warnings, [
      `the token has no "${NAMESPACE}" claim (the line's Namespace): rules read only its top-level claims`,
      'the token\'s claim "role" differs only in case from the rule variable $ROLE (Doc.query): claim names are case-sensitive',
      'no claim of the token provides the rule variable $USER (Doc.query): the rule reads it as missing',
    ]);
    assert.deepEqual(body.extensions.authline.explain.token.claims, { namespace: [], root: ['role', 'exp'] });
    const logged = served.logs().find((line) => line.level === 'debug' && line.msg === 'explain warnings');
    assert.ok(logged, 'the warnings are logged at debug level');
    assert.equal((logged.warnings as string[]).length, 3);
  });

  test('warnings: the token sent in Authorization while the schema reads X-Auth', async () => {
    const { body } = await served.graphql(QUERY, { authorization: `Bearer ${await token({ USER: 'alice' })}` });
    assert.deepEqual(body.data, { queryDoc: [] });
    assert.equal(body.extensions.authline.explain.token.status, 'absent');
    assert.deepEqual(body.extensions.authline.explain.warnings, [
      'the request has an Authorization header, but the schema reads the token from the X-Auth header',
    ]);
  });

  test('a refused token: its code and Dgraph\'s reason; no rule was consulted', async () => {
    const expired = await new SignJWT({ [NAMESPACE]: { USER: 'alice' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(SECRET));
    const { body } = await served.graphql(QUERY, { 'X-Auth': expired });
    const explain = body.extensions.authline.explain;
    assert.equal(explain.token.status, 'invalid');
    assert.match(explain.token.reason, /^the token was refused \(JWT_EXPIRED\): .*token is expired/);
    assert.deepEqual(explain.rules, []);
  });

  test('a mutation: the rules of the operation it runs', async () => {
    const { body } = await served.graphql('mutation { deleteDoc(filter: {}) { msg } }', { 'X-Auth': await token({ USER: 'alice', ROLE: 'USER' }) });
    const operations = body.extensions.authline.explain.rules.map((r: { type: string; operation: string; verdict: string }) => `${r.type}.${r.operation}=${r.verdict}`);
    assert.ok(operations.includes('Doc.delete=false'), operations.join(' '));
  });
});

describe('explain without --debug', () => {
  let served: Served;
  before(async () => {
    served = await serve({ sdl: SDL, data: DATA, adminToken: ADMIN_TOKEN });
  });
  after(() => served.close());

  test('is absent by default, and when asked for without the admin token or with a wrong one', async () => {
    const asked: Record<string, string>[] = [{}, { 'X-Authline-Explain': '1' }, { 'X-Authline-Explain': '1', 'X-Authline-Admin-Token': 'wrong' }];
    for (const headers of asked) {
      const { body } = await served.graphql(QUERY, headers);
      assert.deepEqual(body, { data: { queryDoc: [] } }, JSON.stringify(headers));
    }
  });

  test('the admin token and X-Authline-Explain: 1 ask for it per request', async () => {
    const { body } = await served.graphql(QUERY, { 'X-Authline-Explain': '1', 'X-Authline-Admin-Token': ADMIN_TOKEN });
    assert.deepEqual(body.data, { queryDoc: [] });
    assert.equal(body.extensions.authline.explain.rules[0].verdict, 'unknown');
  });

  test('the admin token alone does not', async () => {
    const { body } = await served.graphql(QUERY, { 'X-Authline-Admin-Token': ADMIN_TOKEN });
    assert.equal(body.extensions, undefined);
  });
});

test('without an admin token configured, nobody can ask for an explanation', async () => {
  const served = await serve({ sdl: SDL, data: DATA });
  try {
    const { body } = await served.graphql(QUERY, { 'X-Authline-Explain': '1', 'X-Authline-Admin-Token': '' });
    assert.equal(body.extensions, undefined);
  } finally {
    await served.close();
  }
});
