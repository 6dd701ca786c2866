/**
 * RequestAuth, the one reading of a request's token that the engine and
 * library mode share: what the token means (claims, or why root fields may
 * not run), ClosedByDefault decided here and nowhere else, decisions made
 * once per request, and nothing a resolver can change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { readAuthorization } from '../../src/authline/index.js';
import type { AuthOperation } from '../../src/rules/policy.js';
import { RequestAuth, type PolicySource, type TokenReading } from '../../src/rules/request-auth.js';
import { createVerifier } from '../../src/verifier/index.js';
import type { Claims } from '../../src/verifier/types.js';

const SECRET = 'request-auth-test-secret-32-bytes!!';
const NAMESPACE = 'https://authline.test/claims';

async function reading(closedByDefault: boolean): Promise<TokenReading> {
  const line = `# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"X-Auth","Namespace":"${NAMESPACE}","Algo":"HS256","ClosedByDefault":${closedByDefault}}`;
  const { config } = readAuthorization(line);
  assert.ok(config);
  return { verifier: await createVerifier(config), closedByDefault: config.closedByDefault };
}

function sign(claims: Record<string, unknown>, expiresIn = '5m'): Promise<string> {
  return new SignJWT({ [NAMESPACE]: claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
}

/** Rules that admit a request whose ROLE claim is ADMIN, and count what they are asked. */
class RoleRules implements PolicySource<(type: string, operation: AuthOperation) => boolean> {
  readonly asked: (Claims | null)[] = [];
  policyFor(claims: Claims | null) {
    this.asked.push(claims);
    return (_type: string, _operation: AuthOperation) => claims?.ROLE === 'ADMIN';
  }
}

test('without an auth line no token is read: no claims, no error', async () => {
  const rules = new RoleRules();
  const auth = await RequestAuth.read(null, { 'x-auth': 'not even a token' }, rules);
  assert.equal(auth.claims, null);
  assert.equal(auth.error, null);
  assert.equal(auth.policy()('T', 'query'), false);
  assert.deepEqual(rules.asked, [null]);
});

test('a valid token: its claims (namespace merged in), no error, decisions from those claims', async () => {
  const auth = await RequestAuth.read(await reading(false), { 'x-auth': await sign({ ROLE: 'ADMIN' }) }, new RoleRules());
  assert.equal(auth.claims?.ROLE, 'ADMIN');
  assert.equal(auth.error, null);
  assert.equal(auth.policy()('T', 'query'), true);
});

test('ClosedByDefault is decided here: no token is JWT_MISSING with it, nothing without it', async () => {
  const closed = await RequestAuth.read(await reading(true), {}, new RoleRules());
  assert.equal(closed.claims, null);
  assert.equal(closed.error?.code, 'JWT_MISSING');
  assert.equal(closed.error?.message, 'a valid JWT is required but was not provided');
  const open = await RequestAuth.read(await reading(false), {}, new RoleRules());
  assert.equal(open.error, null);
  const withToken = await RequestAuth.read(await reading(true), { 'x-auth': await sign({}) }, new RoleRules());
  assert.equal(withToken.error, null, 'a valid token with no claims is not a missing token');
});

test('a bad token is an error with its code, never anonymous claims', async () => {
  const expired = await RequestAuth.read(await reading(false), { 'x-auth': await sign({ ROLE: 'ADMIN' }, '-1m') }, new RoleRules());
  assert.equal(expired.claims, null);
  assert.equal(expired.error?.code, 'JWT_EXPIRED');
  const bearer = await RequestAuth.read(await reading(false), { 'x-auth': 'Bearer a b' }, new RoleRules());
  assert.equal(bearer.error?.code, 'JWT_BEARER_MALFORMED');
});

test('decisions are asked for once per request', async () => {
  const rules = new RoleRules();
  const auth = await RequestAuth.read(await reading(false), { 'x-auth': await sign({ ROLE: 'USER' }) }, rules);
  assert.equal(auth.policy(), auth.policy());
  assert.equal(rules.asked.length, 1);
});

test('frozen: neither the auth nor its claims can be changed, however deep', async () => {
  const auth = await RequestAuth.read(await reading(false), { 'x-auth': await sign({ ROLE: 'USER', groups: [{ id: 1 }] }) }, new RoleRules());
  assert.ok(Object.isFrozen(auth));
  assert.throws(() => Object.assign(auth, { claims: { ROLE: 'ADMIN' } }), TypeError);
  assert.throws(() => Object.assign(auth.claims!, { ROLE: 'ADMIN' }), TypeError);
  assert.throws(() => (auth.claims!.groups as { id: number }[]).push({ id: 2 }), TypeError);
  assert.throws(() => Object.assign((auth.claims!.groups as { id: number }[])[0], { id: 2 }), TypeError);
  assert.equal(auth.claims?.ROLE, 'USER');
  assert.equal(auth.policy()('T', 'query'), false);
});
