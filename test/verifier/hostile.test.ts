/**
 * A catalogue of hostile tokens, one row per attack, each refused with a
 * clear error (code and message), none accepted. The verifiers are an RS256
 * static-key line (with Audience and Issuer), an HS256 line, an ES256 line
 * and a JWKS line; jku/x5u rows point at a real server on 127.0.0.1 that
 * must never be asked for anything.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { jwksFileUrl, key } from '../../fixtures/index.js';
import type { AuthErrorCode, JwtVerifier } from '../../src/verifier/index.js';
import { HEADER, NS, forge, refuses, seconds, sign, signRs256Raw, staticFields, verifierFor } from './support/tokens.js';

const JWT = 'unable to parse jwt token:';
const KEYFUNC = `${JWT}token is unverifiable: error while executing keyfunc: `;
const MALFORMED = `${JWT}token is malformed: `;
const ISSUER = 'https://issuer.example/';

// The attacker's server: serves a JWKS with the attacker's key, and counts every request.
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerJwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: 'rsa', use: 'sig' };
let attackerHits = 0;
const server = createServer((_req, res) => {
  attackerHits++;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ keys: [attackerJwk] }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const attackerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
after(() => server.close());

const verifiers: Record<'rs' | 'hs' | 'es' | 'jwks', JwtVerifier> = {
  rs: await verifierFor(staticFields('RS256', { Audience: ['api'], Issuer: ISSUER })),
  hs: await verifierFor(staticFields('HS256')),
  es: await verifierFor(staticFields('ES256')),
  jwks: await verifierFor({ Header: HEADER, Namespace: NS, JWKUrl: jwksFileUrl('primary'), Audience: ['api'] }),
};
after(() => Object.values(verifiers).forEach((v) => v.close()));

const good = () => ({ iss: ISSUER, aud: 'api', exp: seconds() + 300, [NS]: { ROLE: 'USER' } });
const rsToken = (payload: Record<string, unknown> = good(), header: Record<string, unknown> = {}) => sign('RS256', payload, { header });
const jwksToken = (payload: Record<string, unknown> = good(), header: Record<string, unknown> = { kid: 'rsa' }) =>
  sign('RS256', payload, { header });
const part = (token: string, i: number) => token.split('.')[i];
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const hmacWith = (secret: string) => new TextEncoder().encode(secret);
const JWKS_ALGS = 'RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512,EdDSA';

interface Attack {
  readonly attack: string;
  readonly against: keyof typeof verifiers;
  readonly token: () => Promise<string> | string;
  readonly code: AuthErrorCode;
  readonly message: string | RegExp;
}

const catalogue: Attack[] = [
  // alg: none and its spellings
  { attack: 'alg none, empty signature', against: 'rs', token: () => forge({ alg: 'none' }, good()),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected RS256 Found none` },
  { attack: 'alg none keeping a real signature', against: 'rs', token: async () => forge({ alg: 'none' }, good(), part(await rsToken(), 2)),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected RS256 Found none` },
  { attack: 'alg "None" (case games)', against: 'rs', token: () => forge({ alg: 'None' }, good()),
    code: 'JWT_ALGORITHM', message: `${JWT}token is unverifiable: signing method (alg) is unavailable` },
  { attack: 'alg none against a key set', against: 'jwks', token: () => forge({ alg: 'none', kid: 'rsa' }, good()),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected one of ${JWKS_ALGS} Found none` },
  { attack: 'duplicate alg in the header JSON, the last one none', against: 'rs',
    token: async () => `${b64('{"alg":"RS256","alg":"none"}')}.${part(await rsToken(), 1)}.`,
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected RS256 Found none` },
  { attack: 'alg missing', against: 'rs', token: () => forge({ typ: 'JWT' }, good(), 'c2ln'),
    code: 'JWT_ALGORITHM', message: `${JWT}token is unverifiable: signing method (alg) is unspecified` },
  { attack: 'alg not a string', against: 'rs', token: () => forge({ alg: 256 }, good(), 'c2ln'),
    code: 'JWT_ALGORITHM', message: `${JWT}token is unverifiable: signing method (alg) is unspecified` },
  { attack: 'alg unknown to any library', against: 'rs', token: () => forge({ alg: 'HS1024' }, good(), 'c2ln'),
    code: 'JWT_ALGORITHM', message: `${JWT}token is unverifiable: signing method (alg) is unavailable` },

  // algorithm confusion
  { attack: 'HS256 signed with the RSA public key PEM as the secret', against: 'rs',
    token: () => sign('HS256', good(), { signWith: hmacWith(key('rsa').publicPem) }),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected RS256 Found HS256` },
  { attack: 'HS256 signed with the public key, against a key set, kid of the RSA key', against: 'jwks',
    token: () => sign('HS256', good(), { header: { kid: 'rsa' }, signWith: hmacWith(key('rsa').publicPem) }),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected one of ${JWKS_ALGS} Found HS256` },
  { attack: 'HS256 signed with the JWK modulus as the secret', against: 'jwks',
    token: () => sign('HS256', good(), { header: { kid: 'rsa' }, signWith: hmacWith(key('rsa').jwk.n as string) }),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected one of ${JWKS_ALGS} Found HS256` },
  { attack: 'RS256 token naming the kid of an EC key', against: 'jwks', token: () => jwksToken(good(), { kid: 'ec-p256' }),
    code: 'JWT_ALGORITHM', message: `${JWT}token signature is invalid: key is of invalid type` },
  { attack: 'RS256 token against the HS256 line', against: 'hs', token: () => rsToken(),
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected HS256 Found RS256` },
  { attack: 'header alg switched RS256 → RS512, signature kept', against: 'rs',
    token: async () => { const t = await rsToken(); return `${b64('{"alg":"RS512"}')}.${part(t, 1)}.${part(t, 2)}`; },
    code: 'JWT_ALGORITHM', message: `${KEYFUNC}unexpected signing method: Expected RS256 Found RS512` },
  { attack: 'header alg switched RS256 → PS256 on a key set, signature kept', against: 'jwks',
    token: async () => { const t = await jwksToken(); return `${b64('{"alg":"PS256","kid":"rsa"}')}.${part(t, 1)}.${part(t, 2)}`; },
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },

  // tampering
  { attack: 'payload tampered (ROLE → ADMIN), signature kept', against: 'rs',
    token: async () => { const t = await rsToken(); return `${part(t, 0)}.${b64(JSON.stringify({ ...good(), [NS]: { ROLE: 'ADMIN' } }))}.${part(t, 2)}`; },
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },
  { attack: 'header tampered (typ added), signature kept', against: 'rs',
    token: async () => { const t = await rsToken(); return `${b64('{"alg":"RS256","typ":"JWT"}')}.${part(t, 1)}.${part(t, 2)}`; },
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },
  { attack: 'signed with the attacker’s own RSA key', against: 'rs', token: () => sign('RS256', good(), { signWith: attacker.privateKey }),
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },
  { attack: 'signed with the attacker’s key under a known kid', against: 'jwks',
    token: () => sign('RS256', good(), { header: { kid: 'rsa' }, signWith: attacker.privateKey }),
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },
  { attack: 'signature stripped', against: 'rs', token: async () => { const t = await rsToken(); return `${part(t, 0)}.${part(t, 1)}.`; },
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },
  { attack: 'signature truncated', against: 'rs', token: async () => (await rsToken()).slice(0, -8),
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/rsa: verification error` },
  { attack: 'ECDSA all-zero signature (CVE-2022-21449, "psychic signatures")', against: 'es',
    token: async () => { const t = await sign('ES256', good()); return `${part(t, 0)}.${part(t, 1)}.${Buffer.alloc(64).toString('base64url')}`; },
    code: 'JWT_SIGNATURE', message: `${JWT}token signature is invalid: crypto/ecdsa: verification error` },

  // keys named by the token
  { attack: 'jku pointing at the attacker’s JWKS', against: 'jwks',
    token: () => sign('RS256', good(), { header: { kid: 'rsa', jku: attackerUrl }, signWith: attacker.privateKey }),
    code: 'JWT_EMBEDDED_KEY', message: `${KEYFUNC}the token names its own key ("jku" header), which is never trusted` },
  { attack: 'x5u pointing at the attacker’s certificate', against: 'rs',
    token: () => sign('RS256', good(), { header: { x5u: attackerUrl }, signWith: attacker.privateKey }),
    code: 'JWT_EMBEDDED_KEY', message: `${KEYFUNC}the token names its own key ("x5u" header), which is never trusted` },
  { attack: 'embedded jwk of the attacker’s key (static line)', against: 'rs',
    token: () => sign('RS256', good(), { header: { jwk: attackerJwk }, signWith: attacker.privateKey }),
    code: 'JWT_EMBEDDED_KEY', message: `${KEYFUNC}the token names its own key ("jwk" header), which is never trusted` },
  { attack: 'embedded jwk of the attacker’s key (key set)', against: 'jwks',
    token: () => sign('RS256', good(), { header: { kid: 'rsa', jwk: attackerJwk }, signWith: attacker.privateKey }),
    code: 'JWT_EMBEDDED_KEY', message: `${KEYFUNC}the token names its own key ("jwk" header), which is never trusted` },

  // kid games
  { attack: 'kid unknown', against: 'jwks', token: () => jwksToken(good(), { kid: 'not-there' }),
    code: 'JWT_KID_UNKNOWN', message: `${KEYFUNC}Invalid kid` },
  { attack: 'kid absent', against: 'jwks', token: () => jwksToken(good(), {}),
    code: 'JWT_KID_MISSING', message: `${KEYFUNC}kid not present in JWT` },
  { attack: 'kid not a string', against: 'jwks', token: () => jwksToken(good(), { kid: 42 }),
    code: 'JWT_KID_UNKNOWN', message: `${KEYFUNC}Invalid kid` },
  { attack: 'kid as a path (../../etc/passwd)', against: 'jwks', token: () => jwksToken(good(), { kid: '../../../../etc/passwd' }),
    code: 'JWT_KID_UNKNOWN', message: `${KEYFUNC}Invalid kid` },

  // claims
  { attack: 'expired', against: 'rs', token: () => rsToken({ ...good(), exp: seconds() - 1 }),
    code: 'JWT_EXPIRED', message: `${JWT}token has invalid claims: token is expired` },
  { attack: 'not valid yet', against: 'rs', token: () => rsToken({ ...good(), nbf: seconds() + 3600 }),
    code: 'JWT_NOT_YET_VALID', message: `${JWT}token has invalid claims: token is not valid yet` },
  { attack: 'exp that is not a date', against: 'rs', token: () => rsToken({ ...good(), exp: 'never' }),
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode claim: could not parse NumericData: json: invalid number literal, trying to unmarshal "\\"never\\"" into Number` },
  { attack: 'wrong audience', against: 'rs', token: () => rsToken({ ...good(), aud: 'other-api' }),
    code: 'JWT_AUDIENCE', message: "JWT `aud` value doesn't match with the audience" },
  { attack: 'audience of the wrong type', against: 'rs', token: () => rsToken({ ...good(), aud: { api: true } }),
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode claim: invalid type for claim` },
  { attack: 'wrong issuer', against: 'rs', token: () => rsToken({ ...good(), iss: 'https://evil.example/' }),
    code: 'JWT_ISSUER', message: "JWT `iss` value doesn't match with the issuer" },
  { attack: 'issuer absent', against: 'rs', token: () => rsToken({ aud: 'api', exp: seconds() + 60 }),
    code: 'JWT_ISSUER', message: 'JWT has no `iss` value but the issuer is configured' },
  { attack: 'stringified namespace that is not JSON', against: 'hs', token: () => sign('HS256', { [NS]: '{"ROLE":"ADMIN"' }),
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode claim: unexpected end of JSON input` },

  // structure
  { attack: 'empty token', against: 'rs', token: () => '',
    code: 'JWT_MALFORMED', message: `${MALFORMED}token contains an invalid number of segments` },
  { attack: 'truncated to two segments', against: 'rs', token: async () => (await rsToken()).split('.').slice(0, 2).join('.'),
    code: 'JWT_MALFORMED', message: `${MALFORMED}token contains an invalid number of segments` },
  { attack: 'four segments', against: 'rs', token: async () => `${await rsToken()}.e30`,
    code: 'JWT_MALFORMED', message: `${MALFORMED}token contains an invalid number of segments` },
  { attack: 'duplicated payload segment', against: 'rs', token: async () => { const t = await rsToken(); return `${part(t, 0)}.${part(t, 1)}.${part(t, 1)}.${part(t, 2)}`; },
    code: 'JWT_MALFORMED', message: `${MALFORMED}token contains an invalid number of segments` },
  { attack: 'a token twice, dot-joined', against: 'rs', token: async () => { const t = await rsToken(); return `${t}.${t}`; },
    code: 'JWT_MALFORMED', message: `${MALFORMED}token contains an invalid number of segments` },
  { attack: 'bad base64 in the header', against: 'rs', token: async () => `eyJ*${(await rsToken()).slice(4)}`,
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not base64 decode header: illegal base64 data at input byte 3` },
  { attack: 'padded base64 in the header', against: 'rs', token: async () => { const t = await rsToken(); return `${part(t, 0)}==.${part(t, 1)}.${part(t, 2)}`; },
    code: 'JWT_MALFORMED', message: new RegExp(`^${MALFORMED}could not base64 decode header: illegal base64 data at input byte \\d+$`) },
  { attack: 'standard-alphabet base64 (+ and /) in the payload', against: 'rs', token: async () => { const t = await rsToken(); return `${part(t, 0)}.${Buffer.from(JSON.stringify(good()) + '??>>').toString('base64')}.${part(t, 2)}`; },
    code: 'JWT_MALFORMED', message: new RegExp(`^${MALFORMED}could not base64 decode claim: illegal base64 data at input byte \\d+$`) },
  { attack: 'whitespace inside the token', against: 'rs', token: async () => { const t = await rsToken(); return `${part(t, 0)}.${part(t, 1).slice(0, 10)}\n${part(t, 1).slice(10)}.${part(t, 2)}`; },
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not base64 decode claim: illegal base64 data at input byte 10` },
  { attack: 'header that is not JSON', against: 'rs', token: () => `${b64('alg=none')}.${b64('{}')}.`,
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode header: invalid character 'a' looking for beginning of value` },
  { attack: 'payload that is not JSON', against: 'rs', token: () => `${b64('{"alg":"RS256"}')}.${b64('{"sub":"x"')}.`,
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode claim: unexpected end of JSON input` },
  { attack: 'header that is a JSON array', against: 'rs', token: () => forge([{ alg: 'RS256' }], good()),
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode header: json: cannot unmarshal array into Go value of type map[string]interface {}` },
  { attack: 'payload that is a JSON string', against: 'rs', token: () => forge({ alg: 'RS256' }, '"admin"'),
    code: 'JWT_MALFORMED', message: `${MALFORMED}could not JSON decode claim: json: cannot unmarshal string into Go value of type jwt.RegisteredClaims` },
  { attack: 'oversized header (100 KB of padding)', against: 'rs', token: () => forge({ alg: 'RS256', pad: 'x'.repeat(100_000) }, good()),
    code: 'JWT_MALFORMED', message: `${MALFORMED}token is longer than 16384 characters` },
  { attack: 'crit header naming an extension nobody understands', against: 'rs', token: () => signRs256Raw('{"alg":"RS256","crit":["exp"],"exp":1}', JSON.stringify(good())),
    code: 'JWT_MALFORMED', message: /^unable to parse jwt token:token is malformed: .*"exp".*/ },
  { attack: 'unencoded payload (b64: false)', against: 'rs', token: () => signRs256Raw('{"alg":"RS256","b64":false,"crit":["b64"]}', JSON.stringify(good())),
    code: 'JWT_MALFORMED', message: `${MALFORMED}unencoded payloads ("b64": false) are not accepted` },
];

describe('hostile tokens are refused, each with a clear error', () => {
  assert.ok(catalogue.length >= 30, `${catalogue.length} rows`);
  for (const row of catalogue) {
    test(row.attack, async () => {
      await refuses(verifiers[row.against].verify(await row.token()), row.code, row.message);
    });
  }
  test('the attacker’s server was never contacted', () => {
    assert.equal(attackerHits, 0);
  });
  test('and the genuine tokens still pass', async () => {
    assert.equal((await verifiers.rs.verify(await rsToken())).ROLE, 'USER');
    assert.equal((await verifiers.jwks.verify(await jwksToken())).ROLE, 'USER');
  });
});
