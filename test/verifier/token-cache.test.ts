/**
 * The verified-token cache: a repeated token is answered from the cache
 * (the very same claims object comes back), but never past `exp` (+ the
 * leeway, exactly), never before `nbf`, never longer than the maximum TTL;
 * only successes are kept; the LRU bound holds.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenCache } from '../../src/verifier/token-cache.js';
import { NS, refuses, sign, staticFields, verifierFor } from './support/tokens.js';

const START = Date.UTC(2030, 0, 1);
const T = START / 1000;

async function rsVerifier(extra: Record<string, unknown> = {}, options = {}) {
  let now = START;
  const verifier = await verifierFor(staticFields('RS256', extra), { clock: () => now, ...options });
  return { verifier, at: (seconds: number) => (now = START + seconds * 1000) };
}
const token = (payload: Record<string, unknown>) => sign('RS256', { [NS]: { USER: 'u' }, ...payload });

describe('through the verifier', () => {
  test('a repeated token is answered from the cache', async () => {
    const { verifier } = await rsVerifier();
    const t = await token({ exp: T + 60 });
    assert.equal(await verifier.verify(t), await verifier.verify(t));
  });

  test('without a cache, each verification is done again', async () => {
    const { verifier } = await rsVerifier({}, { tokenCacheSize: 0 });
    const t = await token({ exp: T + 60 });
    assert.notEqual(await verifier.verify(t), await verifier.verify(t));
  });

  test('a cached token expires exactly at exp', async () => {
    const { verifier, at } = await rsVerifier();
    const t = await token({ exp: T + 60 });
    const first = await verifier.verify(t);
    at(59.999);
    assert.equal(await verifier.verify(t), first);
    at(60);
    await refuses(verifier.verify(t), 'JWT_EXPIRED', 'unable to parse jwt token:token has invalid claims: token is expired');
  });

  test('...or at exp + leeway, never later', async () => {
    const { verifier, at } = await rsVerifier({ Leeway: 10 });
    const t = await token({ exp: T + 60 });
    const first = await verifier.verify(t);
    at(69.999);
    assert.equal(await verifier.verify(t), first);
    at(70);
    await refuses(verifier.verify(t), 'JWT_EXPIRED', 'unable to parse jwt token:token has invalid claims: token is expired');
  });

  test('a token verified inside the leeway is cached no longer than exp + leeway', async () => {
    const { verifier, at } = await rsVerifier({ Leeway: 5 });
    const t = await token({ exp: T - 2 });
    await verifier.verify(t); // 2 s past exp, within the 5 s leeway
    at(3);
    await refuses(verifier.verify(t), 'JWT_EXPIRED', 'unable to parse jwt token:token has invalid claims: token is expired');
  });

  test('a clock that steps back before nbf does not get a cached answer', async () => {
    const { verifier, at } = await rsVerifier();
    const t = await token({ nbf: T, exp: T + 600 });
    const first = await verifier.verify(t);
    at(-1);
    await refuses(verifier.verify(t), 'JWT_NOT_YET_VALID', 'unable to parse jwt token:token has invalid claims: token is not valid yet');
    at(1);
    assert.notEqual(await verifier.verify(t), first);
  });

  test('tokens without exp are cached for the maximum TTL only', async () => {
    const { verifier, at } = await rsVerifier({}, { tokenCacheMaxTtlMs: 30_000 });
    const t = await token({});
    const first = await verifier.verify(t);
    at(29);
    assert.equal(await verifier.verify(t), first);
    at(31);
    const again = await verifier.verify(t);
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
  });

  test('failures are not cached: a token refused for its audience stays refused, and one refused early is accepted later', async () => {
    const { verifier, at } = await rsVerifier({ Audience: ['api'] });
    const other = await token({ aud: 'other' });
    for (let i = 0; i < 2; i++) await refuses(verifier.verify(other), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
    const t = await token({ nbf: T + 10 });
    await refuses(verifier.verify(t), 'JWT_NOT_YET_VALID', 'unable to parse jwt token:token has invalid claims: token is not valid yet');
    at(10);
    assert.equal((await verifier.verify(t)).USER, 'u');
  });
});

describe('TokenCache', () => {
  test('LRU bound: the least recently used entry goes first', () => {
    const cache = new TokenCache(2, 60_000);
    const claims = (n: number) => Object.freeze({ n });
    cache.set('a', claims(1), {}, 0, 0);
    cache.set('b', claims(2), {}, 0, 0);
    assert.deepEqual(cache.get('a', 1), { n: 1 }); // a is now the most recent
    cache.set('c', claims(3), {}, 0, 0);
    assert.equal(cache.get('b', 1), undefined);
    assert.deepEqual(cache.get('a', 1), { n: 1 });
    assert.deepEqual(cache.get('c', 1), { n: 3 });
    assert.equal(cache.size, 2);
  });
  test('an entry past its validity is dropped when looked up', () => {
    const cache = new TokenCache(10, 60_000);
    cache.set('a', {}, { exp: 10 }, 0, 0);
    assert.equal(cache.get('a', 10_000), undefined);
    assert.equal(cache.size, 0);
  });
  test('size 0 keeps nothing', () => {
    const cache = new TokenCache(0, 60_000);
    cache.set('a', {}, {}, 0, 0);
    assert.equal(cache.get('a', 1), undefined);
  });
});
