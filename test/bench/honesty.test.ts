/**
 * The bench's honesty check, without timing, on a tiny data set: authline
 * and the yoga peer (real child processes, real tokens, the bench's JWKS)
 * must give identical answers to every timed request and refuse every
 * forbidden one. A broken peer or a changed authline answer fails here,
 * not in the middle of `npm run bench`. Then the whole bench runs once,
 * tiny and briefly (both backends, the ceilings, the series, the big
 * owner), and its result must carry every ratio.
 *
 * The first checks run on the bench's PostgreSQL backend (the test
 * PostgreSQL server): the whole bench checks both backends again anyway,
 * and two PGlite servers more would cost the suite ~10 s of CPU, most of
 * it the peer's initdb.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ownTodos } from '../../bench/lib/expected.js';
import { checkHonesty, expectSame, HonestyError } from '../../bench/lib/honesty.js';
import { startPostgres, type BenchDatabases } from '../../bench/lib/postgres.js';
import { scenarios } from '../../bench/lib/scenarios.js';
import { startBench, type Bench } from '../../bench/lib/setup.js';

const SIZE = { users: 60, todos: 600, teams: 6 };
let databases: BenchDatabases | undefined;
let bench: Bench;

before(async () => {
  databases = await startPostgres();
  bench = await startBench(SIZE, { databases });
});
after(async () => {
  await bench?.close();
  await databases?.close();
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

test('an answer that differs from the one worked out from the data set fails the check', () => {
  // What the series of sizes does: authline's answer against the data set's; here another user's todos stand in for a wrong answer.
  const mine = ownTodos(SIZE, 42);
  assert.match(expectSame('owner list', 'queryTodo', ['authline', mine], ['the data set', ownTodos(SIZE, 42)]), /same answer: owner list/);
  assert.throws(() => expectSame('owner list', 'queryTodo', ['authline', ownTodos(SIZE, 43)], ['the data set', mine]), (error: unknown) => {
    assert.ok(error instanceof HonestyError);
    assert.match(error.message, /authline and the data set answer differently:\n\$\.data\.queryTodo\[0\]\.id/);
    return true;
  });
});

test('the whole bench, tiny: every part is checked, then timed, and the result has every ratio', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'authline-bench-'));
  const resultFile = join(dir, 'latest.json');
  try {
    const env = {
      ...process.env,
      BENCH_SIZE: `${SIZE.users}x${SIZE.todos}x${SIZE.teams}`,
      BENCH_SERIES: `430,${SIZE.todos}`,
      BENCH_SECONDS: '0.1',
      BENCH_WARMUP: '0',
      BENCH_SETTLE: '0',
      BENCH_BIG_OWNER: '120',
      BENCH_ADD_REQUESTS: '10',
      BENCH_RESULT: resultFile,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output);

    // Answers compared before timing, in every part.
    for (const line of [
      /honesty \(pglite\): same answer: nested-two-levels, authline and yoga/,
      /honesty \(postgres\): same answer: nested-two-levels, authline and yoga/,
      /honesty \(postgres\): refused by both: add a todo for someone else/,
      /honesty: same answer: list-hs256-rbac, authline and graphqljs \(20 items\)/,
      /honesty: same answer: list-rs256-jwks-owner at 430 todos, authline and the data set \(10 items\)/,
      /honesty \(pglite\): same answer: add-big-owner, authline and yoga/,
      /honesty \(postgres\): same answer: add-big-owner, authline and yoga/,
      /loaded 120 todos for the big owner on both servers \(postgres\)/,
    ]) {
      assert.match(output, line);
    }

    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    const required = [
      'auth_over_noauth_rbac',
      'auth_over_noauth_traversal',
      'authline_over_yoga_rbac',
      'authline_over_yoga_traversal',
      'authline_over_koa_ceiling',
      ...['noauth', 'rbac', 'traversal', 'nested', 'add'].map((s) => `pg_authline_over_yoga_${s}`),
      'authline_over_graphqljs_ceiling',
      'owner_p50_100k_over_1k',
      'add_big_owner_over_small_owner',
    ];
    for (const key of required) assert.ok(Number.isFinite(result.ratios[key]) && result.ratios[key] > 0, `ratios.${key} is ${result.ratios[key]}`);
    assert.ok(result.rss_mb_100k > 0);
    assert.equal(result.settings.data.todos, SIZE.todos);
    const measured = (backend: string) => new Set(result.scenarios.filter((s: { backend: string }) => s.backend === backend).map((s: { name: string }) => s.name));
    assert.deepEqual(
      [...measured('postgres')].sort(),
      ['add-big-owner', 'add-mutation', 'add-small-owner', 'list-hs256-rbac', 'list-noauth', 'list-rs256-jwks-owner', 'nested-two-levels'],
    );
    assert.ok(measured('pglite').has(`owner-series-430`) && measured('pglite').has(`owner-series-${SIZE.todos}`) && measured('pglite').has('ceiling-graphqljs'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
