/**
 * The verifier's knobs, for operators and for tests (which shrink every
 * interval to milliseconds and drive time with `clock`). Defaults suit
 * production identity providers.
 */
import type { VerifierObserver } from './observer.js';

export interface VerifierOptions {
  /** Deadline for one JWKS fetch, body included (default 5 s). createVerifier waits at most this long. */
  readonly fetchTimeoutMs?: number;
  /** Key-set lifetime when the response has no cache headers (default 10 min; Dgraph and Hasura never refresh then). */
  readonly jwksMaxAgeDefaultMs?: number;
  /** Shortest key-set lifetime, whatever the headers say; also what no-cache/no-store mean (default 1 min). */
  readonly jwksMaxAgeFloorMs?: number;
  /** Longest key-set lifetime (default 24 h). */
  readonly jwksMaxAgeCeilingMs?: number;
  /** Per URL, the least time between two fetches a request can trigger (unknown `kid`, no keys yet); default 10 s. */
  readonly minRefetchIntervalMs?: number;
  /** First retry delay after a failed background fetch, doubled on each failure (default 1 s)... */
  readonly retryMinMs?: number;
  /** ...up to this (default 5 min). */
  readonly retryMaxMs?: number;
  /** Largest JWKS document accepted (default 1 MiB). */
  readonly jwksMaxBytes?: number;
  /** Verified tokens kept (default 10,000); 0 turns the cache off. */
  readonly tokenCacheSize?: number;
  /** Longest a verified token is cached, for tokens without `exp` and to bound key revocation (default 5 min). */
  readonly tokenCacheMaxTtlMs?: number;
  /** Longer tokens are refused unread (default 16 KiB, Node's whole default header limit). */
  readonly maxTokenLength?: number;
  /** Milliseconds since the epoch (default Date.now): token times, cache entries, refetch limits. */
  readonly clock?: () => number;
  /** Receives warnings (JWKS trouble, risky configuration); default: a JSON log line on stderr. */
  readonly logger?: (warning: VerifierWarning) => void;
  /** Hears about cache hits and JWKS fetches (metrics); default: nobody. */
  readonly observer?: VerifierObserver;
}

export type VerifierWarningCode =
  | 'JWKS_FETCH_FAILED'
  | 'JWKS_RECOVERED'
  | 'JWKS_KEY_SKIPPED'
  | 'JWKS_EMPTY'
  | 'JWKS_INSECURE_URL'
  | 'WEAK_HMAC_SECRET';

export interface VerifierWarning {
  readonly code: VerifierWarningCode;
  readonly message: string;
  readonly url?: string;
}

export type VerifierSettings = Required<VerifierOptions>;

const DEFAULTS: Omit<VerifierSettings, 'clock' | 'logger' | 'observer'> = {
  fetchTimeoutMs: 5_000,
  jwksMaxAgeDefaultMs: 10 * 60_000,
  jwksMaxAgeFloorMs: 60_000,
  jwksMaxAgeCeilingMs: 24 * 60 * 60_000,
  minRefetchIntervalMs: 10_000,
  retryMinMs: 1_000,
  retryMaxMs: 5 * 60_000,
  jwksMaxBytes: 1024 * 1024,
  tokenCacheSize: 10_000,
  tokenCacheMaxTtlMs: 5 * 60_000,
  maxTokenLength: 16 * 1024,
};

export function resolveOptions(options: VerifierOptions): VerifierSettings {
  const settings: VerifierSettings = {
    ...DEFAULTS,
    clock: Date.now,
    logger: ({ message, ...fields }) =>
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: message, ...fields })}\n`),
    observer: {},
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  };
  for (const name of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = settings[name];
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw new TypeError(`verifier option ${name} must be a finite number >= 0, got ${String(value)}`);
    }
  }
  return settings;
}
