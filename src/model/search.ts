/**
 * Dgraph's search vocabulary, written once; every stage derives its part
 * from these tables: the schema's `@search(by: [...])` checks (model), the
 * filter inputs of the generated API and the one-function-per-input rule
 * (api), the Filter a function becomes and the functions a field offers
 * (plan), and which expression indexes to build (store, with the SQL of each
 * function).
 *
 * - SEARCH_INDEXES: each `@search` argument Dgraph knows, the type it applies
 *   to and the filter input it gives a field. Those authline cannot search
 *   by yet are either `unserved` (accepted and in the API, their functions
 *   refused by name in requests) or `unsupported` (refused at upload; kept
 *   for Dgraph's messages);
 * - FILTER_INPUTS: each filter input with its functions, in Dgraph's order;
 * - FILTER_FUNCTIONS: each function with the kind of operand it takes and
 *   the Filter it becomes in a plan (plan/types.ts: `{ ...plan, field,
 *   ...operand }`), whose SQL store/sql/filter.ts writes;
 *   UNSERVED_FUNCTIONS: those the API offers that authline does not run yet.
 *
 * A new filter function is one entry here (plus its input and index) and its
 * SQL in store/sql/filter.ts; a new kind of operand also needs its reading in
 * plan/filter.ts.
 */

/**
 * What each kind of operand carries into a plan's Filter, given the type `V`
 * of request values. In the API, `value` is written as the field's type T,
 * `list` as [T], `range` as TRange {min, max}, `text` and `regexp` as String
 * (`regexp` a `/pattern/flags` literal).
 */
export interface Operands<V> {
  value: { readonly value: V };
  list: { readonly values: readonly V[] };
  range: { readonly min: V; readonly max: V };
  text: { readonly text: string };
  regexp: { readonly pattern: string; readonly flags: string };
}

export type OperandKind = keyof Operands<unknown>;

export const FILTER_FUNCTIONS = {
  eq: { operand: 'value', plan: { kind: 'compare', op: 'eq' } },
  in: { operand: 'list', plan: { kind: 'in' } },
  le: { operand: 'value', plan: { kind: 'compare', op: 'le' } },
  lt: { operand: 'value', plan: { kind: 'compare', op: 'lt' } },
  ge: { operand: 'value', plan: { kind: 'compare', op: 'ge' } },
  gt: { operand: 'value', plan: { kind: 'compare', op: 'gt' } },
  between: { operand: 'range', plan: { kind: 'between' } },
  allofterms: { operand: 'text', plan: { kind: 'terms', mode: 'all' } },
  anyofterms: { operand: 'text', plan: { kind: 'terms', mode: 'any' } },
  alloftext: { operand: 'text', plan: { kind: 'fulltext', mode: 'all' } },
  anyoftext: { operand: 'text', plan: { kind: 'fulltext', mode: 'any' } },
  regexp: { operand: 'regexp', plan: { kind: 'regexp' } },
  ngram: { operand: 'text', plan: { kind: 'ngram' } },
  // The operand is the input object (NearFilter, PolygonRef, ...), read by the store (sql/geo.ts).
  near: { operand: 'value', plan: { kind: 'geo', relation: 'near' } },
  within: { operand: 'value', plan: { kind: 'geo', relation: 'within' } },
  contains: { operand: 'value', plan: { kind: 'geo', relation: 'contains' } },
  intersects: { operand: 'value', plan: { kind: 'geo', relation: 'intersects' } },
} as const satisfies Record<string, { readonly operand: OperandKind; readonly plan: { readonly kind: string; readonly [detail: string]: string } }>;

export type FilterFunction = keyof typeof FILTER_FUNCTIONS;

/**
 * Functions of Dgraph's API that authline does not run yet: printed in the
 * API as Dgraph prints them, refused by name when a request uses one
 * (plan/filter.ts), never ignored. None at the moment: the table stays
 * for the next function Dgraph adds.
 */
export const UNSERVED_FUNCTIONS: Readonly<Record<never, { readonly operand: OperandKind }>> = {};

