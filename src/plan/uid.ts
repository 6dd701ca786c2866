/**
 * Dgraph node ids. Clients write them as strings that Dgraph reads with Go's
 * `strconv.ParseUint(s, 0, 64)`: `0x`/`0o`/`0b` prefixes, a leading `0` for
 * octal, plain decimal, `_` between digits; nothing else, and nothing beyond
 * 2^64 - 1. This is the one reader of uids: plans carry them as canonical
 * unsigned decimal strings, the store as bigints; answers show them in hex
 * (`0x1f`).
 */

const MAX_UID = 2n ** 64n - 1n;

/** Canonical decimal string of a uid, or undefined when Dgraph could not parse it. */
export function parseUid(text: string): string | undefined {
  return readUid(text)?.toString();
}

/** The uid `text` names, or undefined when Dgraph could not parse it. */
export function readUid(text: string): bigint | undefined {
  if (!underscoresOk(text)) return undefined;
  const clean = text.replace(/_/g, '');
  const prefix = clean.slice(0, 2).toLowerCase();
  let digits: string;
  let pattern: RegExp;
  let base: string;
  if (prefix === '0x') [digits, pattern, base] = [clean.slice(2), /^[0-9a-f]+$/i, '0x'];
  else if (prefix === '0o') [digits, pattern, base] = [clean.slice(2), /^[0-7]+$/, '0o'];
  else if (prefix === '0b') [digits, pattern, base] = [clean.slice(2), /^[01]+$/, '0b'];
  else if (clean.length > 1 && clean[0] === '0') [digits, pattern, base] = [clean.slice(1), /^[0-7]+$/, '0o'];
  else [digits, pattern, base] = [clean, /^[0-9]+$/, ''];
  if (!pattern.test(digits)) return undefined;
  const value = BigInt(`${base}${digits}`);
  return value <= MAX_UID ? value : undefined;
}

/** Go's rule for `_` in number literals: only between digits (or after a base prefix). */
function underscoresOk(text: string): boolean {
  let saw: 'start' | 'digit' | 'underscore' | 'other' = 'start';
  let i = 0;
  const hex = /^0x/i.test(text);
  if (/^0[box]/i.test(text)) {
    i = 2;
    saw = 'digit';
  }
  for (; i < text.length; i++) {
    const c = text[i];
    if (/[0-9]/.test(c) || (hex && /[a-f]/i.test(c))) {
      saw = 'digit';
    } else if (c === '_') {
      if (saw !== 'digit') return false;
      saw = 'underscore';
    } else {
      if (saw === 'underscore') return false;
      saw = 'other';
    }
  }
  return saw !== 'underscore';
}

/** `"31"` → `"0x1f"`, as Dgraph shows uids. */
export function formatUid(decimal: string | bigint): string {
  return `0x${BigInt(decimal).toString(16)}`;
}
