/**
 * One process per PGlite data directory: a second opener, in this process or
 * another, is refused while the first holds it; the lock goes with close() and
 * is taken over when its process died without closing, or when the pid it
 * names no longer holds the directory (our own pid after a restart as PID 1,
 * a reused pid).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, beforeEach, test } from 'node:test';
import { DataDirInUseError, openStore } from '../../src/store/index.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'authline-lock-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => join(dir, 'authline.lock');

test('a second store on the same directory in this process is refused; close releases it', async () => {
  const first = await openStore({ dataDir: dir });
  assert.deepEqual(JSON.parse(readFileSync(lockFile(), 'utf8')), { pid: process.pid, host: hostname() });
  await assert.rejects(openStore({ dataDir: dir }), (error: unknown) => {
    assert.ok(error instanceof DataDirInUseError);
    assert.match(error.message, /^data directory .* is in use by this process; .*DATABASE_URL/);
    return true;
  });
  await first.close();
  assert.equal(existsSync(lockFile()), false);
  const second = await openStore({ dataDir: dir });
  await second.close();
});

test('another live process holding the directory refuses us; once it is killed, its lock is taken over', async () => {
  const holder = spawn(process.execPath, [
    '--import', 'tsx', '--input-type=module', '-e',
    `import { openStore } from ${JSON.stringify(new URL('../../src/store/index.ts', import.meta.url).href)};
     await openStore({ dataDir: ${JSON.stringify(dir)} });
     console.log('ready');
     setInterval(() => {}, 1000);`,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(holder.stdout!, 'data')) as [Buffer];
    assert.equal(line.toString().trim(), 'ready');
    await assert.rejects(openStore({ dataDir: dir }), new RegExp(`in use by process ${holder.pid};`));
  } finally {
    holder.kill('SIGKILL');
    await once(holder, 'exit');
  }
  // kill -9 left the lock behind; its process is gone, so it is stale.
  assert.equal(JSON.parse(readFileSync(lockFile(), 'utf8')).pid, holder.pid);
  const store = await openStore({ dataDir: dir });
  assert.equal(JSON.parse(readFileSync(lockFile(), 'utf8')).pid, process.pid);
  await store.close();
});

test('a lock from another host is never guessed stale', async () => {
  writeFileSync(lockFile(), JSON.stringify({ pid: 1, host: 'elsewhere.example' }));
  await assert.rejects(openStore({ dataDir: dir }), /in use by process 1 on elsewhere\.example \(delete .*authline\.lock if it is gone\)/);
  assert.equal(existsSync(join(dir, 'PG_VERSION')), false, 'nothing was created in the directory');
});

test('a lock naming this process, which this process does not hold, is stale: a container restarted as PID 1 meets its own pid', async () => {
  writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, host: hostname() }));
  const store = await openStore({ dataDir: dir });
  await store.close();
  assert.equal(existsSync(lockFile()), false);
});

test('a lock naming a live process that does not hold the directory open is stale (a reused pid)', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const stranger = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    writeFileSync(lockFile(), JSON.stringify({ pid: stranger.pid, host: hostname() }));
    const store = await openStore({ dataDir: dir });
    assert.equal(JSON.parse(readFileSync(lockFile(), 'utf8')).pid, process.pid);
    await store.close();
  } finally {
    stranger.kill('SIGKILL');
    await once(stranger, 'exit');
  }
});
