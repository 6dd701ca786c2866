/**
 * Which files a process holds open, read from /proc/<pid>/fd. Linux only:
 * elsewhere, or for a process of another user, the answer is `undefined`
 * ("cannot tell") and callers fall back to what they can tell.
 */
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';

/** A file as the kernel knows it, whatever path reaches it. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

/** `pid`'s open descriptors and where each leads; `undefined` if they cannot be read. */
async function descriptors(pid: number | 'self'): Promise<Map<number, string> | undefined> {
  const dir = `/proc/${pid}/fd`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const targets = new Map<number, string>();
  await Promise.all(names.map(async (name) => {
    // A descriptor closed since the listing has no link any more.
    const target = await readlink(`${dir}/${name}`).catch(() => undefined);
    if (target !== undefined) targets.set(Number(name), target);
  }));
  return targets;
}

const isInside = (path: string, dir: string) => path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * Whether `pid` holds `file`, or anything inside `dir`, open; `undefined`
 * when its descriptors cannot be read. The identity check covers a process
 * that reaches the file by another path (a bind mount, a symlinked parent).
 */
export async function holdsOpen(pid: number | 'self', dir: string, file: FileIdentity): Promise<boolean | undefined> {
  const targets = await descriptors(pid);
  if (targets === undefined) return undefined;
  const realDir = await realpath(dir);
  for (const [fd, target] of targets) {
    if (isInside(target, realDir)) return true;
    const found = await stat(`/proc/${pid}/fd/${fd}`).catch(() => undefined);
    if (found && found.dev === file.dev && found.ino === file.ino) return true;
  }
  return false;
}
