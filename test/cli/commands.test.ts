/**
 * serve, import and check run in-process on a Runtime whose engine is the
 * TEST DOUBLE of the service: what the commands do with their arguments,
 * the environment, the schema file and the store location. The same
 * commands against the real engine are for when it exists.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { checkSchema } from '../../src/engine/index.js';
import { AuthlineMetrics } from '../../src/server/index.js';
import { startTestServer } from '../server/support/server.js';
import { TEST_SDL, TestAuthlineService } from '../server/support/test-service.js';
import { testRuntime, type TestRuntime } from './support/runtime.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'authline-cmd-'));
  writeFileSync(join(dir, 'schema.graphql'), TEST_SDL);
  writeFileSync(join(dir, 'bad.graphql'), 'type Query {\n  a: Missing\n}\ntype B { b: AlsoMissing }\n');
  writeFileSync(join(dir, 'data.json'), JSON.stringify([{ uid: '_:alice' }, { uid: '_:bob' }]));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('serve', () => {
  test('uploads the schema file, serves it, logs where, and closes everything on the signal', async () => {
    const rt = testRuntime({ cwd: dir });
    const exit = main(['serve', 'schema.graphql', '--port', '0', '--debug'], rt);
    const url = await rt.listening();
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ version secret }"}' });
    assert.equal(((await res.json()) as any).errors[0].message, 'authorization failed', '--debug reached the server');

    const listening = JSON.parse(rt.out().split('\n')[0]) as Record<string, unknown>;
    assert.equal(listening.msg, 'listening');
    assert.equal(listening.graphql, `${url}/graphql`);
    assert.equal(listening.store, join(dir, '.authline/data'));
    assert.equal(listening.schemaVersion, 1);
    assert.deepEqual(rt.serviceOptions.map((o) => o.store), [{ kind: 'directory', path: join(dir, '.authline/data'), fsync: true }]);
    assert.ok(rt.serviceOptions[0].observer instanceof AuthlineMetrics, 'the store and engine report to the metrics /metrics serves');

    rt.shutdown();
    assert.equal(await exit, 0);
    assert.ok(rt.services[0].closed);
    await assert.rejects(fetch(`${url}/health`));
    assert.match(rt.out(), /"msg":"request".*"path":"\/graphql"/);
    assert.match(rt.out(), /"msg":"shutting down","signal":"SIGTERM"/);
  });

  test('a restart with the same file keeps the stored version; a changed file is uploaded', async () => {
    const service = new TestAuthlineService();
    const start = async (file: string) => {
      const rt = testRuntime({ cwd: dir, service });
      const exit = main(['serve', file, '--memory', '--port', '0'], rt);
      await rt.listening();
      const listening = JSON.parse(rt.out().split('\n')[0]) as { schemaVersion: number };
      rt.shutdown();
      assert.equal(await exit, 0);
      return listening.schemaVersion;
    };
    writeFileSync(join(dir, 'changed.graphql'), `${TEST_SDL}\n# a comment changes the file\n`);
    assert.equal(await start('schema.graphql'), 1);
    assert.equal(await start('schema.graphql'), 1, 'the same SDL is not uploaded again');
    assert.equal(await start('changed.graphql'), 2);
  });

  test('a rejected schema file stops the start: one error log line with every error as FILE:LINE:COLUMN', async () => {
    const rt = testRuntime({ cwd: dir });
    assert.equal(await main(['serve', 'bad.graphql', '--memory', '--port', '0'], rt), 1);
    assert.equal(rt.err(), '');
    const [line, ...rest] = rt.out().trimEnd().split('\n');
    assert.deepEqual(rest, []);
    const { time, ...logged } = JSON.parse(line) as Record<string, unknown>;
    assert.ok(!Number.isNaN(Date.parse(String(time))));
    assert.deepEqual(logged, {
      level: 'error',
      msg: 'schema rejected; nothing was changed',
      file: 'bad.graphql',
      errors: ['bad.graphql:2:6: Unknown type "Missing".', 'bad.graphql:4:13: Unknown type "AlsoMissing".'],
    });
    assert.ok(rt.services[0].closed);
    assert.equal(rt.services[0].current(), null);
    assert.doesNotMatch(rt.out(), /listening/);
  });

  test('without a schema it says how to upload one', async () => {
    const rt = testRuntime({ cwd: dir });
    const exit = main(['serve', '--memory', '-p', '0'], rt);
    const url = await rt.listening();
    assert.match(rt.out(), new RegExp(`"hint":"no schema yet: curl --data-binary @schema.graphql ${url}/admin/schema"`));
    assert.deepEqual(rt.serviceOptions.map((o) => o.store), [{ kind: 'memory' }]);
    rt.shutdown();
    assert.equal(await exit, 0);
  });

  test('reads PORT, HOST, DATABASE_URL, AUTHLINE_ADMIN_TOKEN and AUTHLINE_CORS_ORIGINS; flags win', async () => {
    const rt = testRuntime({
      cwd: dir,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgres://authline:pw@db.internal:5432/authline',
        AUTHLINE_ADMIN_TOKEN: 'env-admin-token',
        AUTHLINE_CORS_ORIGINS: 'https://a.example, https://b.example',
      },
    });
    const exit = main(['serve', 'schema.graphql'], rt);
    const url = await rt.listening();
    assert.deepEqual(rt.serviceOptions.map((o) => o.store), [{ kind: 'postgres', url: 'postgres://authline:pw@db.internal:5432/authline' }]);
    assert.match(rt.out(), /"store":"postgres:\/\/authline:\*\*\*@db\.internal:5432\/authline"/);
    assert.doesNotMatch(rt.out(), /:pw@/);
    assert.equal((await fetch(`${url}/admin/schema`)).status, 401);
    assert.equal((await fetch(`${url}/admin/schema`, { headers: { 'X-Authline-Admin-Token': 'env-admin-token' } })).status, 200);
    const cors = await fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { Origin: 'https://b.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(cors.headers.get('access-control-allow-origin'), 'https://b.example');
    rt.shutdown();
    assert.equal(await exit, 0);

    const flags = testRuntime({ cwd: dir, env: { DATABASE_URL: 'postgres://x@y/z', PORT: 'not-a-port' } });
    const flagged = main(['serve', '--data', 'elsewhere', '--port', '0', '--cors-origin', 'https://c.example'], flags);
    await flags.listening();
    assert.deepEqual(flags.serviceOptions.map((o) => o.store), [{ kind: 'directory', path: join(dir, 'elsewhere'), fsync: true }]);
    flags.shutdown();
    assert.equal(await flagged, 0);
  });

  test('--introspection (or AUTHLINE_INTROSPECTION) sets who may introspect; flags win; other values are refused', async () => {
    const introspect = async (url: string) => {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __schema { queryType { name } } }"}' });
      return ((await res.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? 'answered';
    };
    const byEnv = testRuntime({ cwd: dir, env: { AUTHLINE_INTROSPECTION: 'off' } });
    const envExit = main(['serve', 'schema.graphql', '--memory', '--port', '0'], byEnv);
    assert.equal(await introspect(await byEnv.listening()), 'INTROSPECTION_REFUSED');
    byEnv.shutdown();
    assert.equal(await envExit, 0);

    const byFlag = testRuntime({ cwd: dir, env: { AUTHLINE_INTROSPECTION: 'off' } });
    const flagExit = main(['serve', 'schema.graphql', '--memory', '--port', '0', '--introspection', 'open'], byFlag);
    assert.equal(await introspect(await byFlag.listening()), 'answered');
    byFlag.shutdown();
    assert.equal(await flagExit, 0);

    const wrong = testRuntime({ cwd: dir });
    assert.equal(await main(['serve', '--memory', '--introspection', 'closed'], wrong), 2);
    assert.match(wrong.err(), /--introspection must be one of open, authenticated, off, got "closed"/);
  });

  test('--pglite-fsync (or AUTHLINE_PGLITE_FSYNC) turns flushing of the data directory off or on; flags win', async () => {
    const serveWith = async (args: string[], env: Record<string, string> = {}) => {
      const rt = testRuntime({ cwd: dir, env });
      const exit = main(['serve', '--port', '0', ...args], rt);
      await rt.listening();
      rt.shutdown();
      assert.equal(await exit, 0, rt.err());
      return rt.serviceOptions.map((o) => o.store);
    };
    const store = (fsync: boolean) => [{ kind: 'directory', path: join(dir, 'fsync'), fsync }];
    assert.deepEqual(await serveWith(['--data', 'fsync', '--pglite-fsync', 'off']), store(false));
    assert.deepEqual(await serveWith(['--data', 'fsync'], { AUTHLINE_PGLITE_FSYNC: 'false' }), store(false));
    assert.deepEqual(await serveWith(['--data', 'fsync', '--pglite-fsync', 'on'], { AUTHLINE_PGLITE_FSYNC: 'off' }), store(true));
    // The environment of a deployment that also sets DATABASE_URL is not an error.
    assert.deepEqual(await serveWith(['--memory'], { AUTHLINE_PGLITE_FSYNC: 'off' }), [{ kind: 'memory' }]);

    const wrong = testRuntime({ cwd: dir });
    assert.equal(await main(['serve', '--pglite-fsync', 'sometimes'], wrong), 2);
    assert.match(wrong.err(), /--pglite-fsync must be on or off, got "sometimes"/);
    assert.equal(await main(['serve', '--memory', '--pglite-fsync', 'off'], wrong), 2);
    assert.match(wrong.err(), /--pglite-fsync applies to an embedded data directory/);
    assert.equal(wrong.services.length, 0, 'no store opened');
  });

  test('--max-ws-connections (or AUTHLINE_MAX_WS_CONNECTIONS) bounds WebSocket connections; flags win; --max-subscriptions is checked', async () => {
    const opened = (url: string) =>
      new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
        const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        socket.once('open', () => resolve({ socket }));
        socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
        socket.once('error', () => {});
      });
    const byEnv = testRuntime({ cwd: dir, env: { AUTHLINE_MAX_WS_CONNECTIONS: '1' } });
    const envExit = main(['serve', 'schema.graphql', '--memory', '--port', '0'], byEnv);
    const envUrl = await byEnv.listening();
    const first = await opened(envUrl);
    assert.ok(first.socket);
    assert.deepEqual(await opened(envUrl), { status: 503 });
    first.socket.close();
    byEnv.shutdown();
    assert.equal(await envExit, 0);

    const byFlag = testRuntime({ cwd: dir, env: { AUTHLINE_MAX_WS_CONNECTIONS: '1' } });
    const flagExit = main(['serve', 'schema.graphql', '--memory', '--port', '0', '--max-ws-connections', '2', '--max-subscriptions', '5'], byFlag);
    const flagUrl = await byFlag.listening();
    const both = [await opened(flagUrl), await opened(flagUrl)];
    assert.ok(both.every((o) => o.socket));
    for (const o of both) o.socket?.close();
    byFlag.shutdown();
    assert.equal(await flagExit, 0);

    const wrong = testRuntime({ cwd: dir });
    assert.equal(await main(['serve', '--memory', '--max-subscriptions', '0'], wrong), 2);
    assert.match(wrong.err(), /--max-subscriptions must be a whole number from 1 to 1000000, got "0"/);
  });
});

describe('import', () => {
  test('loads a file into the store and prints the uids', async () => {
    const service = new TestAuthlineService();
    await service.uploadSchema(TEST_SDL);
    const rt = testRuntime({ cwd: dir, service });
    assert.equal(await main(['import', 'data.json', '--data', 'store'], rt), 0, rt.err());
    assert.deepEqual(JSON.parse(rt.out()), { code: 'Success', uids: { alice: '0x1', bob: '0x2' }, triples: 2, created: 2 });
    assert.match(rt.err(), /^imported data\.json: 2 triples in \d+\.\d s/);
    assert.deepEqual(rt.serviceOptions.map((o) => o.store), [{ kind: 'directory', path: join(dir, 'store'), fsync: true }]);
    assert.ok(service.closed);
  });

  test('reads stdin for -, and refuses a store without a schema or a file that is not JSON', async () => {
    const service = new TestAuthlineService();
    await service.uploadSchema(TEST_SDL);
    const stdin = testRuntime({ cwd: dir, service, stdin: '{"set":[{"uid":"_:x"}]}' });
    assert.equal(await main(['import', '-'], stdin), 0, stdin.err());
    assert.deepEqual(JSON.parse(stdin.out()).uids, { x: '0x1' });

    const empty = testRuntime({ cwd: dir });
    assert.equal(await main(['import', 'data.json', '--memory'], empty), 2, 'no --memory for import');
    assert.equal(await main(['import', 'data.json'], empty), 1);
    assert.match(empty.err(), /holds no schema yet: upload one first/);
    assert.ok(empty.services[0].closed);

    writeFileSync(join(dir, 'broken.json'), '[{');
    const service2 = new TestAuthlineService();
    await service2.uploadSchema(TEST_SDL);
    const broken = testRuntime({ cwd: dir, service: service2 });
    assert.equal(await main(['import', 'broken.json'], broken), 1);
    assert.equal(broken.err(), 'broken.json: line 1: not valid JSON: the data ends inside an object\nnothing was imported\n');
    assert.equal(service2.imports.length, 0);
    assert.ok(service2.closed);
  });

  test('--url sends the data through a running server, with the admin token', async () => {
    const server = await startTestServer({ adminToken: 'tok-for-import' });
    try {
      const without = testRuntime({ cwd: dir });
      assert.equal(await main(['import', 'data.json', '--url', server.url], without), 1);
      assert.match(without.err(), /Admin token required/);
      const withToken = testRuntime({ cwd: dir, env: { AUTHLINE_ADMIN_TOKEN: 'tok-for-import' } });
      assert.equal(await main(['import', 'data.json', '--url', `${server.url}/`], withToken), 0, withToken.err());
      assert.deepEqual(JSON.parse(withToken.out()), { code: 'Success', uids: { alice: '0x1', bob: '0x2' }, triples: 2, created: 2 });
      assert.equal(withToken.services.length, 0, 'no store opened');
      assert.equal(server.service.imports.length, 1);
    } finally {
      await server.close();
    }
  });
});

/** The runtime with the real engine's offline check, for Dgraph schemas the test double cannot build. */
function engineChecked(rt: TestRuntime): TestRuntime {
  return { ...rt, checkSchema };
}

