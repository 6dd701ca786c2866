/**
 * One process per PGlite data directory. PGlite is PostgreSQL compiled to
 * WebAssembly with no postmaster: two processes opening the same directory
 * both write to it and corrupt it, silently. So the directory carries a lock
 * file, like PostgreSQL's own `postmaster.pid`: created exclusively, holding
 * the owner's pid and host, and kept open by its owner until released.
 *
 * A lock left by a process that died (a crash, kill -9, an OOM kill) is
 * stale and taken over. "Died" is decided as PostgreSQL decides it, since a
 * pid alone says little in a container, where every restart is PID 1 again:
 * where /proc tells (Linux), the lock is held only while its pid holds the
 * lock file or the directory open; elsewhere a lock naming our own pid (not
 * held by this process) or our parent's pid is stale, and any other is held
 * while its pid lives. A live holder refuses the second opener with a
 * message that says what to do instead.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../errors.js';
import { holdsOpen } from './open-files.js';

export const LOCK_FILE = 'authline.lock';

/** Another live process holds the data directory. */
export class DataDirInUseError extends StoreError {
  override readonly name = 'DataDirInUseError';

  constructor(readonly dataDir: string, readonly owner: string) {
    super(
      `data directory ${dataDir} is in use by ${owner}; an embedded database serves one process: ` +
        'stop it first, send data to it over HTTP (authline import --url), or move to PostgreSQL (DATABASE_URL) for several processes',
    );
  }
}

interface Owner {
  readonly pid: number;
  readonly host: string;
}

/** Lock files this process holds, for platforms where /proc cannot say. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/** Creates the lock file if there is none; the handle stays open: holding it is what "in use" means. */
async function createExclusive(path: string): Promise<FileHandle | undefined> {
  let file: FileHandle;
  try {
    file = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  try {
    await file.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
    return file;
  } catch (error) {
    await file.close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
}

/** Who holds the lock, or `undefined` when it is stale. */
async function holder(owner: Owner, dataDir: string, path: string): Promise<string | undefined> {
  // On another host the pid means nothing here: only a person can tell whether it is stale.
  if (owner.host !== hostname()) return `process ${owner.pid} on ${owner.host} (delete ${path} if it is gone)`;
  const ours = owner.pid === process.pid;
  const who = ours ? 'this process' : `process ${owner.pid}`;
  const file = await stat(path).catch(() => undefined);
  if (file === undefined) return undefined; // removed meanwhile
  const held = await holdsOpen(ours ? 'self' : owner.pid, dataDir, file);
  if (held !== undefined) return held ? who : undefined;
  if (ours) return heldHere.has(path) ? who : undefined;
  if (owner.pid === process.ppid) return undefined;
  return isAlive(owner.pid) ? who : undefined;
}

function held(path: string, file: FileHandle): () => Promise<void> {
  heldHere.add(path);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    await unlink(path).catch(() => undefined);
    await file.close().catch(() => undefined);
  };
}

/** Locks `dataDir` (creating it) for this process; the returned function releases the lock. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const first = await createExclusive(path);
  if (first) return held(path, first);

  const owner = await readOwner(path);
  const by = owner && await holder(owner, dataDir, path);
  if (by) throw new DataDirInUseError(dataDir, by);
  // Stale. Remove it and race for a fresh one; a loser sees the winner's lock.
  await unlink(path).catch(() => undefined);
  const fresh = await createExclusive(path);
  if (fresh) return held(path, fresh);
  const winner = await readOwner(path);
  throw new DataDirInUseError(dataDir, winner ? `process ${winner.pid}` : 'another process');
}
