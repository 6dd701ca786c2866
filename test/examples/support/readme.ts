/**
 * Runs a README as a reader would: its long-running commands (servers) in
 * the background, every other shell command in one real bash session with
 * real curl, and each command's output compared with the answer the README
 * shows for it — a ```json block right after the ```sh block, or a
 * `# {...}` comment right after the command.
 *
 * `node bin/authline.js` runs the CLI from src/ (support/cli.ts) so that a
 * single test file needs no build; the README's ports are rewritten to the
 * ports the servers actually got (they start on port 0).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export interface Block {
  readonly lang: string;
  readonly text: string;
}

/** The fenced blocks of a markdown text, in order. */
export function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** The part of a markdown text from a `## heading` to the next one. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `the README has a "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Shell text to run, and the answers it must print (one JSON value per line), if the README shows any. */
export interface Step {
  readonly script: string;
  readonly expected: readonly unknown[] | null;
}

const ANSWER_COMMENT = /^# ([{[].*)$/;

/**
 * The steps of some ```sh blocks: each block is cut after every `# {...}`
 * comment line (the answer of the command before it); a block followed by a
 * ```json block has that block's lines as the answers of its last step.
 */
export function steps(all: readonly Block[]): Step[] {
  const out: Step[] = [];
  for (const [index, block] of all.entries()) {
    if (block.lang !== 'sh') continue;
    let script: string[] = [];
    for (const line of block.text.split('\n')) {
      const answer = ANSWER_COMMENT.exec(line);
      if (answer) {
        out.push({ script: script.join('\n'), expected: [JSON.parse(answer[1])] });
        script = [];
      } else {
        script.push(line);
      }
    }
    const rest = script.join('\n').trim();
    const next = all[index + 1];
    if (next?.lang === 'json') {
      assert.ok(rest !== '', `the json block after ${JSON.stringify(block.text)} answers a command`);
      out.push({ script: rest, expected: jsonLines(next.text) });
    } else if (rest !== '') {
      out.push({ script: rest, expected: null });
    }
  }
  return out;
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/** README host:port → the port a test server got. */
export type Ports = Readonly<Record<number, number>>;

export function withPorts(text: string, ports: Ports): string {
  return text.replace(/127\.0\.0\.1:(\d+)/g, (whole, port: string) => (ports[Number(port)] ? `127.0.0.1:${ports[Number(port)]}` : whole));
}

const TSX = import.meta.resolve('tsx');
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Makes `node bin/authline.js ...` in a README run the CLI from src/. */
const NODE_SHIM = `node() { if [ "$1" = bin/authline.js ]; then shift; command node --import "$AUTHLINE_TSX" "$AUTHLINE_CLI" "$@"; else command node "$@"; fi; }`;

/**
 * Runs the steps in one bash session (variables and functions carry over,
 * `set -e` stops at a failing command) and compares every step's output
 * with its answers; a step without answers must print nothing.
 */
export async function runSteps(all: readonly Step[], options: { cwd: string; ports: Ports }): Promise<{ commands: number; answers: number }> {
  const marker = `@@step-${process.pid}@@`;
  const script = [
    'set -e -o pipefail',
    NODE_SHIM,
    ...all.map((step, i) => `${withPorts(step.script, options.ports)}\nprintf '\\n${marker}${i}\\n'`),
  ].join('\n');
  const { code, stdout, stderr } = await run('bash', ['-c', script], options.cwd);
  const outputs = stdout.split(new RegExp(`\\n${marker}\\d+\\n`));
  assert.equal(code, 0, `the README's commands failed (exit ${code}):\n${stderr}\nafter:\n${stdout}`);
  assert.equal(outputs.length, all.length + 1, 'every step ran');
  let answers = 0;
  for (const [i, step] of all.entries()) {
    const printed = outputs[i].trim();
    if (step.expected === null) {
      assert.equal(printed, '', `no output expected from:\n${step.script}`);
      continue;
    }
    const lines = printed.split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(
      lines.map((l) => parseOr(l)),
      step.expected,
      `the answer to:\n${step.script}\nwas:\n${printed}`,
    );
    answers += lines.length;
  }
  return { commands: all.length, answers };
}

function parseOr(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Nothing of the test runner's environment that would change authline's behaviour.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, AUTHLINE_TSX: TSX, AUTHLINE_CLI: CLI };
  return { ...env, ...extra };
}

const STARTUP_LIMIT_MS = 90_000;

export interface Background {
  /** The origin it listens on, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly port: number;
  /** Everything it printed so far. */
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts a README's long-running command (`node bin/authline.js serve ...`
 * or `node some/script.mjs`) with PORT=0, and waits for the first line
 * naming its http://127.0.0.1:PORT.
 */
export async function startBackground(command: string, options: { cwd: string; env?: Record<string, string> }): Promise<Background> {
  const words = command.trim().split(/\s+/);
  assert.equal(words[0], 'node', `a background command runs node: ${command}`);
  const args = words[1] === 'bin/authline.js' ? ['--import', TSX, CLI, ...words.slice(2)] : words.slice(1);
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: childEnv({ PORT: '0', ...options.env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: tsx compiles the CLI and PGlite boots, slow on a loaded 2-core machine.
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a server behind to hold the test run open
      reject(new Error(`${command} did not say where it listens within ${STARTUP_LIMIT_MS / 1000} s:\n${output}`));
    }, STARTUP_LIMIT_MS);
    lines.on('line', (line) => {
      output += `${line}\n`;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