/** The geometry filter inputs (declared with Dgraph's fixed definitions, api/extras.ts) and their functions. */
const GEO_FILTER_INPUTS: Readonly<Record<string, readonly ApiFunction[]>> = {
  PointGeoFilter: ['near', 'within'],
  PolygonGeoFilter: ['near', 'within', 'contains', 'intersects'],
};

/** A function some filter input of the API offers. */
export type ApiFunction = FilterFunction | keyof typeof UNSERVED_FUNCTIONS;

export function isServedFunction(fn: string): fn is FilterFunction {
  return Object.hasOwn(FILTER_FUNCTIONS, fn);
}

/** The kind of operand a function of the API takes. */
export function operandOf(fn: ApiFunction): OperandKind {
  const unserved: Readonly<Record<string, { readonly operand: OperandKind }>> = UNSERVED_FUNCTIONS;
  return isServedFunction(fn) ? FILTER_FUNCTIONS[fn].operand : unserved[fn]!.operand;
}

const COMPARISONS = ['eq', 'in', 'le', 'lt', 'ge', 'gt', 'between'] as const;

/** The filter inputs of the generated API, in the order Dgraph prints them; `of` is the T of their operands. */
export const FILTER_INPUTS = {
  IntFilter: { of: 'Int', functions: COMPARISONS },
  Int64Filter: { of: 'Int64', functions: COMPARISONS },
  FloatFilter: { of: 'Float', functions: COMPARISONS },
  DateTimeFilter: { of: 'DateTime', functions: COMPARISONS },
  StringTermFilter: { of: 'String', functions: ['allofterms', 'anyofterms'] },
  StringRegExpFilter: { of: 'String', functions: ['regexp'] },
  StringNgramFilter: { of: 'String', functions: ['ngram'] },
  StringFullTextFilter: { of: 'String', functions: ['alloftext', 'anyoftext'] },
  StringExactFilter: { of: 'String', functions: COMPARISONS },
  StringHashFilter: { of: 'String', functions: ['eq', 'in'] },
} as const satisfies Record<string, { readonly of: string; readonly functions: readonly ApiFunction[] }>;

export type FilterInput = keyof typeof FILTER_INPUTS;

interface IndexEntry {
  /** The GraphQL type whose fields the argument applies to. */
  readonly appliesTo: string;
  /** The input (or, for `bool`, the scalar) the argument contributes to `TFilter`. */
  readonly filter: string;
  /** For a scalar filter: the function the bare value stands for (`isPublished: true` is eq). */
  readonly value?: FilterFunction;
  /** In the API, its filter refused by name in requests: authline does not search by it yet. */
  readonly unserved?: true;
  /** Refused at upload: authline does not serve it yet. */
  readonly unsupported?: true;
  /** A vector index (`hnsw`): no filter, but the type's similarity queries (model/vectors.ts). */
  readonly vector?: true;
}

/** Every `@search` argument Dgraph knows (its table, all of it, for its messages). */
export const SEARCH_INDEXES = {
  int: { appliesTo: 'Int', filter: 'IntFilter' },
  int64: { appliesTo: 'Int64', filter: 'Int64Filter' },
  float: { appliesTo: 'Float', filter: 'FloatFilter' },
  bool: { appliesTo: 'Boolean', filter: 'Boolean', value: 'eq' },
  hash: { appliesTo: 'String', filter: 'StringHashFilter' },
  exact: { appliesTo: 'String', filter: 'StringExactFilter' },
  term: { appliesTo: 'String', filter: 'StringTermFilter' },
  fulltext: { appliesTo: 'String', filter: 'StringFullTextFilter' },
  trigram: { appliesTo: 'String', filter: 'StringRegExpFilter' },
  regexp: { appliesTo: 'String', filter: 'StringRegExpFilter' },
  ngram: { appliesTo: 'String', filter: 'StringNgramFilter' },
  year: { appliesTo: 'DateTime', filter: 'DateTimeFilter' },
  month: { appliesTo: 'DateTime', filter: 'DateTimeFilter' },
  day: { appliesTo: 'DateTime', filter: 'DateTimeFilter' },
  hour: { appliesTo: 'DateTime', filter: 'DateTimeFilter' },
  point: { appliesTo: 'Point', filter: 'PointGeoFilter' },
  polygon: { appliesTo: 'Polygon', filter: 'PolygonGeoFilter' },
  multiPolygon: { appliesTo: 'MultiPolygon', filter: 'PolygonGeoFilter' },
  hnsw: { appliesTo: 'Float', filter: 'HNSWSearchFilter', vector: true },
} as const satisfies Record<string, IndexEntry>;

