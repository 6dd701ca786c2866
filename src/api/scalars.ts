/**
 * Dgraph's two extra scalars.
 *
 * Int64: written as a number or a numeric string (Dgraph accepts both),
 * answered as a JSON number like Dgraph. Beyond 2^53 a JavaScript number
 * would silently change the value, so there the answer holds a bigint, which
 * the server writes as a JSON number with every digit (server/exact-json.ts).
 * Parsed values are numbers when exact, exact decimal strings otherwise.
 *
 * DateTime: the date formats Dgraph accepts (RFC 3339, and `2006`,
 * `2006-01`, `2006-01-02`, `2006-01-02T15:04:05`, `2006-01-02 15:04:05 -0700
 * MST`), parsed to a canonical RFC 3339 string that keeps the offset and the
 * fraction of a second; answered as Dgraph answers (RFC 3339 to the second,
 * with the stored offset).
 */
import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import type { ValueNode } from 'graphql';
import { INT64_MAX, INT64_MIN } from '../model/builtins.js';


/** An exact int64 as a number when that is exact, else as its decimal digits; throws on anything else. */
export function parseInt64(value: unknown): number | string {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isInteger(value)) big = BigInt(value);
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) big = BigInt(value.trim());
  else throw new GraphQLError(`Int64 cannot represent value: ${describe(value)}`);
  if (big < INT64_MIN || big > INT64_MAX) throw new GraphQLError(`Out of range value '${String(value)}', for type \`Int64\``);
  return BigInt(Number(big)) === big && Number.isSafeInteger(Number(big)) ? Number(big) : big.toString();
}

/** An answered int64: a number when that is exact, else a bigint (never digits in a string, which JSON would quote). */
export function serializeInt64(value: unknown): number | bigint {
  const parsed = parseInt64(value);
  return typeof parsed === 'string' ? BigInt(parsed) : parsed;
}

export const GraphQLInt64 = new GraphQLScalarType<number | string, number | bigint>({
  name: 'Int64',
  description: 'A signed 64-bit integer.',
  serialize: serializeInt64,
  parseValue: parseInt64,
  parseLiteral(node: ValueNode) {
    if (node.kind === Kind.INT || node.kind === Kind.STRING) return parseInt64(node.value);
    throw new GraphQLError(`Type mismatched for Value \`${print(node)}\`, expected: Int64, got: '${kindName(node.kind)}'`, { nodes: node });
  },
});

interface Instant {
  readonly date: string; // YYYY-MM-DD
  readonly time: string; // HH:MM:SS
  readonly fraction: string; // '' or '.123'
  readonly offset: string; // 'Z' or '+05:30'
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const GO_DEFAULT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)? ([+-]\d{4}) [A-Za-z]{3,5}$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** Dgraph's `types.ParseTime`, format by format; undefined when none fits. */
function parseInstant(text: string): Instant | undefined {
  if (/^\d{4}$/.test(text)) return instant(text, '01', '01', '00', '00', '00', '', 'Z');
  if (/^\d{4}-\d{2}$/.test(text)) return instant(text.slice(0, 4), text.slice(5, 7), '01', '00', '00', '00', '', 'Z');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return instant(text.slice(0, 4), text.slice(5, 7), text.slice(8, 10), '00', '00', '00', '', 'Z');
  // Shaped like RFC 3339: Dgraph tries nothing else.
  if (text.length > 19 && text[10] === 'T' && (text.endsWith('Z') || text[text.length - 3] === ':')) {
    const m = RFC3339.exec(text);
    return m ? instant(m[1], m[2], m[3], m[4], m[5], m[6], m[7] ?? '', m[8]) : undefined;
  }
  const goDefault = GO_DEFAULT.exec(text);
  if (goDefault) {
    const zone = goDefault[8];
    return instant(goDefault[1], goDefault[2], goDefault[3], goDefault[4], goDefault[5], goDefault[6], goDefault[7] ?? '', `${zone.slice(0, 3)}:${zone.slice(3)}`);
  }
  const local = LOCAL.exec(text);
  return local ? instant(local[1], local[2], local[3], local[4], local[5], local[6], local[7] ?? '', 'Z') : undefined;
}

function instant(y: string, mo: string, d: string, h: string, mi: string, s: string, fraction: string, offset: string): Instant | undefined {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return undefined;
  const digits = fraction.slice(1, 10).replace(/0+$/, '');
  return {
    date: `${y}-${mo}-${d}`,
    time: `${h}:${mi}:${s}`,
    fraction: digits ? `.${digits}` : '',
    // A zero offset prints as Z, as Go's RFC 3339 layout does.
    offset: offset === '+00:00' || offset === '-00:00' ? 'Z' : offset,
  };
}

/** Canonical RFC 3339 (offset and fraction kept) of any format Dgraph accepts; throws otherwise. */
export function parseDateTime(value: unknown): string {
  const parsed = typeof value === 'string' ? parseInstant(value) : undefined;
  if (!parsed) throw new GraphQLError(`DateTime cannot represent value: ${describe(value)}; use an RFC 3339 date and time`);
  return `${parsed.date}T${parsed.time}${parsed.fraction}${parsed.offset}`;
}

/**
 * A stored date and time as Dgraph answers it: RFC 3339 to the second, in
 * the offset it was written with. Takes what a store may hold: a string in
 * any accepted format (PostgreSQL's `2000-01-01 10:00:00+00` too), a Date,
 * or Unix seconds.
 */
export function formatDateTime(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot represent an invalid Date');
    return `${value.toISOString().slice(0, 19)}Z`;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return formatDateTime(new Date(value * 1000));
  if (typeof value === 'string') {
    const parsed = parseInstant(value) ?? parseInstant(fromPostgres(value));
    if (parsed) return `${parsed.date}T${parsed.time}${parsed.offset}`;
  }
  throw new GraphQLError(`DateTime cannot represent value: ${describe(value)}`);
}

/** `2000-01-01 10:00:00.5+05:30` / `+05` (PostgreSQL's text form) → RFC 3339. */
function fromPostgres(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(text);
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}` : text;
}

export const GraphQLDateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'A date and time, RFC 3339.',
  serialize: formatDateTime,
  parseValue: parseDateTime,
  parseLiteral(node: ValueNode) {
    if (node.kind === Kind.STRING) return parseDateTime(node.value);
    throw new GraphQLError(`DateTime cannot represent a non-string value: ${print(node)}`, { nodes: node });
  },
});

function describe(value: unknown): string {
  try {
    return typeof value === 'bigint' ? value.toString() : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** gqlparser's names of value kinds, which Dgraph's messages use. */
function kindName(kind: Kind): string {
  const map: Partial<Record<Kind, string>> = {
    [Kind.VARIABLE]: 'Variable',
    [Kind.STRING]: 'String',
    [Kind.INT]: 'Int',
    [Kind.FLOAT]: 'Float',
    [Kind.BOOLEAN]: 'Boolean',
    [Kind.NULL]: 'Null',
    [Kind.ENUM]: 'Enum',
    [Kind.LIST]: 'List',
    [Kind.OBJECT]: 'Object',
  };
  return map[kind] ?? String(kind);
}
