/**
 * Every error code of docs/http.md, answered over HTTP by the real server
 * on the real engine (in-memory PGlite), with Dgraph's message text kept;
 * the 401 and its Bearer challenge for clients of
 * application/graphql-response+json (200 and Dgraph's per-field answer for
 * application/json); the codes in the request's log line. The last test
 * checks that the table in docs/http.md lists exactly the codes seen here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, type JWTPayload } from 'jose';
import { key } from '../../fixtures/index.js';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { jsonLogger, startServer, type RunningServer } from '../../src/server/index.js';
import { ERROR_CODES } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { JwksServer } from '../verifier/support/jwks-server.js';
import { startFreezableProxy } from '../hardening/support/freezable-proxy.js';
import { createTestDatabase } from '../support/postgres.js';
import WebSocket from 'ws';

const SECRET = 'error-codes-test-secret-of-32-bytes!';
const NAMESPACE = 'https://codes.test/claims';
const HEADER = 'X-Codes-Auth';
const ISSUER = 'https://issuer.codes.test/';
const AUDIENCE = 'codes-app';
const ADMIN_TOKEN = 'codes-admin-token-of-some-length';

function line(fields: Record<string, unknown>): string {
  return `# Dgraph.Authorization ${JSON.stringify({ Header: HEADER, Namespace: NAMESPACE, ...fields })}`;
}
const HS256_LINE = line({ VerificationKey: SECRET, Algo: 'HS256', Audience: [AUDIENCE], Issuer: ISSUER, ClosedByDefault: true });

const TYPES = `
type Memo @auth(add: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  id: ID!
  text: String! @search(by: [hash])
}
type Tag {
  name: String! @id
}
type Note {
  id: ID!
  body: String @search(by: [regexp])
}
type Query {
  weather: String @custom(http: {url: "http://127.0.0.1:9/weather", method: GET})
}
`;

/** Every code answered so far. */
const seen = new Set<string>();

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
}

/** Sends a request and notes the codes of its errors (every error must have one). */
async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  const body = text ? (JSON.parse(text) as Answer['body']) : {};
  for (const error of body.errors ?? []) {
    assert.equal(typeof error.extensions?.code, 'string', `no code: ${JSON.stringify(error)}`);
    seen.add(error.extensions!.code!);
  }
  return { status: res.status, headers: res.headers, body };
}

function graphql(
  base: string,
  query: string,
  headers: Record<string, string> = {},
  extra: { variables?: Record<string, unknown>; operationName?: string } = {},
): Promise<Answer> {
  return send(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, ...extra }),
  });
}

