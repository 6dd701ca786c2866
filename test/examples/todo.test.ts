/**
 * examples/todo, run the way its README says: the server started with the
 * README's command (from the repository root, port 0 for 8080), then every
 * other shell command in one bash session with real curl, each answer
 * compared with the JSON block the README shows after it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blocks, runSteps, startBackground, steps } from './support/readme.js';

const README = readFileSync('examples/todo/README.md', 'utf8');

test('the todo example answers every command of its README as the README shows', { timeout: 120_000 }, async () => {
  const all = blocks(README);
  const start = all.filter((b) => b.lang === 'sh' && b.text.includes('bin/authline.js serve'));
  assert.equal(start.length, 1, 'the README says once how to start the server');
  assert.match(start[0].text, /serve examples\/todo\/schema\.graphql --memory/);

  const server = await startBackground(start[0].text, { cwd: process.cwd() });
  try {
    const { answers } = await runSteps(steps(all.filter((b) => b !== start[0])), { cwd: process.cwd(), ports: { 8080: server.port } });
    assert.equal(answers, 11, 'the README shows eleven answers');
  } finally {
    await server.stop();
  }
});

test('the README quotes the schema\'s owner rule', () => {
  const schema = readFileSync('examples/todo/schema.graphql', 'utf8');
  const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/\{ /g, '{').replace(/ \}/g, '}');
  const quoted = /`(query\(\$USER: String!\) \{ queryTodo \{ owner[^`]*)`/.exec(README);
  assert.ok(quoted, 'the README quotes the graph rule');
  assert.ok(squash(schema).includes(squash(quoted[1])), `schema.graphql has the rule ${quoted[1]}`);
});
