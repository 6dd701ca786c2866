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
import { literal, textArray } from './params.js';
import { isReverse, predicateOf, rawValue, scalarOf, searchText, typed } from './values.js';

const OPERATORS = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' } as const;

/** `condition(x)` for some element x of a list field (x is a jsonb element). */
function anyElement(c: Compiler, alias: string, field: FieldDef, condition: (element: string) => string): string {
  const raw = rawValue(alias, field);
  const x = c.alias('x');
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${raw}) = 'array' THEN ${raw} END) ${x} WHERE ${condition(`${x}.value`)})`;
}

/** `condition(v)` on the field's value: the value itself, or any element of a list. */
function onValue(c: Compiler, alias: string, field: FieldDef, condition: (comparable: string) => string): string {
  const scalar = scalarOf(field);
  return field.type.list
    ? anyElement(c, alias, field, (element) => condition(typed(scalar, element)))
    : condition(typed(scalar, rawValue(alias, field)));
}

function operand(c: Compiler, field: FieldDef, value: Value): string {
  const scalar = scalarOf(field);
  return c.params.add(toOperand(scalar, value, field.predicate), sqlType(scalar));
}

function regexp(c: Compiler, alias: string, field: FieldDef, pattern: string, flags: string): string {
  const caseInsensitive = flags.includes('i');
  try {
    // Dgraph accepts what Go's RE2 accepts; PostgreSQL's engine reads that syntax alike.
    RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new ValueError(`invalid regular expression /${pattern}/${flags}: ${(error as Error).message}`);
  }
  const p = c.params.add(pattern, 'text');
  const op = caseInsensitive ? '~*' : '~';
  return field.type.list
    ? anyElement(c, alias, field, (element) => `authline.str(${element}) ${op} ${p}`)
    : `${searchText(alias, field)} ${op} ${p}`;
}

function hasEdge(c: Compiler, alias: string, field: FieldDef): string {
  const e = c.alias('e');
  const from = isReverse(field) ? 'dst' : 'src';
  return `EXISTS (SELECT 1 FROM authline.edge ${e} WHERE ${e}.${from} = ${alias}.uid AND ${e}.pred = ${literal(predicateOf(field))})`;
}

/** `conditions` joined by AND (TRUE when there are none) or by OR (FALSE when there are none). */
export function junction(op: 'AND' | 'OR', conditions: readonly string[]): string {
  if (conditions.length === 0) return op === 'AND' ? 'TRUE' : 'FALSE';
  return `(${conditions.join(` ${op} `)})`;
}

/** SQL condition for `filter` on row `alias` of a level whose object types are `levelTypes`. */
export function filterSql(c: Compiler, alias: string, filter: Filter, levelTypes: readonly TypeDef[]): string {
  const sub = (f: Filter) => filterSql(c, alias, f, levelTypes);
  switch (filter.kind) {
    case 'and':
      return junction('AND', filter.items.map(sub));
    case 'or':
      return junction('OR', filter.items.map(sub));
    case 'not':
      return `(NOT COALESCE(${sub(filter.item)}, FALSE))`;
    case 'const':
      return filter.value ? 'TRUE' : 'FALSE';
    case 'uid': {
      const uids = filter.uids.filter((u) => /^\d+$/.test(u) && storable(BigInt(u)));
      return uids.length === 0 ? 'FALSE' : `${alias}.uid = ANY(${c.params.add(uids, 'bigint[]')})`;
    }
    case 'type': {
      const names = levelTypes.filter((t) => filter.types.includes(t.name)).map((t) => t.dgraphType);
      return names.length === 0 ? 'FALSE' : `${alias}.types && ${textArray(names)}`;
    }
    case 'has':
      return filter.field.kind === 'scalar' || filter.field.kind === 'enum'
        ? `${alias}.data ? ${literal(predicateOf(filter.field))}`
        : hasEdge(c, alias, filter.field);
    case 'compare': {
      const value = operand(c, filter.field, filter.value);
      return onValue(c, alias, filter.field, (v) => `${v} ${OPERATORS[filter.op]} ${value}`);
    }
    case 'in': {
      if (filter.values.length === 0) return 'FALSE';
      const scalar = scalarOf(filter.field);
      const values = c.params.add(filter.values.map((v) => toOperand(scalar, v, filter.field.predicate)), `${sqlType(scalar)}[]`);
      return onValue(c, alias, filter.field, (v) => `${v} = ANY(${values})`);
    }
    case 'between': {
      const min = operand(c, filter.field, filter.min);
      const max = operand(c, filter.field, filter.max);
      return onValue(c, alias, filter.field, (v) => `${v} BETWEEN ${min} AND ${max}`);
    }
    case 'terms': {
      const text = c.params.add(filter.text, 'text');
      const op = filter.mode === 'all' ? '@>' : '&&';
      // No terms at all (empty or only punctuation) matches nothing, as in Dgraph.
      return `(cardinality(authline.terms(${text})) > 0 AND authline.terms(${searchText(alias, filter.field)}) ${op} authline.terms(${text}))`;
    }
    case 'fulltext': {
      const text = c.params.add(filter.text, 'text');
      const op = filter.mode === 'all' ? '&' : '|';
      return `to_tsvector('english'::regconfig, ${searchText(alias, filter.field)}) @@ authline.text_query(${text}, '${op}')`;
    }
    case 'regexp':
      return regexp(c, alias, filter.field, filter.pattern, filter.flags);
  }
}
