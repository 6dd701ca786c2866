/**
 * Creating a PGlite data directory in a child process. PGlite runs initdb
 * inside the process that opens the directory, in a second engine plus a
 * copy of its whole heap: the process peaks near 850 MB, and the engine
 * that then serves keeps the WebAssembly memory initdb grew (about 600 MB)
 * for as long as it runs, since WebAssembly memory never shrinks. A child
 * process that only creates the directory and exits gives all of that back;
 * the engine then opens an existing directory (about 200 MB).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Longest the child may take; initdb takes some seconds on a quiet machine. */
const INITDB_TIMEOUT_MS = 300_000;

/** Whether `dir` holds a PostgreSQL data directory (PGlite's own test). */
export function hasDataDir(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/** The child's program, beside this file: .js when built, .ts when run from the sources (then under tsx). */
function childCommand(): string[] {
  const self = fileURLToPath(import.meta.url);
  const entry = self.replace(/pglite-initdb(\.[cm]?[jt]s)$/, `pglite-initdb-main${extname(self)}`);
  return extname(self) === '.ts' ? ['--import', import.meta.resolve('tsx'), entry] : [entry];
}

/** Creates the data directory `dir` (which may exist, empty) in a child process; `durable` flushes its files to disk. */
export async function createDataDir(dir: string, durable: boolean): Promise<void> {
  const child = spawn(process.execPath, [...childCommand(), dir, durable ? 'fsync' : 'no-fsync'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr = (stderr + text).slice(-4000); });
  const timer = setTimeout(() => child.kill('SIGKILL'), INITDB_TIMEOUT_MS);
  try {
    const [code, signal] = await once(child, 'exit') as [number | null, NodeJS.Signals | null];
    if (code !== 0) {
      const why = signal === 'SIGKILL' ? `it took over ${INITDB_TIMEOUT_MS} ms` : stderr.trim() || `exit ${code ?? signal}`;
      throw new Error(`initdb failed: ${why}`);
    }
  } finally {
    clearTimeout(timer);
  }
}
