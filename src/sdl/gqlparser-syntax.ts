/**
 * graphql-js's syntax errors in the words of gqlparser (the Go parser Dgraph
 * uses), so that "failed to parse GraphQL rule [reason : ...]" reads as in
 * Dgraph: `Expected Name, found <EOF>` rather than graphql-js's
 * `Syntax Error: Expected Name, found <EOF>.`
 */
import { Lexer, Source, TokenKind } from 'graphql';
import type { Token } from 'graphql';
import { goQuote } from './go-format.js';

/**
 * @param description graphql-js's message without its "Syntax Error: " prefix
 * @param text the document that failed to parse
 * @param offset where graphql-js located the error in `text`
 */
export function syntaxMessage(description: string, text: string, offset: number): string {
  const expected = /^Expected (.+?), found (.+)\.$/s.exec(description);
  if (expected) {
    const [, want, found] = expected;
    // gqlparser's selection sets need at least one field; graphql-js then expects a field name.
    if (want === 'Name' && found === '"}"' && previousToken(text, offset) === TokenKind.BRACE_L) {
      return 'expected at least one definition, found }';
    }
    // A keyword (`"on"`, `"fragment"`) is quoted and the found token printed whole; otherwise kinds only.
    return /^"[_A-Za-z]\w*"$/.test(want)
      ? `Expected ${want}, found ${tokenString(found)}`
      : `Expected ${unquote(want)}, found ${tokenKind(found)}`;
  }
  const lexical = lexicalMessage(description);
  if (lexical) return lexical;
  const unexpected = /^Unexpected (.+)\.$/s.exec(description);
  if (unexpected) return `Unexpected ${tokenString(unexpected[1])}`;
  return description;
}

/** gqlparser's message for a token its query parser does not accept where it is (e.g. a type definition). */
export function unexpectedToken(token: Token): string {
  return `Unexpected ${token.value !== undefined && token.kind !== TokenKind.EOF ? `${token.kind} ${goQuote(token.value)}` : token.kind}`;
}

/** The lexer's complaints about characters and escapes. */
function lexicalMessage(description: string): string | undefined {
  const printable = /^Unexpected character: "(.)"\.$/su.exec(description) ?? /^Unexpected character: '(")'\.$/.exec(description);
  if (printable) return `Cannot parse the unexpected character "${printable[1]}".`;
  const code = /^(Unexpected character|Invalid character within String): U\+([0-9A-F]{4,6})\.$/.exec(description);
  if (code) {
    const point = parseInt(code[2], 16);
    if (code[1] === 'Invalid character within String') return `Invalid character within String: "${goControl(point)}".`;
    return point < 0x20 ? `Cannot contain the invalid character "${goControl(point)}"` : `Cannot parse the unexpected character "${String.fromCodePoint(point)}".`;
  }
  const escape = /^Invalid (?:character|Unicode) escape sequence: "(.*)"\.$/s.exec(description);
  if (escape) return `Invalid character escape sequence: ${escape[1]}.`;
  if (/^Unexpected variable "\$.*" in constant value\.$/s.test(description)) return 'Unexpected $';
  return undefined;
}

/** gqlparser prints a control character as `\u` and its code in four DECIMAL digits. */
function goControl(point: number): string {
  return `\\u${String(point).padStart(4, '0')}`;
}

const VALUED_TOKEN = /^(Name|Int|Float|String|BlockString) "(.*)"$/s;

/** gqlparser's Token.String(): `Name "x"`, `{`, `<EOF>`. */
function tokenString(desc: string): string {
  const valued = VALUED_TOKEN.exec(desc);
  return valued ? `${valued[1]} ${goQuote(valued[2])}` : unquote(desc);
}

/** gqlparser prints only the kind of the token it found: `Name`, `{`, `<EOF>`. */
function tokenKind(desc: string): string {
  return VALUED_TOKEN.exec(desc)?.[1] ?? unquote(desc);
}

/** graphql-js quotes punctuators (`"{"`); gqlparser does not. */
function unquote(desc: string): string {
  return /^".+"$/.test(desc) ? desc.slice(1, -1) : desc;
}

function previousToken(text: string, offset: number): string | undefined {
  const lexer = new Lexer(new Source(text));
  let previous: string | undefined;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF && token.start < offset; token = lexer.advance()) {
      previous = token.kind;
    }
  } catch {
    // the text is broken further on; what came before offset is what matters
  }
  return previous;
}
