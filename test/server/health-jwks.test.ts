/**
 * /health on the real engine with JWK URLs: each URL's state is reported; a
 * provider that never answered makes the status "degraded" (still 200: its
 * tokens are refused, the rest works), and it recovers by itself once the
 * provider answers.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { key } from '../../fixtures/index.js';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { eventually } from '../support/eventually.js';
import { JwksServer } from '../verifier/support/jwks-server.js';

const schemaWith = (url: string) => `type Item {
  id: ID!
  name: String
}
# Dgraph.Authorization {"Header":"X-Auth","Namespace":"https://authline.test/claims","JWKURL":"${url}","Audience":["bench"]}`;

interface HealthBody {
  status: string;
  schema: { loaded: boolean; version?: number; jwks?: { url: string; state: string; kids: string[]; lastError: string | null }[] };
}

let service: AuthlineService;
let server: Awaited<ReturnType<typeof startServer>>;
const silent = { info() {}, warn() {}, error() {} };
before(async () => {
  service = await createService({ store: await openStore(), verifier: { retryMinMs: 50, retryMaxMs: 100, fetchTimeoutMs: 1000, logger() {} } });
  server = await startServer(service, { port: 0, logger: silent });
});
after(async () => {
  await server.close();
  await service.close();
});

async function health(): Promise<{ status: number; body: HealthBody }> {
  const res = await fetch(`${server.url}/health`);
  return { status: res.status, body: (await res.json()) as HealthBody };
}

test('a reachable JWKS is "ready" with its key ids; a schema without JWK URLs reports none', async () => {
  const provider = await JwksServer.start({});
  try {
    provider.serve([key('rsa').jwk]);
    await service.uploadSchema(schemaWith(provider.url));
    const { status, body } = await health();
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
    assert.equal(body.schema.jwks?.length, 1);
    assert.deepEqual({ ...body.schema.jwks![0], fetchedAt: undefined, expiresAt: undefined }, {
      url: provider.url, state: 'ready', keys: 1, kids: ['rsa'], lastError: null, consecutiveFailures: 0, fetchedAt: undefined, expiresAt: undefined,
    });

    await service.uploadSchema('type Item {\n  id: ID!\n  name: String\n}');
    assert.equal((await health()).body.schema.jwks, undefined);
  } finally {
    await provider.stop();
  }
});

test('a JWKS that is down: degraded but 200, and ok again once the keys arrive', async () => {
  const provider = await JwksServer.start({});
  provider.serve([key('rsa').jwk]);
  await provider.stop(); // the port is known, nothing listens on it
  await service.uploadSchema(schemaWith(provider.url));

  const down = await health();
  assert.equal(down.status, 200);
  assert.equal(down.body.status, 'degraded');
  assert.equal(down.body.schema.jwks?.[0]?.state, 'unavailable');
  assert.ok(down.body.schema.jwks?.[0]?.lastError, 'the reason is reported');

  await provider.listen();
  try {
    const body = await eventually(async () => {
      const { body } = await health();
      return body.status === 'ok' ? body : undefined;
    });
    assert.deepEqual(body.schema.jwks?.[0]?.kids, ['rsa']);
  } finally {
    await provider.stop();
  }
});
