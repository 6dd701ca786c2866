/**
 * The installed command, spawned as users run it: `node bin/authline.js`,
 * which loads the compiled dist/ (npm test builds it first). Help, version,
 * argument errors, and `token`, whose tokens are verified here with jose.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';

const BIN = resolve('bin/authline.js');

function authline(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env } }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
before(() => {
  assert.ok(existsSync('dist/cli/main.js'), 'dist/ is missing: run npm run build (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'authline-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('--help lists the commands; every command has its own --help', async () => {
  const top = await authline(['--help']);
  assert.equal(top.code, 0);
  for (const name of ['serve', 'import', 'check', 'token']) assert.match(top.stdout, new RegExp(`^  ${name} `, 'm'));
  assert.equal((await authline([])).stdout, top.stdout);
  const helps = await Promise.all(['serve', 'import', 'check', 'token'].map((name) => authline([name, '--help'])));
  for (const [i, name] of ['serve', 'import', 'check', 'token'].entries()) {
    assert.equal(helps[i].code, 0, name);
    assert.match(helps[i].stdout, new RegExp(`^Usage: authline ${name} `), name);
  }
  assert.equal((await authline(['help', 'serve'])).stdout, helps[0].stdout);
  assert.match(helps[0].stdout, /--database-url URL/);
  assert.match(helps[0].stdout, /AUTHLINE_ADMIN_TOKEN/);
});

test('--version prints the package version', async () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  assert.deepEqual(await authline(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
});

test('mistaken calls exit 2 with a message and a pointer to --help', async () => {
  const cases: [string[], RegExp][] = [
    [['frob'], /unknown command "frob"/],
    [['serve', '--prot', '1'], /Unknown option '--prot'/],
    [['serve', '--memory', '--data', 'x'], /choose one of --memory, --data/],
    [['serve', '--port', '99999'], /--port must be a whole number from 0 to 65535/],
    [['serve', 'a.graphql', 'b.graphql'], /expected one SCHEMA_FILE, got 2/],
    [['import'], /missing the FILE/],
    [['check'], /missing the SCHEMA_FILE/],
    [['token', '--secret', 's'], /missing --claims/],
    [['token', '--claims', '{}'], /exactly one of --key FILE and --secret S/],
    [['token', '--claims', '[1]', '--secret', 's'], /must be a JSON object/],
    [['token', '--claims', '{}', '--secret', 's', '--expires-in', 'soon'], /not a duration/],
    [['token', '--claims', '{}', '--secret', 's', '--alg', 'RS256'], /a secret signs with HS256, HS384, HS512, not RS256/],
  ];
  const results = await Promise.all(cases.map(([args]) => authline(args)));
  for (const [i, [args, message]] of cases.entries()) {
    assert.equal(results[i].code, 2, args.join(' '));
    assert.match(results[i].stderr, message, args.join(' '));
    assert.equal(results[i].stdout, '');
  }
  assert.match(results[1].stderr, /Run authline serve --help/);
  const env = await authline(['serve'], { env: { DATABASE_URL: 'postgres://u:p@h/db', AUTHLINE_DATA_DIR: dir } });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /DATABASE_URL and AUTHLINE_DATA_DIR are both set/);
  assert.doesNotMatch(env.stderr, /u:p@/);
});

test('a missing input file exits 1', async () => {
  const res = await authline(['check', join(dir, 'nope.graphql')]);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /nope\.graphql: no such file/);
});

test('token --secret signs HS256 tokens a verifier accepts, expiring in an hour', async () => {
  const secret = 'a dev secret, as in the VerificationKey';
  const res = await authline(['token', '--secret', secret, '--claims', '{"USER":"alice","ROLE":"ADMIN"}']);
  assert.equal(res.code, 0, res.stderr);
  const { payload, protectedHeader } = await jwtVerify(res.stdout.trim(), new TextEncoder().encode(secret));
  assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
  assert.equal(payload.USER, 'alice');
  assert.equal(payload.ROLE, 'ADMIN');
  assert.equal((payload.exp as number) - (payload.iat as number), 3600);
  assert.ok(Math.abs((payload.iat as number) - Date.now() / 1000) < 60);
});

test('token --key signs with a PEM private key, a namespace, a kid and registered claims kept on top', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = join(dir, 'rsa.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  writeFileSync(join(dir, 'claims.json'), JSON.stringify({ USER: 'bob', aud: 'my-app', sub: 'u-1' }));
  const res = await authline(['token', '--key', keyFile, '--kid', 'key-1', '--namespace', 'https://my.app/claims', '--claims', '@claims.json', '--expires-in', '90'], { cwd: dir });
  assert.equal(res.code, 0, res.stderr);
  const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const { payload, protectedHeader } = await jwtVerify(res.stdout.trim(), await importSPKI(spki, 'RS256'), { audience: 'my-app' });
  assert.deepEqual(protectedHeader, { alg: 'RS256', typ: 'JWT', kid: 'key-1' });
  assert.deepEqual(payload['https://my.app/claims'], { USER: 'bob' });
  assert.equal(payload.sub, 'u-1');
  assert.equal((payload.exp as number) - (payload.iat as number), 90);
});

test('token --key takes a private JWK (its kid and alg too) and a secret file; --expires-in never', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256' };
  writeFileSync(join(dir, 'ec.jwk.json'), JSON.stringify(jwk));
  const ec = await authline(['token', '--key', 'ec.jwk.json', '--claims', '{"USER":"carol"}', '--expires-in', 'never'], { cwd: dir });
  assert.equal(ec.code, 0, ec.stderr);
  const jwks = createLocalJWKSet({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256' }] });
  const { payload } = await jwtVerify(ec.stdout.trim(), jwks);
  assert.equal(payload.USER, 'carol');
  assert.equal(payload.exp, undefined);
  assert.equal(decodeProtectedHeader(ec.stdout.trim()).kid, 'ec-1');

  writeFileSync(join(dir, 'secret.txt'), 'file-secret\n');
  const hs = await authline(['token', '--key', 'secret.txt', '--alg', 'HS384', '--claims', '{}'], { cwd: dir });
  assert.equal(hs.code, 0, hs.stderr);
  const verified = await jwtVerify(hs.stdout.trim(), new TextEncoder().encode('file-secret'));
  assert.equal(verified.protectedHeader.alg, 'HS384');

  const pub = join(dir, 'pub.pem');
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  const refused = await authline(['token', '--key', pub, '--claims', '{}']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /public key or certificate, which cannot sign/);
});
