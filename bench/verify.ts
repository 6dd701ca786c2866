/**
 * Verifications per second, cold (a full verification: decode, key
 * lookup, signature, claims) and cached (a repeated token answered by the
 * token cache), for HS256, RS256 and ES256 with a static key, and RS256
 * through a JWKS. Run: node --import tsx bench/verify.ts [seconds per cell]
 */
import { CompactSign } from 'jose';
import { readAuthorization } from '../src/authline/index.js';
import { createVerifier } from '../src/verifier/index.js';
import type { JwtVerifier, VerifierOptions } from '../src/verifier/index.js';
import { jwksFileUrl, key, oneLine, secret } from '../fixtures/index.js';

const SECONDS = Number(process.argv[2] ?? 1);
const NS = 'https://xyz.io/jwt/claims';

interface Case {
  readonly name: string;
  readonly alg: 'HS256' | 'RS256' | 'ES256';
  readonly line: Record<string, unknown>;
  readonly signingKey: Parameters<CompactSign['sign']>[0];
  readonly kid?: string;
}

const base = { Header: 'X-Auth', Namespace: NS, Audience: ['api'] };
const cases: Case[] = [
  { name: 'HS256', alg: 'HS256', line: { ...base, Algo: 'HS256', VerificationKey: secret('HS256') }, signingKey: new TextEncoder().encode(secret('HS256')) },
  { name: 'RS256', alg: 'RS256', line: { ...base, Algo: 'RS256', VerificationKey: oneLine(key('rsa').publicPem) }, signingKey: key('rsa').privateKey },
  { name: 'ES256', alg: 'ES256', line: { ...base, Algo: 'ES256', VerificationKey: oneLine(key('ec-p256').publicPem) }, signingKey: key('ec-p256').privateKey },
  {
    name: 'RS256 via JWKS',
    alg: 'RS256',
    line: { ...base, JWKUrl: jwksFileUrl('primary') },
    signingKey: key('rsa').privateKey,
    kid: 'rsa',
  },
];

async function verifier(line: Record<string, unknown>, options: VerifierOptions): Promise<JwtVerifier> {
  const { config, errors } = readAuthorization(`# Dgraph.Authorization ${JSON.stringify(line)}`);
  if (!config) throw new Error(errors.map((e) => e.message).join('\n'));
  return createVerifier(config, { logger: () => {}, ...options });
}

function token(c: Case, n: number): Promise<string> {
  // A realistic payload: registered claims plus a namespace of app claims.
  const payload = { sub: `user-${n}`, aud: 'api', exp: Math.floor(Date.now() / 1000) + 3600, [NS]: { USER: `user-${n}`, ROLE: 'ADMIN' } };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: c.alg, ...(c.kid ? { kid: c.kid } : {}) }).sign(c.signingKey);
}

/**
 * Verifications per second over `SECONDS`, after a short warm-up, with
 * `inFlight` verifications running at once (a server verifies many requests
 * concurrently; WebCrypto spreads them over libuv's thread pool).
 */
async function rate(v: JwtVerifier, token: string, inFlight = 1): Promise<number> {
  const run = async (ms: number) => {
    let count = 0;
    const end = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < end) {
        for (let k = 0; k < 50; k++) await v.verify(token);
        count += 50;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return count;
  };
  await run(200);
  const started = performance.now();
  const count = await run(SECONDS * 1000);
  return count / ((performance.now() - started) / 1000);
}

const rows: string[][] = [];
for (const c of cases) {
  const cold = await verifier(c.line, { tokenCacheSize: 0 });
  const cached = await verifier(c.line, {});
  const one = await token(c, 0);
  const coldRate = await rate(cold, one);
  const coldParallel = await rate(cold, one, 32);
  const cachedRate = await rate(cached, one);
  rows.push([c.name, fmt(coldRate), fmt(coldParallel), fmt(cachedRate), `${Math.round(cachedRate / coldRate)}×`]);
  cold.close();
  cached.close();
}

const header = ['algorithm', 'cold /s', 'cold /s, 32 in flight', 'cached /s', 'cached/cold'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(`verifications per second, node ${process.version}, ${SECONDS} s per cell; cold = token cache off, cached = the same token again\n`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of rows) console.log(line(row));

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
