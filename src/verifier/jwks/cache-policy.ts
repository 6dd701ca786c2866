/**
 * How long a fetched key set stays fresh, read from the response as Hasura
 * reads it: `no-cache`/`no-store` (or `must-revalidate` alone) mean
 * "refresh soon"; `max-age`/`s-maxage` (minus `Age`) give the lifetime; else
 * `Expires` (against the response's `Date`, so the provider's clock is
 * compared with itself). A provider that says nothing gets a default, where
 * Dgraph and Hasura would never refresh. The result is clamped, so neither a
 * `max-age=0` nor a `max-age` of a year can make refreshes absurd.
 */

export interface LifetimeBounds {
  /** When the response says nothing. */
  readonly defaultMs: number;
  /** Floor, and what no-cache/no-store mean. */
  readonly minMs: number;
  readonly maxMs: number;
}

export interface CacheHeaders {
  readonly cacheControl?: string | null;
  readonly expires?: string | null;
  readonly date?: string | null;
  readonly age?: string | null;
}

export function keySetLifetime(headers: CacheHeaders, nowMs: number, bounds: LifetimeBounds): number {
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, statedLifetime(headers, nowMs) ?? bounds.defaultMs));
}

/** The lifetime the response states, in ms; undefined when it states none. */
function statedLifetime(headers: CacheHeaders, nowMs: number): number | undefined {
  const directives = parseCacheControl(headers.cacheControl ?? '');
  if (directives.has('no-store') || directives.has('no-cache')) return 0;
  const ages = ['s-maxage', 'max-age'].map((name) => seconds(directives.get(name))).filter((s) => s !== undefined);
  if (ages.length > 0) return Math.max(0, Math.min(...ages) - (seconds(headers.age ?? undefined) ?? 0)) * 1000;
  if (directives.has('must-revalidate')) return 0;
  if (headers.expires) {
    const expires = Date.parse(headers.expires);
    // RFC 9111: an Expires that does not parse means "already expired".
    if (Number.isNaN(expires)) return 0;
    const date = headers.date ? Date.parse(headers.date) : Number.NaN;
    return Math.max(0, expires - (Number.isNaN(date) ? nowMs : date));
  }
  return undefined;
}

/** Directive names lower-cased; values unquoted. Repeated headers arrive comma-joined, which this reads the same. */
function parseCacheControl(value: string): Map<string, string | undefined> {
  const directives = new Map<string, string | undefined>();
  for (const part of value.split(',')) {
    const [name, ...rest] = part.split('=');
    const key = name.trim().toLowerCase();
    if (key === '' || directives.has(key)) continue;
    directives.set(key, rest.length > 0 ? rest.join('=').trim().replace(/^"(.*)"$/, '$1') : undefined);
  }
  return directives;
}

function seconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
