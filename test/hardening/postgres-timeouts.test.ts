/**
 * Every wait on a PostgreSQL server is bounded (store/backend/connection-limits.ts):
 * a statement over the statement timeout answers PostgreSQL's 57014 and
 * leaves its connection usable; a frozen server (a relay that passes no
 * byte, as a SIGSTOPped postmaster would look) fails statements and
 * transactions within the statement timeout plus the driver's margin, and
 * the pool serves again once the server answers.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { QUERY_TIMEOUT_MARGIN_MS } from '../../src/store/backend/connection-limits.js';
import { openPostgres } from '../../src/store/backend/postgres.js';
import type { Backend } from '../../src/store/backend/types.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startFreezableProxy, type FreezableProxy } from './support/freezable-proxy.js';

const TIMEOUT_MS = 300;
let db: TestDatabase;
let proxy: FreezableProxy;
let backend: Backend;

before(async () => {
  db = await createTestDatabase();
  proxy = await startFreezableProxy(db.url);
  backend = await openPostgres(proxy.url, undefined, 2, TIMEOUT_MS);
});
after(async () => {
  proxy?.thaw();
  await backend?.close();
  await proxy?.close();
  await db?.drop();
});

async function timed<T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: any }> {
  const started = performance.now();
  try {
    const value = await work;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

test('a statement over the statement timeout answers 57014; the connection serves the next one', async () => {
  const slow = await timed(backend.query('SELECT pg_sleep(5)'));
  assert.equal(slow.error?.code, '57014', String(slow.error));
  assert.match(slow.error.message, /canceling statement due to statement timeout/);
  assert.ok(slow.ms < 2000, `stopped after ${slow.ms} ms`);
  const inTx = await timed(backend.transaction((tx) => tx.query('SELECT pg_sleep(5)')));
  assert.equal(inTx.error?.code, '57014');
  assert.deepEqual(await backend.query('SELECT 1 AS one'), [{ one: 1 }]);
});

test('a frozen server fails statements and transactions in bounded time; thawed, the pool serves again', async () => {
  // Both pooled connections open, so each failure is a statement's (a new connection's is CONNECT_TIMEOUT_MS).
  await Promise.all([backend.query('SELECT pg_sleep(0.05)'), backend.query('SELECT pg_sleep(0.05)')]);
  proxy.freeze();
  const bound = TIMEOUT_MS + QUERY_TIMEOUT_MARGIN_MS + 1500;
  const [statement, transaction] = await Promise.all([
    timed(backend.query('SELECT 1')),
    timed(backend.transaction((tx) => tx.query('SELECT 1'))),
  ]);
  for (const outcome of [statement, transaction]) {
    assert.ok(outcome.error, 'failed');
    assert.ok(outcome.ms < bound, `failed after ${outcome.ms} ms (bound ${bound})`);
  }
  proxy.thaw();
  assert.deepEqual(await backend.query('SELECT 1 AS one'), [{ one: 1 }]);
  assert.deepEqual(await backend.transaction((tx) => tx.query('SELECT 2 AS two')), [{ two: 2 }]);
});
