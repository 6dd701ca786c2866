/**
 * docs/enforcement.md shows a real explain answer for a denied query: the
 * todo example under --debug, a token whose claim is `user` where the rule
 * reads `$USER`. This sends that request and compares the whole answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { serve } from '../support/served.js';

test('docs/enforcement.md\'s explain answer is the one the todo example gives', { timeout: 120_000 }, async () => {
  const doc = readFileSync('docs/enforcement.md', 'utf8');
  const block = /<!-- explain-example -->\n```json\n([\s\S]*?)\n```/.exec(doc);
  assert.ok(block, 'the page has the example answer');
  const served = await serve({
    sdl: readFileSync('examples/todo/schema.graphql', 'utf8'),
    data: JSON.parse(readFileSync('examples/todo/data.json', 'utf8')),
    debug: true,
  });
  try {
    const token = await new SignJWT({ 'https://todo.example/claims': { user: 'alice', ROLE: 'USER' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('example-only-secret-never-use-it-anywhere!'));
    const { body } = await served.graphql('{ queryTodo { text } }', { 'X-Todo-Auth': token });
    assert.deepEqual(body, JSON.parse(block[1]));
  } finally {
    await served.close();
  }
});
