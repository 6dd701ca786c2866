/**
 * Issuers bound to their own keys, attacked. Two issuers, each with its own
 * real keys (RS256 key sets served from 127.0.0.1, an ES256 and an HS256
 * VerificationKey): every token signed with one issuer's key but claiming
 * another issuer is refused, as are tokens naming no configured issuer or
 * none at all (before any key is tried or fetched), and tokens that state
 * their issuer two ways. The same tokens against plain-string Issuers show
 * what that (Dgraph-compatible) form does and does not promise.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { key, secret } from '../../fixtures/index.js';
import type { KeyName } from '../../fixtures/index.js';
import type { JwtVerifier } from '../../src/verifier/index.js';
import { JwksServer } from './support/jwks-server.js';
import { HEADER, NS, refuses, seconds, sign, verificationKey, verifierFor } from './support/tokens.js';

const A = 'https://a.example/';
const B = 'https://b.example/';
const JWT = 'unable to parse jwt token:';
const RSA_FAILS = `${JWT}token signature is invalid: crypto/rsa: verification error`;
const JWT_ISSUER = "JWT `iss` value doesn't match with the issuer";
const ISS_MISSING = 'JWT has no `iss` value but the issuer is configured';

const cleanup: (() => unknown)[] = [];
after(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/** A provider publishing the fixture key `keyName` under the kid `kid` (two providers may well use the same kid). */
async function provider(keyName: KeyName, kid: string = keyName): Promise<JwksServer> {
  const server = await JwksServer.start({ body: { keys: [{ ...key(keyName).jwk, kid }] } });
  cleanup.push(() => server.stop());
  return server;
}

async function verifier(fields: Record<string, unknown>): Promise<JwtVerifier> {
  const v = await verifierFor({ Header: HEADER, Namespace: NS, ...fields }, { minRefetchIntervalMs: 60_000 });
  cleanup.push(() => v.close());
  return v;
}

const claims = (iss: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(iss === undefined ? {} : { iss }),
  aud: 'api',
  exp: seconds() + 300,
  [NS]: { USER: 'alice' },
  ...extra,
});
/** An RS256 token signed with the fixture key `keyName`, naming `kid`. */
const rs = (keyName: KeyName, payload: Record<string, unknown>, kid: string = keyName) =>
  sign('RS256', payload, { header: { kid }, signWith: key(keyName).privateKey });
const accepts = async (v: JwtVerifier, token: Promise<string>) => assert.equal((await v.verify(await token)).USER, 'alice');

