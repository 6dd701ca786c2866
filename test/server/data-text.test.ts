import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactJson, dataJson } from '../../src/server/data-text.js';

test('compactJson drops the white space between tokens and keeps every string as it is', () => {
  const value = { a: 'x y', 'b c': ['q "u" \\ o\tte', '\n', ' ', '\\"'], d: [1, -2.5, true, null, {}], e: { f: [] } };
  // PostgreSQL's spacing: json_build_object, json_agg, jsonb::text.
  const spaced = '{"a" : "x y", "b c" : ["q \\"u\\" \\\\ o\\tte", "\\n", " ", "\\\\\\""], "d" : [1, \n -2.5, true, null, {}], "e" : {"f" : []}}';
  assert.deepEqual(JSON.parse(spaced), value);
  assert.equal(compactJson(spaced), JSON.stringify(value));
});

test('dataJson writes the root fields in order around their texts', () => {
  assert.equal(dataJson([['b', '[{"x" : 1}, \n {"x" : 2}]'], ['a', 'null']]), '{"data":{"b":[{"x":1},{"x":2}],"a":null}}');
  assert.equal(dataJson([]), '{"data":{}}');
});
