import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataJson } from '../../src/server/data-text.js';

test('dataJson writes the root fields in order around their texts, as they are', () => {
  assert.equal(dataJson([['b', '[{"x":1},{"x":2}]'], ['a', 'null']]), '{"data":{"b":[{"x":1},{"x":2}],"a":null}}');
  assert.equal(dataJson([['q"uoted', '{"s":"a b"}']]), '{"data":{"q\\"uoted":{"s":"a b"}}}');
  assert.equal(dataJson([]), '{"data":{}}');
});
