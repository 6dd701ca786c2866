/**
 * The scratch directory of an `npm test` run (scripts/run-tests.ts makes it,
 * in RAM where there is a tmpfs, and removes it when the run ends). The
 * code, fixtures and keys are the same for every test file of a run, so
 * what costs a file seconds of CPU to make (a loaded data directory, say)
 * is made once there and reused by the other files. Undefined when a file
 * runs on its own: it then makes everything itself, as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const runDirectory: string | undefined = process.env.AUTHLINE_TEST_RUN_DIR || undefined;

/**
 * The directory `name` of the run directory `directory`, made by the first
 * file that asks (`make` fills an empty directory, which is then renamed
 * into place whole, so no file ever sees it half made). A file that asks
 * while another makes it waits for it rather than making it twice; if the
 * maker fails or dies, the next one that asks makes it.
 */
export async function madeOnce(directory: string, name: string, make: (dir: string) => Promise<void>): Promise<string> {
  const published = join(directory, name);
  const lock = `${published}.lock`;
  for (;;) {
    if (existsSync(published)) return published;
    try {
      await mkdir(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await whileHeld(lock);
      continue;
    }
    try {
      await writeFile(join(lock, 'pid'), String(process.pid));
      if (existsSync(published)) return published;
      const staging = await mkdtemp(join(directory, `${name}.staging-`));
      try {
        await make(staging);
        await rename(staging, published);
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
      return published;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/** Waits while another process holds `lock`; a lock whose holder has died is removed. */
async function whileHeld(lock: string): Promise<void> {
  while (existsSync(lock)) {
    const holder = Number(readFile(join(lock, 'pid')));
    if (holder > 0 && !alive(holder)) {
      await rm(lock, { recursive: true, force: true });
      return;
    }
    await sleep(100);
  }
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // not written yet (or the lock just went)
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
