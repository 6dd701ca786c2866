/** The pre-JSON form: `# Dgraph.Authorization <Header> <Namespace> <Algo> "<key>"`. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { key } from '../../fixtures/index.js';
import { accepted, refused } from './support.js';

describe('legacy form', () => {
  test("Dgraph's example", () => {
    const config = accepted('# Dgraph.Authorization X-Test-Auth https://xyz.io/jwt/claims HS256 "secretkey"');
    assert.deepEqual(
      { header: config.header, namespace: config.namespace, algo: config.algo, key: config.verificationKey, legacy: config.legacy },
      { header: 'X-Test-Auth', namespace: 'https://xyz.io/jwt/claims', algo: 'HS256', key: 'secretkey', legacy: true },
    );
    assert.equal(config.audience, null);
    assert.equal(config.closedByDefault, false);
    assert.deepEqual(config.algorithms, ['HS256']);
  });

  test('any spacing, a key with spaces, text after the closing quote', () => {
    const config = accepted('#Dgraph.Authorization   X-A\tns  HS512 "a secret with spaces" trailing words');
    assert.equal(config.header, 'X-A');
    assert.equal(config.verificationKey, 'a secret with spaces');
  });

  test('an RSA public key with \\n escapes', () => {
    const pem = key('rsa').publicPem.trimEnd().replaceAll('\n', '\\n');
    assert.equal(accepted(`# Dgraph.Authorization X ns RS256 "${pem}"`).algo, 'RS256');
  });

  test("Dgraph's format error shows '# ' and the text from the marker on", () => {
    assert.deepEqual(refused('#    Dgraph.Authorization X-Test-Dgraph https://dgraph.io/jwt/claims "key"'), [
      'Invalid `Dgraph.Authorization` format: # Dgraph.Authorization X-Test-Dgraph https://dgraph.io/jwt/claims "key"',
    ]);
  });

  test('an empty key does not match', () => {
    assert.deepEqual(refused('# Dgraph.Authorization X ns HS256 ""'), ['Invalid `Dgraph.Authorization` format: # Dgraph.Authorization X ns HS256 ""']);
  });

  test('the algorithm and the key are still checked', () => {
    assert.match(refused('# Dgraph.Authorization X ns HS999 "k"')[0], /^invalid jwt algorithm: found HS999, but supported options are: /);
    assert.deepEqual(refused('# Dgraph.Authorization X ns RS256 "not a pem"'), ['invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key']);
  });
});
