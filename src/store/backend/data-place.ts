/**
 * Where a PGlite engine keeps its files: the data directory it was given,
 * locked for this process, or, for an "in memory" store, a private
 * temporary directory. An engine restarted after a fault or a timeout
 * (pglite-engine.ts) reopens its directory with every committed
 * transaction, which an engine holding its files in WebAssembly memory
 * could not do; so in-memory data lives in a directory too, under the
 * system's temporary directory (TMPDIR; point it at a tmpfs to keep it in
 * RAM), without fsync, removed at close. One left behind by a process that
 * died is removed by the next process that opens an in-memory store.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockDataDir } from './dir-lock.js';

export interface DataPlace {
  readonly dir: string;
  /** Private and thrown away at close: nothing there needs to survive a crash. */
  readonly temporary: boolean;
  /** Unlocks it (and removes it, if temporary). */
  release(): Promise<void>;
}

const TEMPORARY_PREFIX = 'authline-memory-';

export async function dataPlace(dataDir: string | undefined): Promise<DataPlace> {
  if (dataDir !== undefined) return { dir: dataDir, temporary: false, release: await lockDataDir(dataDir) };
  await removeAbandoned();
  const dir = await mkdtemp(join(tmpdir(), TEMPORARY_PREFIX));
  const unlock = await lockDataDir(dir);
  return {
    dir,
    temporary: true,
    async release() {
      await rm(dir, { recursive: true, force: true });
      await unlock();
    },
  };
}

/** Removes the temporary directories whose lock is stale (their process died); live ones refuse the lock. */
async function removeAbandoned(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => []);
  for (const name of names) {
    const dir = join(tmpdir(), name);
    // Without a lock file it is being created right now, or it is not ours to judge.
    if (!name.startsWith(TEMPORARY_PREFIX) || !existsSync(join(dir, LOCK_FILE))) continue;
    const unlock = await lockDataDir(dir).catch(() => undefined);
    if (!unlock) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    await unlock();
  }
}
