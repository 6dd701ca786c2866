/**
 * OIDC discovery against real providers on 127.0.0.1: the configuration
 * document names the key set, its `issuer` must be exactly the configured
 * one, both documents are refreshed together (and on an unknown kid), a
 * provider down at start behaves as a JWK URL down at start, and a
 * document pointing at a file or at plain HTTP elsewhere is never followed.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { key } from '../../fixtures/index.js';
import type { KeyName } from '../../fixtures/index.js';
import type { JwtVerifier, VerifierOptions } from '../../src/verifier/index.js';
import { JwksServer, waitFor } from './support/jwks-server.js';
import type { Reply } from './support/jwks-server.js';
import { HEADER, NS, refuses, seconds, sign, verifierFor } from './support/tokens.js';

const DISCOVERY = '/.well-known/openid-configuration';
const FAST: VerifierOptions = { fetchTimeoutMs: 1_000, retryMinMs: 20, retryMaxMs: 200, jwksMaxAgeFloorMs: 0, minRefetchIntervalMs: 60_000 };

const cleanup: (() => unknown)[] = [];
after(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

interface Provider {
  readonly server: JwksServer;
  /** The issuer URL it is configured as (and, unless told otherwise, states). */
  readonly issuer: string;
  readonly discoveryUrl: string;
  readonly jwksUri: string;
  /** What the discovery document says; change it to change the next answers. */
  document: Record<string, unknown>;
  keys: KeyName[];
  headers: Record<string, string>;
}

/** An OIDC provider: discovery at `<issuer>/.well-known/openid-configuration`, keys at `<origin>/keys`. */
async function provider(path = '/', extra: Partial<Pick<Provider, 'document' | 'keys'>> & { down?: boolean; discovery?: Reply } = {}): Promise<Provider> {
  const server = await JwksServer.start(() => ({}));
  cleanup.push(() => server.stop());
  const issuer = `${server.origin}${path}`;
  const p: Provider = {
    server,
    issuer,
    discoveryUrl: `${issuer.replace(/\/$/, '')}${DISCOVERY}`,
    jwksUri: `${server.origin}/keys`,
    document: { issuer, jwks_uri: `${server.origin}/keys`, ...extra.document },
    keys: extra.keys ?? ['rsa'],
    headers: {},
  };
  server.reply = (_hit, url) => {
    if (url.endsWith(DISCOVERY)) return extra.discovery ?? { body: p.document, headers: p.headers };
    if (url === '/keys') return { body: { keys: p.keys.map((name) => key(name).jwk) }, headers: p.headers };
    return { status: 404, body: { error: 'not found' } };
  };
  return p;
}

async function oidcVerifier(fields: Record<string, unknown>, options: VerifierOptions = {}) {
  const verifier = await verifierFor({ Header: HEADER, Namespace: NS, Audience: ['api'], ...fields }, { ...FAST, ...options });
  cleanup.push(() => verifier.close());
  return verifier;
}

const tokenFor = (iss: string, name: KeyName = 'rsa') =>
  sign(name.startsWith('rsa') ? 'RS256' : 'ES256', { iss, aud: 'api', exp: seconds(Date.UTC(2031, 0, 1)), [NS]: { USER: 'alice' } }, {
    header: { kid: name },
    signWith: key(name).privateKey,
  });
const accepts = async (v: JwtVerifier, token: Promise<string>) => assert.equal((await v.verify(await token)).USER, 'alice');
const unavailable = (p: Provider, reason: string) =>
  new RegExp(`^unable to parse jwt token:while refreshing JWK from the URL: ${p.discoveryUrl.replaceAll('.', '\\.')}: ${reason}`);

describe('discovery', () => {
  test('the document names the key set; tokens of the issuer it states are verified with it', async () => {
    const p = await provider();
    const verifier = await oidcVerifier({ OIDC: p.issuer });
    assert.deepEqual(p.server.paths, [DISCOVERY, '/keys']);
    const [status] = verifier.status();
    assert.equal(status.url, p.discoveryUrl);
    assert.equal(status.state, 'ready');
    assert.equal(status.jwksUri, p.jwksUri);
    assert.deepEqual(status.kids, ['rsa']);
    await accepts(verifier, tokenFor(p.issuer));
    // Bound to its issuer: the same key claiming another issuer is refused.
    await refuses(verifier.verify(await tokenFor('https://evil.example/')), 'JWT_ISSUER', "JWT `iss` value doesn't match with the issuer");
  });

  test('an issuer with a path, no trailing slash: the document is under the path (OIDC Discovery §4.1)', async () => {
    const p = await provider('/oauth2/default');
    const verifier = await oidcVerifier({ Issuers: [{ OIDC: p.issuer }] });
    assert.deepEqual(p.server.paths, [`/oauth2/default${DISCOVERY}`, '/keys']);
    await accepts(verifier, tokenFor(p.issuer));
  });

  test('the key set may live on another host (as Firebase’s does)', async () => {
    const keys = await JwksServer.start({ body: { keys: [key('ec-p256').jwk] } });
    cleanup.push(() => keys.stop());
    const p = await provider('/', { document: { jwks_uri: keys.url } });
    const verifier = await oidcVerifier({ OIDC: p.issuer });
    assert.equal(verifier.status()[0].jwksUri, keys.url);
    await accepts(verifier, tokenFor(p.issuer, 'ec-p256'));
  });
});

