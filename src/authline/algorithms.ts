/**
 * The JWS algorithms a `# Dgraph.Authorization` line may name, and the kind
 * of key each one verifies with. Dgraph supports HS* and RS*; authline adds
 * ES*, PS* and EdDSA, which need nothing but the key.
 */

export type KeyFamily = 'secret' | 'rsa' | 'ec' | 'ed25519';

export interface AlgorithmSpec {
  readonly family: KeyFamily;
  /** Node's name of the curve an EC algorithm is bound to. */
  readonly curve?: 'prime256v1' | 'secp384r1' | 'secp521r1';
}

/** In the order `invalid jwt algorithm` lists them: Dgraph's six first (Dgraph's own order is random). */
export const ALGORITHMS: Readonly<Record<string, AlgorithmSpec>> = Object.freeze({
  RS256: { family: 'rsa' },
  RS384: { family: 'rsa' },
  RS512: { family: 'rsa' },
  HS256: { family: 'secret' },
  HS384: { family: 'secret' },
  HS512: { family: 'secret' },
  ES256: { family: 'ec', curve: 'prime256v1' },
  ES384: { family: 'ec', curve: 'secp384r1' },
  ES512: { family: 'ec', curve: 'secp521r1' },
  PS256: { family: 'rsa' },
  PS384: { family: 'rsa' },
  PS512: { family: 'rsa' },
  EdDSA: { family: 'ed25519' },
});

export const SUPPORTED_ALGORITHMS: readonly string[] = Object.freeze(Object.keys(ALGORITHMS));

/** What a JWKS may sign with when the line does not narrow it: every public-key algorithm (never HMAC). */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = Object.freeze(
  SUPPORTED_ALGORITHMS.filter((alg) => ALGORITHMS[alg].family !== 'secret'),
);

/** Case-sensitive, as Dgraph compares `Algo`. */
export function isSupportedAlgorithm(alg: string): boolean {
  return Object.hasOwn(ALGORITHMS, alg);
}

/** Dgraph's message for an `Algo` it does not know (the list is comma-joined without spaces). */
export function unsupportedAlgorithmMessage(alg: string): string {
  return `invalid jwt algorithm: found ${alg}, but supported options are: ${SUPPORTED_ALGORITHMS.join(',')}`;
}
