/**
 * One process per PGlite data directory. PGlite is PostgreSQL compiled to
 * WebAssembly with no postmaster: two processes opening the same directory
 * both write to it and corrupt it, silently. So the directory carries a lock
 * file, like PostgreSQL's own `postmaster.pid`: created exclusively, holding
 * the owner's pid and host; a lock whose process is gone (a crash, kill -9) is
 * taken over; a live one refuses the second opener with a message that says
 * what to do instead.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

const LOCK_FILE = 'authline.lock';

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

async function createExclusive(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'wx');
    try {
      await file.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
    } finally {
      await file.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Locks `dataDir` (creating it) for this process; the returned function releases the lock. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const release = async () => { await unlink(path).catch(() => undefined); };
  if (await createExclusive(path)) return release;

  const owner = await readOwner(path);
  // On another host the pid means nothing here: only a person can tell whether it is stale.
  if (owner && owner.host !== hostname()) {
    throw new DataDirInUseError(dataDir, `process ${owner.pid} on ${owner.host} (delete ${path} if it is gone)`);
  }
  if (owner && isAlive(owner.pid)) {
    throw new DataDirInUseError(dataDir, owner.pid === process.pid ? 'this process' : `process ${owner.pid}`);
  }
  // Stale: its process is gone. Remove it and race for a fresh one; a loser sees the winner's lock.
  await unlink(path).catch(() => undefined);
  if (await createExclusive(path)) return release;
  const winner = await readOwner(path);
  throw new DataDirInUseError(dataDir, winner ? `process ${winner.pid}` : 'another process');
}
