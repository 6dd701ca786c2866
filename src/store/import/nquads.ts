/**
 * One line of RDF N-Quads as Dgraph writes them in an export
 * (worker/export.go) and reads them (chunker/rdf_parser.go):
 *
 *   <0x1> <Person.name> "Alice" <0x0> .
 *   <0x1> <Person.name> "Alicia"@es <0x0> .
 *   <0x1> <Person.age> "42"^^<xs:int> <0x0> .
 *   <0x1> <Person.friends> <0x2> <0x0> (since=2006-01-02T15:04:05) .
 *
 * A subject or object is a uid in angle brackets or a blank node `_:name`;
 * the optional label is the Dgraph namespace; facets in parentheses are
 * read past (authline keeps none). Each line becomes the record a Dgraph JSON
 * mutation would carry for it — `{"uid": "0x1", "Person.name@es": "Alicia"}`,
 * `{"uid": "0x1", "Person.friends": {"uid": "0x2"}}` — so that the loader
 * treats both formats alike.
 */
import { ImportError } from '../errors.js';
import { typedValue, unquote } from './literals.js';

/** Key a record carries when its N-Quad had facets: Dgraph's JSON spelling of a facet (`pred|facet`). */
export const FACETS_KEY_SUFFIX = '|facets';

class LineReader {
  private at = 0;

  constructor(private readonly line: string) {}

  skipSpaces(): void {
    while (this.at < this.line.length && (this.line[this.at] === ' ' || this.line[this.at] === '\t')) this.at++;
  }

  peek(): string | undefined {
    return this.line[this.at];
  }

  done(): boolean {
    return this.at >= this.line.length;
  }

  /** `<...>`: the text inside. */
  iri(what: string): string {
    if (this.peek() !== '<') throw this.expected(what);
    const end = this.line.indexOf('>', this.at + 1);
    if (end < 0) throw new ImportError(`unterminated <${this.line.slice(this.at + 1)} in ${what}`);
    const inside = this.line.slice(this.at + 1, end).trim();
    if (inside === '') throw new ImportError(`empty <> as ${what}`);
    this.at = end + 1;
    return inside;
  }

  /** `_:name` up to the next space. */
  blank(): string {
    const start = this.at;
    while (this.at < this.line.length && !' \t'.includes(this.line[this.at])) this.at++;
    if (this.at - start <= 2) throw new ImportError('blank node "_:" has no name');
    return this.line.slice(start, this.at);
  }

  /** A subject or object node: `<uid>` or `_:name`. */
  node(what: string): string {
    if (this.peek() === '*') throw new ImportError('import loads data: "*" (a deletion) is not supported');
    if (this.startsWith('_:')) return this.blank();
    return this.iri(what);
  }

  /** `"..."` with its quotes, escapes untouched. */
  quoted(): string {
    const start = this.at;
    let i = start + 1;
    while (i < this.line.length && this.line[i] !== '"') i += this.line[i] === '\\' ? 2 : 1;
    if (i >= this.line.length) throw new ImportError('unterminated string literal');
    this.at = i + 1;
    return this.line.slice(start, this.at);
  }

  /** A language tag after `@`. */
  language(): string {
    const match = /^[A-Za-z][A-Za-z0-9-]*/.exec(this.line.slice(this.at));
    if (!match) throw this.expected('a language tag after @');
    this.at += match[0].length;
    return match[0];
  }

  /** Steps past `(...)`, quoted facet values included. */
  skipFacets(): void {
    let i = this.at + 1;
    while (i < this.line.length && this.line[i] !== ')') {
      if (this.line[i] === '"') {
        i++;
        while (i < this.line.length && this.line[i] !== '"') i += this.line[i] === '\\' ? 2 : 1;
      }
      i++;
    }
    if (i >= this.line.length) throw new ImportError('unterminated facets: ( without )');
    this.at = i + 1;
  }

  startsWith(text: string): boolean {
    return this.line.startsWith(text, this.at);
  }

  consume(text: string): boolean {
    if (!this.startsWith(text)) return false;
    this.at += text.length;
    return true;
  }

  rest(): string {
    return this.line.slice(this.at);
  }

  expected(what: string): ImportError {
    const found = this.done() ? 'the end of the line' : `"${this.line.slice(this.at, this.at + 20)}"`;
    return new ImportError(`expected ${what}, found ${found}`);
  }
}

/** The record of one N-Quad line, or null for a blank or comment line. Throws ImportError on anything else. */
export function parseNQuad(line: string): Record<string, unknown> | null {
  const r = new LineReader(line);
  r.skipSpaces();
  if (r.done() || r.peek() === '#') return null;
  const subject = r.node('a subject (<0x1> or _:name)');
  r.skipSpaces();
  const predicate = r.iri('a predicate (<Type.field>)');
  r.skipSpaces();
  let key = predicate;
  let value: unknown;
  if (r.peek() === '"') {
    const lexical = unquote(r.quoted());
    if (r.consume('@')) {
      key = `${predicate}@${r.language()}`;
      value = lexical;
    } else if (r.consume('^^')) {
      value = typedValue(lexical, r.iri('an RDF type after ^^'));
    } else {
      value = lexical;
    }
  } else if (r.peek() === '<' || r.startsWith('_:')) {
    value = { uid: r.node('an object') };
  } else {
    throw r.expected('an object (<0x2>, _:name or "a literal")');
  }
  r.skipSpaces();
  const record: Record<string, unknown> = { uid: subject, [key]: value };
  if (r.peek() === '<') {
    const label = r.iri('a namespace label');
    if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(label)) throw new ImportError(`invalid namespace label <${label}>: Dgraph labels a quad with its namespace, such as <0x0>`);
    record.namespace = label;
    r.skipSpaces();
  }
  if (r.peek() === '(') {
    r.skipFacets();
    record[`${predicate}${FACETS_KEY_SUFFIX}`] = true;
    r.skipSpaces();
  }
  if (!r.consume('.')) throw r.expected('"." at the end of the quad');
  r.skipSpaces();
  if (!r.done() && r.peek() !== '#') throw new ImportError(`unexpected "${r.rest()}" after the end of the quad`);
  return record;
}
