/**
 * The key `authline token` signs with, from whatever a developer has at
 * hand: a PEM private key (PKCS#8, PKCS#1 or SEC1), a private JWK, or a file
 * holding an HMAC secret as Dgraph's VerificationKey spells it. The
 * algorithm defaults to what the key implies.
 */
import { createPrivateKey, createSecretKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { UsageError } from './args.js';

export interface SigningKey {
  readonly key: KeyObject;
  readonly alg: string;
  readonly kid?: string;
}

const HMAC = ['HS256', 'HS384', 'HS512'];
const CURVE_ALGS: Readonly<Record<string, string>> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

/** An HMAC secret given as text: the exact bytes of the string, as Dgraph uses VerificationKey. */
export function secretKey(secret: string, alg = 'HS256'): SigningKey {
  if (secret.length === 0) throw new UsageError('the secret is empty');
  if (!HMAC.includes(alg)) throw new UsageError(`a secret signs with ${HMAC.join(', ')}, not ${alg}`);
  return { key: createSecretKey(Buffer.from(secret, 'utf8')), alg };
}

/** The key in a file's text; `source` names it in messages. */
export function keyFromFile(text: string, source: string, alg?: string): SigningKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return fromJwk(trimmed, source, alg);
  if (trimmed.startsWith('-----BEGIN')) return fromPem(trimmed, source, alg);
  // Anything else is a secret; editors add a final newline that is not part of it.
  return secretKey(text.replace(/\r?\n$/, ''), alg);
}

function fromPem(pem: string, source: string, alg?: string): SigningKey {
  if (/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(pem)) {
    throw new UsageError(`${source} holds a public key or certificate, which cannot sign: give the private key`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new UsageError(`${source} is not a usable private key: ${(err as Error).message}`);
  }
  return { key, alg: alg ?? defaultAlg(key, source) };
}

function fromJwk(json: string, source: string, alg?: string): SigningKey {
  let jwk: { kty?: string; k?: string; d?: string; alg?: string; kid?: string };
  try {
    jwk = JSON.parse(json);
  } catch (err) {
    throw new UsageError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (jwk.kty === 'oct') {
    if (!jwk.k) throw new UsageError(`${source}: an "oct" JWK needs "k"`);
    return { key: createSecretKey(Buffer.from(jwk.k, 'base64url')), alg: alg ?? jwk.alg ?? 'HS256', kid: jwk.kid };
  }
  if (!jwk.d) throw new UsageError(`${source} is a public JWK, which cannot sign: give the private JWK (with "d")`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (err) {
    throw new UsageError(`${source} is not a usable private JWK: ${(err as Error).message}`);
  }
  return { key, alg: alg ?? jwk.alg ?? defaultAlg(key, source), kid: jwk.kid };
}

function defaultAlg(key: KeyObject, source: string): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ed25519':
      return 'EdDSA';
    case 'ec': {
      const alg = CURVE_ALGS[key.asymmetricKeyDetails?.namedCurve ?? ''];
      if (alg) return alg;
    }
  }
  throw new UsageError(`${source}: no default algorithm for this key; choose one with --alg`);
}