type Indexes = typeof SEARCH_INDEXES;

/** The `@search` arguments authline serves (a field's effective indexes, FieldDef.search). */
export type SearchIndex = { [K in keyof Indexes]: Indexes[K] extends { unsupported: true } | { unserved: true } | { vector: true } ? never : K }[keyof Indexes];

/** The entry of a `@search` argument, or undefined for one Dgraph does not know. */
export function searchIndex(argument: string): IndexEntry | undefined {
  return Object.hasOwn(SEARCH_INDEXES, argument) ? SEARCH_INDEXES[argument as keyof Indexes] : undefined;
}

/** An argument authline accepts: served, or in the API with its filter refused by name. */
export function isSupportedSearch(argument: string): boolean {
  const entry = searchIndex(argument);
  return entry !== undefined && !('unsupported' in entry);
}

export function isServedSearch(argument: string): argument is SearchIndex {
  const entry = searchIndex(argument);
  return entry !== undefined && !('unsupported' in entry) && !('unserved' in entry) && !('vector' in entry);
}

/** A vector index argument (`hnsw`, with or without options): it gives the field no filter. */
export function isVectorSearch(argument: string): boolean {
  const entry = searchIndex(searchTypeOf(argument));
  return entry !== undefined && 'vector' in entry;
}

/** The functions a filter input offers. */
export function inputFunctions(input: string): readonly ApiFunction[] {
  if (Object.hasOwn(FILTER_INPUTS, input)) return FILTER_INPUTS[input as FilterInput].functions;
  return Object.hasOwn(GEO_FILTER_INPUTS, input) ? GEO_FILTER_INPUTS[input]! : [];
}

/** The functions a field searchable by `index` takes in its filter object (`{ name: { eq: ... } }`). */
export function indexFunctions(index: SearchIndex): readonly FilterFunction[] {
  return inputFunctions(SEARCH_INDEXES[index].filter).filter(isServedFunction);
}

/** The function a bare value in a field's filter stands for, when one of its indexes allows it (`isPublished: true`). */
export function valueFunction(indexes: readonly SearchIndex[]): FilterFunction | undefined {
  for (const index of indexes) {
    const entry: IndexEntry = SEARCH_INDEXES[index];
    if (entry.value) return entry.value;
  }
  return undefined;
}

/** `@search` without arguments. Enums default to hash. */
export function defaultSearch(typeName: string): string {
  const byType: Record<string, string> = {
    Boolean: 'bool',
    Int: 'int',
    Int64: 'int64',
    Float: 'float',
    String: 'term',
    DateTime: 'year',
    Point: 'point',
    Polygon: 'polygon',
    MultiPolygon: 'multiPolygon',
  };
  return byType[typeName] ?? 'hash';
}

/** Indexes an enum field may use. */
export const ENUM_SEARCHES: ReadonlySet<string> = new Set(['trigram', 'hash', 'exact', 'regexp', 'ngram']);

/** Filters that both offer `eq`/`in` and so cannot be combined. */
export const COLLIDING_FILTERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['StringHashFilter', ['StringExactFilter']],
  ['StringExactFilter', ['StringHashFilter']],
]);

/** `hnsw(metric: euclidean)` → `hnsw`. */
export function searchTypeOf(argument: string): string {
  const paren = argument.indexOf('(');
  return paren >= 0 ? argument.slice(0, paren).trim() : argument;
}