describe('two key sets on 127.0.0.1, one per issuer', async () => {
  const a = await provider('rsa');
  const b = await provider('rsa-b');
  const bound = await verifier({ Audience: ['api'], Issuers: [{ Issuer: A, JWKUrl: a.url }, { Issuer: B, JWKUrls: [b.url] }] });

  test('each issuer’s own tokens pass', async () => {
    await accepts(bound, rs('rsa', claims(A)));
    await accepts(bound, rs('rsa-b', claims(B)));
    assert.deepEqual(bound.status().map((s) => [s.url, s.state, s.kids]), [[a.url, 'ready', ['rsa']], [b.url, 'ready', ['rsa-b']]]);
  });

  test('a’s key claiming b is refused: b’s set does not have a’s kid', async () => {
    await refuses(bound.verify(await rs('rsa', claims(B))), 'JWT_KID_UNKNOWN', `${JWT}token is unverifiable: error while executing keyfunc: Invalid kid`);
  });

  test('b’s key claiming a is refused', async () => {
    await refuses(bound.verify(await rs('rsa-b', claims(A))), 'JWT_KID_UNKNOWN', `${JWT}token is unverifiable: error while executing keyfunc: Invalid kid`);
  });

  test('a’s key under b’s kid claiming b: b’s key checks the signature, and it fails', async () => {
    await refuses(bound.verify(await rs('rsa', claims(B), 'rsa-b')), 'JWT_SIGNATURE', RSA_FAILS);
  });

  test('an unknown iss is refused before any key is looked for or fetched', async () => {
    const hits = a.hits + b.hits;
    await refuses(bound.verify(await rs('rsa', claims('https://c.example/'))), 'JWT_ISSUER', JWT_ISSUER);
    await refuses(bound.verify(await rs('rsa', claims('https://a.example'))), 'JWT_ISSUER', JWT_ISSUER); // exact match: no slash, no issuer
    await refuses(bound.verify(await rs('rsa', claims(A.toUpperCase()))), 'JWT_ISSUER', JWT_ISSUER);
    assert.equal(a.hits + b.hits, hits);
  });

  test('a token without iss is refused', async () => {
    await refuses(bound.verify(await rs('rsa', claims(undefined))), 'JWT_ISSUER', ISS_MISSING);
    await refuses(bound.verify(await rs('rsa', claims(undefined, { iss: null }))), 'JWT_ISSUER', ISS_MISSING);
  });

  test('a non-string iss is a malformed token, as in Dgraph', async () => {
    await refuses(bound.verify(await rs('rsa', claims(undefined, { iss: [A] }))), 'JWT_MALFORMED', /cannot unmarshal array into Go struct field RegisteredClaims\.iss/);
  });

  test('iss stated twice: Go reads the last, ISS (a, whose key signed); jose’s verified payload says iss b: refused', async () => {
    // Object keys keep their order in JSON.stringify: "iss" first, "ISS" last.
    await refuses(bound.verify(await rs('rsa', { ...claims(A), iss: B, ISS: A })), 'JWT_ISSUER', JWT_ISSUER);
    // Even when the namespace repeats a, so that rules would see a: the verified payload’s own iss disagrees.
    await refuses(bound.verify(await rs('rsa', { ...claims(A, { [NS]: { USER: 'alice', iss: A } }), iss: B, ISS: A })), 'JWT_ISSUER', JWT_ISSUER);
  });

  test('a namespace claim "iss" cannot make rules see another issuer', async () => {
    await refuses(bound.verify(await rs('rsa', claims(A, { [NS]: { USER: 'alice', iss: B } }))), 'JWT_ISSUER', JWT_ISSUER);
    // Saying the same issuer again is harmless.
    await accepts(bound, rs('rsa', claims(A, { [NS]: { USER: 'alice', iss: A } })));
  });
});

describe('both providers use the same kid (common: "key-1")', async () => {
  const a = await provider('rsa', 'key-1');
  const b = await provider('rsa-b', 'key-1');

  test('bound: each kid is looked up in its issuer’s set only, so the four crossings are refused', async () => {
    const bound = await verifier({ Audience: ['api'], Issuers: [{ Issuer: A, JWKUrl: a.url }, { Issuer: B, JWKUrl: b.url }] });
    await accepts(bound, rs('rsa', claims(A), 'key-1'));
    await accepts(bound, rs('rsa-b', claims(B), 'key-1'));
    await refuses(bound.verify(await rs('rsa', claims(B), 'key-1')), 'JWT_SIGNATURE', RSA_FAILS);
    await refuses(bound.verify(await rs('rsa-b', claims(A), 'key-1')), 'JWT_SIGNATURE', RSA_FAILS);
  });

  test('plain-string Issuers (Dgraph-compatible form) keep their meaning: any listed key, any listed issuer', async () => {
    const names = await verifier({ Audience: ['api'], JWKUrls: [a.url, b.url], Issuers: [A, B] });
    for (const [signer, iss] of [['rsa', A], ['rsa', B], ['rsa-b', A], ['rsa-b', B]] as const) await accepts(names, rs(signer, claims(iss), 'key-1'));
    await refuses(names.verify(await rs('rsa', claims('https://c.example/'), 'key-1')), 'JWT_ISSUER', JWT_ISSUER);
  });
});

