/** The key-set lifetime read from a JWKS response's headers (Hasura's rules, with a default and clamping). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keySetLifetime } from '../../src/verifier/jwks/cache-policy.js';
import type { CacheHeaders } from '../../src/verifier/jwks/cache-policy.js';

const NOW = Date.UTC(2030, 0, 1, 12);
const BOUNDS = { defaultMs: 600_000, minMs: 60_000, maxMs: 86_400_000 };
const life = (headers: CacheHeaders, bounds = BOUNDS) => keySetLifetime(headers, NOW, bounds);
const http = (ms: number) => new Date(ms).toUTCString();

test('max-age and s-maxage (the smaller wins), minus Age', () => {
  assert.equal(life({ cacheControl: 'public, max-age=3600' }), 3_600_000);
  assert.equal(life({ cacheControl: 's-maxage=7200' }), 7_200_000);
  assert.equal(life({ cacheControl: 'max-age=7200, s-maxage=3600' }), 3_600_000);
  assert.equal(life({ cacheControl: 'max-age=3600', age: '600' }), 3_000_000);
  assert.equal(life({ cacheControl: 'Max-Age="1800"' }), 1_800_000);
});
test('no-cache, no-store and must-revalidate alone mean the floor', () => {
  for (const cacheControl of ['no-cache', 'no-store', 'private, no-store, max-age=3600', 'must-revalidate', 'no-cache="set-cookie"']) {
    assert.equal(life({ cacheControl }), 60_000, cacheControl);
  }
  assert.equal(life({ cacheControl: 'must-revalidate, max-age=3600' }), 3_600_000);
});
test('Expires, against the response’s Date when there is one', () => {
  assert.equal(life({ expires: http(NOW + 1_800_000) }), 1_800_000);
  assert.equal(life({ expires: http(NOW + 1_800_000), date: http(NOW - 300_000) }), 2_100_000);
  assert.equal(life({ expires: 'not a date' }), 60_000);
  assert.equal(life({ expires: http(NOW - 5_000) }), 60_000);
  assert.equal(life({ cacheControl: 'max-age=7200', expires: http(NOW + 60_000) }), 7_200_000, 'max-age wins over Expires');
});
test('nothing said: the default; junk: the default', () => {
  assert.equal(life({}), 600_000);
  assert.equal(life({ cacheControl: 'public' }), 600_000);
  assert.equal(life({ cacheControl: 'max-age=abc' }), 600_000);
  assert.equal(life({ cacheControl: 'max-age' }), 600_000);
  assert.equal(life({ cacheControl: 'max-age=-5' }), 600_000);
});
test('clamped to the bounds', () => {
  assert.equal(life({ cacheControl: 'max-age=1' }), 60_000);
  assert.equal(life({ cacheControl: 'max-age=31536000' }), 86_400_000);
  assert.equal(life({ cacheControl: 'max-age=1' }, { ...BOUNDS, minMs: 0 }), 1_000);
});
