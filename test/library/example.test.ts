/**
 * examples/library-koa, run the way its README says: the server started
 * with the README's command, the README's token commands run through the
 * real CLI (in-process, as `node bin/authline.js` would run them after a
 * build), and every curl command sent with fetch, its answer compared with
 * the JSON block that follows it in the README.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { main } from '../../src/cli/main.js';
import { processRuntime } from '../../src/cli/runtime.js';

const README = readFileSync('examples/library-koa/README.md', 'utf8');

interface Block {
  readonly lang: string;
  readonly text: string;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** Shell words as sh splits them: '...' literal, "..." and bare words with $NAME expanded. */
function words(line: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  const expand = (text: string) => text.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a, b) => env[a ?? b] ?? '');
  for (const m of line.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(expand(m[2].replace(/\\(["\\$])/g, '$1')));
    else out.push(expand(m[3]));
  }
  return out;
}

/** `node bin/authline.js ARGS` through the CLI's main, its stdout captured. */
async function authline(args: string[]): Promise<string> {
  let stdout = '';
  const code = await main(args, { ...processRuntime(), stdout: (text) => (stdout += text) });
  assert.equal(code, 0, `authline ${args.join(' ')}`);
  return stdout.trim();
}

async function startExample(command: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const [program, ...args] = command;
  assert.equal(program, 'node');
  const child = spawn(process.execPath, args, { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const found = /^listening on (http:\/\/127\.0\.0\.1:\d+)\/graphql$/.exec(line);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the example exited with ${code} before listening`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

test('the example app answers every curl command of its README as the README shows', { timeout: 60_000 }, async () => {
  const all = blocks(README);
  const start = all.find((b) => b.lang === 'sh' && b.text.includes('examples/library-koa/server.ts'));
  assert.ok(start, 'the README says how to start the example');
  const server = await startExample(words(start.text.trim(), {}));
  try {
    const env: Record<string, string> = {};
    let curls = 0;
    for (const [index, block] of all.entries()) {
      if (block.lang !== 'sh' || block === start) continue;
      for (const line of block.text.replace(/\\\n\s*/g, '').split('\n').filter((l) => l.trim() !== '')) {
        const assignment = /^(\w+)=(.*)$/.exec(line);
        if (assignment) {
          const substituted = /^\$\((.*)\)$/.exec(assignment[2]);
          if (substituted) {
            const [node, script, ...args] = words(substituted[1], env);
            assert.deepEqual([node, script], ['node', 'bin/authline.js']);
            env[assignment[1]] = await authline(args);
          } else {
            env[assignment[1]] = words(assignment[2], env).join(' ');
          }
          continue;
        }
        const [program, ...args] = words(line, env);
        assert.equal(program, 'curl', `unexpected command in the README: ${line}`);
        const expected = all[index + 1];
        assert.equal(expected?.lang, 'json', `the answer to ${line} follows it`);
        const answer = await curl(args, server.url);
        assert.deepEqual(answer, JSON.parse(expected.text), line);
        curls++;
      }
    }
    assert.ok(curls >= 10, `the README runs ${curls} curl commands`);
  } finally {
    await server.stop();
  }
});

/** curl's -s, -H and -d, sent with fetch to the example's real port (the README says 4000). */
async function curl(args: string[], base: string): Promise<unknown> {
  const headers: Record<string, string> = { accept: '*/*' };
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-s') continue;
    if (arg === '-H') {
      const [name, ...value] = args[++i].split(':');
      headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (arg === '-d') {
      body = args[++i];
    } else {
      url = arg.replace('http://127.0.0.1:4000', base);
    }
  }
  assert.ok(url, 'curl names a URL');
  const res = await fetch(url, { method: body === undefined ? 'GET' : 'POST', headers, body });
  return JSON.parse(await res.text());
}
