/**
 * `npm test`: every test/**\/*.test.ts file under node's built-in runner,
 * with one throwaway PostgreSQL 15 cluster shared by the server-backend tests
 * and one scratch directory (AUTHLINE_TEST_RUN_DIR, in RAM where there is a
 * tmpfs) where test files leave what other files of the run may reuse.
 * Arguments filter test files by substring: `npm test -- verifier store`.
 * After the runner's summary, the slowest files (scripts/slowest-files.mjs).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startPgCluster } from '../test/support/pg-cluster.js';

function collect(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (entry.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = collect('test')
  .map((f) => relative(process.cwd(), f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const cluster = await startPgCluster();
const runDirectory = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'authline-test-run-'));
let code = 1;
try {
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', '--test', '--test-concurrency=2',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/slowest-files.mjs', '--test-reporter-destination=stdout',
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, AUTHLINE_TEST_PG_URL: cluster.url, AUTHLINE_TEST_RUN_DIR: runDirectory } },
  );
  code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} finally {
  await cluster.stop();
  rmSync(runDirectory, { recursive: true, force: true });
}
process.exit(code);
