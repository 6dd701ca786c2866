/**
 * The bench's honesty check, without timing, on a tiny data set: authline
 * and the yoga peer (real child processes, real tokens, the bench's JWKS)
 * must give identical answers to every timed request and refuse every
 * forbidden one. A broken peer or a changed authline answer fails here,
 * not in the middle of `npm run bench`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkHonesty, HonestyError } from '../../bench/lib/honesty.js';
import { scenarios } from '../../bench/lib/scenarios.js';
import { startBench, type Bench } from '../../bench/lib/setup.js';

const SIZE = { users: 60, todos: 600, teams: 6 };
let bench: Bench;

before(async () => {
  bench = await startBench(SIZE);
});
after(async () => {
  await bench?.close();
});

test('authline and the yoga peer answer every timed request alike and refuse the forbidden ones', { timeout: 60_000 }, async () => {
  const { timed, forbidden } = await scenarios(SIZE);
  const passed = await checkHonesty(bench, timed, forbidden);
  assert.equal(passed.length, timed.length + forbidden.length);
  assert.ok(passed.some((line) => line.startsWith('same answer: nested-two-levels')));
});

test('a peer that does not enforce the rules fails the check', { timeout: 60_000 }, async () => {
  const { timed, forbidden } = await scenarios(SIZE);
  // The peer's no-auth endpoint in place of its HS256 one: the wrong role gets data there.
  const lax = { use: bench.use, url: (server: 'authline' | 'yoga', variant: 'noauth' | 'hs256' | 'jwks') => bench.url(server, server === 'yoga' && variant === 'hs256' ? 'noauth' : variant) };
  await assert.rejects(checkHonesty(lax, timed, forbidden), (error: unknown) => {
    assert.ok(error instanceof HonestyError);
    assert.match(error.message, /"list, HS256 token with the wrong role" was not refused by both/);
    return true;
  });
});
