/**
 * kill -9 of `authline serve` on an embedded data directory, with writes in
 * flight: every acknowledged write is there after the restart, and the lock
 * the dead process left is taken over. Then the same as PID 1 of a new PID
 * namespace, as in every container: the lock names pid 1, which is the
 * restarted process's own pid, and it must still be taken over (the issue:
 * "in use by this process" until someone deleted the lock by hand).
 * `npm run soak` runs many such cycles, on PostgreSQL too.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pid1Unavailable, serve } from './support/serve-process.js';
import { acknowledgedAtLeast, lostWrites, startWrites, uploadNotesSchema } from './support/writes.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'authline-kill-')); });
after(() => rm(dir, { recursive: true, force: true }));

const acknowledged: string[] = [];
const lockOwner = async () => JSON.parse(await readFile(join(dir, 'authline.lock'), 'utf8')) as { pid: number };

/** Writes against `url` until at least `count` are acknowledged, then kill -9 with writers still in flight. */
async function writeAndKill(server: Awaited<ReturnType<typeof serve>>, prefix: string, count: number): Promise<void> {
  const writes = startWrites(server.url, prefix);
  try {
    await acknowledgedAtLeast(writes, count);
    await server.kill();
  } finally {
    await writes.stop();
  }
  acknowledged.push(...writes.acknowledged);
}

test('kill -9 with writes in flight loses no acknowledged write; the restart takes the dead process\'s lock over', { timeout: 180_000 }, async () => {
  const first = await serve({ store: ['--data', dir] });
  await uploadNotesSchema(first.url);
  await writeAndKill(first, 'plain', 30);
  assert.equal((await lockOwner()).pid, first.pid, 'kill -9 left the lock behind');

  const second = await serve({ store: ['--data', dir] });
  try {
    assert.deepEqual(await lostWrites(second.url, acknowledged), []);
    assert.equal((await lockOwner()).pid, second.pid);
  } finally {
    assert.equal(await second.stop(), 0, second.stderr());
  }
});

test('as PID 1 in a new PID namespace: after kill -9 the restarted PID 1 takes its own stale lock over, data intact', { skip: pid1Unavailable(), timeout: 180_000 }, async () => {
  const first = await serve({ store: ['--data', dir], pid1: true });
  await writeAndKill(first, 'pid1', 30);
  assert.equal((await lockOwner()).pid, 1, 'the lock names pid 1');

  const second = await serve({ store: ['--data', dir], pid1: true });
  try {
    assert.deepEqual(await lostWrites(second.url, acknowledged), []);
    assert.equal((await lockOwner()).pid, 1);
  } finally {
    assert.equal(await second.stop(), 0, second.stderr());
  }
});