describe('the issuer the document states', () => {
  test('another issuer: its keys are never fetched or used, and tokens are refused with the reason', async () => {
    const p = await provider('/', { document: { issuer: 'https://evil.example/' } });
    const verifier = await oidcVerifier({ OIDC: p.issuer });
    assert.ok(!p.server.paths.includes('/keys'), 'the key set was not fetched');
    const [status] = verifier.status();
    assert.equal(status.state, 'unavailable');
    assert.equal(status.lastError, `the OpenID configuration states issuer "https://evil.example/", not "${p.issuer}" (OIDC Discovery §4.3: they must be identical)`);
    await refuses(verifier.verify(await tokenFor(p.issuer)), 'JWT_KEYS_UNAVAILABLE', unavailable(p, 'the OpenID configuration states issuer "https://evil.example/"'));
    // A token naming the issuer the document claims is not one we trust at all.
    await refuses(verifier.verify(await tokenFor('https://evil.example/')), 'JWT_ISSUER', "JWT `iss` value doesn't match with the issuer");
  });

  test('identical means identical: a missing trailing slash is another issuer', async () => {
    const p = await provider('/');
    p.document = { ...p.document, issuer: p.issuer.slice(0, -1) };
    const verifier = await oidcVerifier({ OIDC: p.issuer });
    assert.match(verifier.status()[0].lastError ?? '', /states issuer "http:\/\/127\.0\.0\.1:\d+", not "http:\/\/127\.0\.0\.1:\d+\/"/);
  });

  test('no issuer, or not JSON: refused', async () => {
    const p = await provider('/', { document: { issuer: undefined } });
    const verifier = await oidcVerifier({ OIDC: p.issuer });
    assert.match(verifier.status()[0].lastError ?? '', /^the OpenID configuration states no issuer/);
    const q = await provider('/', { discovery: { body: '<html>login</html>' } });
    assert.match((await oidcVerifier({ OIDC: q.issuer })).status()[0].lastError ?? '', /^not JSON/);
  });

  test('a refresh that states another issuer keeps the last good keys, and says why', async () => {
    const p = await provider();
    let now = Date.UTC(2030, 0, 1);
    const verifier = await oidcVerifier({ OIDC: p.issuer }, { clock: () => now, minRefetchIntervalMs: 1_000 });
    await accepts(verifier, tokenFor(p.issuer));
    p.document = { ...p.document, issuer: 'https://evil.example/' };
    p.keys = ['rsa-b'];
    now += 2_000;
    // An unknown kid triggers the refetch, which fails: the kid stays unknown, the old key keeps working.
    await refuses(verifier.verify(await tokenFor(p.issuer, 'rsa-b')), 'JWT_KID_UNKNOWN', /Invalid kid/);
    assert.match(verifier.status()[0].lastError ?? '', /states issuer "https:\/\/evil\.example\/"/);
    await accepts(verifier, tokenFor(p.issuer));
  });
});

describe('where the document may point', () => {
  for (const [what, jwksUri, reason] of [
    ['a local file', 'file:///etc/passwd', 'the OpenID configuration\'s "jwks_uri" must be an https URL, found "file:///etc/passwd"'],
    ['plain HTTP to another machine', 'http://keys.example/jwks', 'the OpenID configuration\'s "jwks_uri" must be an https URL, found "http://keys.example/jwks"'],
    ['nothing', undefined, 'the OpenID configuration has no "jwks_uri"'],
    ['not a URL', 'keys.json', 'the OpenID configuration\'s "jwks_uri" is not a URL: "keys.json"'],
  ] as const) {
    test(`jwks_uri is ${what}: refused, never followed`, async () => {
      const p = await provider('/', { document: { jwks_uri: jwksUri } });
      const verifier = await oidcVerifier({ OIDC: p.issuer });
      assert.equal(verifier.status()[0].lastError, reason);
      assert.equal(verifier.status()[0].state, 'unavailable');
      assert.deepEqual(p.server.paths, [DISCOVERY]);
    });
  }
});

