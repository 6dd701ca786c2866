/**
 * How golang-jwt reads a token's segments, and the words Go uses when it
 * cannot: base64.RawURLEncoding (no padding; `=`, `+`, `/` and whitespace
 * are illegal bytes), then encoding/json. Dgraph passes these texts through,
 * so a malformed token reads the same as in Dgraph.
 */

const NOT_BASE64URL = /[^A-Za-z0-9_-]/;

/** RawURLEncoding.DecodeString, or Go's CorruptInputError text. */
export function decodeSegment(segment: string): { readonly bytes: Buffer } | { readonly error: string } {
  const illegal = segment.search(NOT_BASE64URL);
  if (illegal !== -1) return { error: `illegal base64 data at input byte ${illegal}` };
  // A lone final character carries under 8 bits: Go reports the byte where the quantum broke off.
  if (segment.length % 4 === 1) return { error: `illegal base64 data at input byte ${segment.length - 1}` };
  return { bytes: Buffer.from(segment, 'base64url') };
}

/** JSON.parse, with Go's syntax error text on failure (best effort: the offending character). */
export function parseJson(text: string): { readonly value: unknown } | { readonly error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: goSyntaxError(text, (error as Error).message) };
  }
}

function goSyntaxError(text: string, v8Message: string): string {
  if (text.trim() === '' || /end of JSON input|Unterminated/.test(v8Message)) return 'unexpected end of JSON input';
  const position = /position (\d+)/.exec(v8Message);
  if (position && Number(position[1]) >= text.length) return 'unexpected end of JSON input';
  const char = position ? text[Number(position[1])] : /Unexpected token '(.)'/.exec(v8Message)?.[1];
  if (char === undefined) return 'invalid JSON';
  return v8Message.includes('after JSON')
    ? `invalid character '${char}' after top-level value`
    : `invalid character '${char}' looking for beginning of value`;
}

/** Go's UnmarshalTypeError text for a value decoded into a Go type. */
export function cannotUnmarshal(jsonType: string, goType: string): string {
  return `json: cannot unmarshal ${jsonType} into Go value of type ${goType}`;
}

const GO_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A JSON string decoded into json.Number: its text must be a JSON number literal. */
export function parseGoNumberString(text: string): number | undefined {
  return GO_NUMBER.test(text) ? Number(text) : undefined;
}
