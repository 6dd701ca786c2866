/**
 * Rows through PGlite's worker thread are what PGlite answers in its own
 * thread: every type the store reads (and a few more) crosses alike, JSON
 * parsed once on this side, json[] element by element; a parameter that
 * cannot cross is refused without touching the engine.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../../src/store/backend/pglite.js';
import type { Backend } from '../../src/store/backend/types.js';

const TIMEOUT_MS = 2000;
let direct: PGlite;
let worker: Backend;
before(async () => {
  [direct, worker] = await Promise.all([PGlite.create(), openPglite({ statementTimeoutMs: TIMEOUT_MS })]);
});
after(async () => {
  await direct?.close();
  await worker?.close();
});

const SAME = [
  [`SELECT 1 AS int4, 9007199254740993::int8 AS big, 12::int8 AS small, 1.5::float8 AS f, true AS b, 'text' AS t, NULL::text AS n`, []],
  [`SELECT '{"a":[1,{"b":null}]}'::json AS j, '{"z":1,"a":2}'::jsonb AS jb, '"str"'::jsonb AS scalar, NULL::jsonb AS none`, []],
  [`SELECT ARRAY['{"a":1}'::jsonb, '[2]'::jsonb] AS jbs, ARRAY[ARRAY['1'::json, '2'::json], ARRAY['3'::json, '4'::json]] AS grid, ARRAY['x', NULL] AS texts`, []],
  [`SELECT $1::timestamptz AS at, $2::jsonb AS param, $3::text[] AS list, $4::int8 AS bigparam`, ['2020-05-17T10:00:00Z', JSON.stringify({ k: 'v' }), ['a', 'b'], 9007199254740993n]],
  [`SELECT 1 AS same, 2 AS same`, []],
  [`SELECT g AS i, jsonb_build_object('n', g) AS doc FROM generate_series(1, 3) g`, []],
] as const;

for (const [sql, params] of SAME) {
  test(`alike through the worker: ${sql.slice(0, 70)}`, async () => {
    const expected = (await direct.query(sql, [...params])).rows;
    assert.deepEqual(await worker.query(sql, params), expected);
  });
}

test('a parameter that cannot cross to the worker is refused; the engine carries on untouched', async () => {
  let restarts = 0;
  const stop = await worker.listen('rows', () => {}, () => { restarts++; });
  try {
    await assert.rejects(worker.query('SELECT $1::text', [() => 'no']), { name: 'DataCloneError' });
    // Past the statement timeout: the statement that never left is not timed out (a restart would tell listeners).
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 500));
    assert.deepEqual(await worker.query('SELECT 2 AS two'), [{ two: 2 }]);
    assert.equal(restarts, 0);
  } finally {
    await stop();
  }
});

test('a database error crosses with its fields', async () => {
  await assert.rejects(worker.query('SELECT 1/0'), (error: Error & Record<string, unknown>) => {
    assert.equal(error.message, 'division by zero');
    assert.equal(error.code, '22012');
    assert.equal(error.severity, 'ERROR');
    return true;
  });
});
