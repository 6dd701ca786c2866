/**
 * authline's keys beyond Dgraph's: Issuer/Issuers, Leeway, Cookie,
 * Algorithms. Case-insensitive like Dgraph's keys; a wrong type is an upload
 * error that says what was expected (never a silent legacy fallback).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HS, accepted, jsonLine, refused } from './support.js';

const JWK = { Header: 'X', Namespace: 'ns', JWKUrl: 'https://idp.example/jwks', Audience: ['api'] };

describe('accepted', () => {
  test('all of them, in any case', () => {
    const config = accepted(jsonLine({ ...HS, issuer: 'https://idp.example/', LEEWAY: 30, cookie: '__session', algorithms: ['HS512'] }));
    assert.deepEqual(config.issuers, ['https://idp.example/']);
    assert.equal(config.leewaySeconds, 30);
    assert.equal(config.cookie, '__session');
    assert.deepEqual(config.algorithms, ['HS256', 'HS512']);
  });
  test('Issuers as a list; fractional leeway', () => {
    const config = accepted(jsonLine({ ...JWK, Issuers: ['a', 'b'], Leeway: 1.5 }));
    assert.deepEqual(config.issuers, ['a', 'b']);
    assert.equal(config.leewaySeconds, 1.5);
  });
  test('Algorithms narrows what a JWKS may sign with', () => {
    assert.deepEqual(accepted(jsonLine({ ...JWK, Algorithms: ['ES256', 'EdDSA', 'ES256'] })).algorithms, ['ES256', 'EdDSA']);
  });
  test('defaults: no issuers, no leeway, no cookie', () => {
    const config = accepted(jsonLine(HS));
    assert.deepEqual(config.issuers, []);
    assert.equal(config.leewaySeconds, 0);
    assert.equal(config.cookie, undefined);
  });
  test('null means absent; the last duplicate wins', () => {
    const config = accepted('# Dgraph.Authorization {"Header":"X","Namespace":"n","Algo":"HS256","VerificationKey":"k","Leeway":5,"leeway":null,"Cookie":"a","COOKIE":"b"}');
    assert.equal(config.leewaySeconds, 0);
    assert.equal(config.cookie, 'b');
  });
});

describe('refused, with clear messages', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['Issuer not a string', { Issuer: 5 }, ['`Issuer` in Dgraph.Authorization must be a non-empty string, found 5']],
    ['Issuer empty', { Issuer: '' }, ['`Issuer` in Dgraph.Authorization must be a non-empty string, found ""']],
    ['Issuers not a list', { Issuers: 'a' }, ['`Issuers` in Dgraph.Authorization must be a non-empty list of non-empty strings, or of issuer entries, found "a"']],
    ['Issuers empty', { Issuers: [] }, ['`Issuers` in Dgraph.Authorization must be a non-empty list of non-empty strings, or of issuer entries, found []']],
    ['both Issuer and Issuers', { Issuer: 'a', Issuers: ['b'] }, ['expecting either Issuer or Issuers, both were given']],
    ['Leeway as text', { Leeway: '30s' }, ['`Leeway` in Dgraph.Authorization must be a number of seconds from 0 to 86400, found "30s"']],
    ['Leeway negative', { Leeway: -1 }, ['`Leeway` in Dgraph.Authorization must be a number of seconds from 0 to 86400, found -1']],
    ['Leeway beyond a day', { Leeway: 86401 }, ['`Leeway` in Dgraph.Authorization must be a number of seconds from 0 to 86400, found 86401']],
    ['Cookie not a token', { Cookie: 'my cookie' }, ['`Cookie` in Dgraph.Authorization must be a cookie name, found "my cookie"']],
    ['Cookie not a string', { Cookie: true }, ['`Cookie` in Dgraph.Authorization must be a cookie name, found true']],
    ['Algorithms not a list', { Algorithms: 'RS256' }, ['`Algorithms` in Dgraph.Authorization must be a non-empty list of algorithm names, found "RS256"']],
    ['Algorithms unknown', { Algorithms: ['none'] }, [
      '`Algorithms` in Dgraph.Authorization: invalid jwt algorithm: found none, but supported options are: RS256,RS384,RS512,HS256,HS384,HS512,ES256,ES384,ES512,PS256,PS384,PS512,EdDSA',
    ]],
    ['several at once', { Leeway: 'x', Cookie: '' }, [
      '`Leeway` in Dgraph.Authorization must be a number of seconds from 0 to 86400, found "x"',
      '`Cookie` in Dgraph.Authorization must be a cookie name, found ""',
    ]],
  ];
  for (const [name, extra, messages] of cases) {
    test(name, () => assert.deepEqual(refused(jsonLine({ ...HS, ...extra })), messages));
  }
  test('HMAC algorithms with JWK URLs', () => {
    assert.deepEqual(refused(jsonLine({ ...JWK, Algorithms: ['RS256', 'HS256'] })), [
      '`Algorithms` in Dgraph.Authorization: HS256 cannot be used with JWKUrl/JWKUrls, whose keys are public keys',
    ]);
  });
  test("Dgraph's own errors come first, alone", () => {
    assert.deepEqual(refused(jsonLine({ ...HS, Header: '', Leeway: 'x' })), ['required field missing in Dgraph.Authorization: `Header`']);
  });
  test('extension errors and a bad key are reported together', () => {
    assert.deepEqual(refused(jsonLine({ ...HS, Algo: 'RS256', VerificationKey: 'nope', Cookie: ';' })), [
      '`Cookie` in Dgraph.Authorization must be a cookie name, found ";"',
      'invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key',
    ]);
  });
});
