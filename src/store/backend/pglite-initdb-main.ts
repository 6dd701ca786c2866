/**
 * The child process of pglite-initdb.ts: `pglite-initdb-main <dir> fsync|no-fsync`
 * runs PGlite's initdb into `dir`, closes, flushes the files when asked,
 * and exits, taking initdb's memory with it.
 */
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { flushTree } from './cluster-template.js';

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'fsync' && mode !== 'no-fsync')) {
  process.stderr.write('usage: pglite-initdb-main <dir> fsync|no-fsync\n');
  process.exit(2);
}
const db = new PGlite({ fs: new NodeFS(dir) });
await db.waitReady;
await db.close();
// PGlite's directory filesystem flushes nothing itself.
if (mode === 'fsync') await flushTree(dir);
