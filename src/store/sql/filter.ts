/**
 * A plan Filter as an SQL condition on one node row. Filters are two-valued
 * (Dgraph's): a missing value fails a comparison, and `not` of a failing
 * comparison passes. SQL would answer NULL for the missing value and keep it
 * NULL under NOT, so every NOT coalesces its operand to FALSE first. Inside
 * and/or a NULL can stay: it ends up exactly where FALSE would.
 */
import { RE2JS } from 're2js';
import type { FieldDef, TypeDef } from '../../model/types.js';
import type { Filter, Value } from '../../plan/types.js';
import { ValueError } from '../errors.js';
import { sqlType, toOperand } from '../scalars.js';
import { storable } from '../uid.js';
import type { Compiler } from './compiler.js';
import { join, literal, param, sql, textArray, type Param, type Sql } from './fragment.js';
import { isReverse, predicateOf, rawValue, scalarOf, searchText, typed } from './values.js';

const OPERATORS = { eq: sql`=`, le: sql`<=`, lt: sql`<`, ge: sql`>=`, gt: sql`>` } as const;

/** `condition(x)` for some element x of a list field (x is a jsonb element). */
function anyElement(c: Compiler, alias: Sql, field: FieldDef, condition: (element: Sql) => Sql): Sql {
  const raw = rawValue(alias, field);
  const x = c.alias('x');
  return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${raw}) = 'array' THEN ${raw} END) ${x} WHERE ${condition(sql`${x}.value`)})`;
}

/** `condition(v)` on the field's value: the value itself, or any element of a list. */
function onValue(c: Compiler, alias: Sql, field: FieldDef, condition: (comparable: Sql) => Sql): Sql {
  const scalar = scalarOf(field);
  return field.type.list
    ? anyElement(c, alias, field, (element) => condition(typed(scalar, element)))
    : condition(typed(scalar, rawValue(alias, field)));
}

function operand(field: FieldDef, value: Value): Param {
  const scalar = scalarOf(field);
  return param(toOperand(scalar, value, field.predicate), sqlType(scalar));
}

function regexp(c: Compiler, alias: Sql, field: FieldDef, pattern: string, flags: string): Sql {
  const caseInsensitive = flags.includes('i');
  try {
    // Dgraph accepts what Go's RE2 accepts; PostgreSQL's engine reads that syntax alike.
    RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new ValueError(`invalid regular expression /${pattern}/${flags}: ${(error as Error).message}`);
  }
  const op = caseInsensitive ? sql`~*` : sql`~`;
  return field.type.list
    ? anyElement(c, alias, field, (element) => sql`authline.str(${element}) ${op} ${pattern}`)
    : sql`${searchText(alias, field)} ${op} ${pattern}`;
}

function hasEdge(c: Compiler, alias: Sql, field: FieldDef): Sql {
  const e = c.alias('e');
  const from = isReverse(field) ? sql`dst` : sql`src`;
  return sql`EXISTS (SELECT 1 FROM authline.edge ${e} WHERE ${e}.${from} = ${alias}.uid AND ${e}.pred = ${literal(predicateOf(field))})`;
}

/** `conditions` joined by AND (TRUE when there are none) or by OR (FALSE when there are none). */
export function junction(op: 'AND' | 'OR', conditions: readonly Sql[]): Sql {
  if (conditions.length === 0) return op === 'AND' ? sql`TRUE` : sql`FALSE`;
  return sql`(${join(conditions, op === 'AND' ? sql` AND ` : sql` OR `)})`;
}

/** SQL condition for `filter` on row `alias` of a level whose object types are `levelTypes`. */
export function filterSql(c: Compiler, alias: Sql, filter: Filter, levelTypes: readonly TypeDef[]): Sql {
  const sub = (f: Filter) => filterSql(c, alias, f, levelTypes);
  switch (filter.kind) {
    case 'and':
      return junction('AND', filter.items.map(sub));
    case 'or':
      return junction('OR', filter.items.map(sub));
    case 'not':
      return sql`(NOT COALESCE(${sub(filter.item)}, FALSE))`;
    case 'const':
      return filter.value ? sql`TRUE` : sql`FALSE`;
    case 'uid': {
      const uids = filter.uids.filter((u) => /^\d+$/.test(u) && storable(BigInt(u)));
      return uids.length === 0 ? sql`FALSE` : sql`${alias}.uid = ANY(${param(uids, 'bigint[]')})`;
    }
    case 'type': {
      const names = levelTypes.filter((t) => filter.types.includes(t.name)).map((t) => t.dgraphType);
      return names.length === 0 ? sql`FALSE` : sql`${alias}.types && ${textArray(names)}`;
    }
    case 'has':
      return filter.field.kind === 'scalar' || filter.field.kind === 'enum'
        ? sql`${alias}.data ? ${literal(predicateOf(filter.field))}`
        : hasEdge(c, alias, filter.field);
    case 'compare': {
      const value = operand(filter.field, filter.value);
      return onValue(c, alias, filter.field, (v) => sql`${v} ${OPERATORS[filter.op]} ${value}`);
    }
    case 'in': {
      if (filter.values.length === 0) return sql`FALSE`;
      const scalar = scalarOf(filter.field);
      const values = param(filter.values.map((v) => toOperand(scalar, v, filter.field.predicate)), `${sqlType(scalar)}[]`);
      return onValue(c, alias, filter.field, (v) => sql`${v} = ANY(${values})`);
    }
    case 'between': {
      const min = operand(filter.field, filter.min);
      const max = operand(filter.field, filter.max);
      return onValue(c, alias, filter.field, (v) => sql`${v} BETWEEN ${min} AND ${max}`);
    }
    case 'terms': {
      const text = param(filter.text, 'text');
      const op = filter.mode === 'all' ? sql`@>` : sql`&&`;
      // No terms at all (empty or only punctuation) matches nothing, as in Dgraph.
      return sql`(cardinality(authline.terms(${text})) > 0 AND authline.terms(${searchText(alias, filter.field)}) ${op} authline.terms(${text}))`;
    }
    case 'fulltext': {
      const op = filter.mode === 'all' ? sql`'&'` : sql`'|'`;
      return sql`to_tsvector('english'::regconfig, ${searchText(alias, filter.field)}) @@ authline.text_query(${filter.text}, ${op})`;
    }
    case 'regexp':
      return regexp(c, alias, filter.field, filter.pattern, filter.flags);
  }
}
