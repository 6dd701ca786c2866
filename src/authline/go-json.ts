/**
 * The parts of Go's encoding/json that decide what an object means when it
 * is decoded into a struct: every member is visited in document order (so
 * the last of duplicate keys wins, whatever their case), and a key matches a
 * field name case-insensitively under Unicode simple folding. JSON.parse
 * alone cannot say this: it merges exact duplicates at the first one's place
 * and keeps differently-cased keys apart.
 */

export interface JsonMember {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The members of a top-level JSON object, in document order, duplicates
 * kept. `text` must already be known to be valid JSON holding an object.
 */
export function jsonMembers(text: string): JsonMember[] {
  const members: JsonMember[] = [];
  let i = skipSpace(text, text.indexOf('{') + 1);
  while (text[i] !== '}') {
    const keyEnd = endOfString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the ':'
    const valueEnd = endOfValue(text, valueStart);
    members.push({ key, value: JSON.parse(text.slice(valueStart, valueEnd)) });
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return members;
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** `i` is at an opening quote; returns the index just past the closing one. */
export function endOfString(text: string, i: number): number {
  for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i + 1;
}

export function endOfValue(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return endOfString(text, i);
  if (first !== '{' && first !== '[') {
    while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
    return i;
  }
  let depth = 0;
  for (; ; i++) {
    const c = text[i];
    if (c === '"') i = endOfString(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') if (--depth === 0) return i + 1;
  }
}

/**
 * Whether a JSON key selects the (ASCII) Go field `name`. Go folds with
 * unicode.SimpleFold, under which two non-ASCII runes reach ASCII letters:
 * the Kelvin sign (K) and the long s (ſ).
 */
export function goFoldEquals(key: string, name: string): boolean {
  if (key === name) return true;
  const runes = Array.from(key);
  if (runes.length !== name.length) return false;
  return runes.every((rune, i) => foldsTo(rune, name[i]));
}

function foldsTo(rune: string, ascii: string): boolean {
  const upper = ascii.toUpperCase();
  if (rune.length === 1 && rune.charCodeAt(0) < 0x80) return rune.toUpperCase() === upper;
  return (rune === '\u212A' && upper === 'K') || (rune === '\u017F' && upper === 'S');
}

/** The JSON type name Go's decoder puts in its messages ("cannot unmarshal number into ..."). */
export function goJsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // 'string' | 'number' | 'object'
}
