/**
 * VerificationKey read at upload: every algorithm with every key form it
 * accepts (SPKI, PKCS#1, X.509, JWK, one-line or real newlines), and each
 * unusable key refused with golang-jwt's words.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVerificationKey } from '../../src/authline/index.js';
import { KEY_FOR, key, oneLine, secret } from '../../fixtures/index.js';
import type { KeyName } from '../../fixtures/index.js';
import { HS, accepted, jsonLine, refused } from './support.js';

const line = (Algo: string, VerificationKey: string, extra: Record<string, unknown> = {}) =>
  jsonLine({ ...HS, Algo, VerificationKey, ...extra });

describe('every algorithm with every key form', () => {
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    test(`${alg}: the secret's bytes, as written`, () => {
      const config = accepted(line(alg, secret(alg)));
      assert.equal(config.verificationKey, secret(alg));
      const parsed = parseVerificationKey('a\\nb', [alg]);
      assert.ok('key' in parsed && parsed.key.form === 'secret');
      assert.deepEqual(parsed.key.secret, new TextEncoder().encode('a\\nb')); // no \n unescaping for secrets
    });
  }

  for (const [alg, name] of Object.entries(KEY_FOR)) {
    const fixture = key(name);
    const forms: [string, string][] = [
      ['SPKI PEM, one line', oneLine(fixture.publicPem)],
      ['SPKI PEM, real newlines', fixture.publicPem],
      ['X.509 certificate', oneLine(fixture.certPem)],
      ['JWK', JSON.stringify(fixture.jwk)],
      ['JWK with a matching alg', JSON.stringify({ ...fixture.jwk, alg })],
      ...(fixture.pkcs1Pem ? [['PKCS#1 PEM', oneLine(fixture.pkcs1Pem)] as [string, string]] : []),
    ];
    for (const [form, text] of forms) {
      test(`${alg}: ${form}`, () => {
        assert.equal(accepted(line(alg, text)).algo, alg);
        const parsed = parseVerificationKey(text, [alg]);
        assert.ok('key' in parsed);
        assert.equal(parsed.key.form === 'secret' ? undefined : parsed.key.jwk.kty, fixture.jwk.kty);
      });
    }
  }
});

describe('unusable keys', () => {
  const rsa = key('rsa');
  const cases: [string, string, string, string][] = [
    ['no PEM block', 'RS256', 'not a key', 'invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key'],
    ['a PEM block whose body is not base64', 'RS256', '-----BEGIN PUBLIC KEY-----\\n!!!!\\n-----END PUBLIC KEY-----', 'invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key'],
    ['a PEM block of garbage', 'RS256', '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----',
      'x509: failed to parse public key: the "PUBLIC KEY" PEM block is not a PKIX public key, an X.509 certificate or a PKCS#1 RSA public key'],
    ['a private key', 'RS256', oneLine(rsa.privatePem), 'x509: failed to parse public key: the PEM block is a private key; VerificationKey takes the public key only'],
    ['an EC key for RS256', 'RS256', oneLine(key('ec-p256').publicPem), 'key is not a valid RSA public key'],
    ['an RSA key for ES256', 'ES256', oneLine(rsa.publicPem), 'key is not a valid ECDSA public key'],
    ['a P-384 key for ES256', 'ES256', oneLine(key('ec-p384').certPem), 'key is not a valid ECDSA public key: ES256 needs a P-256 key, this key is P-384'],
    ['a P-256 key for ES512', 'ES512', JSON.stringify(key('ec-p256').jwk), 'key is not a valid ECDSA public key: ES512 needs a P-521 key, this key is P-256'],
    ['an RSA key for EdDSA', 'EdDSA', oneLine(rsa.certPem), 'key is not a valid Ed25519 public key'],
    ['an Ed25519 key for PS256', 'PS256', oneLine(key('ed25519').publicPem), 'key is not a valid RSA public key'],
    ['a 1024-bit RSA key', 'RS256', oneLine(key('rsa-1024').pkcs1Pem!),
      'key is not a valid RSA public key: RS256 needs a modulus of at least 2048 bits, this key has 1024'],
    ['a JWK that is not JSON', 'RS256', '{"kty":', 'invalid key: VerificationKey starts like a JWK but is not JSON: '],
    ['a JWK without kty', 'RS256', '{"n":"x"}', 'invalid key: a JWK must be a JSON object with a "kty" member'],
    ['a private JWK', 'ES256', JSON.stringify(key('ec-p256').privateKey.export({ format: 'jwk' })),
      'invalid key: the JWK is a private key; VerificationKey takes the public key only'],
    ['an oct JWK', 'RS256', '{"kty":"oct","k":"c2VjcmV0"}',
      'invalid key: an "oct" JWK is a shared secret; put the secret itself in VerificationKey with an HS algorithm'],
    ['a JWK for encryption', 'RS256', JSON.stringify({ ...rsa.jwk, use: 'enc' }), 'invalid key: the JWK\'s "use" is "enc", not "sig"'],
    ['a JWK whose key_ops exclude verify', 'RS256', JSON.stringify({ ...rsa.jwk, key_ops: ['encrypt'] }), 'invalid key: the JWK\'s "key_ops" do not include "verify"'],
    ['a JWK for another algorithm', 'RS256', JSON.stringify({ ...rsa.jwk, alg: 'RS512' }), 'the JWK\'s "alg" is "RS512", not RS256'],
    ['a broken JWK', 'RS256', '{"kty":"RSA","n":"AQAB"}', 'invalid key: the JWK is not a usable public key: '],
  ];
  for (const [name, alg, text, message] of cases) {
    test(name, () => {
      const [error] = refused(line(alg, text));
      if (message.endsWith(': ')) assert.ok(error.startsWith(message), error);
      else assert.equal(error, message);
    });
  }

  test('the first usable PEM block is taken, text around it ignored', () => {
    assert.equal(accepted(line('RS256', `garbage\\n-----BEGIN X-----\\n!!\\n-----END X-----\\n${oneLine(rsa.publicPem)}\\ntrailer`)).algo, 'RS256');
  });
});

describe('one key, several algorithms (the `Algorithms` extension)', () => {
  const pem = oneLine(key('rsa').publicPem);
  test('an RSA key verifies RS* and PS*', () => {
    assert.deepEqual(accepted(line('RS256', pem, { Algorithms: ['PS256', 'RS512', 'RS256'] })).algorithms, ['RS256', 'PS256', 'RS512']);
  });
  test('HMAC with a public-key algorithm is refused both ways', () => {
    assert.deepEqual(refused(line('HS256', 'secret', { Algorithms: ['HS512', 'RS256'] })), [
      '`Algorithms` in Dgraph.Authorization: RS256 cannot be used with an HMAC secret (Algo HS256)',
    ]);
    assert.deepEqual(refused(line('RS256', pem, { Algorithms: ['HS256'] })), [
      '`Algorithms` in Dgraph.Authorization: HS256 cannot be used with a public key (Algo RS256); an HMAC token is never checked against a public key',
    ]);
  });
  test('an algorithm the key cannot serve', () => {
    assert.deepEqual(refused(line('RS256', pem, { Algorithms: ['ES256'] })), [
      '`Algorithms` in Dgraph.Authorization: ES256 cannot use the VerificationKey: key is not a valid ECDSA public key',
    ]);
  });
});

test('every fixture key is readable', () => {
  for (const name of ['rsa', 'rsa-b', 'ec-p256-b'] satisfies KeyName[]) {
    assert.ok('key' in parseVerificationKey(oneLine(key(name).certPem), [name.startsWith('rsa') ? 'RS256' : 'ES256']));
  }
});

test('private keys are refused in every PEM wrapping (Node would derive the public key from them)', () => {
  const rsa = key('rsa').privateKey;
  const ec = key('ec-p256').privateKey;
  const pems = [
    rsa.export({ type: 'pkcs1', format: 'pem' }) as string,
    (rsa.export({ type: 'pkcs1', format: 'pem' }) as string).replaceAll('RSA PRIVATE KEY', 'PUBLIC KEY'),
    ec.export({ type: 'sec1', format: 'pem' }) as string,
    (rsa.export({ type: 'pkcs8', format: 'pem' }) as string).replaceAll('PRIVATE KEY', 'RSA PUBLIC KEY'),
  ];
  for (const pem of pems) {
    assert.deepEqual(parseVerificationKey(oneLine(pem), [pem.includes('EC') ? 'ES256' : 'RS256']), {
      error: 'x509: failed to parse public key: the PEM block is a private key; VerificationKey takes the public key only',
    });
  }
});
