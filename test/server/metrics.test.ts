/**
 * GET /metrics on the real stack (PGlite store, engine, verifier, server),
 * wired as `authline serve` wires it: a mix of allowed, refused and
 * bad-token requests moves each counter by exactly what happened; the
 * endpoint is guarded like /admin; two apps in one process count apart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createService } from '../../src/engine/index.js';
import type { AuthlineService } from '../../src/engine/index.js';
import { AuthlineMetrics, jsonLogger, startServer } from '../../src/server/index.js';
import type { RunningServer, ServerOptions } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { jwks } from '../../fixtures/index.js';
import { JwksServer } from '../verifier/support/jwks-server.js';
import { postGraphQL } from './support/server.js';

const SECRET = 'metrics-test-secret-of-at-least-32-bytes';
const NAMESPACE = 'https://authline.test/claims';
const HEADER = 'X-Auth';
const SDL = `
type Task @auth(
  query: { rule: "{$ROLE: { eq: \\"ADMIN\\" } }" },
  add: { rule: "{$ROLE: { eq: \\"ADMIN\\" } }" }
) {
  id: ID!
  title: String! @search(by: [term])
}
# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"${HEADER}","Namespace":"${NAMESPACE}","Algo":"HS256"}
`;

function token(claims: Record<string, unknown>, expiresIn: string | number = '5m', secret = SECRET): Promise<string> {
  return new SignJWT({ [NAMESPACE]: claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

interface Stack {
  readonly url: string;
  readonly service: AuthlineService;
  close(): Promise<void>;
}

/** Store, service and server reporting to one AuthlineMetrics, as `authline serve` wires them. */
async function startStack(sdl: string | null, options: ServerOptions = {}, verifier = {}): Promise<Stack> {
  const metrics = new AuthlineMetrics();
  const store = await openStore({ observer: metrics });
  const service = await createService({ store, observer: metrics, verifier: { logger: () => {}, ...verifier } });
  const server: RunningServer = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}), metrics, ...options });
  const close = async () => {
    await server.close();
    await service.close();
  };
  if (sdl !== null) await service.uploadSchema(sdl).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { url: server.url, service, close };
}

/** The scrape as `name{label="value",...}` → value, labels sorted as prom-client writes them. */
type Samples = ReadonlyMap<string, number>;

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Samples> {
  const res = await fetch(`${url}/metrics`, { headers });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** How much each sample moved between two scrapes (only those that did). */
function moved(from: Samples, to: Samples, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of to) {
    const delta = value - (from.get(key) ?? 0);
    if (key.startsWith(prefix) && delta !== 0) out[key] = delta;
  }
  return out;
}

