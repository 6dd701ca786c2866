/**
 * One JWK URL's keys over time. Fetched at start; refreshed in the
 * background when the response's lifetime runs out; refetched early when a
 * request meets a `kid` the set lacks (or there are no keys yet), at most
 * once per `minRefetchIntervalMs`, with concurrent requests sharing the one
 * fetch, so random kids cannot turn authline into an amplifier against the
 * provider. A failed or garbage fetch keeps the last good keys and retries
 * with exponential backoff; without any good keys the source is
 * "unavailable" and the tokens it would verify are refused.
 */
import type { CryptoKey } from 'jose';
import type { VerifierSettings, VerifierWarning } from '../options.js';
import { fetchKeySet } from './fetch-key-set.js';
import type { FetchedKeySet, FetchLimits } from './fetch-key-set.js';
import { readKeySet } from './key-set.js';
import type { KeySet } from './key-set.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface JwksStatus {
  readonly url: string;
  /** ready: fresh keys; stale: keys past their lifetime that could not be refreshed (still used); unavailable: no keys yet. */
  readonly state: 'ready' | 'stale' | 'unavailable';
  readonly keys: number;
  readonly kids: readonly string[];
  readonly fetchedAt: string | null;
  readonly expiresAt: string | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  /** OIDC: the key set the discovery document (at `url`) named, once fetched. */
  readonly jwksUri?: string;
}

/** Fetches the source's key set: the JWK URL itself, or (OIDC) whatever the discovery document names. */
export type KeySetLoader = (limits: FetchLimits) => Promise<FetchedKeySet>;

export class JwksSource {
  private set: KeySet | null = null;
  private fetchedAt: number | null = null;
  private expiresAt: number | null = null;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastError: string | null = null;
  private failures = 0;
  private inflight: Promise<void> | null = null;
  private jwksUri: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly closed = new AbortController();

  constructor(
    readonly url: string,
    private readonly settings: VerifierSettings,
    /** Called when a fetch brings different keys than before (cached verdicts may rest on a removed key). */
    private readonly onKeysChanged: () => void,
    private readonly load: KeySetLoader = (limits) => fetchKeySet(url, limits),
  ) {}

  /** Fetches now, or joins the fetch under way. Never rejects: failures are recorded and retried. */
  refresh(): Promise<void> {
    if (this.closed.signal.aborted) return Promise.resolve();
    this.inflight ??= this.fetchOnce().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * A request could not find its key here: fetch again if the rate limit
   * allows, else wait for a fetch already under way, else do nothing.
   */
  refetchForMiss(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.settings.clock() - this.lastAttemptAt < this.settings.minRefetchIntervalMs) return Promise.resolve();
    return this.refresh();
  }

  /** The keys named `kid` that can verify `alg` ([] when the kid is here but of another type); null when this set lacks the kid. */
  async lookup(kid: string, alg: string): Promise<CryptoKey[] | null> {
    const set = this.set;
    return set?.kids.has(kid) ? set.keysFor(kid, alg) : null;
  }

  /** Why there are no keys, for the error a refused token gets. */
  get unavailableReason(): string {
    return this.lastError ?? 'no keys fetched yet';
  }

  status(): JwksStatus {
    const now = this.settings.clock();
    return {
      url: this.url,
      state: this.set === null ? 'unavailable' : this.expiresAt !== null && now >= this.expiresAt ? 'stale' : 'ready',
      keys: this.set?.size ?? 0,
      kids: [...(this.set?.kids ?? [])],
      fetchedAt: this.fetchedAt === null ? null : new Date(this.fetchedAt).toISOString(),
      expiresAt: this.expiresAt === null ? null : new Date(this.expiresAt).toISOString(),
      lastError: this.lastError,
      consecutiveFailures: this.failures,
      ...(this.jwksUri === undefined ? {} : { jwksUri: this.jwksUri }),
    };
  }

  close(): void {
    this.closed.abort();
    clearTimeout(this.timer);
  }

  private async fetchOnce(): Promise<void> {
    clearTimeout(this.timer);
    const { settings } = this;
    this.lastAttemptAt = settings.clock();
    try {
      const fetched = await this.load({
        timeoutMs: settings.fetchTimeoutMs,
        maxBytes: settings.jwksMaxBytes,
        lifetime: { defaultMs: settings.jwksMaxAgeDefaultMs, minMs: settings.jwksMaxAgeFloorMs, maxMs: settings.jwksMaxAgeCeilingMs },
        now: settings.clock,
        signal: this.closed.signal,
      });
      const { set, skipped } = readKeySet(fetched.document);
      for (const reason of skipped) this.warn('JWKS_KEY_SKIPPED', `JWKS ${this.url}: skipped ${reason}`);
      if (set.size === 0) this.warn('JWKS_EMPTY', `JWKS ${this.url}: the set has no keys; every token it would verify is refused`);
      if (this.failures > 0) this.warn('JWKS_RECOVERED', `JWKS ${this.url}: fetched again after ${this.failures} failed attempt(s)`);
      const changed = this.set !== null && this.set.fingerprint !== set.fingerprint;
      const now = settings.clock();
      this.set = set;
      this.jwksUri = fetched.jwksUri;
      this.fetchedAt = now;
      this.expiresAt = now + fetched.lifetimeMs;
      this.failures = 0;
      this.lastError = null;
      settings.observer.jwksFetched?.(this.url, 'ok');
      if (changed) this.onKeysChanged();
      this.schedule(fetched.lifetimeMs);
    } catch (error) {
      if (this.closed.signal.aborted) return;
      settings.observer.jwksFetched?.(this.url, 'error');
      this.failures++;
      this.lastError = (error as Error).message;
      const kept = this.set ? 'keeping the last good keys' : 'no keys yet, so its tokens are refused';
      this.warn('JWKS_FETCH_FAILED', `JWKS ${this.url}: ${this.lastError} (attempt ${this.failures}; ${kept})`);
      this.schedule(Math.min(settings.retryMaxMs, settings.retryMinMs * 2 ** (this.failures - 1)));
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed.signal.aborted) return;
    clearTimeout(this.timer);
    // Background refreshes must not keep the process alive; setTimeout wraps delays beyond 2^31-1 ms to 1 ms.
    this.timer = setTimeout(() => void this.refresh(), Math.min(delayMs, MAX_TIMER_MS)).unref();
  }

  private warn(code: VerifierWarning['code'], message: string): void {
    this.settings.logger({ code, message, url: this.url });
  }
}
