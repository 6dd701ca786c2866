/**
 * Reading the token from a request: the configured header (any case),
 * bare or `Bearer `-prefixed as Dgraph accepts it (TestBearerToken), and the
 * `Cookie` extension.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BearerFormatError } from '../../src/verifier/index.js';
import { HEADER, staticFields, verifierFor } from './support/tokens.js';

const v = await verifierFor(staticFields('HS256'));
const withCookie = await verifierFor(staticFields('HS256', { Cookie: '__session' }));
const from = (value: string | string[] | undefined) => v.tokenFrom({ [HEADER.toLowerCase()]: value });

describe('the header', () => {
  test('bare token', () => assert.equal(from('abc.def.ghi'), 'abc.def.ghi'));
  test('Bearer, bearer, BEARER prefixes', () => {
    for (const prefix of ['Bearer ', 'bearer ', 'BEARER ', 'bEaReR ']) assert.equal(from(`${prefix}abc.def.ghi`), 'abc.def.ghi');
  });
  test('absent or empty: no token', () => {
    assert.equal(from(undefined), undefined);
    assert.equal(from(''), undefined);
    assert.equal(v.tokenFrom({}), undefined);
  });
  test('the header name is matched in any case (Node lower-cases; other callers may not)', () => {
    assert.equal(v.tokenFrom({ 'X-TEST-AUTH': 't' }), 't');
  });
  test('first value only, as Go’s Header.Get', () => {
    assert.equal(from(['first', 'second']), 'first');
  });
  test('"Bearer" without a space is a raw token (which then fails to parse)', () => {
    assert.equal(from('Bearer'), 'Bearer');
    assert.equal(from('Bearerabc'), 'Bearerabc');
  });
  for (const value of ['Bearer a b', 'Bearer  x', 'bearer x ', 'Bearer ']) {
    test(`${JSON.stringify(value)} is refused with Dgraph's message`, () => {
      assert.throws(() => from(value), (error: BearerFormatError) => {
        assert.ok(error instanceof BearerFormatError);
        assert.equal(error.code, 'JWT_BEARER_MALFORMED');
        assert.equal(error.message, `invalid Bearer-formatted header value for JWT (${value})`);
        return true;
      });
    });
  }
  test('other schemes are taken as the raw token, as Dgraph does', () => {
    assert.equal(from('Basic dXNlcjpwYXNz'), 'Basic dXNlcjpwYXNz');
  });
});

describe('the Cookie extension', () => {
  test('read when the header is absent or empty', () => {
    assert.equal(withCookie.tokenFrom({ cookie: 'a=1; __session=tok.en.x; b=2' }), 'tok.en.x');
    assert.equal(withCookie.tokenFrom({ cookie: '__session=tok', [HEADER.toLowerCase()]: '' }), 'tok');
  });
  test('the header wins when both are there', () => {
    assert.equal(withCookie.tokenFrom({ cookie: '__session=c', [HEADER.toLowerCase()]: 'Bearer h' }), 'h');
  });
  test('no such cookie, or empty: no token', () => {
    assert.equal(withCookie.tokenFrom({ cookie: 'other=1' }), undefined);
    assert.equal(withCookie.tokenFrom({ cookie: '__session=' }), undefined);
    assert.equal(withCookie.tokenFrom({}), undefined);
  });
  test('without the extension the cookie is never read', () => {
    assert.equal(v.tokenFrom({ cookie: '__session=tok' }), undefined);
  });
  test('a cookie value is the token itself, no Bearer handling', () => {
    assert.equal(withCookie.tokenFrom({ cookie: '__session=Bearer%20x' }), 'Bearer x');
  });
});
