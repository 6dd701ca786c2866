/**
 * Signing development tokens, for `authline token` and the tokens
 * `authline test` mints for its cases: claims under a namespace (the
 * registered ones stay at the top level), iat set, exp a while ahead.
 */
import { SignJWT } from 'jose';
import { UsageError } from './args.js';
import type { SigningKey } from './signing-key.js';

/** JWT's registered claims stay at the top level, where verifiers read them; the rest go under the namespace. */
const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

export function namespaced(namespace: string, claims: Record<string, unknown>): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  const inner: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) (REGISTERED.has(name) ? top : inner)[name] = value;
  return { ...top, [namespace]: inner };
}

export async function signToken(payload: Record<string, unknown>, signing: SigningKey, kid: string | undefined, expiresIn: string): Promise<string> {
  const kidValue = kid ?? signing.kid;
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: signing.alg, typ: 'JWT', ...(kidValue ? { kid: kidValue } : {}) });
  if (!('iat' in payload)) jwt.setIssuedAt();
  if (expiresIn !== 'never' && !('exp' in payload)) {
    try {
      jwt.setExpirationTime(/^\d+$/.test(expiresIn) ? `${expiresIn}s` : expiresIn);
    } catch {
      throw new UsageError(`--expires-in "${expiresIn}" is not a duration such as 30m, 1h, 7d, 3600 or never`);
    }
  }
  try {
    return await jwt.sign(signing.key);
  } catch (err) {
    throw new UsageError(`cannot sign with ${signing.alg}: ${(err as Error).message}`);
  }
}
