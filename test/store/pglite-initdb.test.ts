/**
 * A PGlite data directory is created by initdb in a child process
 * (src/store/backend/pglite-initdb.ts), so the process that then opens it
 * does not keep initdb's memory. `npm run bench:import` measures the memory;
 * this checks the directory it makes opens with its data, and that a failure
 * is an error naming initdb, not a half-made store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataDir, hasDataDir } from '../../src/store/backend/pglite-initdb.js';
import { openPglite } from '../../src/store/backend/pglite.js';

test('a fresh data directory is made by the child, then opened and kept by the engine', async () => {
  const root = mkdtempSync(join(tmpdir(), 'authline-initdb-'));
  try {
    const dir = join(root, 'data');
    assert.equal(hasDataDir(dir), false);
    const store = await openPglite({ dataDir: dir, fsync: false, sharedBuffersMb: 16 });
    try {
      assert.equal(hasDataDir(dir), true);
      assert.deepEqual(await store.query("SELECT current_setting('shared_buffers') AS size"), [{ size: '16MB' }]);
      await store.query('CREATE TABLE kept (n int)');
      await store.query('INSERT INTO kept VALUES (7)');
    } finally {
      await store.close();
    }
    const again = await openPglite({ dataDir: dir, fsync: false });
    try {
      assert.deepEqual(await again.query('SELECT n FROM kept'), [{ n: 7 }]);
      assert.deepEqual(await again.query("SELECT current_setting('shared_buffers') AS size"), [{ size: '128MB' }]);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('initdb that cannot make the directory fails with its reason', async () => {
  const root = mkdtempSync(join(tmpdir(), 'authline-initdb-'));
  try {
    const file = join(root, 'not-a-directory');
    writeFileSync(file, 'x');
    await assert.rejects(createDataDir(file, false), /^Error: initdb failed: /);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a buffer pool that is not a whole number of MB is refused before anything opens', async () => {
  await assert.rejects(openPglite({ sharedBuffersMb: 0.5 }), /sharedBuffersMb must be a whole number of MB, at least 1, not 0.5/);
});
