/**
 * Claims as Dgraph turns them into rule variables (namespace object or
 * string, merged over the root claims), and the checks after the signature:
 * exp/nbf with golang-jwt's semantics and the line's leeway, Dgraph's
 * audience rules, the issuer extension. A fake clock drives time.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactSign } from 'jose';
import { NS, refuses, sign, signingKey, staticFields, verifierFor } from './support/tokens.js';
import type { JwtVerifier } from '../../src/verifier/index.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const T = NOW / 1000;
const JWT = 'unable to parse jwt token:';

async function hs(extra: Record<string, unknown> = {}, now = () => NOW): Promise<JwtVerifier> {
  return verifierFor(staticFields('HS256', extra), { clock: now });
}
const token = (payload: Record<string, unknown>) => sign('HS256', payload);

describe('variables', () => {
  test('namespace object merged over the root claims; namespace wins; namespace key removed', async () => {
    const v = await hs();
    const claims = await v.verify(await token({ sub: 'u1', email: 'root@x', iss: 'test', [NS]: { email: 'ns@x', ROLE: 'ADMIN', n: 1.5, list: [1, 'a'], nil: null } }));
    assert.deepEqual({ ...claims }, { sub: 'u1', email: 'ns@x', iss: 'test', ROLE: 'ADMIN', n: 1.5, list: [1, 'a'], nil: null });
  });
  test('namespace as stringified JSON (AWS Cognito)', async () => {
    const v = await hs();
    const claims = await v.verify(await token({ email: 'test@dgraph.io', [NS]: JSON.stringify({ email: 'random@dgraph.io', USER: 'u' }) }));
    assert.deepEqual({ ...claims }, { email: 'random@dgraph.io', USER: 'u' });
  });
  test('no namespace: the root claims are the variables', async () => {
    const v = await hs();
    assert.deepEqual({ ...(await v.verify(await token({ USER: 'user1', ROLE: 'ADMIN' }))) }, { USER: 'user1', ROLE: 'ADMIN' });
  });
  for (const [what, value] of [['a number', 5], ['a list', [{ ROLE: 'x' }]], ['true', true], ['null', null]] as const) {
    test(`a namespace that is ${what} is ignored (and removed)`, async () => {
      const v = await hs();
      assert.deepEqual({ ...(await v.verify(await token({ ROLE: 'root', [NS]: value }))) }, { ROLE: 'root' });
    });
  }
  test('stringified "null" means no namespace claims', async () => {
    const v = await hs();
    assert.deepEqual({ ...(await v.verify(await token({ a: 1, [NS]: 'null' }))) }, { a: 1 });
  });
  test('stringified JSON that is not JSON, or not an object, is a malformed claim', async () => {
    const v = await hs();
    await refuses(v.verify(await token({ [NS]: '{"ROLE":' })), 'JWT_MALFORMED', `${JWT}token is malformed: could not JSON decode claim: unexpected end of JSON input`);
    await refuses(v.verify(await token({ [NS]: 'ADMIN' })), 'JWT_MALFORMED', `${JWT}token is malformed: could not JSON decode claim: invalid character 'A' looking for beginning of value`);
    await refuses(v.verify(await token({ [NS]: '[1]' })), 'JWT_MALFORMED',
      `${JWT}token is malformed: could not JSON decode claim: json: cannot unmarshal array into Go value of type map[string]interface {}`);
  });
  test('the namespace key is exact; other casings are ordinary claims', async () => {
    const v = await hs();
    assert.deepEqual({ ...(await v.verify(await token({ [NS.toUpperCase()]: { ROLE: 'x' } }))) }, { [NS.toUpperCase()]: { ROLE: 'x' } });
  });
  test('claims are deeply frozen (they are shared through the cache)', async () => {
    const v = await hs();
    const claims = await v.verify(await token({ [NS]: { list: [{ a: 1 }] } }));
    assert.ok(Object.isFrozen(claims));
    assert.ok(Object.isFrozen((claims.list as object[])[0]));
  });
  test('a claim named __proto__ stays a claim and pollutes nothing', async () => {
    const v = await hs();
    const claims = await v.verify(await signRaw('{"__proto__":{"polluted":true},"ROLE":"x"}'));
    assert.equal(Object.getPrototypeOf(claims), Object.prototype);
    assert.deepEqual(Object.keys(claims).sort(), ['ROLE', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  test('a JSON null payload decodes to no claims (Go decodes null into a struct without complaint)', async () => {
    const v = await hs();
    assert.deepEqual({ ...(await v.verify(await signRaw('null'))) }, {});
  });
});

/** An HS256 token over exactly this payload text. */
function signRaw(payload: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(signingKey('HS256'));
}

