/**
 * The JSON form decoded with Go's encoding/json semantics: case-insensitive
 * keys (Unicode simple folding), last duplicate wins, null handling, and
 * type mismatches that send Dgraph to the legacy format.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonLine } from '../../src/authline/decode-json.js';
import { jsonMembers } from '../../src/authline/go-json.js';
import { HS, accepted, jsonLine, refused } from './support.js';

describe('keys match case-insensitively, as Go folds them', () => {
  for (const spelling of ['JWKUrl', 'jwkurl', 'JWKURL', 'JwKuRl']) {
    test(spelling, () => {
      const config = accepted(jsonLine({ Header: 'X', Namespace: 'ns', [spelling]: 'https://example.com/jwks.json', Audience: ['a'] }));
      assert.deepEqual(config.jwkUrls, ['https://example.com/jwks.json']);
    });
  }

  test('every Dgraph key in lower and upper case', () => {
    const lower = accepted(jsonLine({ verificationkey: 'k', header: 'h', namespace: 'n', algo: 'HS384', audience: ['a'], closedbydefault: true }));
    const upper = accepted(jsonLine({ VERIFICATIONKEY: 'k', HEADER: 'h', NAMESPACE: 'n', ALGO: 'HS384', AUDIENCE: ['a'], CLOSEDBYDEFAULT: true }));
    for (const config of [lower, upper]) {
      assert.equal(config.verificationKey, 'k');
      assert.equal(config.header, 'h');
      assert.equal(config.namespace, 'n');
      assert.equal(config.algo, 'HS384');
      assert.deepEqual(config.audience, ['a']);
      assert.equal(config.closedByDefault, true);
    }
    assert.deepEqual(accepted(jsonLine({ header: 'h', namespace: 'n', jwkurls: ['http://a/', 'http://b/'], audience: ['a'] })).jwkUrls, [
      'http://a/',
      'http://b/',
    ]);
  });

  test('the Kelvin sign folds to k and the long s to s', () => {
    const config = accepted('# Dgraph.Authorization {"Verification\\u212Aey":"k","Header":"h","Name\\u017Fpace":"n","Algo":"HS256"}');
    assert.equal(config.verificationKey, 'k');
    assert.equal(config.namespace, 'n');
  });

  test('escaped keys are unescaped first', () => {
    assert.equal(accepted('# Dgraph.Authorization {"Head\\u0065r":"h","Namespace":"n","Algo":"HS256","VerificationKey":"k"}').header, 'h');
  });

  test('unknown keys are ignored', () => {
    assert.equal(accepted(jsonLine({ ...HS, Whatever: [1, { a: 2 }], RSAPublicKey: 5 })).header, 'X-Test-Auth');
  });
});

describe('duplicates: the last one in the document wins, whatever its case', () => {
  test('different cases', () => {
    assert.equal(accepted('# Dgraph.Authorization {"Header":"a","Namespace":"n","Algo":"HS256","VerificationKey":"k","header":"b"}').header, 'b');
  });
  test('exact duplicates around another casing (JSON.parse alone gets this wrong)', () => {
    const line = '# Dgraph.Authorization {"Header":"a","HEADER":"b","Header":"c","Namespace":"n","Algo":"HS256","VerificationKey":"k"}';
    assert.equal(accepted(line).header, 'c');
  });
});

describe('null', () => {
  test('the whole value null decodes to nothing and fails validation', () => {
    assert.deepEqual(refused('# Dgraph.Authorization null'), [
      'required field missing in Dgraph.Authorization: `Verification key`/`JWKUrl`/`JWKUrls` `Algo` `Header` `Namespace`',
    ]);
  });
  test('null leaves a string as it was', () => {
    assert.equal(accepted('# Dgraph.Authorization {"Header":"a","Header":null,"Namespace":"n","Algo":"HS256","VerificationKey":"k"}').header, 'a');
  });
  test('null resets a list; a null element reads as ""', () => {
    assert.equal(accepted(jsonLine({ ...HS, Audience: ['x'], audience: null })).audience, null);
    assert.deepEqual(accepted(jsonLine({ ...HS, Audience: ['x', null] })).audience, ['x', '']);
  });
  test('Audience absent or null is null, [] stays [] (they differ at token time)', () => {
    assert.equal(accepted(jsonLine(HS)).audience, null);
    assert.equal(accepted(jsonLine({ ...HS, Audience: null })).audience, null);
    assert.deepEqual(accepted(jsonLine({ ...HS, Audience: [] })).audience, []);
  });
});

describe('type mismatches and syntax errors fall back to the legacy form', () => {
  for (const [what, extra] of [
    ['Audience as a string', { Audience: 'x' }],
    ['ClosedByDefault as a string', { ClosedByDefault: 'true' }],
    ['Namespace as a number', { Namespace: 5 }],
    ['JWKUrls with a number', { JWKUrls: ['http://a', 1] }],
  ] as const) {
    test(what, () => {
      const line = jsonLine({ ...HS, ...extra });
      assert.deepEqual(refused(line), [`Invalid \`Dgraph.Authorization\` format: ${line}`]);
    });
  }
  for (const rest of ['[]', '"text"', '5', `${JSON.stringify(HS)} trailing`, '{"Header":}']) {
    test(`not a JSON object: ${rest.slice(0, 20)}`, () => {
      assert.deepEqual(decodeJsonLine(` ${rest}`), null);
    });
  }
  test('quirk: spaced JSON with a type error matches the legacy pattern, as in Dgraph', () => {
    const line = '# Dgraph.Authorization {"VerificationKey": "secret", "Header": "X", "Namespace": "n", "Algo": "HS256", "ClosedByDefault": "true"}';
    assert.deepEqual(refused(line), [
      'invalid jwt algorithm: found "Header":, but supported options are: RS256,RS384,RS512,HS256,HS384,HS512,ES256,ES384,ES512,PS256,PS384,PS512,EdDSA',
    ]);
  });
});

describe('jsonMembers', () => {
  test('keeps order and duplicates, skips nested values correctly', () => {
    const text = ' { "a" : {"x":[1,"]}"]} , "b":"q\\"}" ,"a":[ {"}":"{"} ] , "c" : -1.5e3,"d":true , "e":null}';
    assert.deepEqual(jsonMembers(text), [
      { key: 'a', value: { x: [1, ']}'] } },
      { key: 'b', value: 'q"}' },
      { key: 'a', value: [{ '}': '{' }] },
      { key: 'c', value: -1500 },
      { key: 'd', value: true },
      { key: 'e', value: null },
    ]);
    assert.deepEqual(jsonMembers('{}'), []);
  });
});
