/**
 * serve's timeout and connection flags: durations as Dgraph spells them,
 * each flag's AUTHLINE_ variable (the flag wins), bad values refused with
 * the name to blame, and the values reaching the store and the server.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { test } from 'node:test';
import { parseDuration, UsageError } from '../../src/cli/args.js';
import { connectionOptions, statementTimeout } from '../../src/cli/connection-flags.js';
import { main } from '../../src/cli/main.js';
import { testRuntime } from './support/runtime.js';

test('durations: 10s, 500ms, 2m, 1.5s, 0; anything else is a usage error naming the flag', () => {
  assert.equal(parseDuration('--x', '10s'), 10_000);
  assert.equal(parseDuration('--x', '500ms'), 500);
  assert.equal(parseDuration('--x', '2m'), 120_000);
  assert.equal(parseDuration('--x', '1.5s'), 1500);
  assert.equal(parseDuration('--x', '0'), 0);
  for (const bad of ['10', '-1s', '1h', 's', '', '10 s ms']) {
    assert.throws(() => parseDuration('--x', bad), (e: Error) => e instanceof UsageError && e.message.startsWith('--x must be a duration'));
  }
});

test('each flag has an AUTHLINE_ variable; the flag wins; 0 means no statement timeout, and is refused for the HTTP timeouts', () => {
  const env = {
    AUTHLINE_STATEMENT_TIMEOUT: '3s',
    AUTHLINE_MAX_CONNECTIONS: '50',
    AUTHLINE_HEADERS_TIMEOUT: '2s',
    AUTHLINE_REQUEST_TIMEOUT: '20s',
    AUTHLINE_KEEP_ALIVE_TIMEOUT: '1s',
  };
  assert.equal(statementTimeout({}, env), 3000);
  assert.equal(statementTimeout({ 'statement-timeout': '0' }, env), 0);
  assert.equal(statementTimeout({}, {}), undefined);
  assert.deepEqual(connectionOptions({}, env), { maxConnections: 50, headersTimeoutMs: 2000, requestTimeoutMs: 20_000, keepAliveTimeoutMs: 1000 });
  assert.deepEqual(connectionOptions({ 'max-connections': '7', 'headers-timeout': '500ms' }, env).maxConnections, 7);
  assert.deepEqual(connectionOptions({}, {}), { maxConnections: undefined, headersTimeoutMs: undefined, requestTimeoutMs: undefined, keepAliveTimeoutMs: undefined });
  assert.throws(() => connectionOptions({ 'headers-timeout': '0' }, {}), /--headers-timeout must be longer than 0/);
  assert.throws(() => connectionOptions({}, { AUTHLINE_MAX_CONNECTIONS: 'many' }), /AUTHLINE_MAX_CONNECTIONS must be a whole number/);
});

test('serve hands the statement timeout to the store and the connection limit to the server', async () => {
  const rt = testRuntime({ env: { AUTHLINE_STATEMENT_TIMEOUT: '750ms' } });
  const exit = main(['serve', '--memory', '-p', '0', '--max-connections', '1'], rt);
  const url = await rt.listening();
  const holder = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
  try {
    await once(holder, 'connect');
    assert.equal(rt.serviceOptions[0].statementTimeoutMs, 750);
    const res = await fetch(`${url}/health`);
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as any).errors[0].extensions.code, 'TOO_MANY_CONNECTIONS');
  } finally {
    holder.destroy();
    rt.shutdown();
  }
  assert.equal(await exit, 0);
});

test('a bad value stops serve with a usage error (exit 2)', async () => {
  const rt = testRuntime();
  assert.equal(await main(['serve', '--memory', '--statement-timeout', '10'], rt), 2);
  assert.match(rt.err(), /--statement-timeout must be a duration such as 10s, 500ms or 2m, got "10"/);
});
