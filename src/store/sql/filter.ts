/**
 * A plan Filter as an SQL condition on one node row. Filters are two-valued
 * (Dgraph's): a missing value fails a comparison, and `not` of a failing
 * comparison passes. SQL would answer NULL for the missing value and keep it
 * NULL under NOT, so every NOT coalesces its operand to FALSE first. Inside
 * and/or a NULL can stay: it ends up exactly where FALSE would.
 *
 * Filter functions (eq, in, allofterms, regexp, ...) are one entry each in
 * FUNCTION_SQL, keyed by the plan form model/search.ts gives them, next to
 * the expression index that serves them (built by indexes.ts).
 */
import { RE2JS } from 're2js';
import type { FieldDef, TypeDef } from '../../model/types.js';
import type { Filter, FunctionFilter, Value } from '../../plan/types.js';
import { ValueError } from '../errors.js';
import { sqlType, toOperand } from '../scalars.js';
import { storable } from '../uid.js';
import { UNGUARDED, type Compiler, type FieldGuard } from './compiler.js';
import { identifier, join, literal, param, sql, textArray, type Param, type Sql } from './fragment.js';
import { btreeColumns, indexedBetween, indexedComparison, indexedIn, type Comparison } from './btree.js';
import { hasValue, isReverse, predicateOf, rawValue, scalarOf, searchText, typed } from './values.js';
import { geoIndex, geoTest } from './geo.js';

const OPERATORS = { eq: sql`=`, le: sql`<=`, lt: sql`<`, ge: sql`>=`, gt: sql`>` } as const;
const COMPARISONS = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' } as const satisfies Record<keyof typeof OPERATORS, Comparison>;

