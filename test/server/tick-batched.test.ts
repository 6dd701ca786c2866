/**
 * Log lines go out one turn of the event loop at a time: in order, in one
 * write per turn (sooner past 64 KiB), and those pending when the process
 * exits are written on the way out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { tickBatched } from '../../src/server/index.js';

test('the lines of one turn are written together, in order, once the turn ends', async () => {
  const writes: string[] = [];
  const line = tickBatched((text) => writes.push(text));
  line('a\n');
  line('b\n');
  assert.deepEqual(writes, [], 'nothing is written during the turn');
  await nextTurn();
  line('c\n');
  await nextTurn();
  assert.deepEqual(writes, ['a\nb\n', 'c\n']);
});

test('a turn whose lines pass 64 KiB writes them at once', () => {
  const writes: string[] = [];
  const line = tickBatched((text) => writes.push(text));
  const long = `${'x'.repeat(40 * 1024)}\n`;
  line(long);
  assert.equal(writes.length, 0);
  line(long);
  assert.deepEqual(writes, [long + long]);
});

test('lines still pending when the process exits are written', () => {
  const script = `import { tickBatched } from './src/server/tick-batched.ts';
const line = tickBatched((text) => process.stdout.write(text));
line('first\\n'); line('second\\n'); process.exit(0);`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, 'first\nsecond\n');
});

test('flush writes the pending lines at once', () => {
  const writes: string[] = [];
  const line = tickBatched((text) => writes.push(text));
  line('a\n');
  line.flush();
  line.flush();
  assert.deepEqual(writes, ['a\n']);
});