function sign(
  claims: JWTPayload,
  build: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
  header: Record<string, string> = {},
): Promise<string> {
  const jwt = new SignJWT({ [NAMESPACE]: claims }).setProtectedHeader({ alg: 'HS256', ...header }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m');
  return build(jwt).sign(new TextEncoder().encode(SECRET));
}

/** `code` of the one error of `answer`, after checking its message. */
function only(answer: Answer, message: string | RegExp): string | undefined {
  assert.equal(answer.body.errors?.length, 1, JSON.stringify(answer.body));
  const [error] = answer.body.errors!;
  if (typeof message === 'string') assert.equal(error.message, message);
  else assert.match(error.message, message);
  return error.extensions?.code;
}

let service: AuthlineService;
let server: RunningServer;
/** Another server on the same service: --debug, introspection off, a low depth limit, small bodies. */
let strict: RunningServer;
/** And one with tiny request limits. */
let limited: RunningServer;
const logLines: Record<string, unknown>[] = [];

before(async () => {
  service = await createService({ store: await openStore() });
  server = await startServer(service, {
    host: '127.0.0.1',
    port: 0,
    adminToken: ADMIN_TOKEN,
    logger: jsonLogger((text) => logLines.push(JSON.parse(text) as Record<string, unknown>)),
  });
  strict = await startServer(service, {
    host: '127.0.0.1',
    port: 0,
    debug: true,
    introspection: 'off',
    maxDepth: 2,
    bodyLimit: 1024,
    logger: jsonLogger(() => {}),
  });
  limited = await startServer(service, {
    host: '127.0.0.1',
    port: 0,
    queryEdgeLimit: 2,
    maxAliases: 2,
    maxFilterDepth: 3,
    maxRegexpLength: 10,
    maxDocumentSize: 4096,
    maxTokens: 200,
    maxResponseBytes: 1000,
    logger: jsonLogger(() => {}),
  });
});
after(async () => {
  await server.close();
  await strict.close();
  await limited.close();
  await service.close();
});

const admin = { 'X-Authline-Admin-Token': ADMIN_TOKEN };

describe('before a schema, and the admin endpoints', () => {
  test('SCHEMA_MISSING: /graphql before the first upload (503)', async () => {
    const res = await graphql(server.url, '{ __typename }');
    assert.equal(res.status, 503);
    assert.equal(only(res, /^There's no GraphQL schema yet/), 'SCHEMA_MISSING');
  });

  test('ErrorUnauthorized (Dgraph): /admin without the admin token (401)', async () => {
    const res = await send(`${server.url}/admin/schema`, { method: 'POST', body: TYPES });
    assert.equal(res.status, 401);
    assert.equal(only(res, /^Admin token required/), 'ErrorUnauthorized');
  });

  test('FORBIDDEN: /admin without a configured token, from a page of another origin (403)', async () => {
    const res = await send(`${strict.url}/admin/schema`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: TYPES });
    assert.equal(res.status, 403);
    assert.equal(only(res, /^Admin requests through a proxy/), 'FORBIDDEN');
  });

  test('SCHEMA_INVALID: a rejected upload, every error with its place (400)', async () => {
    const res = await send(`${server.url}/admin/schema`, { method: 'POST', headers: admin, body: 'type T {\n  x: Missing\n}\n' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errors: [{ message: 'Undefined type Missing.', locations: [{ line: 2, column: 6 }], extensions: { code: 'SCHEMA_INVALID' } }],
    });
  });

  test('ErrorInvalidRequest (Dgraph): a JSON upload that is not {"schema": string} (400)', async () => {
    const res = await send(`${server.url}/admin/schema`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: '[]' });
    assert.equal(res.status, 400);
    assert.equal(only(res, /^A JSON body must be/), 'ErrorInvalidRequest');
  });

  test('the upload that every test below runs on', async () => {
    const res = await send(`${server.url}/admin/schema`, { method: 'POST', headers: admin, body: `${TYPES}\n${HS256_LINE}\n` });
    assert.deepEqual(res.body, { data: { code: 'Success', message: 'Done' } });
  });

  test('IMPORT_INVALID: import data the engine refuses; nothing is written (400)', async () => {
    const res = await send(`${server.url}/admin/import`, { method: 'POST', headers: admin, body: '{"delete": []}' });
    assert.equal(res.status, 400);
    assert.equal(only(res, 'import only sets data: "delete" is not supported'), 'IMPORT_INVALID');
  });
});

describe('token errors: Dgraph\'s text in every root field, and the code of the reason', () => {
  const QUERY = '{ memos: queryMemo { text } }';
  const refused = async (token: string, reason: string | RegExp, code: string) => {
    const res = await graphql(server.url, QUERY, { [HEADER]: token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data, { memos: [] });
    const [error] = res.body.errors!;
    const text = typeof reason === 'string' ? reason : reason.source;
    if (typeof reason === 'string') assert.equal(error.message, `couldn't rewrite query memos because ${text}`);
    else assert.match(error.message.replace("couldn't rewrite query memos because ", ''), reason);
    assert.deepEqual(error.path, ['memos']);
    assert.equal(error.extensions?.code, code);
  };
  const PARSE = 'unable to parse jwt token:';

  test('JWT_MISSING: no token under ClosedByDefault', async () => {
    const res = await graphql(server.url, QUERY);
    assert.deepEqual(res.body.errors, [
      { message: "couldn't rewrite query memos because a valid JWT is required but was not provided", path: ['memos'], extensions: { code: 'JWT_MISSING' } },
    ]);
  });

  test('JWT_BEARER_MALFORMED: the whole request fails before parsing, as in Dgraph', async () => {
    const res = await graphql(server.url, '{ not graphql', { [HEADER]: 'Bearer a b' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { errors: [{ message: 'invalid Bearer-formatted header value for JWT (Bearer a b)', extensions: { code: 'JWT_BEARER_MALFORMED' } }] });
  });

  test('JWT_MALFORMED', () => refused('not-a-jwt', `${PARSE}token is malformed: token contains an invalid number of segments`, 'JWT_MALFORMED'));

  test('JWT_ALGORITHM', async () => {
    const rs256 = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(key('rsa').privateKey);
    await refused(rs256, `${PARSE}token is unverifiable: error while executing keyfunc: unexpected signing method: Expected HS256 Found RS256`, 'JWT_ALGORITHM');
  });

  test('JWT_EMBEDDED_KEY', async () => {
    const jku = await sign({}, undefined, { jku: 'https://evil.example/jwks.json' });
    await refused(jku, `${PARSE}token is unverifiable: error while executing keyfunc: the token names its own key ("jku" header), which is never trusted`, 'JWT_EMBEDDED_KEY');
  });

  test('JWT_SIGNATURE', async () => {
    const good = await sign({ ROLE: 'ADMIN' });
    await refused(`${good.slice(0, good.lastIndexOf('.') + 1)}${'A'.repeat(43)}`, `${PARSE}token signature is invalid: signature is invalid`, 'JWT_SIGNATURE');
  });

  test('JWT_EXPIRED', async () => {
    await refused(await sign({}, (jwt) => jwt.setExpirationTime('-1m')), `${PARSE}token has invalid claims: token is expired`, 'JWT_EXPIRED');
  });

  test('JWT_NOT_YET_VALID', async () => {
    await refused(await sign({}, (jwt) => jwt.setNotBefore('5m')), `${PARSE}token has invalid claims: token is not valid yet`, 'JWT_NOT_YET_VALID');
  });

  test('JWT_AUDIENCE', async () => {
    await refused(await sign({}, (jwt) => jwt.setAudience('other-app')), "JWT `aud` value doesn't match with the audience", 'JWT_AUDIENCE');
  });

  test('JWT_ISSUER', async () => {
    await refused(await sign({}, (jwt) => jwt.setIssuer('https://other.example/')), "JWT `iss` value doesn't match with the issuer", 'JWT_ISSUER');
  });

  test('JWT_KID_MISSING, JWT_KID_UNKNOWN, JWT_KEYS_UNAVAILABLE: keys from a JWK URL', async () => {
    const jwks = await JwksServer.start({ body: { keys: [key('rsa').jwk] } });
    const rs256 = (kid?: string) => new SignJWT({}).setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) }).sign(key('rsa').privateKey);
    try {
      const jwksLine = line({ JWKUrl: jwks.url, Audience: [AUDIENCE] });
      const upload = await send(`${server.url}/admin/schema`, { method: 'POST', headers: admin, body: `${TYPES}\n${jwksLine}\n` });
      assert.equal(upload.status, 200, JSON.stringify(upload.body));
      await refused(await rs256(), `${PARSE}token is unverifiable: error while executing keyfunc: kid not present in JWT`, 'JWT_KID_MISSING');
      await refused(await rs256('nobody'), `${PARSE}token is unverifiable: error while executing keyfunc: Invalid kid`, 'JWT_KID_UNKNOWN');
      await jwks.stop();
      const again = await send(`${server.url}/admin/schema`, { method: 'POST', headers: admin, body: `${TYPES}\n${jwksLine} \n` });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      await refused(await rs256('rsa'), new RegExp(`^${PARSE}while refreshing JWK from the URL: .*: connect ECONNREFUSED`), 'JWT_KEYS_UNAVAILABLE');
    } finally {
      await jwks.stop();
      const back = await send(`${server.url}/admin/schema`, { method: 'POST', headers: admin, body: `${TYPES}\n${HS256_LINE}\n` });
      assert.equal(back.status, 200);
    }
  });
});