describe('provider down or slow', () => {
  test('down at start: the verifier starts, refuses with the reason, retries, and recovers (as a JWK URL does)', async () => {
    const p = await provider();
    await p.server.stop();
    const started = Date.now();
    const verifier = await oidcVerifier({ OIDC: p.issuer }, { retryMinMs: 50, retryMaxMs: 50 });
    assert.ok(Date.now() - started < 1_000, 'createVerifier does not hang');
    assert.equal(verifier.status()[0].state, 'unavailable');
    await refuses(verifier.verify(await tokenFor(p.issuer)), 'JWT_KEYS_UNAVAILABLE', unavailable(p, 'connect ECONNREFUSED'));
    await p.server.listen();
    await waitFor(() => verifier.status()[0].state === 'ready', 3_000, 'the background retry');
    await accepts(verifier, tokenFor(p.issuer));
  });

  test('a discovery error status is a failed fetch', async () => {
    const p = await provider('/', { discovery: { status: 404, body: 'no' } });
    assert.equal((await oidcVerifier({ OIDC: p.issuer })).status()[0].lastError, 'HTTP status 404');
  });

  test('one deadline covers both documents', async () => {
    const p = await provider();
    p.server.reply = (_hit, url) =>
      url.endsWith(DISCOVERY) ? { body: p.document, delayMs: 350 } : { body: { keys: [key('rsa').jwk] }, delayMs: 350 };
    // Each answer alone fits in 600 ms; both together do not.
    const verifier = await oidcVerifier({ OIDC: p.issuer }, { fetchTimeoutMs: 600 });
    assert.match(verifier.status()[0].lastError ?? '', new RegExp(`^jwks_uri ${p.jwksUri.replaceAll('.', '\\.')}: timed out after \\d+ ms$`));
  });
});

describe('refresh', () => {
  test('both documents are fetched again when the shorter lifetime ends; rotated keys are picked up', async () => {
    const p = await provider();
    p.headers = { 'cache-control': 'max-age=1' };
    const verifier = await oidcVerifier({ OIDC: p.issuer });
    await accepts(verifier, tokenFor(p.issuer));
    p.keys = ['rsa-b'];
    await waitFor(() => verifier.status()[0].kids.includes('rsa-b'), 3_000, 'the refresh');
    assert.deepEqual(p.server.paths.slice(0, 4), [DISCOVERY, '/keys', DISCOVERY, '/keys']);
    await accepts(verifier, tokenFor(p.issuer, 'rsa-b'));
    await refuses(verifier.verify(await tokenFor(p.issuer)), 'JWT_KID_UNKNOWN', /Invalid kid/);
  });

  test('an unknown kid refetches both, within the rate limit', async () => {
    let now = Date.UTC(2030, 0, 1);
    const p = await provider();
    const verifier = await oidcVerifier({ OIDC: p.issuer }, { clock: () => now, minRefetchIntervalMs: 10_000 });
    p.keys = ['rsa', 'rsa-b'];
    now += 1_000;
    await refuses(verifier.verify(await tokenFor(p.issuer, 'rsa-b')), 'JWT_KID_UNKNOWN', /Invalid kid/);
    assert.equal(p.server.hits, 2);
    now += 10_000;
    await accepts(verifier, tokenFor(p.issuer, 'rsa-b'));
    assert.equal(p.server.hits, 4);
  });
});

describe('OIDC beside other issuers', () => {
  test('an OIDC issuer and a key-set issuer: neither’s keys vouch for the other', async () => {
    const p = await provider();
    const other = await JwksServer.start({ body: { keys: [key('rsa-b').jwk] } });
    cleanup.push(() => other.stop());
    const verifier = await oidcVerifier({ Issuers: [{ OIDC: p.issuer }, { Issuer: 'https://b.example/', JWKUrl: other.url }] });
    assert.deepEqual(verifier.status().map((s) => s.url), [p.discoveryUrl, other.url]);
    await accepts(verifier, tokenFor(p.issuer));
    await accepts(verifier, tokenFor('https://b.example/', 'rsa-b'));
    await refuses(verifier.verify(await tokenFor('https://b.example/', 'rsa')), 'JWT_KID_UNKNOWN', /Invalid kid/);
    await refuses(verifier.verify(await tokenFor(p.issuer, 'rsa-b')), 'JWT_KID_UNKNOWN', /Invalid kid/);
  });
});
