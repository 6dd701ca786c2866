/**
 * Test helpers: lines, verifiers and tokens signed with the fixture keys
 * (jose's CompactSign, so header and payload can be anything), or forged
 * from raw segments.
 */
import assert from 'node:assert/strict';
import { sign as cryptoSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { readAuthorization } from '../../../src/authline/index.js';
import type { AuthConfig } from '../../../src/authline/index.js';
import { createVerifier } from '../../../src/verifier/index.js';
import type { AuthErrorCode, JwtVerifier, VerifierOptions, VerifierWarning } from '../../../src/verifier/index.js';
import { KEY_FOR, key, oneLine, secret } from '../../../fixtures/index.js';
import type { Algorithm, HmacAlgorithm } from '../../../fixtures/index.js';

export const NS = 'https://xyz.io/jwt/claims';
export const HEADER = 'X-Test-Auth';

export function isHmac(alg: Algorithm): alg is HmacAlgorithm {
  return alg.startsWith('HS');
}

/** The key that signs `alg` in the fixtures. */
export function signingKey(alg: Algorithm): KeyObject | Uint8Array {
  return isHmac(alg) ? new TextEncoder().encode(secret(alg)) : key(KEY_FOR[alg]).privateKey;
}

/** The VerificationKey that verifies `alg` (SPKI PEM, one line). */
export function verificationKey(alg: Algorithm): string {
  return isHmac(alg) ? secret(alg) : oneLine(key(KEY_FOR[alg]).publicPem);
}

export function authLine(fields: Record<string, unknown>): string {
  return `# Dgraph.Authorization ${JSON.stringify(fields)}`;
}

export function staticFields(alg: Algorithm, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Header: HEADER, Namespace: NS, Algo: alg, VerificationKey: verificationKey(alg), ...extra };
}

export function configFor(fields: Record<string, unknown>): AuthConfig {
  const { config, errors } = readAuthorization(`type T { id: ID! }\n${authLine(fields)}\n`);
  assert.deepEqual(errors.map((e) => e.message), []);
  assert.ok(config);
  return config;
}

/** Warnings are collected, not printed. */
export async function verifierFor(
  fields: Record<string, unknown>,
  options: VerifierOptions = {},
): Promise<JwtVerifier & { warnings: VerifierWarning[] }> {
  const warnings: VerifierWarning[] = [];
  const verifier = await createVerifier(configFor(fields), { logger: (w) => warnings.push(w), ...options });
  return Object.assign(verifier, { warnings });
}

export const seconds = (ms = Date.now()) => Math.floor(ms / 1000);

/** A token signed with the fixture key of `alg` (or `signWith`), header and payload as given. */
export async function sign(
  alg: Algorithm,
  payload: Record<string, unknown>,
  options: { header?: Record<string, unknown>; signWith?: KeyObject | Uint8Array } = {},
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, ...options.header })
    .sign(options.signWith ?? signingKey(alg));
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** A token from raw parts: objects are JSON-encoded, strings taken as the JSON text. */
export function forge(header: object | string, payload: object | string, signature = ''): string {
  const json = (part: object | string) => (typeof part === 'string' ? part : JSON.stringify(part));
  return `${b64(json(header))}.${b64(json(payload))}.${signature}`;
}

/**
 * An RS256 token over exactly these header and payload texts, signed with
 * node:crypto: for headers jose refuses to produce (unknown crit, b64: false).
 */
export function signRs256Raw(header: string, payload: string, privateKey: KeyObject = key('rsa').privateKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** Asserts the promise rejects with this code and exactly this message. */
export async function refuses(promise: Promise<unknown>, code: AuthErrorCode, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.code, code, `code of: ${error.message}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}
