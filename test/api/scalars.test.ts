import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphql } from 'graphql';
import { formatDateTime, parseDateTime, parseInt64 } from '../../src/api/index.js';
import { apiOf } from './helpers.js';

const { schema } = apiOf('type Event { id: ID! count: Int64 @search at: DateTime @search(by: [day]) }');

/** Runs `queryEvent` with a root resolver that records its arguments and answers `rows`. */
async function run(source: string, variableValues: Record<string, unknown>, rows: unknown[] = []) {
  let args: unknown;
  const result = await graphql({
    schema,
    source,
    variableValues,
    rootValue: {
      queryEvent: (a: unknown) => {
        // graphql-js builds input objects without a prototype.
        args = JSON.parse(JSON.stringify(a));
        return rows;
      },
    },
  });
  // Plain objects for deepEqual; an exact Int64 stays the bigint the scalar answered.
  const plain = JSON.parse(JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)), (_key, value: unknown) =>
    typeof value === 'string' && /^-?\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value);
  return { args, result: plain as { data?: unknown; errors?: { message: string }[] } };
}

test('Int64 input: numbers and numeric strings, exact as numbers up to 2^53 and as strings beyond', async () => {
  const q = 'query($n: Int64) { queryEvent(filter: {count: {eq: $n}}) { id } }';
  assert.deepEqual((await run(q, { n: 42 })).args, { filter: { count: { eq: 42 } } });
  assert.deepEqual((await run(q, { n: '-7' })).args, { filter: { count: { eq: -7 } } });
  assert.deepEqual((await run(q, { n: '9223372036854775807' })).args, { filter: { count: { eq: '9223372036854775807' } } });
  const literal = await run('{ queryEvent(filter: {count: {between: {min: 1, max: "1246879976444232435"}}}) { id } }', {});
  assert.deepEqual(literal.args, { filter: { count: { between: { min: 1, max: '1246879976444232435' } } } });
});

test('Int64 input errors use Dgraph\'s words', async () => {
  const outOfRange = await run('{ queryEvent(filter: {count: {eq: 9223372036854775808}}) { id } }', {});
  assert.match(outOfRange.result.errors?.[0].message ?? '', /Out of range value '9223372036854775808', for type `Int64`/);
  const mismatch = await run('{ queryEvent(filter: {count: {eq: 1.5}}) { id } }', {});
  assert.match(mismatch.result.errors?.[0].message ?? '', /Type mismatched for Value `1.5`, expected: Int64, got: 'Float'/);
  const variable = await run('query($n: Int64) { queryEvent(filter: {count: {eq: $n}}) { id } }', { n: 'ten' });
  assert.match(variable.result.errors?.[0].message ?? '', /Int64 cannot represent value: "ten"/);
  assert.throws(() => parseInt64(2.5), /Int64 cannot represent value: 2.5/);
});

test('Int64 output: numbers when exact, bigints beyond 2^53 (the server writes them as JSON numbers)', async () => {
  const rows = [{ id: '0x1', count: 1237890123456 }, { id: '0x2', count: '1246879976444232435' }, { id: '0x3', count: 9007199254740993n }];
  const { result } = await run('{ queryEvent { id count } }', {}, rows);
  assert.deepEqual(result.data, {
    queryEvent: [
      { id: '0x1', count: 1237890123456 },
      { id: '0x2', count: 1246879976444232435n },
      { id: '0x3', count: 9007199254740993n },
    ],
  });
});

test('DateTime input: every format Dgraph accepts, canonical RFC 3339 with offset and fraction kept', () => {
  assert.equal(parseDateTime('2019'), '2019-01-01T00:00:00Z');
  assert.equal(parseDateTime('2019-10'), '2019-10-01T00:00:00Z');
  assert.equal(parseDateTime('2019-10-12'), '2019-10-12T00:00:00Z');
  assert.equal(parseDateTime('2019-10-12T07:20:50'), '2019-10-12T07:20:50Z');
  assert.equal(parseDateTime('2019-10-12T07:20:50.520Z'), '2019-10-12T07:20:50.52Z');
  assert.equal(parseDateTime('2019-10-12T07:20:50+05:30'), '2019-10-12T07:20:50+05:30');
  assert.equal(parseDateTime('2019-10-12T07:20:50+00:00'), '2019-10-12T07:20:50Z');
  assert.equal(parseDateTime('2019-10-12 07:20:50 -0700 MST'), '2019-10-12T07:20:50-07:00');
  for (const bad of ['2019-13', '2019-02-30', '2019-10-12T25:00:00Z', '12/10/2019', '2019-10-12T07:20Z', 'now', '']) {
    assert.throws(() => parseDateTime(bad), /DateTime cannot represent value/, bad);
  }
  assert.throws(() => parseDateTime(1571000000), /DateTime cannot represent value: 1571000000/);
});

test('DateTime in a request and in an answer, as Dgraph answers (to the second, stored offset kept)', async () => {
  const { args } = await run('query($d: DateTime) { queryEvent(filter: {at: {ge: $d, }}) { id } }', { d: '2020-01-01' });
  assert.deepEqual(args, { filter: { at: { ge: '2020-01-01T00:00:00Z' } } });
  const rows = [
    { id: '0x1', at: '2019-10-12T07:20:50.52Z' },
    { id: '0x2', at: '2019-10-12T07:20:50.52+05:30' },
    { id: '0x3', at: new Date(Date.UTC(2001, 0, 2, 3, 4, 5, 600)) },
    { id: '0x4', at: '2001-01-02 03:04:05.6+02' },
  ];
  const { result } = await run('{ queryEvent { id at } }', {}, rows);
  assert.deepEqual(result.data, {
    queryEvent: [
      { id: '0x1', at: '2019-10-12T07:20:50Z' },
      { id: '0x2', at: '2019-10-12T07:20:50+05:30' },
      { id: '0x3', at: '2001-01-02T03:04:05Z' },
      { id: '0x4', at: '2001-01-02T03:04:05+02:00' },
    ],
  });
  assert.equal(formatDateTime(0), '1970-01-01T00:00:00Z');
  assert.throws(() => formatDateTime('yesterday'), /DateTime cannot represent value: "yesterday"/);
});
