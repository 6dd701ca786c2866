/**
 * The SDL without its secrets, as GET /admin/schema shows it without the
 * admin token: every VerificationKey (JSON in any case and depth, legacy
 * form), every `# Dgraph.Secret` value, and their copies elsewhere; nothing
 * else changes. The redacted text cannot be uploaded back as a key.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readAuthorization, redactSecrets } from '../../src/authline/index.js';
import { key, oneLine, secret } from '../../fixtures/index.js';
import { TYPES, jsonLine } from './support.js';

const HS_SECRET = secret('HS256');
const BASE = { Header: 'X-Auth', Namespace: 'https://ns' };

describe('redactSecrets', () => {
  test('the line’s VerificationKey; the rest of the line and of the SDL unchanged, byte for byte', () => {
    const line = jsonLine({ ...BASE, Algo: 'HS256', VerificationKey: HS_SECRET, Audience: ['api'] });
    const sdl = `${TYPES}${line}\n`;
    const redacted = redactSecrets(sdl);
    assert.equal(redacted, `${TYPES}${jsonLine({ ...BASE, Algo: 'HS256', VerificationKey: '<redacted>', Audience: ['api'] })}\n`);
    assert.ok(!redacted.includes(HS_SECRET));
  });

  test('every spelling, spacing and depth: Issuers entries included', () => {
    const pem = oneLine(key('rsa').publicPem);
    const line = `#   Dgraph.Authorization { "header" : "X", "Namespace":"n", "issuers":[{"Issuer":"a","verificationkey" : ${JSON.stringify(HS_SECRET)},"Algo":"HS256"},{"Issuer":"b","VERIFICATIONKEY":"${pem}","Algo":"RS256"}] }`;
    const redacted = redactSecrets(`${TYPES}${line}\n`);
    assert.equal(
      redacted,
      `${TYPES}#   Dgraph.Authorization { "header" : "X", "Namespace":"n", "issuers":[{"Issuer":"a","verificationkey" : "<redacted>","Algo":"HS256"},{"Issuer":"b","VERIFICATIONKEY":"<redacted>","Algo":"RS256"}] }\n`,
    );
  });

  test('the legacy form', () => {
    const sdl = `${TYPES}# Dgraph.Authorization X-Test-Auth https://xyz.io/jwt/claims HS256 "${HS_SECRET}" trailing\n`;
    assert.equal(redactSecrets(sdl), `${TYPES}# Dgraph.Authorization X-Test-Auth https://xyz.io/jwt/claims HS256 "<redacted>" trailing\n`);
  });

  test('JSON Dgraph cannot decode falls back to the legacy reading, and both readings are redacted', () => {
    // A type error sends Dgraph (and authline) to the legacy pattern, which here takes "Header": as the algorithm.
    const line = `# Dgraph.Authorization {"VerificationKey": "${HS_SECRET}", "Header": "X", "ClosedByDefault": "true"}`;
    const redacted = redactSecrets(line);
    assert.ok(!redacted.includes(HS_SECRET), redacted);
    assert.match(redacted, /"VerificationKey": "<redacted>"/);
  });

  test('# Dgraph.Secret values, and copies of any secret elsewhere (a comment, a description)', () => {
    const sdl = [
      '# Dgraph.Secret GITHUB-API-TOKEN "ghp_0123456789abcdef"',
      '  #Dgraph.Secret  STRIPE "sk_live_abcdefgh"   ',
      `"""old key was ${HS_SECRET}"""`,
      'type T { id: ID! }',
      `# Dgraph.Authorization ${JSON.stringify({ ...BASE, Algo: 'HS256', VerificationKey: HS_SECRET })}`,
      '# and the token ghp_0123456789abcdef leaked here',
    ].join('\r\n');
    const redacted = redactSecrets(sdl);
    assert.equal(redacted, [
      '# Dgraph.Secret GITHUB-API-TOKEN "<redacted>"',
      '  #Dgraph.Secret  STRIPE "<redacted>"   ',
      '"""old key was <redacted>"""',
      'type T { id: ID! }',
      `# Dgraph.Authorization ${JSON.stringify({ ...BASE, Algo: 'HS256', VerificationKey: '<redacted>' })}`,
      '# and the token <redacted> leaked here',
    ].join('\r\n'));
  });

  test('short secrets are redacted in place but not hunted elsewhere (that would garble the SDL)', () => {
    const sdl = `type key { id: ID! }\n${jsonLine({ ...BASE, Algo: 'HS256', VerificationKey: 'key' })}\n`;
    assert.equal(redactSecrets(sdl), `type key { id: ID! }\n${jsonLine({ ...BASE, Algo: 'HS256', VerificationKey: '<redacted>' })}\n`);
  });

  test('an SDL without secrets is returned as it is', () => {
    const sdl = `${TYPES}${jsonLine({ ...BASE, JWKUrl: 'https://idp/jwks', Audience: ['a'] })}\n# Dgraph.Allow-Origin "https://a.example"\n`;
    assert.equal(redactSecrets(sdl), sdl);
  });
});

describe('the redacted SDL cannot be uploaded back', () => {
  for (const [form, sdl] of [
    ['JSON', `${TYPES}${jsonLine({ ...BASE, Algo: 'HS256', VerificationKey: HS_SECRET })}\n`],
    ['legacy', `${TYPES}# Dgraph.Authorization X-Auth https://ns HS256 "${HS_SECRET}"\n`],
    ['Issuers entry', `${TYPES}${jsonLine({ ...BASE, Issuers: [{ Issuer: 'a', Algo: 'HS256', VerificationKey: HS_SECRET }] })}\n`],
  ] as const) {
    test(`${form}: "<redacted>" is refused as a key, never taken as an HMAC secret`, () => {
      assert.deepEqual(readAuthorization(sdl).errors, []);
      const { config, errors } = readAuthorization(redactSecrets(sdl));
      assert.equal(config, null);
      assert.match(errors[0].message, /VerificationKey is "<redacted>", the placeholder GET \/admin\/schema shows instead of the key; upload the schema with the real key$/);
    });
  }
});
