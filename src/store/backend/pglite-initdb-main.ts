/**
 * The child process of pglite-initdb.ts: `pglite-initdb-main <dir> fsync|no-fsync`
 * runs PGlite's initdb into `dir`, closes, flushes the files when asked,
 * and exits, taking initdb's memory with it.
 */
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** fsyncs every file and directory under `dir` (PGlite's directory filesystem flushes nothing itself). */
function flushTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) flushTree(path);
    else if (entry.isFile()) flush(path);
  }
  flush(dir);
}

function flush(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'fsync' && mode !== 'no-fsync')) {
  process.stderr.write('usage: pglite-initdb-main <dir> fsync|no-fsync\n');
  process.exit(2);
}
const db = new PGlite({ fs: new NodeFS(dir) });
await db.waitReady;
await db.close();
if (mode === 'fsync') flushTree(dir);
