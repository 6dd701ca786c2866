/**
 * `npm test`'s build step: runs `npm run build` unless dist/ is newer than
 * every source it is built from. `npm ci` has just built it (the prepare
 * script), and building again is a full TypeScript compile for nothing.
 * Staleness as make judges it, by modification time: an edited, added or
 * checked-out file is newer than the last build's output.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The build's output that every build writes anew. */
const OUTPUT = 'dist/index.js';
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** @param {string} path @returns {number} the newest modification time under `path` */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = statSync(OUTPUT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built > Math.max(...INPUTS.map(newest))) {
  console.log(`build: ${OUTPUT} is newer than src/ and the build's settings; not rebuilt`);
} else {
  const { status } = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
