/**
 * `npm test`: every test/**\/*.test.ts file under node's built-in runner,
 * with one throwaway PostgreSQL 15 cluster shared by the server-backend tests
 * and one scratch directory (AUTHLINE_TEST_RUN_DIR, in RAM where there is a
 * tmpfs) where test files leave what other files of the run may reuse.
 * Arguments filter test files by substring: `npm test -- verifier store`.
 * After the runner's summary, the slowest files (scripts/slowest-files.mjs).
 *
 * Three files run at a time (CONCURRENCY) on the 2 cores the suite is
 * sized for: many files spend much of their time waiting (on child
 * processes, npm, engine restarts, statement timeouts, a stopped server),
 * leaving their core idle, and a third file uses it (a subset of such files
 * took 131 s instead of 187 s). The runner starts the files in the order
 * given, so the longest start first (FIRST): one of them started last
 * would run on alone at the end, cores idle, for most of its length.
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

/**
 * The files that take longest (each timed alone, before hooks included,
 * which the slowest-files list does not count), longest first. The other
 * files follow in path order; a file missing here is only started later.
 */
const FIRST = [
  'test/bench/honesty.test.ts',
  'test/release/package.test.ts',
  'test/hardening/pglite-engine.test.ts',
  'test/e2e/delete.test.ts',
  'test/release/fresh-clone.test.ts',
  'test/hardening/schema-uploads.test.ts',
  'test/e2e/text-answers.test.ts',
  'test/hardening/kill-durability.test.ts',
  'test/store/statements.test.ts',
  'test/e2e/add.test.ts',
  'test/engine/statements.test.ts',
  'test/server/graphiql-browser.test.ts',
  'test/e2e/field-rules.test.ts',
  'test/e2e/update.test.ts',
  'test/examples/readme-walkthrough.test.ts',
];
/** Files run at a time (see the header); AUTHLINE_TEST_CONCURRENCY sets another. */
const CONCURRENCY = Number(process.env.AUTHLINE_TEST_CONCURRENCY) || 3;
const rank = (file: string) => {
  const i = FIRST.indexOf(file);
  return i === -1 ? FIRST.length : i;
};

const filters = process.argv.slice(2);
const files = collect('test')
  .map((f) => relative(process.cwd(), f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort((a, b) => rank(a) - rank(b)); // stable: path order otherwise
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
      '--import', 'tsx', '--test', `--test-concurrency=${CONCURRENCY}`,
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
