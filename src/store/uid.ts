/**
 * Dgraph uids: unsigned 64-bit numbers shown as "0x1f". Stored as bigint,
 * so the usable range is 1 .. 2^63-1; larger uids cannot exist here.
 */

const MAX_STORED = 2n ** 63n - 1n;
const MAX_UID = 2n ** 64n - 1n;

/** Parses like Go's strconv.ParseUint(s, 0, 64): 0x / 0o / 0b / leading-0 octal / decimal, `_` separators. */
export function parseUid(text: string): bigint | null {
  let digits = text;
  let base = 10;
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0x') { base = 16; digits = digits.slice(2); }
  else if (prefix === '0o') { base = 8; digits = digits.slice(2); }
  else if (prefix === '0b') { base = 2; digits = digits.slice(2); }
  else if (digits.length > 1 && digits[0] === '0') { base = 8; digits = digits.slice(1); }
  // Go accepts underscores only between digits when the base comes from the prefix.
  if (digits.includes('_')) {
    if (text === digits || /(^_|__|_$)/.test(digits)) return null;
    digits = digits.replaceAll('_', '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^\d+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!valid?.test(digits)) return null;
  const value = [...digits.toLowerCase()].reduce((acc, ch) => acc * BigInt(base) + BigInt(parseInt(ch, base)), 0n);
  return value > MAX_UID ? null : value;
}

/** Whether a uid can be a stored node's uid. */
export function storable(uid: bigint): boolean {
  return uid >= 1n && uid <= MAX_STORED;
}

export function toHex(uid: bigint | string): string {
  return `0x${BigInt(uid).toString(16)}`;
}
