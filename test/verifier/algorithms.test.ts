/**
 * Every algorithm with every key form, verified for real with the fixture
 * keys; the algorithm pinned by the line (or narrowed by `Algorithms`); a
 * wrong signature reported in golang-jwt's words for its key family.
 */
import { describe, test } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import assert from 'node:assert/strict';
import { ALL_ALGORITHMS, KEY_FOR, key, oneLine } from '../../fixtures/index.js';
import type { Algorithm } from '../../fixtures/index.js';
import { NS, isHmac, refuses, seconds, sign, staticFields, verifierFor } from './support/tokens.js';

const claims = () => ({ [NS]: { USER: 'alice', ROLE: 'ADMIN' }, sub: 'alice', exp: seconds() + 300 });

const FAILURE: Record<string, string> = {
  HS: 'signature is invalid',
  RS: 'crypto/rsa: verification error',
  PS: 'crypto/rsa: verification error',
  ES: 'crypto/ecdsa: verification error',
  Ed: 'ed25519: verification error',
};

describe('every algorithm verifies with its key', () => {
  for (const alg of ALL_ALGORITHMS) {
    test(alg, async () => {
      const verifier = await verifierFor(staticFields(alg));
      const result = await verifier.verify(await sign(alg, claims()));
      assert.equal(result.USER, 'alice');
      assert.equal(result.ROLE, 'ADMIN');
      verifier.close();
    });
  }
});

describe('every key form verifies', () => {
  for (const [alg, name] of Object.entries(KEY_FOR) as [keyof typeof KEY_FOR, string][]) {
    const fixture = key(KEY_FOR[alg]);
    const forms: [string, string][] = [
      ['X.509 certificate', oneLine(fixture.certPem)],
      ['JWK', JSON.stringify(fixture.jwk)],
      ['PEM with real newlines', fixture.publicPem],
      ...(fixture.pkcs1Pem ? [['PKCS#1', oneLine(fixture.pkcs1Pem)] as [string, string]] : []),
    ];
    for (const [form, text] of forms) {
      test(`${alg} (${name}) as ${form}`, async () => {
        const verifier = await verifierFor(staticFields(alg, { VerificationKey: text }));
        assert.equal((await verifier.verify(await sign(alg, claims()))).USER, 'alice');
      });
    }
  }
});

describe('a signature from another key', () => {
  /** A key of the same kind that the line does not name. */
  const otherKey = (alg: Algorithm): KeyObject | Uint8Array => {
    if (isHmac(alg)) return new TextEncoder().encode('x'.repeat(64));
    if (alg === 'EdDSA') return generateKeyPairSync('ed25519').privateKey;
    if (alg === 'ES384' || alg === 'ES512') return generateKeyPairSync('ec', { namedCurve: alg === 'ES384' ? 'secp384r1' : 'secp521r1' }).privateKey;
    return key(alg === 'ES256' ? 'ec-p256-b' : 'rsa-b').privateKey;
  };
  for (const alg of ALL_ALGORITHMS) {
    test(alg, async () => {
      const verifier = await verifierFor(staticFields(alg));
      const token = await sign(alg, claims(), { signWith: otherKey(alg) });
      await refuses(verifier.verify(token), 'JWT_SIGNATURE', `unable to parse jwt token:token signature is invalid: ${FAILURE[alg.slice(0, 2)]}`);
    });
  }
  for (const alg of ALL_ALGORITHMS) {
    test(`${alg}: one character appended to the signature`, async () => {
      const verifier = await verifierFor(staticFields(alg));
      const token = `${await sign(alg, claims())}A`;
      const signature = token.split('.')[2];
      // A signature whose base64 length was a multiple of 4 now ends in a lone character: Go cannot decode it.
      await (signature.length % 4 === 1
        ? refuses(verifier.verify(token), 'JWT_MALFORMED',
          `unable to parse jwt token:token is malformed: could not base64 decode signature: illegal base64 data at input byte ${signature.length - 1}`)
        : refuses(verifier.verify(token), 'JWT_SIGNATURE', `unable to parse jwt token:token signature is invalid: ${FAILURE[alg.slice(0, 2)]}`));
    });
  }
});

describe('the algorithm is the line’s, not the token’s', () => {
  test("a token of another algorithm, in Dgraph's words", async () => {
    const verifier = await verifierFor(staticFields('HS256'));
    await refuses(
      verifier.verify(await sign('RS256', claims())),
      'JWT_ALGORITHM',
      'unable to parse jwt token:token is unverifiable: error while executing keyfunc: unexpected signing method: Expected HS256 Found RS256',
    );
  });
  test('same family, other hash: RS256 line, RS512 token', async () => {
    const verifier = await verifierFor(staticFields('RS256'));
    await refuses(
      verifier.verify(await sign('RS512', claims())),
      'JWT_ALGORITHM',
      'unable to parse jwt token:token is unverifiable: error while executing keyfunc: unexpected signing method: Expected RS256 Found RS512',
    );
  });
  test('`Algorithms` lets one RSA key verify RS256 and PS512, and nothing else', async () => {
    const verifier = await verifierFor(staticFields('RS256', { Algorithms: ['PS512'] }));
    for (const alg of ['RS256', 'PS512'] as const) assert.equal((await verifier.verify(await sign(alg, claims()))).USER, 'alice');
    await refuses(
      verifier.verify(await sign('RS384', claims())),
      'JWT_ALGORITHM',
      'unable to parse jwt token:token is unverifiable: error while executing keyfunc: unexpected signing method: Expected one of RS256,PS512 Found RS384',
    );
  });
  test('the kid of a static-key token is ignored, as in Dgraph', async () => {
    const verifier = await verifierFor(staticFields('ES256'));
    assert.equal((await verifier.verify(await sign('ES256', claims(), { header: { kid: 'whatever' } }))).USER, 'alice');
  });
});

describe('warnings about the configuration', () => {
  test('an HMAC secret shorter than the hash', async () => {
    const verifier = await verifierFor(staticFields('HS512', { VerificationKey: 'short' }));
    assert.deepEqual(verifier.warnings.map((w) => w.code), ['WEAK_HMAC_SECRET']);
    assert.match(verifier.warnings[0].message, /has 5 bytes; HS512 needs at least 64/);
  });
  test('none for the fixture secrets', async () => {
    assert.deepEqual((await verifierFor(staticFields('HS384'))).warnings, []);
  });
});
