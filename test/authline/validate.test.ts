/**
 * Dgraph's validation of the JSON form, in Dgraph's order and words (only
 * the first failure is reported), and the resulting config.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HS, accepted, jsonLine, refused } from './support.js';

const JWK = { Header: 'X-Auth', Namespace: 'https://ns', JWKUrl: 'https://idp.example/jwks.json', Audience: ['api'] };
const ALGORITHM_LIST = 'RS256,RS384,RS512,HS256,HS384,HS512,ES256,ES384,ES512,PS256,PS384,PS512,EdDSA';

describe("Dgraph's messages", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['everything missing', {}, 'required field missing in Dgraph.Authorization: `Verification key`/`JWKUrl`/`JWKUrls` `Algo` `Header` `Namespace`'],
    ['Header missing', { ...HS, Header: '' }, 'required field missing in Dgraph.Authorization: `Header`'],
    ['Namespace missing', { ...HS, Namespace: undefined }, 'required field missing in Dgraph.Authorization: `Namespace`'],
    ['Algo missing', { ...HS, Algo: '' }, 'required field missing in Dgraph.Authorization: `Algo`'],
    ['VerificationKey missing', { ...HS, VerificationKey: '' }, 'required field missing in Dgraph.Authorization: `Verification key`/`JWKUrl`/`JWKUrls`'],
    ['key and Header missing', { Namespace: 'n', Algo: 'HS256' }, 'required field missing in Dgraph.Authorization: `Verification key`/`JWKUrl`/`JWKUrls` `Header`'],
    ['JWKUrl and JWKUrls', { ...JWK, JWKUrls: ['https://b'] }, 'expecting either JWKUrl or JWKUrls, both were given'],
    ['JWKUrl and VerificationKey', { ...JWK, VerificationKey: 'k' }, 'expecting either JWKUrl/JWKUrls or (VerificationKey, Algo), both were given'],
    ['JWKUrls and Algo', { ...JWK, JWKUrl: undefined, JWKUrls: ['https://a'], Algo: 'RS256' }, 'expecting either JWKUrl/JWKUrls or (VerificationKey, Algo), both were given'],
    ['JWK mode without Audience (trailing space kept)', { ...JWK, Audience: undefined }, 'required field missing in Dgraph.Authorization: `Audience` '],
    ['JWK mode with Audience []', { ...JWK, Audience: [] }, 'required field missing in Dgraph.Authorization: `Audience` '],
    ['JWK mode missing Audience, Header and Namespace', { JWKUrl: 'https://a' }, 'required field missing in Dgraph.Authorization: `Audience`  `Header` `Namespace`'],
    ['both URLs win over missing fields', { JWKUrl: 'https://a', JWKUrls: ['https://b'] }, 'expecting either JWKUrl or JWKUrls, both were given'],
    ['unknown algorithm', { ...HS, Algo: 'HS257' }, `invalid jwt algorithm: found HS257, but supported options are: ${ALGORITHM_LIST}`],
    ['algorithm names are case-sensitive', { ...HS, Algo: 'hs256' }, `invalid jwt algorithm: found hs256, but supported options are: ${ALGORITHM_LIST}`],
    ['none is no algorithm', { ...HS, Algo: 'none' }, `invalid jwt algorithm: found none, but supported options are: ${ALGORITHM_LIST}`],
    ['missing fields come before the algorithm', { ...HS, Algo: 'XX', Header: '' }, 'required field missing in Dgraph.Authorization: `Header`'],
  ];
  for (const [name, fields, message] of cases) {
    test(name, () => assert.deepEqual(refused(jsonLine(fields)), [message]));
  }
});

describe('JWK URLs', () => {
  test('JWKUrl is folded into jwkUrls; no Algo, every public-key algorithm allowed', () => {
    const config = accepted(jsonLine(JWK));
    assert.deepEqual(config.jwkUrls, ['https://idp.example/jwks.json']);
    assert.equal(config.algo, undefined);
    assert.equal(config.verificationKey, undefined);
    assert.deepEqual(config.algorithms, ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA']);
  });
  test('JWKUrls keep their order; file URLs are accepted', () => {
    const urls = ['https://a.example/jwks', 'http://127.0.0.1:9/jwks', 'file:///etc/authline/jwks.json'];
    assert.deepEqual(accepted(jsonLine({ ...JWK, JWKUrl: undefined, JWKUrls: urls })).jwkUrls, urls);
  });
  test('URLs that can never be fetched are upload errors, in Go’s words', () => {
    assert.deepEqual(refused(jsonLine({ ...JWK, JWKUrl: undefined, JWKUrls: ['ftp://a/jwks', 'jwks.json', '', 'http://[::1/'] })), [
      'Get "ftp://a/jwks": unsupported protocol scheme "ftp"',
      'Get "jwks.json": unsupported protocol scheme ""',
      'Get "": unsupported protocol scheme ""',
      'parse "http://[::1/": invalid URL',
    ]);
    assert.deepEqual(refused(jsonLine({ ...JWK, JWKUrl: 'file://server/share/jwks.json' })), [
      'Get "file://server/share/jwks.json": a file URL must name an absolute path on this machine (file:///path/to/jwks.json)',
    ]);
  });
});

describe('the config', () => {
  test('VerificationKey mode, everything given', () => {
    const config = accepted(jsonLine({ ...HS, Audience: ['a', 'b'], ClosedByDefault: true }));
    assert.deepEqual({ ...config }, {
      header: 'X-Test-Auth',
      namespace: 'https://xyz.io/jwt/claims',
      algo: 'HS256',
      verificationKey: 'secretkey',
      jwkUrls: [],
      audience: ['a', 'b'],
      closedByDefault: true,
      issuers: [],
      boundIssuers: [],
      audienceRequired: false,
      leewaySeconds: 0,
      algorithms: ['HS256'],
      legacy: false,
      loc: { line: 5, column: 1 },
    });
  });
  test('is frozen, lists included', () => {
    const config = accepted(jsonLine({ ...HS, Audience: ['a'] }));
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.audience));
    assert.ok(Object.isFrozen(config.jwkUrls));
  });
});
