/**
 * examples/jwks, run the way its README says: the key set's server and
 * authline started with the README's commands (port 0 for 8090 and 8080;
 * the schema's JWKUrl follows the key server's port), then every other
 * shell command in one bash session with real curl, each answer compared
 * with the JSON block the README shows after it. The keys are the
 * example's committed demo keys; the tokens are signed and verified for real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey, createPrivateKey } from 'node:crypto';
import { blocks, runSteps, startBackground, steps, withPorts } from './support/readme.js';
import type { Background } from './support/readme.js';

const README = readFileSync('examples/jwks/README.md', 'utf8');
const SCHEMA = 'examples/jwks/schema.graphql';

test('the JWKS example answers every command of its README as the README shows', { timeout: 180_000 }, async () => {
  const all = blocks(README);
  const keyServer = all.filter((b) => b.lang === 'sh' && b.text.includes('serve-jwks.mjs'));
  const authline = all.filter((b) => b.lang === 'sh' && b.text.includes('bin/authline.js serve'));
  assert.equal(keyServer.length, 1, 'the README says once how to start the key server');
  assert.equal(authline.length, 1, 'the README says once how to start authline');
  assert.ok(authline[0].text.includes(SCHEMA));

  const dir = mkdtempSync(join(tmpdir(), 'authline-jwks-'));
  const servers: Background[] = [];
  try {
    const jwks = await startBackground(keyServer[0].text, { cwd: process.cwd() });
    servers.push(jwks);
    const schema = join(dir, 'schema.graphql');
    writeFileSync(schema, withPorts(readFileSync(SCHEMA, 'utf8'), { 8090: jwks.port }));
    const server = await startBackground(authline[0].text.replace(SCHEMA, schema), { cwd: process.cwd() });
    servers.push(server);
    assert.match(jwks.output(), /GET \/\.well-known\/jwks\.json/, 'authline fetched the key set as the schema loaded');

    const rest = all.filter((b) => b !== keyServer[0] && b !== authline[0]);
    const { answers } = await runSteps(steps(rest), { cwd: process.cwd(), ports: { 8080: server.port, 8090: jwks.port } });
    assert.equal(answers, 10, 'the README shows ten answers');
  } finally {
    for (const s of servers.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the README shows the auth line the schema has', () => {
  const line = readFileSync(SCHEMA, 'utf8').split('\n').find((l) => l.startsWith('# Dgraph.Authorization'));
  assert.ok(line && blocks(README)[0].text.trim() === line);
});

test('jwks.json publishes the public halves of the demo keys, and nothing private', () => {
  const { keys } = JSON.parse(readFileSync('examples/jwks/jwks.json', 'utf8')) as { keys: Record<string, string>[] };
  assert.deepEqual(keys.map((k) => k.kid), ['demo-1', 'demo-2']);
  for (const jwk of keys) {
    assert.deepEqual([jwk.kty, jwk.alg, jwk.use, jwk.d], ['RSA', 'RS256', 'sig', undefined]);
    const pem = readFileSync(`examples/jwks/demo-keys/${jwk.kid}.private.pem`, 'utf8');
    const fromPrivate = createPublicKey(createPrivateKey(pem)).export({ format: 'jwk' });
    assert.equal(fromPrivate.n, jwk.n, `${jwk.kid}: the published key is the private key's public half`);
  }
});
