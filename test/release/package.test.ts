/**
 * The package as the registry would carry it: `npm pack` (of the dist/ that
 * npm test has just built), then installed from the tarball into an empty
 * project, as a user installs it. What it holds, that installing it warns
 * about no engine, and that `npx authline` runs: --version, and serve, which
 * must stop cleanly, leaving no process behind, when told to stop as people
 * and supervisors do: Ctrl-C (SIGINT to the terminal's process group) and
 * SIGTERM to npx alone (`kill`, `docker stop`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string; license: string };

let dir: string;
let packed: string[];
let project: string;
let installLog: string;

before(async () => {
  assert.ok(existsSync('dist/cli/main.js'), 'dist/ is missing: run npm run build (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'authline-package-'));
  // --ignore-scripts: dist/ is built already; rebuilding it here would pull it from under tests running meanwhile.
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { encoding: 'utf8' })) as [
    { filename: string; files: { path: string }[] },
  ];
  packed = result.files.map((f) => f.path);
  project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-authline', version: '1.0.0', private: true }));
  installLog = execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn', join(dir, result.filename)], {
    cwd: project,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutNpmConfig(),
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** npm test's own npm_* variables would leak its configuration into the user's npm. */
function withoutNpmConfig(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && name !== 'NODE_TEST_CONTEXT'));
}

test('the tarball carries the code, LICENSE, README, docs and examples; not tests, bench or sources', () => {
  for (const file of ['LICENSE', 'README.md', 'package.json', 'bin/authline.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']) {
    assert.ok(packed.includes(file), file);
  }
  for (const doc of readdirSync('docs')) assert.ok(packed.includes(`docs/${doc}`), `docs/${doc}`);
  const examples = execFileSync('git', ['ls-files', 'examples'], { encoding: 'utf8' }).trim().split('\n');
  for (const example of examples) assert.ok(packed.includes(example), example);
  const unwanted = packed.filter((file) => /^(test|bench|src|fixtures|scripts|\.ci|node_modules)\//.test(file) || file.endsWith('.tgz'));
  assert.deepEqual(unwanted, []);
});

test('LICENSE is the whole Apache License 2.0 that package.json names', () => {
  assert.equal(pkg.license, 'Apache-2.0');
  const license = readFileSync('LICENSE', 'utf8');
  assert.match(license, /^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
  for (const section of ['1. Definitions.', '4. Redistribution.', '9. Accepting Warranty or Additional Liability.', 'END OF TERMS AND CONDITIONS']) {
    assert.ok(license.includes(section), section);
  }
});

test('installing the tarball on this Node warns about no engine', () => {
  assert.doesNotMatch(installLog, /EBADENGINE/);
  assert.ok(existsSync(join(project, 'node_modules', 'authline', 'dist', 'index.js')));
});

test('npx authline --version prints the version', () => {
  const out = execFileSync('npx', ['--no-install', 'authline', '--version'], { cwd: project, encoding: 'utf8', env: withoutNpmConfig() });
  assert.equal(out, `${pkg.version}\n`);
});

const STOPS = [
  { how: 'SIGTERM to npx', stop: (npx: ChildProcess) => npx.kill('SIGTERM') },
  { how: 'Ctrl-C (SIGINT to the process group)', stop: (npx: ChildProcess) => process.kill(-npx.pid!, 'SIGINT') },
];

for (const { how, stop } of STOPS) {
  test(`npx authline serve stops cleanly on ${how}, leaving no process`, { timeout: 90_000 }, async () => {
    // A process group of its own, as a shell gives a command it runs.
    const npx = spawn('npx', ['--no-install', 'authline', 'serve', '--memory', '--port', '0'], {
      cwd: project,
      env: withoutNpmConfig(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    npx.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const output = createInterface({ input: npx.stdout });
    // npx, its shell and the server share the pipe: it closes once all three have exited.
    const ended = new Promise<void>((done) => output.once('close', done));
    const url = await new Promise<string>((listening, fail) => {
      output.on('line', (text) => {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        if (line.msg === 'listening') listening(String(line.url));
      });
      npx.once('exit', (code) => fail(new Error(`npx exited (${code}) before listening: ${stderr}`)));
    });
    assert.equal((await fetch(`${url}/health`)).status, 200);

    stop(npx);
    await ended;
    assert.equal(lines.at(-1)!.msg, 'shutting down', JSON.stringify(lines));
    assert.deepEqual(lines.filter((l) => l.level !== 'info'), []);
    await assert.rejects(fetch(`${url}/health`), 'nothing listens any more');
    assert.deepEqual(processesUnder(project), [], 'a process of the project is still running');
  });
}

/** Processes whose command line names `path` (Linux's /proc; elsewhere none can be found). */
function processesUnder(path: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(path)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
