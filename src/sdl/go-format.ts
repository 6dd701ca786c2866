/**
 * Go's `fmt` and `strconv` spellings of values, so that messages quoting a
 * rule's operand or a GraphQL literal read exactly as Dgraph prints them.
 */
/** A value as Go's encoding/json decodes it (and as requests and claims carry it). */
export type GoValue = string | number | boolean | null | readonly GoValue[] | { readonly [key: string]: GoValue };

/** `%v` of a value decoded by Go's encoding/json: `[1 2]`, `map[a:b]`, `<nil>`, `1.2345678e+07`. */
export function goValue(value: GoValue): string {
  if (value === null) return '<nil>';
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  const object = value as { readonly [key: string]: GoValue };
  const keys = Object.keys(object).sort(); // fmt prints maps in key order
  return `map[${keys.map((k) => `${k}:${goValue(object[k])}`).join(' ')}]`;
}

/** `%v` of a float64: shortest digits, exponent form when the exponent is < -4 or ≥ 6 (strconv 'g', -1). */
export function goFloat(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mantissa, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(n);
  const digits = String(Math.abs(exp)).padStart(2, '0');
  return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
}

/** strconv.Quote for the ASCII range: Go's escapes for control characters, the rest as is. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const named = GO_ESCAPES[ch];
    if (named) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};
