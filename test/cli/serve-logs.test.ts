/**
 * `authline serve` as users run it (node bin/authline.js, the built dist/):
 * once its arguments are understood, every line it prints is a JSON log
 * line on stdout (time, level, msg, fields), warnings and errors included,
 * whether they come from the CLI (a port in use), the verifier (JWKS
 * trouble) or Node itself (a process warning); stderr stays empty.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const BIN = resolve('bin/authline.js');

let dir: string;
before(() => {
  assert.ok(existsSync('dist/cli/main.js'), 'dist/ is missing: run npm run build (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'authline-serve-logs-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly lines: Record<string, unknown>[];
  readonly stderr: string;
  readonly code: number | null;
}

/**
 * Runs serve with `args`; `whileListening` runs once it logged "listening"
 * (then the process gets SIGTERM). Every stdout line must parse as JSON.
 */
function serve(args: string[], options: { preload?: string; whileListening?: (pid: number, lines: Record<string, unknown>[]) => Promise<void> } = {}): Promise<Run> {
  const nodeArgs = options.preload ? ['--import', pathToFileURL(options.preload).href] : [];
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--memory', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        child.kill('SIGKILL');
        fail(new Error(`not a JSON line: ${text}`));
        return;
      }
      lines.push(line);
      if (line.msg === 'listening') {
        void (options.whileListening?.(child.pid!, lines) ?? Promise.resolve()).finally(() => child.kill('SIGTERM'));
      }
    });
    void exited.then((code) => done({ lines, stderr, code }));
  });
}

function assertLogLines(lines: readonly Record<string, unknown>[]): void {
  for (const line of lines) {
    assert.ok(!Number.isNaN(Date.parse(String(line.time))), JSON.stringify(line));
    assert.match(String(line.level), /^(info|warn|error)$/, JSON.stringify(line));
    assert.equal(typeof line.msg, 'string', JSON.stringify(line));
  }
}

let busy: Server;
before(async () => {
  busy = createServer();
  await new Promise<void>((ready) => busy.listen(0, '127.0.0.1', ready));
});
after(() => busy.close());

test('a failed start (the port is taken) is one error log line and exit 1', { timeout: 60_000 }, async () => {
  const port = (busy.address() as { port: number }).port;
  const run = await serve(['--port', String(port)]);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, '');
  assertLogLines(run.lines);
  assert.equal(run.lines.length, 1);
  assert.equal(run.lines[0].level, 'error');
  assert.equal(run.lines[0].msg, 'serve stopped');
  assert.match(String(run.lines[0].error), /EADDRINUSE/);
});

test("the verifier's and Node's warnings are log lines too; so is the shutdown", { timeout: 60_000 }, async () => {
  // A JWK URL nobody answers: the verifier warns that its fetch failed.
  const unreachable = await new Promise<string>((found) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => found(`http://127.0.0.1:${port}/jwks.json`));
    });
  });
  writeFileSync(
    join(dir, 'jwks.graphql'),
    `type Note { id: ID! text: String }\n# Dgraph.Authorization {"Header":"X-Auth","Namespace":"https://n.example/claims","JWKUrl":"${unreachable}","Audience":["n"]}\n`,
  );
  // Node's own warnings, on demand: the test asks once serve listens.
  const preload = join(dir, 'warn-on-usr2.mjs');
  writeFileSync(preload, "process.on('SIGUSR2', () => process.emitWarning('a warning from Node', 'TestWarning'));\n");

  const run = await serve(['jwks.graphql', '--port', '0'], {
    preload,
    async whileListening(pid, lines) {
      process.kill(pid, 'SIGUSR2');
      const deadline = Date.now() + 10_000;
      while (!lines.some((l) => l.msg === 'a warning from Node') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    },
  });
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  assertLogLines(run.lines);
  const jwks = run.lines.find((l) => l.code === 'JWKS_FETCH_FAILED');
  assert.equal(jwks?.level, 'warn');
  assert.equal(jwks?.url, unreachable);
  assert.deepEqual(
    run.lines.filter((l) => l.msg === 'a warning from Node').map((l) => [l.level, l.warning]),
    [['warn', 'TestWarning']],
  );
  assert.deepEqual(run.lines.at(-1)?.msg, 'shutting down');
});
