/**
 * Reads a VerificationKey once, at upload, so that a key that cannot verify
 * anything is an upload error rather than a failure on every request. The
 * parse is synchronous (node:crypto), because reading the line is; the
 * verifier imports the resulting public JWK into jose for each algorithm.
 *
 * HMAC secrets are the string's UTF-8 bytes, as Dgraph uses them (no `\n`
 * unescaping, no base64). Public keys may be a PEM SPKI key, a PKCS#1 RSA
 * key or an X.509 certificate (Go's parse order, whatever the label), with
 * newlines written as the two characters `\n`; or, beyond Dgraph, a JWK as
 * JSON text.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { ALGORITHMS } from './algorithms.js';
import type { AlgorithmSpec } from './algorithms.js';
import { firstPemBlock } from './pem.js';
import { REDACTED } from './redact.js';

export type KeyForm = 'secret' | 'spki' | 'x509' | 'pkcs1' | 'jwk';

export type VerificationKey =
  | { readonly form: 'secret'; readonly secret: Uint8Array }
  | { readonly form: Exclude<KeyForm, 'secret'>; readonly jwk: JsonWebKey };

export type KeyParseResult = { readonly key: VerificationKey } | { readonly error: string };

/** jose refuses RSA moduli below this (NIST has deprecated them); better said at upload than on every request. */
export const MIN_RSA_BITS = 2048;

/**
 * `algorithms[0]` is `Algo` (its errors are Dgraph's words); the rest come
 * from the `Algorithms` extension and must fit the same key.
 */
export function parseVerificationKey(text: string, algorithms: readonly string[]): KeyParseResult {
  if (text === REDACTED) {
    return { error: `VerificationKey is "${REDACTED}", the placeholder GET /admin/schema shows instead of the key; upload the schema with the real key` };
  }
  const [algo, ...extra] = algorithms;
  const secret = ALGORITHMS[algo].family === 'secret';
  const misfit = extra.find((alg) => (ALGORITHMS[alg].family === 'secret') !== secret);
  if (misfit) {
    return {
      error: secret
        ? `\`Algorithms\` in Dgraph.Authorization: ${misfit} cannot be used with an HMAC secret (Algo ${algo})`
        : `\`Algorithms\` in Dgraph.Authorization: ${misfit} cannot be used with a public key (Algo ${algo}); an HMAC token is never checked against a public key`,
    };
  }
  if (secret) return { key: { form: 'secret', secret: new TextEncoder().encode(text) } };

  const parsed = readPublicKey(text.replaceAll('\\n', '\n'));
  if ('error' in parsed) return parsed;
  for (const [i, alg] of algorithms.entries()) {
    const problem = fitProblem(parsed.key, parsed.jwk, alg, ALGORITHMS[alg]);
    if (problem) {
      return { error: i === 0 ? problem : `\`Algorithms\` in Dgraph.Authorization: ${alg} cannot use the VerificationKey: ${problem}` };
    }
  }
  return { key: { form: parsed.form, jwk: parsed.key.export({ format: 'jwk' }) } };
}

interface PublicKey {
  readonly key: KeyObject;
  readonly form: Exclude<KeyForm, 'secret'>;
  /** The JWK as written, when the key was one (its `alg`/`use` constrain it). */
  readonly jwk?: JsonWebKey;
}

function readPublicKey(text: string): PublicKey | { readonly error: string } {
  return text.trimStart().startsWith('{') ? readJwk(text) : readPem(text);
}

function readPem(text: string): PublicKey | { readonly error: string } {
  const block = firstPemBlock(text);
  if (!block) return { error: 'invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key' };
  // Node derives a public key from private DER when asked for PKCS#1; a private key in a schema is a leak, not a key.
  if (isPrivateKey(block.der)) {
    return { error: 'x509: failed to parse public key: the PEM block is a private key; VerificationKey takes the public key only' };
  }
  const attempts: (() => PublicKey)[] = [
    () => ({ key: createPublicKey({ key: block.der, format: 'der', type: 'spki' }), form: 'spki' }),
    () => ({ key: new X509Certificate(block.der).publicKey, form: 'x509' }),
    () => ({ key: createPublicKey({ key: block.der, format: 'der', type: 'pkcs1' }), form: 'pkcs1' }),
  ];
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // Go tries PKIX, then a certificate, then PKCS#1, and reports only the last failure.
    }
  }
  return {
    error: `x509: failed to parse public key: the "${block.label}" PEM block is not a PKIX public key, an X.509 certificate or a PKCS#1 RSA public key`,
  };
}

function isPrivateKey(der: Buffer): boolean {
  return (['pkcs8', 'pkcs1', 'sec1'] as const).some((type) => {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      return false;
    }
  });
}

function readJwk(text: string): PublicKey | { readonly error: string } {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch (error) {
    return { error: `invalid key: VerificationKey starts like a JWK but is not JSON: ${(error as Error).message}` };
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || typeof (jwk as JsonWebKey).kty !== 'string') {
    return { error: 'invalid key: a JWK must be a JSON object with a "kty" member' };
  }
  const candidate = jwk as JsonWebKey;
  if (candidate.kty === 'oct') {
    return { error: 'invalid key: an "oct" JWK is a shared secret; put the secret itself in VerificationKey with an HS algorithm' };
  }
  if (candidate.d !== undefined) return { error: 'invalid key: the JWK is a private key; VerificationKey takes the public key only' };
  if (candidate.use !== undefined && candidate.use !== 'sig') {
    return { error: `invalid key: the JWK's "use" is ${JSON.stringify(candidate.use)}, not "sig"` };
  }
  if (Array.isArray(candidate.key_ops) && !candidate.key_ops.includes('verify')) {
    return { error: 'invalid key: the JWK\'s "key_ops" do not include "verify"' };
  }
  try {
    return { key: createPublicKey({ key: candidate, format: 'jwk' }), form: 'jwk', jwk: candidate };
  } catch (error) {
    return { error: `invalid key: the JWK is not a usable public key: ${(error as Error).message}` };
  }
}

/** Why `key` cannot verify `alg`, in golang-jwt's words where it has them; null if it can. */
function fitProblem(key: KeyObject, jwk: JsonWebKey | undefined, alg: string, spec: AlgorithmSpec): string | null {
  const type = key.asymmetricKeyType;
  switch (spec.family) {
    case 'rsa': {
      if (type !== 'rsa') return 'key is not a valid RSA public key';
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) {
        return `key is not a valid RSA public key: ${alg} needs a modulus of at least ${MIN_RSA_BITS} bits, this key has ${bits}`;
      }
      break;
    }
    case 'ec': {
      if (type !== 'ec') return 'key is not a valid ECDSA public key';
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve !== spec.curve) {
        return `key is not a valid ECDSA public key: ${alg} needs a ${curveName(spec.curve)} key, this key is ${curveName(curve)}`;
      }
      break;
    }
    case 'ed25519':
      if (type !== 'ed25519') return 'key is not a valid Ed25519 public key';
      break;
  }
  if (jwk?.alg !== undefined && jwk.alg !== alg) return `the JWK's "alg" is ${JSON.stringify(jwk.alg)}, not ${alg}`;
  return null;
}

function curveName(curve: string | undefined): string {
  switch (curve) {
    case 'prime256v1':
      return 'P-256';
    case 'secp384r1':
      return 'P-384';
    case 'secp521r1':
      return 'P-521';
    default:
      return curve ?? 'unknown';
  }
}
