/**
 * A fresh PostgreSQL cluster for an in-memory store, copied instead of made.
 * PGlite runs initdb (in WebAssembly) on an empty data directory: seconds of
 * CPU, most of what opening a new store costs. Its result depends only on
 * PGlite's release, so the first in-memory store of a machine keeps a clean
 * copy under the temporary directory and every later one copies those files
 * (milliseconds) and starts on them.
 *
 * The template is this user's own: made in a private directory (0700) and
 * renamed into place whole, so it is either absent or complete; one that is
 * a link, someone else's, open to others' writes or incomplete is never
 * used (the store then runs initdb as before), nor is one missing a file
 * it was made with. It is never changed once
 * made; a new PGlite release makes a new one beside it. A new data
 * directory of a durable store is seeded the same way, its copy flushed to
 * disk before the engine starts on it.
 */
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEMPLATE_PREFIX = 'authline-pglite-cluster-';
const STAGING_PREFIX = 'authline-pglite-staging-';
/**
 * Every file of the template with its size, written before the rename. A
 * template is complete when made (the rename is atomic), but the system's
 * temporary-file cleaning may later delete old files inside it one by one:
 * each use checks that every file is still there, whole.
 */
const MANIFEST = 'authline-template.json';

/** Makes a cluster in the (empty) directory given: opens an engine there and closes it cleanly. */
export type InitialiseCluster = (dir: string) => Promise<void>;

export interface SeedOptions {
  readonly initialise: InitialiseCluster;
  /** Files the directory may already hold (its lock): kept. Any other file means it is not new: left alone. */
  readonly keep?: readonly string[];
  /** Flush the copy to disk (a durable store: its first commit must not outlive the catalog it wrote to). */
  readonly flush?: boolean;
}

/**
 * Fills the new data directory `dir` with a copy of the template cluster,
 * making the template first if there is none. Returns false, leaving `dir`
 * as it was, when `dir` is not new or no usable template could be had: the
 * engine then makes its own cluster (or opens the one there).
 */
export async function seedCluster(dir: string, { initialise, keep = [], flush = false }: SeedOptions): Promise<boolean> {
  if ((await readdir(dir)).some((name) => !keep.includes(name))) return false;
  const template = join(tmpdir(), `${TEMPLATE_PREFIX}${await engineRelease()}`);
  if (!(await usable(template))) await makeTemplate(template, initialise).catch(() => undefined);
  if (!(await usable(template))) return false;
  try {
    await copyTree(template, dir, [MANIFEST]);
    if (flush) await flushTree(dir);
    return true;
  } catch {
    // A half copy would look like a broken cluster: leave the directory as it was.
    for (const name of await readdir(dir)) {
      if (!keep.includes(name)) await rm(join(dir, name), { recursive: true, force: true });
    }
    return false;
  }
}

async function makeTemplate(template: string, initialise: InitialiseCluster): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), STAGING_PREFIX));
  try {
    await initialise(staging);
    await writeFile(join(staging, MANIFEST), JSON.stringify(await filesUnder(staging)));
    await discardUnusable(template);
    // Atomic: another process that made one first wins, and this copy is dropped.
    await rename(staging, template);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Copies the files under `from` into `to` (which may exist), never over a
 * file already there. Each directory's entries are copied at once: some
 * thousand small files, a fraction of what fs.cp's one-at-a-time walk costs.
 */
export async function copyTree(from: string, to: string, skip: readonly string[] = []): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  const entries = (await readdir(from, { withFileTypes: true })).filter((entry) => !skip.includes(entry.name));
  await Promise.all(entries.map((entry) => entry.isDirectory()
    ? copyTree(join(from, entry.name), join(to, entry.name))
    : copyFile(join(from, entry.name), join(to, entry.name), constants.COPYFILE_EXCL)));
}

/**
 * Moves aside and removes an unusable template of this user's (one made by
 * an older authline, or left incomplete by a cleaner), so a new one can take
 * its name. Anything else there (a link, another user's) stays, and the
 * rename that follows fails.
 */
async function discardUnusable(template: string): Promise<void> {
  const stat = await lstat(template).catch(() => undefined);
  if (!stat?.isDirectory() || (process.getuid && stat.uid !== process.getuid()) || (await usable(template))) return;
  const aside = await mkdtemp(join(tmpdir(), STAGING_PREFIX));
  try {
    await rename(template, join(aside, 'old'));
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
}

/** A directory of this user's, closed to others' writes, holding every file its manifest lists, whole. */
async function usable(template: string): Promise<boolean> {
  const stat = await lstat(template).catch(() => undefined);
  if (!stat?.isDirectory()) return false;
  if (process.getuid && stat.uid !== process.getuid()) return false;
  if ((stat.mode & 0o022) !== 0) return false;
  const manifest = await readFile(join(template, MANIFEST), 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined);
  if (!Array.isArray(manifest) || manifest.length === 0) return false;
  const sizes = await Promise.all(manifest.map(([path]: [string]) => lstat(join(template, path)).then((file) => file.size, () => -1)));
  return manifest.every(([, size]: [string, number], i) => sizes[i] === size);
}

/** [path relative to `root`, size] of every file under `root`. */
async function filesUnder(root: string, prefix = ''): Promise<[string, number][]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const lists = await Promise.all(entries.map(async (entry): Promise<[string, number][]> => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(root, path) : [[path, (await lstat(join(root, path))).size]];
  }));
  return lists.flat();
}

/** fsync of every file and directory under `dir`, the directories after what they hold. */
export async function flushTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await flushTree(path);
    else await flushFile(path);
  }
  await flushFile(dir);
}

async function flushFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** PGlite's release: the one thing a fresh cluster depends on. */
async function engineRelease(): Promise<string> {
  const entry = new URL(import.meta.resolve('@electric-sql/pglite'));
  const manifest = JSON.parse(await readFile(new URL('../package.json', entry), 'utf8')) as { version?: unknown };
  return String(manifest.version).replace(/[^0-9A-Za-z.-]/g, '_');
}
