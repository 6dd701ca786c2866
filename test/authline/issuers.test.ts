/**
 * Issuers bound to their own keys: `Issuers` entries and `OIDC`. What the
 * line becomes, and every way an entry can be wrong, each an upload error
 * located at the line that says which entry and what it needs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jwksFileUrl, key, oneLine, secret } from '../../fixtures/index.js';
import { accepted, jsonLine, refused } from './support.js';

const BASE = { Header: 'Authorization', Namespace: 'https://my.app/claims', Audience: ['api'] };
const A = { Issuer: 'https://a.example/', JWKUrl: 'https://a.example/.well-known/jwks.json' };
const B = { Issuer: 'https://b.example/', JWKUrls: ['https://b.example/keys/1', 'https://b.example/keys/2'] };
const C = { Issuer: 'https://c.example/', VerificationKey: oneLine(key('ec-p256').publicPem), Algo: 'ES256' };
const PUBLIC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

describe('accepted', () => {
  test('entries with JWKUrl, JWKUrls, VerificationKey + Algo and OIDC, each bound to its keys', () => {
    const config = accepted(jsonLine({ ...BASE, Issuers: [A, B, C, { OIDC: 'https://d.example/tenant/' }] }));
    assert.deepEqual(config.issuers, ['https://a.example/', 'https://b.example/', 'https://c.example/', 'https://d.example/tenant/']);
    assert.deepEqual(config.boundIssuers, [
      { issuer: 'https://a.example/', keys: { kind: 'jwks', urls: [A.JWKUrl] }, audience: ['api'], algorithms: PUBLIC_KEY_ALGORITHMS },
      { issuer: 'https://b.example/', keys: { kind: 'jwks', urls: B.JWKUrls }, audience: ['api'], algorithms: PUBLIC_KEY_ALGORITHMS },
      { issuer: 'https://c.example/', keys: { kind: 'verificationKey', algo: 'ES256', verificationKey: C.VerificationKey }, audience: ['api'], algorithms: ['ES256'] },
      {
        issuer: 'https://d.example/tenant/',
        keys: { kind: 'oidc', discoveryUrl: 'https://d.example/tenant/.well-known/openid-configuration' },
        audience: ['api'],
        algorithms: PUBLIC_KEY_ALGORITHMS,
      },
    ]);
    // The line has no keys of its own; its algorithms are every issuer's.
    assert.equal(config.algo, undefined);
    assert.equal(config.verificationKey, undefined);
    assert.deepEqual(config.jwkUrls, []);
    assert.deepEqual(config.algorithms, PUBLIC_KEY_ALGORITHMS);
    assert.ok(Object.isFrozen(config.boundIssuers) && Object.isFrozen(config.boundIssuers?.[2].keys));
  });

  test('the line’s OIDC alone: one issuer, keys by discovery (no trailing slash, none added)', () => {
    const config = accepted(jsonLine({ ...BASE, OIDC: 'https://clerk.my.app' }));
    assert.deepEqual(config.boundIssuers, [
      { issuer: 'https://clerk.my.app', keys: { kind: 'oidc', discoveryUrl: 'https://clerk.my.app/.well-known/openid-configuration' }, audience: ['api'], algorithms: PUBLIC_KEY_ALGORITHMS },
    ]);
  });

  test('an entry’s own Audience and Algorithms replace the line’s; keys ignore case', () => {
    const config = accepted(jsonLine({
      ...BASE,
      Algorithms: ['RS256'],
      Issuers: [{ issuer: 'https://a.example/', jwkurl: A.JWKUrl, AUDIENCE: ['only-a'] }, { Issuer: 'https://b.example/', JWKUrls: B.JWKUrls, Algorithms: ['ES256', 'ES256'] }],
    }));
    assert.deepEqual(config.boundIssuers?.map((b) => [b.audience, b.algorithms]), [[['only-a'], ['RS256']], [['api'], ['ES256']]]);
  });

  test('a VerificationKey entry needs no Audience (as the line’s own key); HMAC entries take Algorithms', () => {
    const { Audience: _, ...noAudience } = BASE;
    const config = accepted(jsonLine({ ...noAudience, Issuers: [{ Issuer: 'dev', VerificationKey: secret('HS256'), Algo: 'HS256', Algorithms: ['HS512'] }] }));
    assert.deepEqual(config.boundIssuers?.[0].audience, null);
    assert.deepEqual(config.boundIssuers?.[0].algorithms, ['HS256', 'HS512']);
  });

  test('plain strings keep their meaning: names checked against the line’s own keys', () => {
    const config = accepted(jsonLine({ ...BASE, JWKUrl: jwksFileUrl('primary'), Issuers: ['https://a.example/', 'https://b.example/'] }));
    assert.deepEqual(config.issuers, ['https://a.example/', 'https://b.example/']);
    assert.deepEqual(config.boundIssuers, []);
  });

  test('AudienceRequired', () => {
    assert.equal(accepted(jsonLine({ ...BASE, JWKUrl: A.JWKUrl, audiencerequired: true })).audienceRequired, true);
    assert.equal(accepted(jsonLine({ ...BASE, JWKUrl: A.JWKUrl })).audienceRequired, false);
    assert.equal(accepted(jsonLine({ ...BASE, Issuers: [A, { ...B, Audience: ['b'] }], AudienceRequired: true })).audienceRequired, true);
  });
});

describe('refused', () => {
  const ALGORITHM_LIST = 'RS256,RS384,RS512,HS256,HS384,HS512,ES256,ES384,ES512,PS256,PS384,PS512,EdDSA';
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['entries beside the line’s own keys', { ...BASE, JWKUrl: A.JWKUrl, Issuers: [B] }, [
      "expecting either issuers bound to their own keys (Issuers entries, OIDC) or the line's own keys (VerificationKey, Algo, JWKUrl, JWKUrls), both were given",
    ]],
    ['OIDC beside the line’s own key', { ...BASE, OIDC: 'https://a.example/', Algo: 'RS256', VerificationKey: 'k' }, [
      "expecting either issuers bound to their own keys (Issuers entries, OIDC) or the line's own keys (VerificationKey, Algo, JWKUrl, JWKUrls), both were given",
    ]],
    ['names and entries mixed', { ...BASE, Issuers: ['https://x/', A] }, [
      "`Issuers` in Dgraph.Authorization mixes issuer names and issuer entries: give either names (checked against the line's own keys) or entries (objects, each with its own keys)",
    ]],
    ['OIDC beside Issuers', { ...BASE, OIDC: 'https://a.example/', Issuers: [B] }, [
      'expecting either OIDC or Issuer/Issuers, both were given (to trust more issuers, list this one in Issuers as {"OIDC": "..."})',
    ]],
    ['OIDC beside Issuer', { ...BASE, OIDC: 'https://a.example/', Issuer: 'https://a.example/' }, [
      'expecting either OIDC or Issuer/Issuers, both were given (to trust more issuers, list this one in Issuers as {"OIDC": "..."})',
    ]],
    ['Issuer beside entries', { ...BASE, Issuer: 'https://a.example/', Issuers: [A] }, ['expecting either Issuer or Issuers, both were given']],
    ['the same issuer twice', { ...BASE, Issuers: [A, B, { ...C, Issuer: 'https://a.example/' }] }, [
      '`Issuers` in Dgraph.Authorization names "https://a.example/" twice (entries 1 and 3); an issuer is bound to one set of keys',
    ]],
    ['an OIDC entry and a keyed entry for the same issuer', { ...BASE, Issuers: [{ OIDC: 'https://a.example/' }, A] }, [
      '`Issuers` in Dgraph.Authorization names "https://a.example/" twice (entries 1 and 2); an issuer is bound to one set of keys',
    ]],
    ['no issuer in an entry', { ...BASE, Issuers: [A, { JWKUrl: A.JWKUrl }] }, [
      '`Issuers` entry 2: no issuer: give Issuer (with JWKUrl, JWKUrls, or VerificationKey and Algo) or OIDC',
    ]],
    ['Issuer and OIDC in one entry', { ...BASE, Issuers: [{ Issuer: 'https://a.example/', OIDC: 'https://a.example/' }] }, [
      '`Issuers` entry 1 ("https://a.example/"): expecting either Issuer or OIDC, both were given (OIDC names the issuer, and its discovery document must state the same)',
    ]],
    ['an entry without keys', { ...BASE, Issuers: [{ Issuer: 'https://a.example/' }] }, [
      '`Issuers` entry 1 ("https://a.example/"): required field missing in Dgraph.Authorization: `Verification key`/`JWKUrl`/`JWKUrls` `Algo`',
    ]],
    ['an entry with VerificationKey but no Algo', { ...BASE, Issuers: [{ ...C, Algo: undefined }] }, [
      '`Issuers` entry 1 ("https://c.example/"): required field missing in Dgraph.Authorization: `Algo`',
    ]],
    ['an entry with JWKUrl and JWKUrls', { ...BASE, Issuers: [{ ...A, JWKUrls: ['https://x/'] }] }, [
      '`Issuers` entry 1 ("https://a.example/"): expecting either JWKUrl or JWKUrls, both were given',
    ]],
    ['an entry with JWKUrl and VerificationKey', { ...BASE, Issuers: [{ ...A, VerificationKey: 'k' }] }, [
      '`Issuers` entry 1 ("https://a.example/"): expecting either JWKUrl/JWKUrls or (VerificationKey, Algo), both were given',
    ]],
    ['a key set without any Audience (Dgraph’s rule, per entry)', { Header: 'X', Namespace: 'n', Issuers: [A, { ...B, Audience: ['b'] }] }, [
      '`Issuers` entry 1 ("https://a.example/"): required field missing in Dgraph.Authorization: `Audience` ',
    ]],
    ['the line’s OIDC without Audience: Dgraph’s own words', { Header: 'X', Namespace: 'n', OIDC: 'https://a.example/' }, [
      'required field missing in Dgraph.Authorization: `Audience` ',
    ]],
    ['an OIDC entry with keys too', { ...BASE, Issuers: [{ OIDC: 'https://a.example/', JWKUrl: A.JWKUrl }] }, [
      '`Issuers` entry 1 ("https://a.example/"): an OIDC issuer\'s keys come from its discovery document; VerificationKey, Algo, JWKUrl and JWKUrls cannot be given too',
    ]],
    ['OIDC not a URL', { ...BASE, OIDC: 'a.example' }, [
      '`OIDC` in Dgraph.Authorization must be the issuer\'s URL (https://..., without query or fragment), found "a.example"',
    ]],
    ['OIDC with a query', { ...BASE, Issuers: [{ OIDC: 'https://a.example/?tenant=1' }] }, [
      '`OIDC` of `Issuers` entry 1 ("https://a.example/?tenant=1") must be the issuer\'s URL (https://..., without query or fragment), found "https://a.example/?tenant=1"',
    ]],
    ['OIDC over ftp', { ...BASE, OIDC: 'ftp://a.example/' }, [
      '`OIDC` in Dgraph.Authorization must be the issuer\'s URL (https://..., without query or fragment), found "ftp://a.example/"',
    ]],
    ['OIDC not a string', { ...BASE, OIDC: ['https://a.example/'] }, [
      '`OIDC` in Dgraph.Authorization must be the issuer\'s URL (https://..., without query or fragment), found ["https://a.example/"]',
    ]],
    ['an entry that is not an object', { ...BASE, Issuers: [A, 'https://b/'] }, [
      "`Issuers` in Dgraph.Authorization mixes issuer names and issuer entries: give either names (checked against the line's own keys) or entries (objects, each with its own keys)",
    ]],
    ['wrong types in an entry', { ...BASE, Issuers: [{ Issuer: 5, JWKUrl: A.JWKUrl }, { Issuer: 'https://b/', JWKUrls: 'https://b/jwks', Audience: 'b' }] }, [
      '`Issuer` of `Issuers` entry 1 must be a non-empty string, found 5',
      '`Audience` of `Issuers` entry 2 ("https://b/") must be a list of strings, found "b"',
      '`JWKUrls` of `Issuers` entry 2 ("https://b/") must be a list of strings, found "https://b/jwks"',
    ]],
    ['an unknown key in an entry (a typo is not ignored)', { ...BASE, Issuers: [{ ...A, Audiences: ['x'] }] }, [
      '`Issuers` entry 1 ("https://a.example/"): unknown key "Audiences"; an entry takes Issuer with JWKUrl, JWKUrls or VerificationKey and Algo, or OIDC; and Audience and Algorithms if it needs its own',
    ]],
    ['one key twice in different cases', { ...BASE, Issuers: [{ ...A, jwkurl: 'https://other/' }] }, [
      '`Issuers` entry 1 ("https://a.example/"): "JWKUrl" and "jwkurl" are the same key (keys ignore case); give it once',
    ]],
    ['an entry’s URL that can never be fetched, in Go’s words', { ...BASE, Issuers: [{ ...A, JWKUrl: 'ftp://a/jwks' }] }, [
      '`Issuers` entry 1 ("https://a.example/"): Get "ftp://a/jwks": unsupported protocol scheme "ftp"',
    ]],
    ['an entry’s unknown Algo', { ...BASE, Issuers: [{ ...C, Algo: 'ES257' }] }, [
      `\`Issuers\` entry 1 ("https://c.example/"): invalid jwt algorithm: found ES257, but supported options are: ${ALGORITHM_LIST}`,
    ]],
    ['an entry’s key of the wrong type', { ...BASE, Issuers: [{ ...C, Algo: 'RS256' }] }, [
      '`Issuers` entry 1 ("https://c.example/"): key is not a valid RSA public key',
    ]],
    ['an entry’s private key', { ...BASE, Issuers: [{ ...C, VerificationKey: oneLine(key('ec-p256').privatePem) }] }, [
      '`Issuers` entry 1 ("https://c.example/"): x509: failed to parse public key: the PEM block is a private key; VerificationKey takes the public key only',
    ]],
    ['HMAC algorithms for a key set (the line’s Algorithms apply to entries)', { ...BASE, Algorithms: ['HS256'], Issuers: [A] }, [
      '`Algorithms` of `Issuers` entry 1 ("https://a.example/"): HS256 cannot be used with JWKUrl/JWKUrls, whose keys are public keys',
    ]],
    ['HMAC algorithms with the line’s OIDC', { ...BASE, Algorithms: ['HS256'], OIDC: 'https://a.example/' }, [
      '`Algorithms` in Dgraph.Authorization: HS256 cannot be used with OIDC, whose keys are public keys',
    ]],
    ['an entry’s Algorithms unknown', { ...BASE, Issuers: [{ ...A, Algorithms: ['none'] }] }, [
      `\`Algorithms\` of \`Issuers\` entry 1 ("https://a.example/"): invalid jwt algorithm: found none, but supported options are: ${ALGORITHM_LIST}`,
    ]],
    ['every broken entry is reported, each once', { ...BASE, Issuers: [{ Issuer: 'https://a/' }, { Issuer: 'https://b/', JWKUrl: 'jwks.json' }] }, [
      '`Issuers` entry 1 ("https://a/"): required field missing in Dgraph.Authorization: `Verification key`/`JWKUrl`/`JWKUrls` `Algo`',
      '`Issuers` entry 2 ("https://b/"): Get "jwks.json": unsupported protocol scheme ""',
    ]],
    ['AudienceRequired not a bool', { ...BASE, JWKUrl: A.JWKUrl, AudienceRequired: 'yes' }, [
      '`AudienceRequired` in Dgraph.Authorization must be true or false, found "yes"',
    ]],
    ['AudienceRequired without an Audience', { Header: 'X', Namespace: 'n', Algo: 'HS256', VerificationKey: secret('HS256'), AudienceRequired: true }, [
      '`AudienceRequired` in Dgraph.Authorization needs a non-empty Audience',
    ]],
    ['AudienceRequired with Audience [] (no token could pass)', { Header: 'X', Namespace: 'n', Algo: 'HS256', VerificationKey: secret('HS256'), Audience: [], AudienceRequired: true }, [
      '`AudienceRequired` in Dgraph.Authorization needs a non-empty Audience',
    ]],
    ['AudienceRequired with an issuer that has no Audience', { Header: 'X', Namespace: 'n', AudienceRequired: true, Issuers: [{ ...A, Audience: ['a'] }, C] }, [
      "`AudienceRequired` in Dgraph.Authorization needs a non-empty Audience for every issuer (its own or the line's)",
    ]],
  ];
  for (const [name, fields, messages] of cases) {
    test(name, () => assert.deepEqual(refused(jsonLine(fields)), messages));
  }

  test('Dgraph’s own errors still come first, alone', () => {
    assert.deepEqual(refused(jsonLine({ Namespace: 'n', Issuers: [{ Issuer: 'x' }] })), ['required field missing in Dgraph.Authorization: `Header`']);
  });
});

describe('Header and Cookie are HTTP tokens (RFC 7230)', () => {
  const HS = { Namespace: 'n', Algo: 'HS256', VerificationKey: secret('HS256') };
  for (const header of ['X-Auth\r\nX-Evil: 1', 'X Auth', 'X-Auth:', 'Authorisation\u00e9', '(x)']) {
    test(`Header ${JSON.stringify(header)} is refused`, () => {
      assert.deepEqual(refused(jsonLine({ ...HS, Header: header })), [
        `\`Header\` in Dgraph.Authorization must be an HTTP header name (an RFC 7230 token), found ${JSON.stringify(header)}`,
      ]);
    });
  }
  test('every token character is accepted', () => {
    assert.equal(accepted(jsonLine({ ...HS, Header: "X-A_b.c!#$%&'*+^`|~9" })).header, "X-A_b.c!#$%&'*+^`|~9");
  });
  test('the legacy form is checked too', () => {
    assert.deepEqual(refused('# Dgraph.Authorization X-Auth:x https://ns HS256 "secret"'), [
      '`Header` in Dgraph.Authorization must be an HTTP header name (an RFC 7230 token), found "X-Auth:x"',
    ]);
  });
  test('a Cookie name with CR LF is refused', () => {
    assert.deepEqual(refused(jsonLine({ ...HS, Header: 'X', Cookie: 'a\r\nSet-Cookie: b' })), [
      '`Cookie` in Dgraph.Authorization must be a cookie name, found "a\\r\\nSet-Cookie: b"',
    ]);
  });
});
