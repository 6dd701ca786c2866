/**
 * Writes this example's DEMO-ONLY keys: two RSA key pairs (demo-1, demo-2),
 * their private keys in demo-keys/ and their public keys as the key set
 * jwks.json. The private keys are published in the repository; never trust
 * anything they sign outside this example. Run from the repository root:
 *
 *   node examples/jwks/generate-keys.mjs
 *
 * Tokens minted with the old keys stop verifying once it has run.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
mkdirSync(new URL('demo-keys/', here), { recursive: true });
const keys = [];
for (const kid of ['demo-1', 'demo-2']) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(new URL(`demo-keys/${kid}.private.pem`, here), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  // What a provider publishes: the public half, named by kid, for signatures with RS256.
  keys.push({ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });
}
writeFileSync(new URL('jwks.json', here), `${JSON.stringify({ keys }, null, 2)}\n`);
console.log('wrote examples/jwks/demo-keys/demo-1.private.pem, demo-2.private.pem and examples/jwks/jwks.json');