describe('/metrics after a mix of requests', () => {
  let stack: Stack;
  let start: Samples;
  let end: Samples;

  const ask = (query: string, headers: Record<string, string> = {}) => postGraphQL(stack.url, { query }, headers);
  const as = (jwt: string) => ({ [HEADER]: jwt });

  before(async () => {
    stack = await startStack(SDL);
    await stack.service.importData([{ uid: '_:t1', 'dgraph.type': 'Task', 'Task.title': 'first' }]);
    start = await scrape(stack.url);

    const admin = await token({ ROLE: 'ADMIN' });
    const user = await token({ ROLE: 'USER' });
    // Allowed: an admin reads the task, twice (the second answered from the token cache).
    for (let i = 0; i < 2; i++) assert.deepEqual((await ask('{ queryTask { title } }', as(admin))).body.data, { queryTask: [{ title: 'first' }] });
    // Refused by the rules: a user reads nothing, then may not add (same token: a cache hit).
    assert.deepEqual((await ask('{ queryTask { title } }', as(user))).body.data, { queryTask: [] });
    assert.deepEqual((await ask('mutation { addTask(input: [{ title: "x" }]) { numUids } }', as(user))).body.data, { addTask: null });
    // No token: the rule has no ROLE to compare.
    assert.deepEqual((await ask('{ queryTask { title } }')).body.data, { queryTask: [] });
    // Bad tokens: expired, signed with another secret, a malformed Bearer value.
    const expired = await ask('{ queryTask { title } }', as(await token({ ROLE: 'ADMIN' }, Math.floor(Date.now() / 1000) - 3600)));
    assert.deepEqual(expired.body.data, { queryTask: [] });
    await ask('{ queryTask { title } }', as(await token({ ROLE: 'ADMIN' }, '5m', 'another-secret-another-secret-another')));
    const malformed = await ask('{ queryTask { title } }', as('Bearer two words'));
    assert.equal(malformed.body.data, undefined);
    // A request no route serves.
    assert.equal((await fetch(`${stack.url}/nowhere/${'x'.repeat(20)}`)).status, 404);
    end = await scrape(stack.url);
  });
  after(() => stack?.close());

  test('tokens: absent, valid, and invalid with the verifier code', () => {
    assert.deepEqual(moved(start, end, 'authline_auth_tokens_total'), {
      'authline_auth_tokens_total{outcome="valid",reason=""}': 4,
      'authline_auth_tokens_total{outcome="absent",reason=""}': 1,
      'authline_auth_tokens_total{outcome="invalid",reason="JWT_EXPIRED"}': 1,
      'authline_auth_tokens_total{outcome="invalid",reason="JWT_SIGNATURE"}': 1,
      'authline_auth_tokens_total{outcome="invalid",reason="JWT_BEARER_MALFORMED"}': 1,
    });
    assert.deepEqual(moved(start, end, 'authline_token_cache_hits_total'), { authline_token_cache_hits_total: 2 });
  });

  test('denials: per request, type and @auth operation; the malformed Bearer failed before any field', () => {
    assert.deepEqual(moved(start, end, 'authline_auth_denials_total'), {
      // the user's read, the anonymous read, and the two refused tokens' fields
      'authline_auth_denials_total{type="Task",operation="query"}': 4,
      'authline_auth_denials_total{type="Task",operation="add"}': 1,
    });
  });

  test('requests: by route pattern, status and operation type; the scrape itself counted once', () => {
    assert.deepEqual(moved(start, end, 'authline_requests_total'), {
      'authline_requests_total{route="/graphql",status="200",operation="query"}': 6,
      'authline_requests_total{route="/graphql",status="200",operation="mutation"}': 1,
      'authline_requests_total{route="/graphql",status="200",operation=""}': 1,
      'authline_requests_total{route="unmatched",status="404",operation=""}': 1,
      'authline_requests_total{route="/metrics",status="200",operation=""}': 1,
    });
    const counted = moved(start, end, 'authline_request_duration_seconds_count');
    assert.equal(counted['authline_request_duration_seconds_count{route="/graphql",operation="query"}'], 6);
    assert.ok(end.get('authline_request_duration_seconds_sum{route="/graphql",operation="query"}')! > 0);
  });

  test('SQL: every statement counted and timed', () => {
    const statements = moved(start, end, 'authline_sql_statements_total')['authline_sql_statements_total{result="ok"}'];
    assert.ok(statements >= 2, `${statements} statements`);
    assert.equal(moved(start, end, 'authline_sql_duration_seconds_count').authline_sql_duration_seconds_count, statements);
    assert.ok(end.get('authline_sql_duration_seconds_sum')! > 0);
  });

  test('schema, connections and the process', () => {
    assert.equal(end.get('authline_schema_version'), 1);
    assert.equal(end.get('authline_schema_swaps_total{source="upload"}'), 1);
    assert.ok(end.get('authline_open_connections')! >= 1);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      assert.ok(end.has(name), name);
    }
  });
});

describe('/metrics, guarded and per app', () => {
  let guarded: Stack;
  let jwksStack: Stack;
  let provider: JwksServer;
  let down: string;

  before(async () => {
    guarded = await startStack(null, { adminToken: 'metrics-admin-token' });
    provider = await JwksServer.start({ body: jwks('primary') });
    const gone = await JwksServer.start({ status: 500 });
    down = gone.url;
    await gone.stop();
    const line = `# Dgraph.Authorization {"Header":"${HEADER}","Namespace":"${NAMESPACE}","JWKUrls":["${provider.url}","${down}"],"Audience":["metrics"]}`;
    // Retries far apart, so that the failed URL is fetched exactly once here.
    jwksStack = await startStack(`type Note { id: ID! text: String }\n${line}\n`, {}, { retryMinMs: 600_000 });
  });
  after(async () => {
    await guarded?.close();
    await jwksStack?.close();
    await provider?.stop();
  });

  test('the admin token guards /metrics like /admin', async () => {
    assert.equal((await fetch(`${guarded.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${guarded.url}/metrics`, { headers: { 'X-Authline-Admin-Token': 'wrong' } })).status, 401);
    const samples = await scrape(guarded.url, { 'X-Authline-Admin-Token': 'metrics-admin-token' });
    assert.equal(samples.get('authline_schema_version'), 0, 'nothing uploaded yet');
  });

  test('JWKS fetches by URL and result; another app in the process counts apart', async () => {
    const samples = await scrape(jwksStack.url);
    assert.equal(samples.get(`authline_jwks_fetches_total{url="${provider.url}",result="ok"}`), 1);
    assert.equal(samples.get(`authline_jwks_fetches_total{url="${down}",result="error"}`), 1);
    const other = await scrape(guarded.url, { 'X-Authline-Admin-Token': 'metrics-admin-token' });
    assert.deepEqual([...other.keys()].filter((k) => k.startsWith('authline_jwks_fetches_total')), []);
    assert.equal(other.get('authline_requests_total{route="/metrics",status="401",operation=""}'), 2, 'only its own refusals');
  });
});
