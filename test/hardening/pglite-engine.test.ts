/**
 * The embedded engine under faults: a statement that breaks PGlite (its
 * regex compiler overflowing the stack, an error PGlite itself loses) or
 * runs past the statement timeout is answered with that first error; the
 * engine restarts on its data, committed rows intact, uncommitted ones
 * rolled back; statements queued behind it are answered; listeners hear
 * again; the dead engine's descriptors are closed. In memory too.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EngineFaultError, EngineUnavailableError, StatementTimeoutError } from '../../src/store/index.js';
import { LOCK_FILE } from '../../src/store/backend/dir-lock.js';
import { openPglite } from '../../src/store/backend/pglite.js';
import type { Backend } from '../../src/store/backend/types.js';

/** Long enough to overflow the stack of PGlite's regex compiler in a worker (about 50,000 characters do). */
const STACK_BREAKER = 'a'.repeat(100_000);
/** Short, so the suite stays fast; the first statements after a start need more than a few ms on a loaded machine. */
const TIMEOUT_MS = 2000;

/** How many descriptors this process holds on files inside `dir` (Linux). */
async function openInside(dir: string): Promise<number> {
  const links = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return links.filter((link) => link.startsWith(`${dir}/`)).length;
}

const isFault = (error: unknown) => {
  assert.ok(error instanceof EngineFaultError, String(error));
  assert.equal(error.code, 'XX000');
  assert.match(error.message, /^the embedded database failed while running the statement \(RangeError: Maximum call stack size exceeded\); it is restarting/);
  return true;
};

describe('PGlite in a data directory', () => {
  let dir: string;
  let db: Backend;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authline-engine-'));
    db = await openPglite({ dataDir: dir, statementTimeoutMs: TIMEOUT_MS });
    await db.query('CREATE TABLE t (v text)');
    await db.query(`INSERT INTO t VALUES ('committed')`);
  });
  after(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a regexp that breaks the engine answers its error (PGlite alone answers no rows); the next statement answers', async () => {
    const queued = db.query('SELECT v FROM t');
    await assert.rejects(db.query('SELECT v ~ $1 AS m FROM t', [STACK_BREAKER]), isFault);
    // Queued before the fault, answered by the restarted engine.
    assert.deepEqual(await queued, [{ v: 'committed' }]);
    assert.deepEqual(await db.query('SELECT v ~ $1 AS m FROM t', ['comm']), [{ m: true }]);
  });

  test('a statement past the timeout answers 57014; its transaction is rolled back, committed rows stay', async () => {
    const transaction = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t VALUES ('uncommitted')`);
      await tx.query('SELECT pg_sleep(60)');
    });
    const queued = db.query('SELECT v FROM t ORDER BY v');
    const started = performance.now();
    await assert.rejects(transaction, (error: unknown) => {
      assert.ok(error instanceof StatementTimeoutError, String(error));
      assert.equal(error.code, '57014');
      assert.equal(error.message, 'canceling statement due to statement timeout');
      return true;
    });
    const stopped = performance.now() - started;
    assert.ok(stopped >= TIMEOUT_MS && stopped < TIMEOUT_MS + 5000, `stopped after ${stopped} ms`);
    assert.deepEqual(await queued, [{ v: 'committed' }]);
  });

  test('a fault inside a transaction is what the transaction answers; its later statements do not run on the new engine', async () => {
    let later: unknown;
    await assert.rejects(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t VALUES ('lost')`);
      await tx.query('SELECT v ~ $1 FROM t', [STACK_BREAKER]).catch(() => undefined);
      later = await tx.query(`INSERT INTO t VALUES ('after the restart')`).catch((error: unknown) => error);
      throw new Error('the work gave up');
    }), /the work gave up/);
    assert.ok(later instanceof EngineUnavailableError, String(later));
    assert.equal(later.code, '57P03');
    assert.match(later.message, /restarted during this transaction, which was rolled back/);
    assert.deepEqual(await db.query('SELECT v FROM t ORDER BY v'), [{ v: 'committed' }]);
  });

  test('listeners hear notifications again after a restart, and are told notifications may have been missed', async () => {
    const heard: string[] = [];
    let reconnects = 0;
    const stop = await db.listen('hardening', (payload) => heard.push(payload), () => { reconnects++; });
    try {
      await db.query(`NOTIFY hardening, 'before'`);
      await assert.rejects(db.query('SELECT v ~ $1 FROM t', [STACK_BREAKER]), isFault);
      await db.query(`NOTIFY hardening, 'after'`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(heard, ['before', 'after']);
      assert.equal(reconnects, 1);
    } finally {
      await stop();
    }
  });

  test('restarts do not leak the descriptors a terminated engine held in the directory', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    await db.query('SELECT count(*) FROM t');
    const settled = await openInside(dir);
    for (let i = 0; i < 3; i++) {
      await assert.rejects(db.query('SELECT v ~ $1 FROM t', [STACK_BREAKER]), isFault);
      await db.query('SELECT count(*) FROM t');
    }
    // The running engine's own files only: Node closed what each terminated engine held.
    const open = await openInside(dir);
    assert.ok(open <= settled + 2, `${open} open, ${settled} before`);
  });

  test('close waits for the statement in flight, then later statements fail clearly', async () => {
    const other = await mkdtemp(join(tmpdir(), 'authline-engine-'));
    try {
      const reopened = await openPglite({ dataDir: other });
      const inFlight = reopened.query('SELECT 1 AS one');
      await reopened.close();
      assert.deepEqual(await inFlight, [{ one: 1 }]);
      await assert.rejects(reopened.query('SELECT 1'), (error: unknown) =>
        error instanceof EngineUnavailableError && error.message === 'the embedded database is closed');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

/** This process's in-memory store directories: other test files running meanwhile make theirs in the same place. */
async function ownMemoryDirs(): Promise<string[]> {
  const names = (await readdir(tmpdir())).filter((name) => name.startsWith('authline-memory-'));
  const owners = await Promise.all(names.map((name) => readFile(join(tmpdir(), name, LOCK_FILE), 'utf8').catch(() => '')));
  return names.filter((_, i) => owners[i].includes(`"pid":${process.pid},`));
}

test('in memory: committed data survives a restart; the private directory goes at close', async () => {
  const before = new Set(await ownMemoryDirs());
  const db = await openPglite({ statementTimeoutMs: TIMEOUT_MS });
  const [created] = (await ownMemoryDirs()).filter((name) => !before.has(name));
  assert.ok(created, 'a private temporary directory');
  try {
    assert.equal(db.description, 'pglite:memory');
    await db.query('CREATE TABLE kept (v text)');
    await db.query(`INSERT INTO kept VALUES ('in memory')`);
    await assert.rejects(db.query('SELECT $1 ~ $2', ['x', STACK_BREAKER]), isFault);
    assert.deepEqual(await db.query('SELECT v FROM kept'), [{ v: 'in memory' }]);
  } finally {
    await db.close();
  }
  assert.ok(!(await readdir(tmpdir())).includes(created), 'removed at close');
});
