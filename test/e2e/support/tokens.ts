/**
 * Tokens as Dgraph's e2e harness mints them (testutil.GetSignedToken): the
 * auth variables under the namespace claim, `iss: "test"`, `exp` five
 * minutes ahead, no `aud`, sent bare in X-Test-Auth. HS256 signs with the
 * harness's secret; RS256 with a key pair generated when the suite starts.
 */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

export type Algorithm = 'HS256' | 'RS256';
export const ALGORITHMS: readonly Algorithm[] = ['HS256', 'RS256'];

export const HEADER = 'X-Test-Auth';
export const NAMESPACE = 'https://xyz.io/jwt/claims';
export const HS256_SECRET = 'secretkey-long-enough';

/** The variables rules read (`$USER`, `$ROLE`, `$ANS`...): any JSON, or null. */
export type AuthVars = Readonly<Record<string, unknown>>;

export interface TokenOptions {
  /** Seconds from now to `exp`; negative for a token that has expired. Default 300, as the harness. */
  readonly expiresIn?: number;
  /** Seconds from now to `nbf`. */
  readonly notBefore?: number;
  readonly audience?: string | readonly string[];
  /**
   * Where the variables go: under the namespace as an object (the harness's
   * way), under the namespace as a JSON string, or as top-level claims.
   */
  readonly placement?: 'namespace' | 'namespace-string' | 'top-level';
  /** Further top-level claims. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

export interface Signer {
  readonly algorithm: Algorithm;
  /** The VerificationKey of the auth line: the secret, or the public key as SPKI PEM. */
  readonly verificationKey: string;
  token(vars: AuthVars, options?: TokenOptions): Promise<string>;
}

const signers = new Map<Algorithm, Promise<Signer>>();

/** One signer per algorithm and process: tokens stay valid for every server the process starts. */
export function signerFor(algorithm: Algorithm): Promise<Signer> {
  let signer = signers.get(algorithm);
  if (!signer) {
    signer = createSigner(algorithm);
    signers.set(algorithm, signer);
  }
  return signer;
}

/**
 * A signer of its own: HS256 with the given secret (the harness's by
 * default), RS256 with a newly generated key pair.
 */
export async function createSigner(algorithm: Algorithm, secret = HS256_SECRET): Promise<Signer> {
  if (algorithm === 'HS256') {
    const key = new TextEncoder().encode(secret);
    return { algorithm, verificationKey: secret, token: (vars, options) => sign(algorithm, key, vars, options) };
  }
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const verificationKey = await exportSPKI(publicKey);
  return { algorithm, verificationKey, token: (vars, options) => sign(algorithm, privateKey, vars, options) };
}

function sign(
  algorithm: Algorithm,
  key: CryptoKey | Uint8Array,
  vars: AuthVars,
  options: TokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const placement = options.placement ?? 'namespace';
  const payload: JWTPayload = {
    ...(placement === 'top-level' ? vars : {}),
    ...(placement === 'namespace' ? { [NAMESPACE]: vars } : {}),
    ...(placement === 'namespace-string' ? { [NAMESPACE]: JSON.stringify(vars) } : {}),
    ...options.claims,
    iss: 'test',
    exp: now + (options.expiresIn ?? 300),
  };
  if (options.notBefore !== undefined) payload.nbf = now + options.notBefore;
  if (options.audience !== undefined) payload.aud = typeof options.audience === 'string' ? options.audience : [...options.audience];
  return new SignJWT(payload).setProtectedHeader({ alg: algorithm, typ: 'JWT' }).sign(key);
}

/** The other algorithm: a token it signs names an `alg` the server was not configured for. */
export function otherAlgorithm(algorithm: Algorithm): Algorithm {
  return algorithm === 'HS256' ? 'RS256' : 'HS256';
}