describe('401 for clients of application/graphql-response+json (RFC 6750)', () => {
  const strictAccept = { accept: 'application/graphql-response+json' };

  test('an invalid token: 401, Bearer error="invalid_token" with the reason, only errors, nothing runs', async () => {
    const expired = await sign({ ROLE: 'ADMIN' }, (jwt) => jwt.setExpirationTime('-1m'));
    const res = await graphql(server.url, 'mutation { addMemo(input: [{text: "never"}]) { numUids } }', { ...strictAccept, [HEADER]: expired });
    assert.equal(res.status, 401);
    assert.equal(
      res.headers.get('www-authenticate'),
      'Bearer error="invalid_token", error_description="unable to parse jwt token:token has invalid claims: token is expired"',
    );
    assert.match(res.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
    assert.deepEqual(res.body, {
      errors: [{ message: 'unable to parse jwt token:token has invalid claims: token is expired', extensions: { code: 'JWT_EXPIRED' } }],
    });
    const stored = await graphql(server.url, '{ queryMemo(filter: {text: {eq: "never"}}) { text } }', { [HEADER]: await sign({}) });
    assert.deepEqual(stored.body, { data: { queryMemo: [] } });
  });

  test('no token under ClosedByDefault: 401 with the challenge without an error code', async () => {
    const res = await graphql(server.url, '{ queryMemo { text } }', strictAccept);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(res.body, { errors: [{ message: 'a valid JWT is required but was not provided', extensions: { code: 'JWT_MISSING' } }] });
  });

  test('a quote in the reason cannot break out of error_description', async () => {
    const jku = await sign({}, undefined, { jku: 'https://evil.example/jwks.json' });
    const res = await graphql(server.url, '{ queryMemo { text } }', { ...strictAccept, [HEADER]: jku });
    assert.equal(res.status, 401);
    assert.match(res.body.errors![0].message, /\("jku" header\)/);
    assert.equal(
      res.headers.get('www-authenticate'),
      'Bearer error="invalid_token", error_description="unable to parse jwt token:token is unverifiable: error while executing keyfunc: ' +
        'the token names its own key (\'jku\' header), which is never trusted"',
    );
  });

  test('application/json clients keep Dgraph\'s answer: 200, each root field failing on its own', async () => {
    const res = await graphql(server.url, '{ queryMemo { text } }', { accept: 'application/json' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('www-authenticate'), null);
    assert.deepEqual(res.body.data, { queryMemo: [] });
  });

  test('introspection alone is not refused for the token (as in Dgraph), @skip-ped fields neither', async () => {
    const res = await graphql(server.url, 'query ($no: Boolean!) { __typename queryMemo @include(if: $no) { text } }', strictAccept, { variables: { no: false } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { data: { __typename: 'Query' } });
  });
});

describe('request, rule and mutation errors', () => {
  const asAdmin = async () => ({ [HEADER]: await sign({ ROLE: 'ADMIN' }) });

  test('GRAPHQL_PARSE_FAILED', async () => {
    assert.equal(only(await graphql(server.url, '{ queryMemo {', await asAdmin()), /^Syntax Error/), 'GRAPHQL_PARSE_FAILED');
  });

  test('GRAPHQL_VALIDATION_FAILED', async () => {
    assert.equal(only(await graphql(server.url, '{ queryMemo { nope } }', await asAdmin()), 'Cannot query field "nope" on type "Memo".'), 'GRAPHQL_VALIDATION_FAILED');
  });

  test('QUERY_TOO_DEEP (a limit)', async () => {
    assert.equal(only(await graphql(strict.url, '{ queryMemo { id } a: __schema { types { name } } }', await asAdmin()), /nests fields 3 levels deep; the maximum is 2/), 'QUERY_TOO_DEEP');
  });

  test('INTROSPECTION_REFUSED', async () => {
    assert.equal(only(await graphql(strict.url, '{ __type(name: "Memo") { name } }', await asAdmin()), 'introspection is disabled on this server'), 'INTROSPECTION_REFUSED');
  });

  test('OPERATION_RESOLUTION_FAILURE', async () => {
    const res = await graphql(server.url, 'query A { __typename } query B { __typename }', await asAdmin(), { operationName: 'C' });
    assert.equal(only(res, "Supplied operation name C isn't present in the request."), 'OPERATION_RESOLUTION_FAILURE');
  });

  test('BAD_USER_INPUT: variables that do not fit, and argument values the API cannot use', async () => {
    const variables = await graphql(server.url, 'query ($id: ID!) { getMemo(id: $id) { text } }', await asAdmin(), { variables: { id: { no: 1 } } });
    // gqlparser's words (Dgraph's error_test.yaml): an object given for an ID.
    assert.equal(only(variables, 'cannot use map as ID'), 'BAD_USER_INPUT');
    const id = await graphql(server.url, '{ getMemo(id: "zz") { text } }', await asAdmin());
    assert.equal(only(id, "couldn't rewrite query getMemo because ID argument (zz) of getMemo was not able to be parsed"), 'BAD_USER_INPUT');
  });

  test('AUTH_DENIED: a rule refused (shown with --debug; hidden otherwise, as Dgraph hides it)', async () => {
    const add = 'mutation { addMemo(input: [{text: "no"}]) { numUids } }';
    const user = { [HEADER]: await sign({ ROLE: 'USER' }) };
    const shown = await graphql(strict.url, add, user);
    assert.deepEqual(shown.body.errors, [{ message: 'mutation failed because authorization failed', path: ['addMemo'], extensions: { code: 'AUTH_DENIED' } }]);
    assert.deepEqual((await graphql(server.url, add, user)).body, { data: { addMemo: null } });
  });

  test('MUTATION_INPUT_INVALID, MUTATION_FAILED, MUTATION_NOT_EXECUTED', async () => {
    const headers = await asAdmin();
    assert.equal((await graphql(server.url, 'mutation { addTag(input: [{name: "a"}, {name: "b"}]) { numUids } }', headers)).body.errors, undefined);
    const res = await graphql(
      server.url,
      `mutation {
        dup: addTag(input: [{name: "a"}]) { numUids }
        skipped: addTag(input: [{name: "c"}]) { numUids }
      }`,
      headers,
    );
    assert.deepEqual(res.body.errors, [
      {
        message: "couldn't rewrite mutation addTag because failed to rewrite mutation payload because id a already exists for field name inside type Tag",
        path: ['dup'],
        extensions: { code: 'MUTATION_INPUT_INVALID' },
      },
      { message: 'Mutation skipped was not executed because of a previous error.', path: ['skipped'], extensions: { code: 'MUTATION_NOT_EXECUTED' } },
    ]);
    const many = await graphql(server.url, 'mutation { updateTag(input: {filter: {name: {in: ["a", "b"]}}, set: {name: "z"}}) { numUids } }', headers);
    assert.equal(only(many, 'mutation updateTag failed because only one node is allowed in the filter while updating fields with @id directive'), 'MUTATION_FAILED');
  });

  test('REMOTE_CALL_FAILED: a @custom call that gets no answer nulls its field only', async () => {
    const res = await graphql(server.url, '{ weather tags: queryTag { name } }', await asAdmin());
    const data = res.body.data as { weather: unknown; tags: unknown[] };
    assert.equal(data.weather, null);
    assert.ok(data.tags.length > 0, 'the sibling field is answered');
    assert.equal(only(res, /^Evaluation of custom field failed because external request returned an error: Get "http:\/\/127\.0\.0\.1:9\/weather": .* for field: weather within type: Query\.$/), 'REMOTE_CALL_FAILED');
  });
});

describe('request limits', () => {
  const asAdmin = async () => ({ [HEADER]: await sign({ ROLE: 'ADMIN' }) });

  test('QUERY_TOO_LARGE: a query text over the size or token limit', async () => {
    const size = await graphql(limited.url, `{ __typename }${' '.repeat(5000)}`);
    assert.equal(only(size, 'The query is 5014 bytes, more than the limit of 4096 (--max-document-size).'), 'QUERY_TOO_LARGE');
    const tokens = await graphql(limited.url, `{ ${'__typename '.repeat(201)}}`);
    assert.equal(only(tokens, 'The query has more than 200 tokens, the limit (--max-tokens).'), 'QUERY_TOO_LARGE');
  });

  test('TOO_MANY_ALIASES, FILTER_TOO_DEEP, REGEXP_TOO_LONG, PAGE_OUT_OF_RANGE: refused before anything runs', async () => {
    const aliases = await graphql(limited.url, '{ a: __typename b: __typename c: __typename }');
    assert.equal(only(aliases, 'The operation selects more than 2 root fields (aliases count each), the limit (--max-aliases).'), 'TOO_MANY_ALIASES');
    const deep = await graphql(limited.url, '{ queryNote(filter: { not: { not: { not: { has: body } } } }) { body } }');
    assert.equal(only(deep, 'An argument of the query nests more than 3 levels deep, the limit (--max-filter-depth).'), 'FILTER_TOO_DEEP');
    const regexp = await graphql(limited.url, '{ queryNote(filter: { body: { regexp: "/abcdefghij/" } }) { body } }');
    assert.equal(only(regexp, 'A regexp in "filter" of Query.queryNote is 12 characters long, more than the limit of 10 (--max-regexp-length).'), 'REGEXP_TOO_LONG');
    const page = await graphql(limited.url, '{ queryNote(offset: 3) { body } }');
    assert.equal(only(page, '"offset" of Query.queryNote is 3; it must be from 0 to 2, the query edge limit (--query-edge-limit).'), 'PAGE_OUT_OF_RANGE');
  });

  test('QUERY_EDGE_LIMIT: more nodes than the request may return; RESPONSE_TOO_LARGE: a larger answer', async () => {
    const headers = await asAdmin();
    const added = await graphql(server.url, 'mutation { addNote(input: [{body: "a"}, {body: "b"}, {body: "c"}]) { numUids } }', headers);
    assert.deepEqual(added.body, { data: { addNote: { numUids: 3 } } });
    const over = await graphql(limited.url, '{ queryNote { body } }', headers);
    assert.deepEqual(over.body.data, { queryNote: [] });
    assert.equal(only(over, /^Dgraph query failed because Exceeded query edge limit = 2\. /), 'QUERY_EDGE_LIMIT');
    const ids = Array.from({ length: 50 }, (_, i) => `id${i}: id`).join(' ');
    const long = await graphql(limited.url, `{ queryNote(first: 2) { ${ids} } }`, headers);
    assert.equal(long.body.data, null);
    assert.equal(only(long, /^The answer is \d+ bytes, more than the limit of 1000 \(--max-response-bytes\)/), 'RESPONSE_TOO_LARGE');
  });
});

describe('HTTP errors', () => {
  test('ErrorInvalidRequest (Dgraph): a body that is not a GraphQL request (400), an unknown Content-Encoding (415)', async () => {
    const notJson = await send(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errors?.[0].extensions?.code, 'ErrorInvalidRequest');
    const encoding = await send(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'zip' }, body: '{}' });
    assert.equal(encoding.status, 415);
    assert.equal(only(encoding, /^Unsupported Content-Encoding "zip"/), 'ErrorInvalidRequest');
  });

  test('ErrorInvalidMethod (Dgraph): a mutation over GET, a method a route does not take (405)', async () => {
    const get = await send(`${server.url}/graphql?query=${encodeURIComponent('mutation { addTag(input: []) { numUids } }')}`);
    assert.equal(get.status, 405);
    assert.equal(only(get, 'Cannot perform mutations over GET'), 'ErrorInvalidMethod');
    const put = await send(`${server.url}/health`, { method: 'PUT' });
    assert.equal(put.status, 405);
    assert.equal(put.body.errors?.[0].extensions?.code, 'ErrorInvalidMethod');
  });

  test('NOT_FOUND (404), NOT_ACCEPTABLE (406), PAYLOAD_TOO_LARGE (413)', async () => {
    const missing = await send(`${server.url}/nowhere`);
    assert.equal(missing.status, 404);
    assert.equal(only(missing, /^Not found: GET \/nowhere/), 'NOT_FOUND');
    const xml = await send(`${server.url}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/xml' } });
    assert.equal(xml.status, 406);
    assert.equal(only(xml, /^Not Acceptable/), 'NOT_ACCEPTABLE');
    const big = await send(`${strict.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }${' '.repeat(2048)}` }) });
    assert.equal(big.status, 413);
    assert.equal(only(big, 'Request body is larger than the limit of 1 KiB; raise it with --body-limit.'), 'PAYLOAD_TOO_LARGE');
  });

  test('the request\'s log line lists the codes it answered', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'codes-in-the-log', [HEADER]: await sign({ ROLE: 'ADMIN' }) },
      body: JSON.stringify({ query: 'mutation { dup: addTag(input: [{name: "a"}]) { numUids } next: addTag(input: [{name: "d"}]) { numUids } }' }),
    });
    assert.equal(res.status, 200);
    const logged = logLines.find((l) => l.requestId === 'codes-in-the-log');
    assert.deepEqual(logged?.errorCodes, ['MUTATION_INPUT_INVALID', 'MUTATION_NOT_EXECUTED']);
  });

  test('INTERNAL_SERVER_ERROR: a root field that failed inside authline (a closed store); the details only in the log', async () => {
    const db = await createTestDatabase();
    const store = await openStore({ databaseUrl: db.url });
    const broken = await createService({ store });
    const logged: Record<string, unknown>[] = [];
    const brokenServer = await startServer(broken, { host: '127.0.0.1', port: 0, logger: jsonLogger((l) => logged.push(JSON.parse(l))) });
    try {
      await broken.uploadSchema(TYPES);
      await store.close();
      const res = await graphql(brokenServer.url, '{ queryMemo { text } }');
      const requestId = res.headers.get('x-request-id');
      assert.equal(only(res, `Dgraph query failed because of an internal error (request id ${requestId}; the server log has the details)`), 'INTERNAL_SERVER_ERROR');
      const line = logged.find((l) => l.level === 'error' && l.requestId === requestId);
      assert.match(String(line?.error), /Cannot use a pool after calling end on the pool/);
    } finally {
      await brokenServer.close();
      await broken.close().catch(() => undefined);
      await db.drop();
    }
  });

  test('STORE_UNAVAILABLE and STATEMENT_TIMEOUT: a database that refuses connections, a statement over --statement-timeout (PostgreSQL)', async () => {
    const db = await createTestDatabase();
    const relay = await startFreezableProxy(db.url);
    const pgService = await createService({ store: await openStore({ databaseUrl: relay.url, statementTimeoutMs: 300 }) });
    const pgServer = await startServer(pgService, { host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}) });
    const holder = new pg.Client({ connectionString: db.url });
    try {
      await pgService.uploadSchema(TYPES);
      // Waiting for a lock counts towards statement_timeout.
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE authline.node IN ACCESS EXCLUSIVE MODE');
      const slow = await graphql(pgServer.url, '{ queryMemo { text } }');
      assert.equal(only(slow, /^Dgraph query failed because the query ran longer than the statement timeout and was stopped \(request id /), 'STATEMENT_TIMEOUT');
      await holder.query('ROLLBACK');
      await relay.close();
      await graphql(pgServer.url, '{ queryMemo { text } }'); // the pool drops its cut connections
      await delay(100);
      const refused = await graphql(pgServer.url, '{ queryMemo { text } }');
      assert.equal(only(refused, /^Dgraph query failed because the database is unavailable \(request id /), 'STORE_UNAVAILABLE');
    } finally {
      await holder.end().catch(() => undefined);
      await pgServer.close();
      await pgService.close().catch(() => undefined);
      await relay.close().catch(() => undefined);
      await db.drop();
    }
  });
});

describe('connection limits', () => {
  test('TOO_MANY_CONNECTIONS: a request on a connection beyond --max-connections (503)', async () => {
    const limited = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}), maxConnections: 1 });
    const holder = connect({ host: '127.0.0.1', port: Number(new URL(limited.url).port) });
    try {
      await once(holder, 'connect');
      const res = await send(`${limited.url}/health`);
      assert.equal(res.status, 503);
      assert.equal(only(res, 'Too many connections: the server is at its connection limit (--max-connections); retry shortly.'), 'TOO_MANY_CONNECTIONS');
    } finally {
      holder.destroy();
      await limited.close();
    }
  });
});

describe('codes answered to WebSocket clients', () => {
  test('SUBPROTOCOL_REQUIRED, TOO_MANY_CONNECTIONS (before the upgrade), TOO_MANY_SUBSCRIPTIONS (an error message)', async () => {
    const service = await createService({ store: await openStore() });
    const wsServer = await startServer(service, {
      host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}), maxWebSocketConnections: 1, maxSubscriptionsPerConnection: 1,
    });
    const url = `${wsServer.url.replace(/^http/, 'ws')}/graphql`;
    await service.uploadSchema(`type Memo @withSubscription { id: ID! text: String! }`);
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const opened = new Promise((resolve) => socket.once('open', resolve));
    try {
      const upgrade = (protocol: string) =>
        new Promise<{ status: number; body: Answer['body'] }>((resolve, reject) => {
          const refused = new WebSocket(url, protocol);
          refused.once('open', () => reject(new Error('upgraded')));
          refused.once('error', () => {});
          refused.once('unexpected-response', (_req, res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
          });
        });
      const noted = (answer: { status: number; body: Answer['body'] }) => {
        for (const error of answer.body.errors ?? []) seen.add(error.extensions!.code!);
        return answer;
      };
      const wrong = noted(await upgrade('mqtt'));
      assert.equal(wrong.status, 400);
      assert.equal(only({ status: 400, headers: new Headers(), body: wrong.body }, /^Ask for the WebSocket subprotocol graphql-transport-ws/), 'SUBPROTOCOL_REQUIRED');

      const messages: { type: string; id?: string; payload?: Answer['body']['errors'] }[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      await opened;
      const full = noted(await upgrade('graphql-transport-ws'));
      assert.equal(full.status, 503);
      assert.equal(only({ status: 503, headers: new Headers(), body: full.body }, /^This server holds its maximum of 1 WebSocket connections/), 'TOO_MANY_CONNECTIONS');

      const until = async (seen: (m: (typeof messages)[number]) => boolean) => {
        const deadline = Date.now() + 5000;
        while (!messages.some(seen) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      socket.send(JSON.stringify({ type: 'connection_init' }));
      // graphql-transport-ws closes a connection that subscribes before its acknowledgement (4401).
      await until((m) => m.type === 'connection_ack');
      for (const id of ['1', '2']) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { aggregateMemo { count } }' } }));
      await until((m) => m.type === 'error');
      const error = messages.find((m) => m.type === 'error');
      assert.deepEqual(error, {
        id: '2',
        type: 'error',
        payload: [{ message: 'too many subscriptions on this connection: at most 1 may run at once', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }],
      });
      seen.add('TOO_MANY_SUBSCRIPTIONS');
    } finally {
      socket.close();
      await wsServer.close();
      await service.close();
    }
  });
});

describe('codes not answered over HTTP', () => {
  test('STORE_UNAVAILABLE: a data directory another process serves (openStore rejects)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authline-codes-'));
    try {
      await writeFile(join(dir, 'authline.lock'), JSON.stringify({ pid: 1, host: 'another-host.example' }));
      await assert.rejects(openStore({ dataDir: dir }), (error: { code?: string; message: string }) => {
        assert.match(error.message, /^data directory .* is in use by process 1 on another-host\.example/);
        assert.equal(error.code, 'STORE_UNAVAILABLE');
        seen.add(error.code);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test('docs/http.md lists exactly the codes answered here, and library mode\'s own', async () => {
  const doc = await readFile('docs/http.md', 'utf8');
  const section = doc.slice(doc.indexOf('## Error codes'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const documented = [...table.matchAll(/^\| `([A-Za-z_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(documented, [...ERROR_CODES], 'the table lists ERROR_CODES (errors.ERROR_CODES of the package), in order');
  // Library mode's code: a resolver without authline's context (test/library/tokens.test.ts).
  const libraryOnly = ['AUTH_CONTEXT_MISSING'];
  assert.deepEqual([...seen, ...libraryOnly].sort(), [...documented].sort(), 'every code was answered here');
});
