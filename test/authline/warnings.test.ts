/**
 * What a line that loads may still deserve a warning for: every trusted
 * key is looked at (the line's own, each bound issuer's), and key sets
 * without AudienceRequired are pointed out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authLineWarnings } from '../../src/authline/index.js';
import { secret } from '../../fixtures/index.js';
import { accepted, jsonLine } from './support.js';

const BASE = { Header: 'Authorization', Namespace: 'https://ns', Audience: ['api'] };
const warningsOf = (fields: Record<string, unknown>) => authLineWarnings(accepted(jsonLine({ ...BASE, ...fields })));
const NOT_REQUIRED =
  'keys come from a provider (JWKUrl/JWKUrls/OIDC) but "AudienceRequired" is not true: a token without "aud" passes the audience check (as in Dgraph), ' +
  'so a token the provider signed for another purpose may be accepted; add "AudienceRequired": true';

describe('authLineWarnings', () => {
  test('a sound VerificationKey line: none', () => {
    assert.deepEqual(warningsOf({ Algo: 'HS256', VerificationKey: secret('HS256') }), []);
  });

  test('key sets without AudienceRequired: one warning, whatever their number; none with it', () => {
    assert.deepEqual(warningsOf({ JWKUrl: 'https://idp/jwks' }), [{ code: 'AUDIENCE_NOT_REQUIRED', message: NOT_REQUIRED }]);
    assert.deepEqual(warningsOf({ Issuers: [{ OIDC: 'https://a/' }, { Issuer: 'b', JWKUrls: ['https://b/1', 'https://b/2'] }] }).map((w) => w.code), ['AUDIENCE_NOT_REQUIRED']);
    assert.deepEqual(warningsOf({ OIDC: 'https://a/', AudienceRequired: true }), []);
  });

  test('plain HTTP to another machine, for JWK URLs and OIDC discovery alike; loopback is fine', () => {
    assert.deepEqual(warningsOf({ AudienceRequired: true, Issuers: [
      { OIDC: 'http://idp.example/' },
      { Issuer: 'b', JWKUrls: ['http://127.0.0.1:9/jwks', 'http://keys.example/jwks'] },
      { OIDC: 'http://localhost:8080/realms/dev' },
    ] }), [
      { code: 'JWKS_INSECURE_URL', url: 'http://idp.example/.well-known/openid-configuration', message: 'OIDC discovery http://idp.example/.well-known/openid-configuration is fetched over plain HTTP: anyone on the path can swap the keys' },
      { code: 'JWKS_INSECURE_URL', url: 'http://keys.example/jwks', message: 'JWKS http://keys.example/jwks is fetched over plain HTTP: anyone on the path can swap the keys' },
    ]);
  });

  test('a short HMAC secret, on the line or of a bound issuer', () => {
    assert.deepEqual(warningsOf({ Algo: 'HS256', VerificationKey: 'short', Algorithms: ['HS384'] }), [
      { code: 'WEAK_HMAC_SECRET', message: 'the HMAC VerificationKey has 5 bytes; HS256/HS384 needs at least 48 to be as strong as its hash' },
    ]);
    assert.deepEqual(warningsOf({ Issuers: [{ Issuer: 'dev', Algo: 'HS512', VerificationKey: 'x'.repeat(32) }] }), [
      { code: 'WEAK_HMAC_SECRET', message: 'the HMAC VerificationKey of issuer dev has 32 bytes; HS512 needs at least 64 to be as strong as its hash' },
    ]);
  });
});
