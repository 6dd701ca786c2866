/**
 * The VerificationKey mode: one key, imported once per allowed algorithm
 * (a WebCrypto key is bound to its algorithm). The token's `alg` must be
 * `Algo` or one of `Algorithms`; its `kid` is ignored, as Dgraph ignores it.
 */
import { importJWK } from 'jose';
import type { CryptoKey } from 'jose';
import { parseVerificationKey } from '../authline/index.js';
import type { VerificationKey } from '../authline/index.js';
import { AlgorithmNotAllowedError } from './errors.js';
import type { Keyring } from './keyring.js';

export async function createStaticKeyring(verificationKey: string, algorithms: readonly string[]): Promise<Keyring> {
  const parsed = parseVerificationKey(verificationKey, algorithms);
  // readAuthorization has already refused such a key; a hand-made config gets the same words.
  if ('error' in parsed) throw new Error(parsed.error);
  const keys = new Map<string, CryptoKey>();
  for (const alg of algorithms) keys.set(alg, await importKey(parsed.key, alg));
  return {
    async keysFor(_header, alg) {
      const key = keys.get(alg);
      if (!key) throw AlgorithmNotAllowedError.unexpected(algorithms, alg);
      return [key];
    },
    close() {},
  };
}

function importKey(key: VerificationKey, alg: string): Promise<CryptoKey> {
  if (key.form !== 'secret') return importJWK({ ...key.jwk, alg }, alg) as Promise<CryptoKey>;
  // jose hands oct keys back as bytes and would re-import them on every verification.
  return crypto.subtle.importKey('raw', key.secret, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, ['verify']);
}