describe('VerificationKey entries: RS256, ES256 and HS256 issuers side by side', async () => {
  const ES = 'https://es.example/';
  const HS = 'https://hs.example/';
  const mixed = await verifier({
    Audience: ['api'],
    Issuers: [
      { Issuer: A, Algo: 'RS256', VerificationKey: verificationKey('RS256') },
      { Issuer: ES, Algo: 'ES256', VerificationKey: verificationKey('ES256') },
      { Issuer: HS, Algo: 'HS256', VerificationKey: secret('HS256'), Audience: ['hs-api'] },
    ],
  });

  test('each issuer’s tokens pass with its own key and algorithm', async () => {
    await accepts(mixed, sign('RS256', claims(A)));
    await accepts(mixed, sign('ES256', claims(ES)));
    await accepts(mixed, sign('HS256', claims(HS, { aud: 'hs-api' })));
  });

  test('an issuer’s algorithm is the only one its tokens may use', async () => {
    const keyfunc = `${JWT}token is unverifiable: error while executing keyfunc: unexpected signing method:`;
    await refuses(mixed.verify(await sign('ES256', claims(A))), 'JWT_ALGORITHM', `${keyfunc} Expected RS256 Found ES256`);
    await refuses(mixed.verify(await sign('RS256', claims(ES))), 'JWT_ALGORITHM', `${keyfunc} Expected ES256 Found RS256`);
    await refuses(mixed.verify(await sign('RS256', claims(HS, { aud: 'hs-api' }))), 'JWT_ALGORITHM', `${keyfunc} Expected HS256 Found RS256`);
  });

  test('HS256 signed with the RSA public key as the secret, claiming the HS issuer: the signature fails', async () => {
    const forged = await sign('HS256', claims(HS, { aud: 'hs-api' }), { signWith: new TextEncoder().encode(key('rsa').publicPem) });
    await refuses(mixed.verify(forged), 'JWT_SIGNATURE', `${JWT}token signature is invalid: signature is invalid`);
  });

  test('the RS256 key of issuer a signing for another RS256 issuer’s name fails the signature', async () => {
    const other = await verifier({
      Audience: ['api'],
      Issuers: [
        { Issuer: A, Algo: 'RS256', VerificationKey: verificationKey('RS256') },
        { Issuer: B, Algo: 'RS256', VerificationKey: key('rsa-b').publicPem.trimEnd().replaceAll('\n', '\\n') },
      ],
    });
    await accepts(other, sign('RS256', claims(B), { signWith: key('rsa-b').privateKey }));
    await refuses(other.verify(await sign('RS256', claims(B))), 'JWT_SIGNATURE', RSA_FAILS);
    await refuses(other.verify(await sign('RS256', claims(A), { signWith: key('rsa-b').privateKey })), 'JWT_SIGNATURE', RSA_FAILS);
  });

  test('an entry’s own Audience replaces the line’s for its tokens only', async () => {
    await refuses(mixed.verify(await sign('HS256', claims(HS))), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
    await refuses(mixed.verify(await sign('RS256', claims(A, { aud: 'hs-api' }))), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
  });
});

describe('AudienceRequired', async () => {
  const strict = await verifier({ Algo: 'ES256', VerificationKey: verificationKey('ES256'), Audience: ['api'], AudienceRequired: true });
  const dgraph = await verifier({ Algo: 'ES256', VerificationKey: verificationKey('ES256'), Audience: ['api'] });
  const JWT_AUDIENCE = 'JWT has no `aud` value but the audience is required';

  test('a token without aud (or with aud []) is refused with JWT_AUDIENCE', async () => {
    await refuses(strict.verify(await sign('ES256', claims(A, { aud: undefined }))), 'JWT_AUDIENCE', JWT_AUDIENCE);
    await refuses(strict.verify(await sign('ES256', claims(A, { aud: [] }))), 'JWT_AUDIENCE', JWT_AUDIENCE);
    await refuses(strict.verify(await sign('ES256', claims(A, { aud: null }))), 'JWT_AUDIENCE', JWT_AUDIENCE);
  });

  test('a matching aud passes; a wrong one is still JWT_AUDIENCE', async () => {
    await accepts(strict, sign('ES256', claims(A)));
    await accepts(strict, sign('ES256', claims(A, { aud: ['other', 'api'] })));
    await refuses(strict.verify(await sign('ES256', claims(A, { aud: 'other' }))), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
  });

  test('without it, Dgraph’s rule: no aud passes', async () => {
    await accepts(dgraph, sign('ES256', claims(A, { aud: undefined })));
  });

  test('with bound issuers it applies to every issuer', async () => {
    const b = await verifier({
      AudienceRequired: true,
      Issuers: [{ Issuer: A, Algo: 'ES256', VerificationKey: verificationKey('ES256'), Audience: ['a-api'] }],
    });
    await accepts(b, sign('ES256', claims(A, { aud: 'a-api' })));
    await refuses(b.verify(await sign('ES256', claims(A, { aud: undefined }))), 'JWT_AUDIENCE', JWT_AUDIENCE);
  });
});
