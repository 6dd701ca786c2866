/**
 * Verified tokens, so a repeated token costs a map lookup instead of a
 * signature check. Keyed by the token text; only successes are stored. An
 * entry is good from `nbf` to `exp` (each widened by the leeway exactly as
 * the checks widen them, so the cache never accepts what a fresh
 * verification would refuse), and never longer than `maxTtlMs`, which also
 * bounds how long a key removed from a JWKS keeps its tokens alive (the
 * JWKS sources clear the cache when their keys change anyway).
 */
import { LRUCache } from 'lru-cache';
import type { RegisteredClaims } from './claims.js';
import type { Claims } from './types.js';

interface Entry {
  readonly claims: Claims;
  readonly validFromMs: number;
  readonly validUntilMs: number;
}

export class TokenCache {
  private readonly entries: LRUCache<string, Entry> | null;

  constructor(size: number, private readonly maxTtlMs: number) {
    this.entries = size > 0 ? new LRUCache<string, Entry>({ max: size }) : null;
  }

  get(token: string, nowMs: number): Claims | undefined {
    const entry = this.entries?.get(token);
    if (!entry) return undefined;
    if (nowMs >= entry.validFromMs && nowMs < entry.validUntilMs) return entry.claims;
    this.entries?.delete(token);
    return undefined;
  }

  set(token: string, claims: Claims, registered: RegisteredClaims, nowMs: number, leewaySeconds: number): void {
    if (!this.entries) return;
    const { exp, nbf } = registered;
    this.entries.set(token, {
      claims,
      validFromMs: nbf === undefined ? Number.NEGATIVE_INFINITY : (nbf - leewaySeconds) * 1000,
      validUntilMs: Math.min(nowMs + this.maxTtlMs, exp === undefined ? Number.POSITIVE_INFINITY : (exp + leewaySeconds) * 1000),
    });
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
