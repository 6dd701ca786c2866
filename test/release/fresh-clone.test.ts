/**
 * What a new user gets: a clone of the repository with nothing beside it (no
 * ../shared, so no Dgraph fixture) after `npm ci`. The clone is made from
 * this working tree as `git clone` would make it from a commit of it: the
 * tracked files and the new ones git does not ignore. In place of `npm ci`,
 * node_modules is linked and dist/ copied (`npm ci` builds it from the same
 * sources, its prepare script): building a clean clone is CI's own first
 * step, and the typecheck that `npm test` runs here reads every source the
 * build does, and more. There `npm test` on a fast subset must pass, and
 * report every test that needs the fixture as skipped, with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Files that read the fixture (each must show its skips) and a few that need
 * what the repository itself must carry: keys in fixtures/, a PostgreSQL
 * server started by the test command (which also builds and typechecks).
 */
const SUBSET = [
  'test/sdl/parse',
  'test/rules/conformance',
  'test/store/import',
  'test/e2e/tokens',
  'test/e2e/delete',
  'test/verifier/claims',
];

function repositoryFiles(): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
    return out.split('\0').filter((file) => file !== '' && existsSync(file));
  } catch {
    return undefined;
  }
}

const files = repositoryFiles();

test(
  'a fresh clone without ../shared passes npm test, naming what it skipped',
  { skip: files ? undefined : 'not a git checkout: there is no file list to clone' },
  async (t) => {
    const parent = mkdtempSync(join(tmpdir(), 'authline-clone-'));
    t.after(() => rmSync(parent, { recursive: true, force: true }));
    const clone = join(parent, 'authline');
    for (const file of files!) {
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      copyFileSync(file, join(clone, file));
    }
    symlinkSync(resolve('node_modules'), join(clone, 'node_modules'), 'dir');
    // dist/ as `npm ci` leaves it: built from these sources (here only if they are newer than it, as npm test does),
    // and newer than every file of the clone, so that npm test there does not build it again.
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'ignore' });
    cpSync('dist', join(clone, 'dist'), { recursive: true });
    utimesSync(join(clone, 'dist', 'index.js'), new Date(), new Date());
    assert.ok(!existsSync(join(parent, 'shared')));

    // A user's shell: no fixture location, no CI switch, no database of ours,
    // and not inside node's runner (which refuses to run files recursively).
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['AUTHLINE_CONFORMANCE_DIR', 'AUTHLINE_REQUIRE_CONFORMANCE', 'AUTHLINE_TEST_PG_URL', 'AUTHLINE_TEST_RUN_DIR', 'NODE_TEST_CONTEXT']) delete env[name];
    const { code, output } = await run('npm', ['test', '--', ...SUBSET], clone, env);

    assert.equal(code, 0, output);
    assert.match(output, /build: dist\/index\.js is newer than src\/ and the build's settings; not rebuilt/);
    const summary = (name: string) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1]);
    assert.equal(summary('fail'), 0, output);
    assert.ok(summary('pass') > 20, output);
    assert.ok(summary('skipped') >= 10, output);
    const reason = `needs Dgraph's e2e auth fixture, not found at ${join(parent, 'shared', 'conformance', 'dgraph-e2e-auth')}`;
    for (const skipped of ["the Dgraph e2e auth schema parses, @auth() included", 'import on pglite', 'HS256']) {
      assert.ok(output.includes(`﹣ ${skipped} (`), `${skipped} is not reported skipped:\n${output}`);
    }
    assert.ok(output.includes(reason), output);
  },
);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}
