/**
 * A fetched JWK set turned into keys to verify with. Keys that cannot serve
 * (encryption keys, private keys, HMAC secrets, RSA under 2048 bits, no
 * `kid` when Dgraph selects by `kid`, shapes nobody can import) are skipped
 * with a warning instead of failing the set, since providers publish such
 * entries beside good ones; a set where nothing at all is usable is garbage.
 * Selection within the set is jose's: `kid`, then `alg`/`kty`/`crv`/`use`.
 */
import { createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { createLocalJWKSet, errors } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { MIN_RSA_BITS } from '../../authline/index.js';

export interface KeySet {
  readonly kids: ReadonlySet<string>;
  readonly size: number;
  /** Compares two fetches: equal when they hold the same keys. */
  readonly fingerprint: string;
  /** The keys named `kid` that can verify `alg` ([] when the `kid` is there but of another type). */
  keysFor(kid: string, alg: string): Promise<CryptoKey[]>;
}

export function readKeySet(document: unknown): { readonly set: KeySet; readonly skipped: readonly string[] } {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (typeof document !== 'object' || Array.isArray(document) || !Array.isArray(keys)) {
    throw new Error('not a JWK set (no "keys" list)');
  }
  const usable: JWK[] = [];
  const skipped: string[] = [];
  for (const [i, entry] of keys.entries()) {
    const problem = unusable(entry);
    if (problem) skipped.push(`key ${i}${kidOf(entry)}: ${problem}`);
    else usable.push(entry as JWK);
  }
  if (keys.length > 0 && usable.length === 0) throw new Error(`no usable signing key (${skipped.join('; ')})`);

  const select = createLocalJWKSet({ keys: usable });
  return {
    skipped,
    set: {
      kids: new Set(usable.map((jwk) => jwk.kid as string)),
      size: usable.length,
      fingerprint: JSON.stringify(usable),
      async keysFor(kid, alg) {
        try {
          return [await select({ alg, kid })];
        } catch (error) {
          if (error instanceof errors.JWKSMultipleMatchingKeys) return collect(error);
          if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSENotSupported) return [];
          throw error;
        }
      },
    },
  };
}

function unusable(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'not a JSON object';
  const jwk = entry as JWK;
  if (typeof jwk.kid !== 'string' || jwk.kid === '') return 'no "kid" (tokens name their key by kid)';
  if (jwk.kty === 'oct') return 'a shared secret has no place in a public key set';
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC' && jwk.kty !== 'OKP') return `unsupported "kty" ${JSON.stringify(jwk.kty)}`;
  if (jwk.d !== undefined) return 'a private key';
  if (jwk.use !== undefined && jwk.use !== 'sig') return `"use" is ${JSON.stringify(jwk.use)}, not "sig"`;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (bits !== undefined && bits < MIN_RSA_BITS) return `RSA modulus of ${bits} bits, under ${MIN_RSA_BITS}`;
  } catch (error) {
    return `cannot be imported (${(error as Error).message})`;
  }
  return null;
}

function kidOf(entry: unknown): string {
  const kid = (entry as { kid?: unknown } | null)?.kid;
  return typeof kid === 'string' ? ` (kid ${JSON.stringify(kid)})` : '';
}

async function collect(multiple: errors.JWKSMultipleMatchingKeys): Promise<CryptoKey[]> {
  const keys: CryptoKey[] = [];
  for await (const key of multiple) keys.push(key);
  return keys;
}
