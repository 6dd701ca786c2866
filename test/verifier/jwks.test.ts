/**
 * JWK URLs against real providers on 127.0.0.1: prefetch, rotation driven
 * by Cache-Control, the unknown-kid refetch and its rate limit (server hits
 * counted, a fake clock for the limit), providers down at start and
 * mid-run, garbage and slow answers, several URLs, file:// sets. Intervals
 * are milliseconds through the options; nothing sleeps for long.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jwksFileUrl, key } from '../../fixtures/index.js';
import type { KeyName } from '../../fixtures/index.js';
import type { JwtVerifier, VerifierOptions } from '../../src/verifier/index.js';
import { JwksServer, sleep, waitFor } from './support/jwks-server.js';
import type { Reply } from './support/jwks-server.js';
import { HEADER, NS, refuses, seconds, sign, verifierFor } from './support/tokens.js';

const JWT = 'unable to parse jwt token:';
const INVALID_KID = `${JWT}token is unverifiable: error while executing keyfunc: Invalid kid`;
const FAST: VerifierOptions = { fetchTimeoutMs: 1_000, retryMinMs: 20, retryMaxMs: 200, jwksMaxAgeFloorMs: 0 };

const jwk = (name: KeyName) => key(name).jwk;
/** Valid in real time and under the fake clocks (which start in 2030). */
const claims = () => ({ aud: 'api', exp: seconds(Date.UTC(2031, 0, 1)), [NS]: { USER: 'alice' } });
/** A token signed by a fixture key, naming it by its kid. */
const tokenOf = (name: KeyName, kid: string = name) =>
  sign(name.startsWith('rsa') ? 'RS256' : name === 'ed25519' ? 'EdDSA' : 'ES256', claims(), { header: { kid }, signWith: key(name).privateKey });

