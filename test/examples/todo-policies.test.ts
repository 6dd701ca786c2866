/**
 * examples/todo/policies.yaml, run as a user's CI runs it: `authline test`
 * on the real engine in memory. It passes as written, and a copy with one
 * expectation changed (written as JSON, which the format also takes) fails
 * that case alone, with a diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { processRuntime } from '../../src/cli/runtime.js';

async function authline(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const rt = { ...processRuntime(), stdout: (text: string) => void (out += text), stderr: (text: string) => void (err += text) };
  const code = await main(args, rt);
  return { code, out, err };
}

test('authline test examples/todo/policies.yaml passes', { timeout: 180_000 }, async () => {
  const { code, out } = await authline(['test', 'examples/todo/policies.yaml']);
  assert.equal(code, 0, out);
  assert.match(out, /^examples\/todo\/policies\.yaml\n {2}ok {3}alice sees only her own todos\n/);
  assert.match(out, /\n7 passed, 0 failed\n$/);
});

test('a changed expectation makes it fail, with a diff, and the JSON reporter says which', { timeout: 180_000 }, async () => {
  const policies = parse(readFileSync('examples/todo/policies.yaml', 'utf8'));
  policies.schema = resolve('examples/todo/schema.graphql');
  policies.data = resolve('examples/todo/data.json');
  // Alice would see Bob's todo: the rule says she does not.
  policies.cases[0].data.queryTodo.push({ text: 'Walk the dog', owner: { username: 'bob' } });
  const dir = mkdtempSync(join(tmpdir(), 'authline-policies-'));
  try {
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(policies));
    const { code, out } = await authline(['test', '--reporter', 'json', join(dir, 'changed.json')]);
    assert.equal(code, 1);
    const report = JSON.parse(out);
    assert.equal(report.passed, 6);
    assert.equal(report.failed, 1);
    assert.deepEqual(report.notes, []);
    const failed = report.cases.filter((c: { outcome: string }) => c.outcome === 'failed');
    assert.deepEqual(failed.map((c: { name: string }) => c.name), ['alice sees only her own todos']);
    assert.match(failed[0].diff, /^data differs \(\+ actual, - expected\):/);
    assert.match(failed[0].diff, /- +\{\n.*Walk the dog/s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
