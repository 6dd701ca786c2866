/**
 * RDF literals as Dgraph reads them (chunker/rdf_parser.go): the quoted text
 * is a Go string literal (strconv.Unquote), and a `^^<type>` names one of
 * Dgraph's RDF types, whose lexical form must parse as that type. The value
 * comes out as what a Dgraph JSON mutation would carry for it, so the loader
 * converts both formats alike.
 */
import { ImportError } from '../errors.js';
import { ExactNumber } from '../scalars.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Go's strconv.ParseBool, as Dgraph converts xs:boolean.
const BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

type Converter = (text: string) => unknown;

const integer: Converter = (text) => {
  if (!INTEGER.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : new ExactNumber(BigInt(text).toString());
};
const float: Converter = (text) => (DECIMAL.test(text.trim()) ? Number(text.trim()) : undefined);
const boolean: Converter = (text) => BOOLEANS[text];
const text: Converter = (t) => t;
const json: Converter = (t) => {
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
};

const XS = 'http://www.w3.org/2001/XMLSchema#';

/** How each of Dgraph's XML Schema types reads its text. */
const XS_TYPES: Readonly<Record<string, Converter>> = {
  string: text, date: text, dateTime: text, gYear: text, gYearMonth: text, password: text, base64Binary: text,
  int: integer, integer, positiveInteger: integer,
  float, double: float, decimal: float,
  boolean,
};

/** Dgraph's RDF type names: xs: and full XML Schema IRIs, GeoJSON, vectors. */
const TYPES: ReadonlyMap<string, Converter> = new Map([
  ...Object.entries(XS_TYPES).flatMap(([name, convert]) => [[`xs:${name}`, convert], [`${XS}${name}`, convert]] as const),
  ['geo:geojson', json],
  ['xs:[]float32', json],
]);

/** The value of `"text"^^<type>`; an unknown type or a text the type cannot read is refused. */
export function typedValue(lexical: string, type: string): unknown {
  const convert = TYPES.get(type);
  if (!convert) throw new ImportError(`unrecognized rdf type ${type}`);
  const value = lexical === '' && convert !== text ? undefined : convert(lexical);
  if (value === undefined) throw new ImportError(`"${lexical}" is not a valid ${type}`);
  return value;
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};
const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})|([0-7]{3})|(.))/gs;

/**
 * The text of a quoted literal (quotes included), read as Go's strconv.Unquote
 * does. Dgraph writes literals with Go's JSON encoder, so JSON's reading is
 * the fast path; Go's other escapes (\a, \v, \x.., \U........, octal) follow.
 */
export function unquote(quoted: string): string {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    // Not JSON: one of Go's own escapes.
  }
  return quoted.slice(1, -1).replace(ESCAPE, (whole, u4: string, u8: string, hex: string, octal: string, single: string) => {
    const code = u4 ?? u8 ?? hex;
    if (code !== undefined) return String.fromCodePoint(parseInt(code, 16));
    if (octal !== undefined) return String.fromCodePoint(parseInt(octal, 8));
    const plain = GO_ESCAPES[single];
    if (plain === undefined) throw new ImportError(`invalid escape ${whole} in ${quoted}`);
    return plain;
  });
}
