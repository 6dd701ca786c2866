/**
 * The top-level README's "Two minutes with curl", run as written: `npm
 * start` (package.json's start script) in an empty directory, the schema
 * block saved as todo.graphql there, then every shell command in one bash
 * session with real curl, each answer compared with the `# {...}` line the
 * README shows under it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blocks, runSteps, section, startBackground, steps } from './support/readme.js';

const README = readFileSync('README.md', 'utf8');

test('the README walk-through answers as the README shows', { timeout: 120_000 }, async () => {
  const walk = section(README, 'Two minutes with curl');
  assert.match(walk, /With `npm start` running/);
  const all = blocks(walk);
  const schema = all.filter((b) => b.lang === 'graphql');
  assert.equal(schema.length, 1, 'one schema to save');
  assert.match(walk, /save this as `todo\.graphql`/);

  const dir = mkdtempSync(join(tmpdir(), 'authline-readme-'));
  writeFileSync(join(dir, 'todo.graphql'), schema[0].text);
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  // npm start in a fresh directory: the default embedded store goes to ./.authline/data there.
  const server = await startBackground(scripts.start, { cwd: dir });
  try {
    assert.match(server.output(), /"store":"[^"]*\.authline\/data"/);
    const walkSteps = steps(all);
    const { answers } = await runSteps(walkSteps, { cwd: dir, ports: { 8080: server.port } });
    assert.equal(answers, 4, 'the walk-through shows four answers');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
