/**
 * The signature, checked by jose against each candidate key (several URLs
 * may hold the same `kid`); the first that verifies wins. jose is told the
 * one algorithm already allowed, so it can never fall back to another.
 * Failures read as golang-jwt's, whose wording depends on the key family.
 */
import { compactVerify, errors } from 'jose';
import type { CryptoKey } from 'jose';
import { ALGORITHMS } from '../authline/index.js';
import { AlgorithmNotAllowedError, SignatureInvalidError, TokenMalformedError } from './errors.js';
import type { AuthTokenError } from './errors.js';

const FAILURE_TEXT = {
  secret: 'signature is invalid',
  rsa: 'crypto/rsa: verification error',
  ec: 'crypto/ecdsa: verification error',
  ed25519: 'ed25519: verification error',
} as const;

/** Resolves to the payload jose verified (the exact bytes the signature covers). */
export async function verifySignature(token: string, alg: string, keys: readonly CryptoKey[]): Promise<Uint8Array> {
  let failure: AuthTokenError = new SignatureInvalidError(FAILURE_TEXT[ALGORITHMS[alg].family]);
  for (const key of keys) {
    try {
      return (await compactVerify(token, key, { algorithms: [alg] })).payload;
    } catch (error) {
      failure = translate(error, alg);
    }
  }
  throw failure;
}

function translate(error: unknown, alg: string): AuthTokenError {
  // A header jose will not process (an unknown `crit` extension, say) makes the token unusable, not merely unsigned.
  if (error instanceof errors.JWSInvalid || error instanceof errors.JOSENotSupported) return new TokenMalformedError(error.message);
  // jose refuses a key that does not fit the algorithm with a TypeError, before any verification.
  if (error instanceof TypeError) return AlgorithmNotAllowedError.keyType();
  return new SignatureInvalidError(FAILURE_TEXT[ALGORITHMS[alg].family]);
}