describe('registered claims, as golang-jwt reads them', () => {
  test('names match case-insensitively: an EXP in the past expires the token', async () => {
    const v = await hs();
    await refuses(v.verify(await token({ EXP: T - 10 })), 'JWT_EXPIRED', `${JWT}token has invalid claims: token is expired`);
    assert.ok(await v.verify(await token({ Exp: T + 10 })));
  });
  test('wrong types are malformed claims, in Go’s words', async () => {
    const v = await hs();
    const cases: [Record<string, unknown>, string][] = [
      [{ iss: 5 }, 'json: cannot unmarshal number into Go struct field RegisteredClaims.iss of type string'],
      [{ sub: ['a'] }, 'json: cannot unmarshal array into Go struct field RegisteredClaims.sub of type string'],
      [{ aud: 5 }, 'invalid type for claim'],
      [{ aud: ['a', 1] }, 'invalid type for claim'],
      [{ exp: 'soon' }, 'could not parse NumericData: json: invalid number literal, trying to unmarshal "\\"soon\\"" into Number'],
      [{ nbf: true }, 'could not parse NumericData: json: cannot unmarshal bool into Go value of type json.Number'],
      [{ iat: {} }, 'could not parse NumericData: json: cannot unmarshal object into Go value of type json.Number'],
    ];
    for (const [payload, detail] of cases) {
      await refuses(v.verify(await token(payload)), 'JWT_MALFORMED', `${JWT}token is malformed: could not JSON decode claim: ${detail}`);
    }
  });
  test('a numeric string is a NumericDate (json.Number), null is none', async () => {
    const v = await hs();
    await refuses(v.verify(await token({ exp: String(T - 1) })), 'JWT_EXPIRED', `${JWT}token has invalid claims: token is expired`);
    assert.ok(await v.verify(await token({ exp: null, nbf: null, iss: null, aud: null })));
  });
});

describe('exp and nbf', () => {
  test('exp is strictly in the future: exp == now is expired', async () => {
    const v = await hs();
    await refuses(v.verify(await token({ exp: T })), 'JWT_EXPIRED', `${JWT}token has invalid claims: token is expired`);
    assert.ok(await v.verify(await token({ exp: T + 1 })));
  });
  test('NumericDates are truncated to the second: exp now+0.9 is already expired', async () => {
    const v = await hs({}, () => NOW + 100);
    await refuses(v.verify(await token({ exp: T + 0.9 })), 'JWT_EXPIRED', `${JWT}token has invalid claims: token is expired`);
  });
  test('nbf == now is valid; nbf in the future is not', async () => {
    const v = await hs();
    assert.ok(await v.verify(await token({ nbf: T })));
    await refuses(v.verify(await token({ nbf: T + 1 })), 'JWT_NOT_YET_VALID', `${JWT}token has invalid claims: token is not valid yet`);
  });
  test('both wrong: golang-jwt joins them', async () => {
    const v = await hs();
    const error = await v.verify(await token({ exp: T - 5, nbf: T + 5 })).catch((e) => e);
    assert.equal(error.message, `${JWT}token has invalid claims: token is expired, token is not valid yet`);
    assert.equal(error.code, 'JWT_EXPIRED');
    assert.deepEqual(error.expiredAt, new Date((T - 5) * 1000));
  });
  test('no exp, no nbf: valid (both optional), iat never checked', async () => {
    const v = await hs();
    assert.ok(await v.verify(await token({ iat: T + 10_000 })));
  });
  test('Leeway widens both, exactly', async () => {
    const v = await hs({ Leeway: 30 });
    assert.ok(await v.verify(await token({ exp: T - 29 })));
    await refuses(v.verify(await token({ exp: T - 30 })), 'JWT_EXPIRED', `${JWT}token has invalid claims: token is expired`);
    assert.ok(await v.verify(await token({ nbf: T + 30 })));
    await refuses(v.verify(await token({ nbf: T + 31 })), 'JWT_NOT_YET_VALID', `${JWT}token has invalid claims: token is not valid yet`);
  });
});

describe('audience (Dgraph’s rules)', () => {
  test('a token without aud passes even when Audience is configured', async () => {
    assert.ok(await (await hs({ Audience: ['a'] })).verify(await token({ x: 1 })));
    assert.ok(await (await hs({ Audience: ['a'] })).verify(await token({ aud: [] })));
  });
  test('aud string or list, any value matching any configured one', async () => {
    const v = await hs({ Audience: ['a', 'b'] });
    assert.ok(await v.verify(await token({ aud: 'b' })));
    assert.ok(await v.verify(await token({ aud: ['x', 'a'] })));
    await refuses(v.verify(await token({ aud: ['x', 'y'] })), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
    await refuses(v.verify(await token({ aud: 'A' })), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
  });
  test('aud with no Audience configured', async () => {
    await refuses((await hs()).verify(await token({ aud: 'a' })), 'JWT_AUDIENCE', 'audience value was expected but not provided');
  });
  test('aud with Audience [] configured: nothing can match', async () => {
    await refuses((await hs({ Audience: [] })).verify(await token({ aud: 'a' })), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
  });
  test('aud "" is one value ""', async () => {
    assert.ok(await (await hs({ Audience: [''] })).verify(await token({ aud: '' })));
  });
  test('time comes before audience', async () => {
    await refuses((await hs({ Audience: ['a'] })).verify(await token({ aud: 'z', exp: T - 1 })), 'JWT_EXPIRED', `${JWT}token has invalid claims: token is expired`);
  });
});

describe('issuer (extension)', () => {
  test('one of the configured issuers', async () => {
    const v = await hs({ Issuers: ['https://a/', 'https://b/'] });
    assert.ok(await v.verify(await token({ iss: 'https://b/' })));
    await refuses(v.verify(await token({ iss: 'https://a' })), 'JWT_ISSUER', "JWT `iss` value doesn't match with the issuer");
    await refuses(v.verify(await token({ sub: 'x' })), 'JWT_ISSUER', 'JWT has no `iss` value but the issuer is configured');
  });
  test('not configured: any issuer, as Dgraph', async () => {
    assert.ok(await (await hs()).verify(await token({ iss: 'anyone' })));
  });
  test('audience is checked first', async () => {
    const v = await hs({ Issuer: 'i', Audience: ['a'] });
    await refuses(v.verify(await token({ iss: 'x', aud: 'z' })), 'JWT_AUDIENCE', "JWT `aud` value doesn't match with the audience");
  });
});