const cleanup: (() => unknown)[] = [];
after(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function provider(reply: Reply | ((hit: number) => Reply) = { body: { keys: [jwk('rsa')] } }): Promise<JwksServer> {
  const server = await JwksServer.start(reply);
  cleanup.push(() => server.stop());
  return server;
}

async function jwksVerifier(urls: string[], options: VerifierOptions = {}) {
  const verifier = await verifierFor({ Header: HEADER, Namespace: NS, JWKUrls: urls, Audience: ['api'] }, { ...FAST, ...options });
  cleanup.push(() => verifier.close());
  return verifier;
}

const accepts = async (verifier: JwtVerifier, token: Promise<string>) => assert.equal((await verifier.verify(await token)).USER, 'alice');

describe('prefetch', () => {
  test('keys are fetched when the verifier is created, before any request', async () => {
    const server = await provider();
    const verifier = await jwksVerifier([server.url]);
    assert.equal(server.hits, 1);
    const [status] = verifier.status();
    assert.equal(status.state, 'ready');
    assert.deepEqual(status.kids, ['rsa']);
    assert.equal(status.lastError, null);
    await accepts(verifier, tokenOf('rsa'));
    assert.equal(server.hits, 1);
  });
});

describe('rotation driven by Cache-Control', () => {
  test('max-age=1: the set is fetched again after a second; the new key works, the old one (cached verdicts too) stops', async () => {
    const server = await provider({ body: { keys: [jwk('rsa')] }, headers: { 'cache-control': 'public, max-age=1' } });
    const verifier = await jwksVerifier([server.url], { minRefetchIntervalMs: 60_000 });
    const old = await tokenOf('rsa');
    await accepts(verifier, Promise.resolve(old));
    // The rotated key is not known yet, and the refetch limit keeps a miss from fetching.
    await refuses(verifier.verify(await tokenOf('rsa-b')), 'JWT_KID_UNKNOWN', INVALID_KID);
    assert.equal(server.hits, 1);

    server.serve([jwk('rsa-b')], { 'cache-control': 'max-age=1' });
    await waitFor(() => server.hits >= 2, 3_000, 'the max-age refresh');
    await waitFor(() => verifier.status()[0].kids.includes('rsa-b'), 1_000, 'the new keys');
    await accepts(verifier, tokenOf('rsa-b'));
    await refuses(verifier.verify(old), 'JWT_KID_UNKNOWN', INVALID_KID);
  });

  test('no cache headers: the default lifetime applies (Dgraph would never refresh)', async () => {
    const server = await provider();
    await jwksVerifier([server.url], { jwksMaxAgeDefaultMs: 100 });
    await waitFor(() => server.hits >= 3, 2_000, 'two default-lifetime refreshes');
  });

  test('no-store: refreshed at the floor, not in a tight loop', async () => {
    const server = await provider({ body: { keys: [jwk('rsa')] }, headers: { 'cache-control': 'no-store' } });
    await jwksVerifier([server.url], { jwksMaxAgeFloorMs: 150 });
    await sleep(400);
    assert.ok(server.hits >= 2 && server.hits <= 4, `hits: ${server.hits}`);
  });

  test('status shows the lifetime the headers gave', async () => {
    let now = Date.UTC(2030, 0, 1);
    const server = await provider({ body: { keys: [jwk('rsa')] }, headers: { 'cache-control': 's-maxage=600, max-age=900' } });
    const verifier = await jwksVerifier([server.url], { clock: () => now });
    assert.equal(verifier.status()[0].expiresAt, new Date(now + 600_000).toISOString());
    now += 601_000;
    assert.equal(verifier.status()[0].state, 'stale');
  });
});

describe('an unknown kid triggers one refetch, rate-limited per URL', () => {
  test('limited by the clock, shared by concurrent misses, counted at the server', async () => {
    let now = Date.UTC(2030, 0, 1);
    const server = await provider({ body: { keys: [jwk('rsa')] }, delayMs: 30 });
    const verifier = await jwksVerifier([server.url], { clock: () => now, minRefetchIntervalMs: 10_000 });
    assert.equal(server.hits, 1);

    server.reply = () => ({ body: { keys: [jwk('rsa'), jwk('rsa-b')] }, delayMs: 30 });
    now += 1_000; // within the limit of the prefetch: no fetch, the kid stays unknown
    await refuses(verifier.verify(await tokenOf('rsa-b')), 'JWT_KID_UNKNOWN', INVALID_KID);
    assert.equal(server.hits, 1);

    now += 9_000; // the limit has passed: one refetch finds the new key
    await accepts(verifier, tokenOf('rsa-b'));
    assert.equal(server.hits, 2);

    now += 10_000; // a storm of random kids: one fetch between them all
    const storm = await Promise.all(Array.from({ length: 50 }, (_, i) => tokenOf('rsa', `random-${i}`)));
    const results = await Promise.allSettled(storm.map((t) => verifier.verify(t)));
    assert.ok(results.every((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'JWT_KID_UNKNOWN'));
    assert.equal(server.hits, 3);

    await Promise.allSettled(storm.map((t) => verifier.verify(t))); // again at once: rate-limited, no fetch
    assert.equal(server.hits, 3);
    now += 10_000;
    await Promise.allSettled(storm.map((t) => verifier.verify(t)));
    assert.equal(server.hits, 4);
  });
});

describe('provider down at start', () => {
  test('the verifier still starts, refuses with a clear error, retries, and recovers', async () => {
    const server = await provider();
    await server.stop(); // nothing listens on its port now
    const warnings: string[] = [];
    const started = Date.now();
    const verifier = await jwksVerifier([server.url], { logger: (w) => warnings.push(w.code), retryMinMs: 50, retryMaxMs: 50 });
    assert.ok(Date.now() - started < 1_000, 'createVerifier does not hang');
    const [status] = verifier.status();
    assert.equal(status.state, 'unavailable');
    assert.match(status.lastError ?? '', /ECONNREFUSED/);
    assert.ok(warnings.includes('JWKS_FETCH_FAILED'));
    await refuses(
      verifier.verify(await tokenOf('rsa')),
      'JWT_KEYS_UNAVAILABLE',
      new RegExp(`^unable to parse jwt token:while refreshing JWK from the URL: ${server.url.replaceAll('.', '\\.')}: connect ECONNREFUSED`),
    );

    await server.listen(); // same port
    await waitFor(() => verifier.status()[0].state === 'ready', 3_000, 'the background retry');
    await accepts(verifier, tokenOf('rsa'));
    assert.ok(warnings.includes('JWKS_RECOVERED'));
  });

  test('a request may trigger the retry itself (rate-limited) instead of waiting for the backoff', async () => {
    let now = Date.UTC(2030, 0, 1);
    const server = await provider();
    await server.stop();
    const verifier = await jwksVerifier([server.url], { clock: () => now, retryMinMs: 60_000, retryMaxMs: 60_000 });
    await server.listen();
    await refuses(verifier.verify(await tokenOf('rsa')), 'JWT_KEYS_UNAVAILABLE', /ECONNREFUSED/); // within the limit
    now += 10_000;
    await accepts(verifier, tokenOf('rsa'));
    assert.equal(server.hits, 1);
  });
});

describe('provider down or broken mid-run: the last good keys stay', () => {
  const breakages: [string, (server: JwksServer) => unknown, RegExp][] = [
    ['connection refused', (s) => s.stop(), /ECONNREFUSED/],
    ['connection dropped', (s) => (s.reply = () => ({ drop: true })), /socket|closed|terminated/i],
    ['HTTP 503', (s) => (s.reply = () => ({ status: 503, body: 'maintenance' })), /^HTTP status 503$/],
    ['an HTML page with status 200', (s) => (s.reply = () => ({ body: '<html>login</html>', headers: { 'content-type': 'text/html' } })), /^not JSON/],
    ['JSON without keys', (s) => (s.reply = () => ({ body: { error: 'nope' } })), /^not a JWK set \(no "keys" list\)$/],
    ['keys that is not a list', (s) => (s.reply = () => ({ body: { keys: 'x' } })), /^not a JWK set/],
    ['keys none of which is usable', (s) => (s.reply = () => ({ body: { keys: [{ kty: 'RSA', kid: 'x', n: 'AQAB', e: 'AQAB' }, 5] } })), /^no usable signing key \(key 0 \(kid "x"\): .*; key 1: not a JSON object\)$/],
    ['a body over the size limit', (s) => (s.reply = () => ({ body: { keys: [jwk('rsa')], pad: 'x'.repeat(5_000) } })), /^response larger than 4096 bytes$/],
  ];
  for (const [what, breakIt, reason] of breakages) {
    test(what, async () => {
      let now = Date.UTC(2030, 0, 1);
      const server = await provider({ body: { keys: [jwk('rsa')] }, headers: { 'cache-control': 'max-age=60' } });
      const verifier = await jwksVerifier([server.url], { clock: () => now, jwksMaxBytes: 4_096 });
      await breakIt(server);
      now += 61_000; // the keys' lifetime is over; a miss may refetch
      await refuses(verifier.verify(await tokenOf('rsa-b')), 'JWT_KID_UNKNOWN', INVALID_KID); // the refetch fails...
      const [status] = verifier.status();
      assert.equal(status.state, 'stale');
      assert.match(status.lastError ?? '', reason);
      assert.equal(status.consecutiveFailures, 1);
      await accepts(verifier, tokenOf('rsa')); // ...and the last good keys still verify
    });
  }

  test('garbage at start: unavailable, and the reason is in the error', async () => {
    const server = await provider({ body: '{"keys": [' });
    const verifier = await jwksVerifier([server.url]);
    await refuses(verifier.verify(await tokenOf('rsa')), 'JWT_KEYS_UNAVAILABLE', /while refreshing JWK from the URL: .*: not JSON/);
  });
});

describe('slow providers time out', () => {
  test('no answer within the timeout: createVerifier resolves after it, unavailable', async () => {
    const server = await provider({ body: { keys: [jwk('rsa')] }, delayMs: 2_000 });
    const started = Date.now();
    const verifier = await jwksVerifier([server.url], { fetchTimeoutMs: 150 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 140 && elapsed < 1_000, `took ${elapsed} ms`);
    assert.equal(verifier.status()[0].lastError, 'timed out after 150 ms');
  });
  test('a body that stalls halfway is cut off too', async () => {
    const server = await provider({ body: { keys: [jwk('rsa')] }, stallBodyMs: 2_000 });
    const verifier = await jwksVerifier([server.url], { fetchTimeoutMs: 150 });
    assert.equal(verifier.status()[0].lastError, 'timed out after 150 ms');
  });
});

describe('several URLs', () => {
  test('a token is good if any set verifies it', async () => {
    const a = await provider({ body: { keys: [jwk('rsa')] } });
    const b = await provider({ body: { keys: [jwk('ec-p256-b')] } });
    const verifier = await jwksVerifier([a.url, b.url]);
    await accepts(verifier, tokenOf('rsa'));
    await accepts(verifier, tokenOf('ec-p256-b'));
    assert.deepEqual(verifier.status().map((s) => s.kids), [['rsa'], ['ec-p256-b']]);
  });

  test('the same kid in two sets: each key is tried', async () => {
    const a = await provider({ body: { keys: [{ ...jwk('rsa'), kid: 'shared' }] } });
    const b = await provider({ body: { keys: [{ ...jwk('rsa-b'), kid: 'shared' }] } });
    const verifier = await jwksVerifier([a.url, b.url]);
    await accepts(verifier, tokenOf('rsa', 'shared'));
    await accepts(verifier, tokenOf('rsa-b', 'shared'));
  });

  test('one down: the other still serves; an unknown kid then means "unavailable", not "invalid"', async () => {
    const a = await provider({ body: { keys: [jwk('rsa')] } });
    const b = await provider();
    await b.stop();
    const verifier = await jwksVerifier([a.url, b.url]);
    assert.deepEqual(verifier.status().map((s) => s.state), ['ready', 'unavailable']);
    await accepts(verifier, tokenOf('rsa'));
    await refuses(verifier.verify(await tokenOf('rsa-b')), 'JWT_KEYS_UNAVAILABLE', new RegExp(`from the URL: ${b.url.replaceAll('.', '\\.')}: `));
  });

  test('both up and the kid in neither: Invalid kid', async () => {
    const a = await provider({ body: { keys: [jwk('rsa')] } });
    const b = await provider({ body: { keys: [jwk('ec-p256')] } });
    const verifier = await jwksVerifier([a.url, b.url]);
    await refuses(verifier.verify(await tokenOf('rsa-b')), 'JWT_KID_UNKNOWN', INVALID_KID);
  });
});

describe('what a set may hold', () => {
  test('unusable entries are skipped with a warning; the good ones serve', async () => {
    const small = key('rsa-1024').jwk;
    const server = await provider({
      body: { keys: [{ ...jwk('rsa-b'), use: 'enc' }, small, { kty: 'oct', kid: 'h', k: 'c2VjcmV0' }, { ...jwk('ec-p256'), kid: undefined }, jwk('rsa'), { ...jwk('rsa-b'), d: 'x' }] },
    });
    const warnings: string[] = [];
    const verifier = await jwksVerifier([server.url], { logger: (w) => warnings.push(w.message) });
    await accepts(verifier, tokenOf('rsa'));
    assert.deepEqual(verifier.status()[0].kids, ['rsa']);
    assert.equal(warnings.length, 5);
    assert.match(warnings.join('\n'), /"use" is "enc"/);
    assert.match(warnings.join('\n'), /RSA modulus of 1024 bits, under 2048/);
    assert.match(warnings.join('\n'), /a shared secret/);
    assert.match(warnings.join('\n'), /no "kid"/);
    assert.match(warnings.join('\n'), /a private key/);
  });

  test('an empty set is accepted (a provider may revoke everything), with a warning', async () => {
    const server = await provider({ body: { keys: [] } });
    const warnings: string[] = [];
    const verifier = await jwksVerifier([server.url], { logger: (w) => warnings.push(w.code) });
    assert.deepEqual(warnings, ['JWKS_EMPTY']);
    await refuses(verifier.verify(await tokenOf('rsa')), 'JWT_KID_UNKNOWN', INVALID_KID);
  });

  test('a JWK alg narrows its key', async () => {
    const server = await provider({ body: { keys: [{ ...jwk('rsa'), alg: 'PS256' }] } });
    const verifier = await jwksVerifier([server.url]);
    await refuses(verifier.verify(await tokenOf('rsa')), 'JWT_ALGORITHM', `${JWT}token signature is invalid: key is of invalid type`);
  });

  test('the `Algorithms` extension narrows every set', async () => {
    const server = await provider({ body: { keys: [jwk('rsa'), jwk('ec-p256')] } });
    const verifier = await verifierFor({ Header: HEADER, Namespace: NS, JWKUrl: server.url, Audience: ['api'], Algorithms: ['ES256'] }, FAST);
    cleanup.push(() => verifier.close());
    await accepts(verifier, tokenOf('ec-p256'));
    await refuses(verifier.verify(await tokenOf('rsa')), 'JWT_ALGORITHM',
      `${JWT}token is unverifiable: error while executing keyfunc: unexpected signing method: Expected ES256 Found RS256`);
  });
});

describe('file:// sets', () => {
  test('a local JWKS file serves every kind of key', async () => {
    const verifier = await jwksVerifier([jwksFileUrl('primary')]);
    assert.equal(verifier.status()[0].state, 'ready');
    for (const name of ['rsa', 'ec-p256', 'ed25519'] as const) await accepts(verifier, tokenOf(name));
    const es384 = await sign('ES384', claims(), { header: { kid: 'ec-p384' }, signWith: key('ec-p384').privateKey });
    assert.equal((await verifier.verify(es384)).USER, 'alice');
  });
  test('a missing file is unavailable, with the reason', async () => {
    const verifier = await jwksVerifier(['file:///nonexistent/authline/jwks.json']);
    assert.match(verifier.status()[0].lastError ?? '', /ENOENT/);
  });
});

describe('close', () => {
  test('stops the background refreshes', async () => {
    const server = await provider({ body: { keys: [jwk('rsa')] }, headers: { 'cache-control': 'no-cache' } });
    const verifier = await jwksVerifier([server.url], { jwksMaxAgeFloorMs: 30 });
    await waitFor(() => server.hits >= 2, 2_000, 'a refresh');
    verifier.close();
    const hits = server.hits;
    await sleep(150);
    assert.ok(server.hits <= hits + 1, `hits went from ${hits} to ${server.hits}`);
  });

  test('plain HTTP to another host draws a warning', async () => {
    const warnings: string[] = [];
    const verifier = await jwksVerifier(['http://jwks.invalid/keys.json'], { fetchTimeoutMs: 200, logger: (w) => warnings.push(w.code) });
    assert.ok(warnings.includes('JWKS_INSECURE_URL'));
    verifier.close();
  });
});
