/**
 * JSON with Int64 answers exact. The engine answers an Int64 beyond 2^53 as
 * a bigint (api/scalars.ts); Dgraph writes it as a JSON number with every
 * digit, and so must we, but JSON.stringify refuses bigints and a JavaScript
 * number would change the value. The writers we do not own (graphql-http,
 * graphql-ws) stringify for us, so a bigint first becomes a marked string,
 * and the marks are then taken out of the text, leaving the bare digits.
 *
 * The mark starts with a NUL character, which JSON writes as `\u0000`, and
 * carries a random key drawn once per process: no string a client or the
 * database supplies can forge it.
 */
import { randomUUID } from 'node:crypto';

const MARK = `\u0000int64:${randomUUID()}:`;
const MARKED = new RegExp(`"${JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\')}(-?\\d+)"`, 'g');

/** A JSON.stringify replacer: a bigint becomes its marked digits. */
export function markBigInt(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${MARK}${value}` : value;
}

/** `value` with every bigint in it marked (a copy only where one is found), for a writer that takes no replacer. */
export function markBigInts<T>(value: T): T {
  if (typeof value === 'bigint') return `${MARK}${value}` as T;
  if (value === null || typeof value !== 'object') return value;
  // Every answer passes through here: nothing is allocated unless a bigint is found.
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const marked = markBigInts(value[i]);
      if (marked !== value[i]) (items ??= [...value])[i] = marked;
    }
    return (items ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const marked = markBigInts(item);
    if (marked !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = marked;
  }
  return (copy ?? value) as T;
}

/** The JSON text with each marked string turned back into the number it marks. */
export function unmarkBigInts(text: string): string {
  return text.includes('int64:') ? text.replace(MARKED, '$1') : text;
}

/** JSON.stringify that writes a bigint as a number literal, every digit kept. */
export function stringifyExact(value: unknown): string {
  return unmarkBigInts(JSON.stringify(value, markBigInt));
}