describe('check', () => {
  test('prints every error as FILE:LINE:COLUMN: MESSAGE and exits 1; ok files exit 0', async () => {
    const rt = testRuntime({ cwd: dir });
    assert.equal(await main(['check', 'schema.graphql', 'bad.graphql'], rt), 1);
    assert.equal(rt.out(), 'schema.graphql: ok\n');
    assert.equal(rt.err(), 'bad.graphql:2:6: Unknown type "Missing".\nbad.graphql:4:13: Unknown type "AlsoMissing".\n');
    const ok = testRuntime({ cwd: dir });
    assert.equal(await main(['check', 'schema.graphql'], ok), 0);
  });

  test('warns, without failing, when keys come from a provider without AudienceRequired', async () => {
    const line = (extra: Record<string, unknown>) =>
      `# Dgraph.Authorization ${JSON.stringify({ Header: 'Authorization', Namespace: 'https://ns', OIDC: 'https://idp.example/', Audience: ['api'], ...extra })}`;
    // Warnings come from the real engine (offline), which needs a schema Dgraph would take.
    const types = 'type Doc {\n  title: String\n}\n';
    writeFileSync(join(dir, 'oidc.graphql'), `${types}${line({})}\n`);
    writeFileSync(join(dir, 'strict.graphql'), `${types}${line({ AudienceRequired: true })}\n`);
    const authLineAt = types.split('\n').length;
    const rt = engineChecked(testRuntime({ cwd: dir }));
    assert.equal(await main(['check', 'oidc.graphql', 'strict.graphql'], rt), 0);
    assert.equal(rt.out(), 'oidc.graphql: ok\nstrict.graphql: ok\n');
    assert.equal(
      rt.err(),
      `oidc.graphql:${authLineAt}:1: warning: keys come from a provider (JWKUrl/JWKUrls/OIDC) but "AudienceRequired" is not true: ` +
        'a token without "aud" passes the audience check (as in Dgraph), so a token the provider signed for another purpose may be accepted; add "AudienceRequired": true\n',
    );
  });

  test('prints the upload\'s warnings, each at its line; --strict fails on them', async () => {
    const sdl = [
      'type Doc @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) @withSubscription {',
      '  title: String',
      '  score: [Float!] @embedding',
      '}',
      'type Note { text: String } # Dgraph.Authorization {"VerificationKey":"short","Header":"X-Auth","Namespace":"https://ns","Algo":"HS256"}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'warned.graphql'), sdl);
    writeFileSync(join(dir, 'clean.graphql'), 'type Note {\n  text: String\n}\n');
    const loose = engineChecked(testRuntime({ cwd: dir }));
    assert.equal(await main(['check', 'warned.graphql'], loose), 0);
    assert.equal(loose.out(), 'warned.graphql: ok\n');
    assert.equal(
      loose.err(),
      'warned.graphql:1:10: warning: the @auth rules of Doc read $ROLE, but the schema has no # Dgraph.Authorization line: ' +
        'no token is read, so every variable is missing and these rules hold for nobody\n' +
        'warned.graphql:5:30: warning: "Dgraph.Authorization" appears here but not at the start of a line, so the schema has no auth line and no token is read. ' +
        'Uploading with curl -d strips newlines: use curl --data-binary @schema.graphql\n',
    );
    const strict = engineChecked(testRuntime({ cwd: dir }));
    assert.equal(await main(['check', '--strict', 'warned.graphql', 'clean.graphql'], strict), 1);
    assert.equal(strict.out(), 'clean.graphql: ok\n');
    assert.match(strict.err(), /^warned\.graphql:1:10: warning: /);
  });
});
