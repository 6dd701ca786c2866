/**
 * Tokens for a schema's own auth line, so that policy tests need no
 * identity provider: an HMAC line's tokens are signed with its key; for a
 * public-key line (VerificationKey, JWKUrl/JWKUrls) the run generates a
 * throwaway key pair and serves the schema with its public key in place of
 * the line's keys (and says so). Everything else in the line stays: Header,
 * Namespace, Audience, issuers, ClosedByDefault.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { ASYMMETRIC_ALGORITHMS, readAuthorization, type AuthConfig } from '../../authline/index.js';
import { namespaced, signToken } from '../mint.js';
import type { TokenChoice } from './case-file.js';

export interface LineTokens {
  /** The schema to serve: as written, or with the throwaway public key in place of the line's keys. */
  readonly sdl: string;
  /** The header the line reads tokens from; null: the schema has no auth line. */
  readonly header: string | null;
  /** What the run changed, to tell the user; null when it serves the schema as written. */
  readonly substitution: string | null;
  /** The token a case sends (undefined: none). */
  token(claims: Readonly<Record<string, unknown>> | null, choice: TokenChoice | null): Promise<string | undefined>;
}

const KEYS_OF_THE_LINE = ['verificationkey', 'jwkurl', 'jwkurls', 'algo'];

export async function lineTokens(sdl: string): Promise<LineTokens> {
  const { config, errors } = readAuthorization(sdl);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  if (config === null) {
    return {
      sdl,
      header: null,
      substitution: null,
      token: async (claims, choice) => {
        if (claims !== null || (choice !== null && choice !== 'none')) throw new Error('the schema has no # Dgraph.Authorization line: a case can send no token');
        return undefined;
      },
    };
  }
  if ((config.boundIssuers ?? []).length > 0) {
    throw new Error('authline test cannot mint tokens for a line whose issuers bring their own keys (Issuers, OIDC) yet: give cases a literal token');
  }
  const secret = config.algo?.startsWith('HS') && config.verificationKey !== undefined;
  const signing = secret ? hmac(config) : await throwaway(config);
  const served = secret ? sdl : withPublicKey(sdl, config, signing.publicPem!, signing.alg);
  const wrong = secret ? hmac(config, '-not-the-key') : await throwaway(config);
  const mint = async (claims: Readonly<Record<string, unknown>>, key: KeyObject | CryptoKey, extra: Record<string, unknown> = {}) => {
    const payload = {
      ...(config.issuers.length > 0 ? { iss: config.issuers[0] } : {}),
      ...(config.audience && config.audience.length > 0 ? { aud: config.audience[0] } : {}),
      ...extra,
      ...namespaced(config.namespace, { ...claims }),
    };
    return signToken(payload, { key: key as KeyObject, alg: signing.alg }, undefined, '1h');
  };
  return {
    sdl: served,
    header: config.header,
    substitution: secret
      ? null
      : `the line's keys are replaced by a throwaway ${signing.alg} key pair for this run, and tokens are signed with it`,
    async token(claims, choice) {
      if (choice === null) return mint(claims ?? {}, signing.key);
      if (choice === 'none') return undefined;
      if (choice === 'expired') {
        const now = Math.floor(Date.now() / 1000);
        return mint(claims ?? {}, signing.key, { iat: now - 7200, exp: now - 3600 });
      }
      if (choice === 'bad-signature') return mint(claims ?? {}, wrong.key);
      return choice.literal;
    },
  };
}

interface Signing {
  readonly alg: string;
  readonly key: KeyObject | CryptoKey;
  readonly publicPem?: string;
}

function hmac(config: AuthConfig, spoil = ''): Signing {
  return { alg: config.algo!, key: createSecretKey(Buffer.from(`${config.verificationKey}${spoil}`, 'utf8')) };
}

/** A key pair for the line's algorithm (RS256 for a JWKS that does not narrow it). */
async function throwaway(config: AuthConfig): Promise<Signing> {
  const allowed = config.algorithms.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg));
  const alg = allowed.includes('RS256') || allowed.length === 0 ? 'RS256' : allowed[0];
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, key: privateKey, publicPem: await exportSPKI(publicKey) };
}

/** The SDL with the line's keys (VerificationKey, JWKUrl(s), Algo) replaced by `pem` and `alg`. */
function withPublicKey(sdl: string, config: AuthConfig, pem: string, alg: string): string {
  const lines = sdl.split('\n');
  const index = config.loc.line - 1;
  const text = lines[index];
  const marker = 'Dgraph.Authorization';
  const at = text.lastIndexOf(marker) + marker.length;
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text.slice(at)) as Record<string, unknown>;
  } catch {
    throw new Error('authline test replaces the keys of a public-key line only in its JSON form: write the line as JSON');
  }
  // Go's decoder matches keys case-insensitively, so every spelling of the line's keys goes.
  const kept = Object.fromEntries(Object.entries(line).filter(([key]) => !KEYS_OF_THE_LINE.includes(key.toLowerCase())));
  lines[index] = `${text.slice(0, at)} ${JSON.stringify({ ...kept, VerificationKey: pem, Algo: alg })}`;
  return lines.join('\n');
}