/** `condition(x)` for some element x of a list field (x is a jsonb element). */
function anyElement(c: Compiler, alias: Sql, field: FieldDef, condition: (element: Sql) => Sql): Sql {
  const raw = rawValue(alias, field);
  const x = c.alias('x');
  return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${raw}) = 'array' THEN ${raw} END) ${x} WHERE ${condition(sql`${x}.value`)})`;
}

/**
 * A condition on the field's value: `single(jsonb)` on a single value,
 * written so that the field's btree index serves it (indexedComparison), or
 * `element(v)` on the typed elements of a list, true when one passes.
 */
function onValue(c: Compiler, alias: Sql, field: FieldDef, single: (jsonb: Sql) => Sql, element: (comparable: Sql) => Sql): Sql {
  return field.type.list
    ? anyElement(c, alias, field, (x) => element(typed(scalarOf(field), x)))
    : single(rawValue(alias, field));
}

function operand(field: FieldDef, value: Value): Param {
  const scalar = scalarOf(field);
  return param(toOperand(scalar, value, field.predicate), sqlType(scalar));
}

function hasEdge(c: Compiler, alias: Sql, field: FieldDef): Sql {
  const e = c.alias('e');
  const from = isReverse(field) ? sql`dst` : sql`src`;
  return sql`EXISTS (SELECT 1 FROM ${c.graph.edge} ${e} WHERE ${e}.${from} = ${alias}.uid AND ${e}.pred = ${literal(predicateOf(field))})`;
}

/** `conditions` joined by AND (TRUE when there are none) or by OR (FALSE when there are none). */
export function junction(op: 'AND' | 'OR', conditions: readonly Sql[]): Sql {
  if (conditions.length === 0) return op === 'AND' ? sql`TRUE` : sql`FALSE`;
  return sql`(${join(conditions, op === 'AND' ? sql` AND ` : sql` OR `)})`;
}

/**
 * An expression index on a field that serves a kind of function: its name
 * (part of the index's own name) and its definition; null where no index
 * can serve it. The indexed expression is exactly the SQL the function
 * compiles to, which is what lets PostgreSQL use the index.
 */
export interface ServingIndex {
  readonly name: 'btree' | 'terms' | 'fulltext' | 'trigram' | 'ngram' | 'geo';
  readonly using: (field: FieldDef, trigramSchema: string | null) => Sql | null;
}

const BTREE: ServingIndex = {
  name: 'btree',
  // Lists are compared element by element (unindexed).
  using: (field) => (field.type.list ? null : sql`btree (${btreeColumns(scalarOf(field), rawValue(null, field))})`),
};

type FunctionKind = FunctionFilter['kind'];
type FilterOfKind<K extends FunctionKind> = Extract<FunctionFilter, { readonly kind: K }>;

/** Each kind of filter function (model/search.ts): its SQL, and the index that serves it. */
export const FUNCTION_SQL: { readonly [K in FunctionKind]: { readonly index: ServingIndex; sql(c: Compiler, alias: Sql, filter: FilterOfKind<K>): Sql } } = {
  compare: {
    index: BTREE,
    sql: (c, alias, { field, op, value }) => {
      const bound = operand(field, value);
      return onValue(c, alias, field,
        (jsonb) => indexedComparison(scalarOf(field), jsonb, COMPARISONS[op], bound),
        (v) => sql`${v} ${OPERATORS[op]} ${bound}`);
    },
  },
  in: {
    index: BTREE,
    sql: (c, alias, { field, values }) => {
      if (values.length === 0) return sql`FALSE`;
      const scalar = scalarOf(field);
      const bound = param(values.map((v) => toOperand(scalar, v, field.predicate)), `${sqlType(scalar)}[]`);
      return onValue(c, alias, field, (jsonb) => indexedIn(scalar, jsonb, bound), (v) => sql`${v} = ANY(${bound})`);
    },
  },
  between: {
    index: BTREE,
    sql: (c, alias, { field, min, max }) => {
      const [low, high] = [operand(field, min), operand(field, max)];
      const scalar = scalarOf(field);
      return onValue(c, alias, field,
        (jsonb) => indexedBetween(scalar, jsonb, low, high),
        (v) => sql`${v} BETWEEN ${low} AND ${high}`);
    },
  },
  terms: {
    index: { name: 'terms', using: (field) => sql`gin ((authline.terms(${searchText(null, field)})))` },
    sql: (_c, alias, { field, mode, text }) => {
      const bound = param(text, 'text');
      const op = mode === 'all' ? sql`@>` : sql`&&`;
      // No terms at all (empty or only punctuation) matches nothing, as in Dgraph.
      return sql`(cardinality(authline.terms(${bound})) > 0 AND authline.terms(${searchText(alias, field)}) ${op} authline.terms(${bound}))`;
    },
  },
  fulltext: {
    index: { name: 'fulltext', using: (field) => sql`gin ((to_tsvector('english'::regconfig, ${searchText(null, field)})))` },
    sql: (_c, alias, { field, mode, text }) => {
      const op = mode === 'all' ? sql`'&'` : sql`'|'`;
      return sql`to_tsvector('english'::regconfig, ${searchText(alias, field)}) @@ authline.text_query(${text}, ${op})`;
    },
  },
  regexp: {
    index: {
      name: 'trigram',
      using: (field, trigramSchema) => (trigramSchema && !field.type.list
        ? sql`gin ((${searchText(null, field)}) ${identifier(trigramSchema)}.gin_trgm_ops)`
        : null),
    },
    sql: (c, alias, { field, pattern, flags }) => {
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
    },
  },
  ngram: {
    // The word runs of each string (search-functions.ts), which a GIN index on arrays serves.
    index: { name: 'ngram', using: (field) => sql`gin ((authline.ngrams(${rawValue(null, field)})))` },
    sql: (_c, alias, { field, text }) => sql`authline.ngrams(${rawValue(alias, field)}) && authline.ngram_query(${param(text, 'text')})`,
  },
  geo: {
    index: { name: 'geo', using: geoIndex },
    sql: (c, alias, { field, relation, value }) => {
      const test = geoTest(relation, value);
      return field.type.list
        ? sql`(${test.someOf(rawValue(alias, field))} AND ${anyElement(c, alias, field, test.one)})`
        : test.one(rawValue(alias, field));
    },
  },
};

/** The SQL of a filter function (FUNCTION_SQL's entry for its kind). */
function functionSql<K extends FunctionKind>(c: Compiler, alias: Sql, filter: FilterOfKind<K>): Sql {
  return FUNCTION_SQL[filter.kind as K].sql(c, alias, filter);
}

/** `condition` where `guard` holds, else FALSE (or NULL, which a filter reads alike). */
export function guardedCondition(guard: Sql | null, condition: Sql): Sql {
  return guard ? sql`(${guard} AND ${condition})` : condition;
}

/**
 * SQL condition for `filter` on row `alias` of a level whose object types
 * are `levelTypes`. A field `guard` hides from the reader is absent to it:
 * `has` fails, and so does every function of its value.
 */
export function filterSql(c: Compiler, alias: Sql, filter: Filter, levelTypes: readonly TypeDef[], guard: FieldGuard = UNGUARDED): Sql {
  const sub = (f: Filter) => filterSql(c, alias, f, levelTypes, guard);
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
      return guardedCondition(guard(filter.field), filter.field.kind === 'scalar' || filter.field.kind === 'enum'
        ? hasValue(alias, filter.field)
        : hasEdge(c, alias, filter.field));
    default:
      return guardedCondition(guard(filter.field), functionSql(c, alias, filter));
  }
}
