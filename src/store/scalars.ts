/**
 * Request and import values turned into what a field's scalar holds, the way
 * Dgraph converts typed predicate values: numbers and booleans written to a
 * String become text, numeric text written to an Int becomes a number, the
 * strings "true"/"false" become booleans (e.g. a JWT claim bound to a Boolean
 * rule variable), DateTimes are parsed. What cannot be converted is refused.
 */
import { INT64_MAX, INT64_MIN } from '../model/builtins.js';
import type { ScalarName } from '../model/types.js';
import { canonicalDateTime } from './datetime.js';
import { ValueError } from './errors.js';
import { readGeometry, type Geometry } from './geometry.js';

/** A JSON number kept as its exact decimal text (Int64 beyond 2^53 would lose digits as a JS number). */
export class ExactNumber {
  constructor(readonly text: string) {}
  toJSON(): number { return Number(this.text); }
}

export type StoredScalar = string | number | boolean | ExactNumber | Geometry;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Go's strconv.ParseBool, which Dgraph uses.
const BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

function integer(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return null;
    text = BigInt(value).toString();
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string' && INTEGER.test(value.trim())) {
    text = BigInt(value.trim()).toString();
  } else {
    return null;
  }
  const n = BigInt(text);
  return n < INT64_MIN || n > INT64_MAX ? null : text;
}

/** The value to store for `scalar`; throws ValueError when it cannot be converted. */
export function toStored(scalar: ScalarName, value: unknown, predicate: string): StoredScalar {
  const refuse = (): never => {
    throw new ValueError(`Input for predicate "${predicate}" of type ${scalar} is not valid: ${describe(value)}`);
  };
  switch (scalar) {
    case 'String':
    case 'ID':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return refuse();
    case 'Int':
    case 'Int64': {
      const text = integer(value) ?? refuse();
      return Number.isSafeInteger(Number(text)) ? Number(text) : new ExactNumber(text);
    }
    case 'Float':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
      return refuse();
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && value in BOOLEANS) return BOOLEANS[value];
      return refuse();
    case 'DateTime': {
      const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null;
      return (text !== null ? canonicalDateTime(text) : null) ?? refuse();
    }
    case 'Point':
    case 'Polygon':
    case 'MultiPolygon':
      return readGeometry(scalar, value) ?? refuse();
  }
}

/** SQL type of a scalar's comparable view (see layout.ts helper functions). */
export function sqlType(scalar: ScalarName): 'text' | 'numeric' | 'boolean' | 'timestamptz' {
  switch (scalar) {
    case 'Int': case 'Int64': case 'Float': return 'numeric';
    case 'Boolean': return 'boolean';
    case 'DateTime': return 'timestamptz';
    default: return 'text';
  }
}

/** A filter operand as the text/boolean parameter of its comparable view. */
export function toOperand(scalar: ScalarName, value: unknown, predicate: string): string | boolean {
  const stored = toStored(scalar, value, predicate);
  if (stored instanceof ExactNumber) return stored.text;
  // No filter compares geometries: the geo functions read their own operands (sql/geo.ts).
  if (typeof stored === 'object') throw new ValueError(`Values of type ${scalar} cannot be compared`);
  return typeof stored === 'number' ? String(stored) : stored;
}

/** JSON text of a value that may hold ExactNumbers, digits kept exactly. */
export function exactJson(value: unknown): string {
  if (value instanceof ExactNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(exactJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${exactJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
