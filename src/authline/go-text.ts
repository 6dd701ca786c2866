/**
 * Go's text primitives that decide which line is the auth line: Dgraph
 * splits the schema with bufio.ScanLines and trims with strings.TrimSpace,
 * whose notions of "line" and "space" differ from JavaScript's (a lone CR
 * does not end a line; U+0085 is space but U+FEFF is not).
 */

/** unicode.IsSpace: Latin-1 spaces plus the Unicode White_Space property. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;

export function isGoSpace(char: string): boolean {
  return GO_SPACE.test(char);
}

/** strings.TrimSpace, returning how much was cut from the start so positions survive. */
export function goTrimSpace(text: string): { readonly text: string; readonly start: number } {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text[start])) start++;
  while (end > start && isGoSpace(text[end - 1])) end--;
  return { text: text.slice(start, end), start };
}

export interface ScannedLine {
  /** The line without its terminator (and without one trailing CR, as ScanLines drops it). */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/** bufio.ScanLines: LF ends a line, one CR at its end is dropped, a final unterminated line counts. */
export function* goLines(text: string): Generator<ScannedLine> {
  let line = 1;
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    const end = lf === -1 ? text.length : lf;
    const body = text.slice(start, end);
    yield { text: body.endsWith('\r') ? body.slice(0, -1) : body, line };
    if (lf === -1) return;
    start = lf + 1;
    line++;
  }
}
