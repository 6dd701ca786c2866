/**
 * Trust per issuer through the whole stack: the real engine on PGlite and
 * the real server on 127.0.0.1, an OIDC provider on 127.0.0.1 beside an
 * ES256 issuer. Uploads over /admin/schema, tokens over /graphql: each
 * issuer's tokens work, crossed ones fail in Dgraph's words; /health shows
 * the discovered key set; a Header that is no header name is refused at
 * upload (CORS keeps answering); the redacted SDL from GET /admin/schema
 * cannot be posted back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { key, oneLine } from '../../fixtures/index.js';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { JwksServer } from '../verifier/support/jwks-server.js';
import { NS, seconds, sign } from '../verifier/support/tokens.js';

const ES_ISSUER = 'https://es.example/';
let oidc: JwksServer;
let issuer: string;
let service: AuthlineService;
let server: Awaited<ReturnType<typeof startServer>>;
const silent = { info() {}, warn() {}, error() {} };

const schema = (line: Record<string, unknown>) => `type Item @auth(query: { rule: "{$ROLE: {eq: \\"USER\\"}}" }) {
  id: ID!
  name: String
}
# Dgraph.Authorization ${JSON.stringify(line)}
`;
const LINE = () => ({
  Header: 'X-Auth',
  Namespace: NS,
  Audience: ['api'],
  AudienceRequired: true,
  Issuers: [{ OIDC: issuer }, { Issuer: ES_ISSUER, Algo: 'ES256', VerificationKey: oneLine(key('ec-p256').publicPem) }],
});

before(async () => {
  oidc = await JwksServer.start({});
  issuer = `${oidc.origin}/`;
  oidc.reply = (_hit, path) =>
    path === '/.well-known/openid-configuration' ? { body: { issuer, jwks_uri: `${oidc.origin}/keys` } } : { body: { keys: [key('rsa').jwk] } };
  service = await createService({ store: await openStore(), verifier: { logger() {} } });
  server = await startServer(service, { host: '127.0.0.1', port: 0, logger: silent });
  const res = await fetch(`${server.url}/admin/schema`, { method: 'POST', body: schema(LINE()) });
  assert.equal(res.status, 200, await res.text());
});
after(async () => {
  await server.close();
  await service.close();
  await oidc.stop();
});

const claims = (iss: string) => ({ iss, aud: 'api', exp: seconds() + 300, [NS]: { ROLE: 'USER' } });
const rsToken = (iss: string) => sign('RS256', claims(iss), { header: { kid: 'rsa' } });
const esToken = (iss: string) => sign('ES256', claims(iss));

async function graphql(query: string, token?: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-auth': token } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

describe('two issuers, each bound to its keys', () => {
  const read = '{ queryItem { name } }';
  const JWT = 'unable to parse jwt token:';
  const because = (reason: string, code: string) => ({
    data: { queryItem: [] },
    errors: [{ message: `couldn't rewrite query queryItem because ${reason}`, path: ['queryItem'], extensions: { code } }],
  });

  test('each issuer’s own token reads', async () => {
    const added = await graphql('mutation { addItem(input: [{name: "one"}]) { numUids } }', await rsToken(issuer));
    assert.deepEqual(added, { data: { addItem: { numUids: 1 } } });
    assert.deepEqual(await graphql(read, await rsToken(issuer)), { data: { queryItem: [{ name: 'one' }] } });
    assert.deepEqual(await graphql(read, await esToken(ES_ISSUER)), { data: { queryItem: [{ name: 'one' }] } });
  });

  test('crossed tokens fail, each root field in Dgraph’s words', async () => {
    // The OIDC issuer's key claiming the ES256 issuer: only ES256 is that issuer's.
    assert.deepEqual(
      await graphql(read, await rsToken(ES_ISSUER)),
      because(`${JWT}token is unverifiable: error while executing keyfunc: unexpected signing method: Expected ES256 Found RS256`, 'JWT_ALGORITHM'),
    );
    // The ES256 issuer's key claiming the OIDC issuer, naming its key: the key there is RSA.
    const crossed = await sign('ES256', claims(issuer), { header: { kid: 'rsa' } });
    assert.deepEqual(await graphql(read, crossed), because(`${JWT}token signature is invalid: key is of invalid type`, 'JWT_ALGORITHM'));
    assert.deepEqual(await graphql(read, await esToken('https://unknown.example/')), because("JWT `iss` value doesn't match with the issuer", 'JWT_ISSUER'));
    const noAud = await sign('ES256', { ...claims(ES_ISSUER), aud: undefined });
    assert.deepEqual(await graphql(read, noAud), because('JWT has no `aud` value but the audience is required', 'JWT_AUDIENCE'));
  });

  test('/health shows the discovery document and the key set it named', async () => {
    const body = (await (await fetch(`${server.url}/health`)).json()) as { status: string; schema: { jwks: Record<string, unknown>[] } };
    assert.equal(body.status, 'ok');
    assert.deepEqual(body.schema.jwks.map((s) => [s.url, s.state, s.jwksUri, s.kids]), [
      [`${oidc.origin}/.well-known/openid-configuration`, 'ready', `${oidc.origin}/keys`, ['rsa']],
    ]);
  });
});

describe('uploads', () => {
  test('a Header that is no header name is refused; CORS preflights keep answering', async () => {
    const res = await fetch(`${server.url}/admin/schema`, { method: 'POST', body: schema({ ...LINE(), Header: 'X-Auth\r\nX-Evil: 1' }) });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: { message: string; locations: unknown }[] };
    assert.deepEqual(body.errors.map((e) => [e.message, e.locations]), [
      ['`Header` in Dgraph.Authorization must be an HTTP header name (an RFC 7230 token), found "X-Auth\\r\\nX-Evil: 1"', [{ line: 5, column: 1 }]],
    ]);
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-auth' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Auth/);
  });

  test('the redacted SDL (no admin token configured) shows no key and cannot be posted back', async () => {
    const hs = schema({ Header: 'X-Auth', Namespace: NS, Algo: 'HS256', VerificationKey: 'an-hmac-secret-of-thirty-two-bytes!' });
    assert.equal((await fetch(`${server.url}/admin/schema`, { method: 'POST', body: hs })).status, 200);
    const shown = ((await (await fetch(`${server.url}/admin/schema`)).json()) as { data: { schema: string } }).data.schema;
    assert.ok(!shown.includes('an-hmac-secret') && shown.includes('"VerificationKey":"<redacted>"'), shown);
    const back = await fetch(`${server.url}/admin/schema`, { method: 'POST', body: shown });
    assert.equal(back.status, 400);
    assert.match(await back.text(), /VerificationKey is \\"<redacted>\\", the placeholder GET \/admin\/schema shows instead of the key/);
    assert.equal(service.current()?.sdl, hs);
  });
});
