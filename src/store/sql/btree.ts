/**
 * The btree index of a single-valued @search/@id field (eq, in, le, lt, ge,
 * gt, between), and comparisons written so that it serves them.
 *
 * A number, boolean or date is indexed as its typed value. A string may be
 * any length (Dgraph stores any), but a btree entry must fit a third of a
 * page (2,704 bytes): its index holds the first 256 characters (at most
 * 1,024 bytes in UTF-8), in byte order as `typed` compares them, and a hash
 * of the whole string. Cutting two strings to a prefix keeps their order or
 * makes them equal, never reverses it, so each comparison adds the
 * condition the prefixes must meet (the index finds every candidate with
 * it), equality adds the hashes' (so strings sharing a long prefix, such as
 * URLs, are still found in one probe), and the comparison of the whole
 * values decides: answers are exactly the comparison's at any length.
 */
import type { ScalarName } from '../../model/types.js';
import { join, sql, type Param, type Sql } from './fragment.js';
import { typed } from './values.js';

export type Comparison = '=' | '<' | '<=' | '>' | '>=';

const OPERATORS: Readonly<Record<Comparison, Sql>> = { '=': sql`=`, '<': sql`<`, '<=': sql`<=`, '>': sql`>`, '>=': sql`>=` };

/** What a comparison of two strings implies for their prefixes. */
const ON_PREFIXES: Readonly<Record<Comparison, Comparison>> = { '=': '=', '<': '<=', '<=': '<=', '>': '>=', '>=': '>=' };

function isText(scalar: ScalarName): boolean {
  return scalar === 'String' || scalar === 'ID';
}

function prefix(text: Sql | Param): Sql {
  return sql`left(${text}, 256)`;
}

function hash(text: Sql | Param): Sql {
  return sql`hashtextextended(${text}, 0)`;
}

/** A string value's first two index columns: its prefix (in byte order) and its hash. */
function textKey(jsonb: Sql): { prefix: Sql; hash: Sql } {
  return { prefix: sql`(${prefix(sql`authline.str(${jsonb})`)} COLLATE "C")`, hash: hash(sql`authline.str(${jsonb})`) };
}

/** The index's columns, as in `btree (...)`, for the value `jsonb` of a `scalar` field. */
export function btreeColumns(scalar: ScalarName, jsonb: Sql): Sql {
  if (!isText(scalar)) return sql`(${typed(scalar, jsonb)})`;
  const key = textKey(jsonb);
  return join([sql`(${key.prefix})`, sql`(${key.hash})`], sql`, `);
}

/** `typed(scalar, jsonb) op operand`, as the field's btree index serves it. */
export function indexedComparison(scalar: ScalarName, jsonb: Sql, op: Comparison, operand: Sql | Param): Sql {
  const exact = sql`${typed(scalar, jsonb)} ${OPERATORS[op]} ${operand}`;
  if (!isText(scalar)) return exact;
  const key = textKey(jsonb);
  const conditions = [sql`${key.prefix} ${OPERATORS[ON_PREFIXES[op]]} ${prefix(operand)}`];
  if (op === '=') conditions.push(sql`${key.hash} = ${hash(operand)}`);
  return sql`(${join([...conditions, exact], sql` AND `)})`;
}

/** `typed(scalar, jsonb) BETWEEN low AND high`, as the field's btree index serves it. */
export function indexedBetween(scalar: ScalarName, jsonb: Sql, low: Sql | Param, high: Sql | Param): Sql {
  if (!isText(scalar)) return sql`${typed(scalar, jsonb)} BETWEEN ${low} AND ${high}`;
  return sql`(${indexedComparison(scalar, jsonb, '>=', low)} AND ${indexedComparison(scalar, jsonb, '<=', high)})`;
}

/** `typed(scalar, jsonb) = ANY(values)` (an SQL array), as the field's btree index serves it. */
export function indexedIn(scalar: ScalarName, jsonb: Sql, values: Sql | Param): Sql {
  const exact = sql`${typed(scalar, jsonb)} = ANY(${values})`;
  if (!isText(scalar)) return exact;
  const key = textKey(jsonb);
  const each = (of: (text: Sql) => Sql) => sql`ANY(ARRAY(SELECT ${of(sql`v`)} FROM unnest(${values}) v))`;
  return sql`(${key.prefix} = ${each(prefix)} AND ${key.hash} = ${each(hash)} AND ${exact})`;
}
