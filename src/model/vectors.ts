/**
 * Dgraph's vector vocabulary, written once: an `@embedding` field (`[Float!]`,
 * one vector per node) searched by `@search(by: ["hnsw(metric: ..., exponent: ...)"])`,
 * the metric its similarity queries rank by, and the names the API gives them
 * (Dgraph's graphql/schema/gqlschema.go addSimilarByIdQuery and
 * addSimilarByEmbeddingQuery, wrappers.go).
 */
import { servedFields } from './served.js';
import type { FieldDef, TypeDef, VectorMetric } from './types.js';

export type { VectorMetric } from './types.js';

export const VECTOR_METRICS: readonly VectorMetric[] = ['euclidean', 'cosine', 'dotproduct'];

/** The index argument of a vector field: `hnsw` or `hnsw(metric: cosine, exponent: 4)`. */
export const VECTOR_INDEX = 'hnsw';

/** The field Dgraph adds to a type with `@embedding` fields: the distance a similarity query ranked the node by. */
export const VECTOR_DISTANCE_FIELD = 'vector_distance';

/**
 * Where a similarity query's node carries its distance, as if it were a
 * stored predicate: `dgraph.` names are Dgraph's own, never a schema's, so
 * no stored value is ever read there by another query (which answers null).
 */
export const VECTOR_DISTANCE_PREDICATE = 'dgraph.vector_distance';

/**
 * The options of an index argument as Dgraph reads them (rules.go
 * parseSearchOptions): `name(key: value, ...)` is a YAML flow mapping whose
 * values must all be given (`key:value`, without the space, is a key with no
 * value); `name` alone has none. Undefined when malformed, including `name()`.
 */
export function searchOptions(argument: string): ReadonlyMap<string, string> | undefined {
  const text = argument.trim();
  const open = text.indexOf('(');
  if (open < 0 && !text.endsWith(')')) return new Map();
  if (open < 0 || !text.endsWith(')') || open + 1 === text.length - 1) return undefined;
  const options = new Map<string, string>();
  for (const pair of text.slice(open + 1, -1).split(',')) {
    if (pair.trim() === '') continue;
    const match = /^\s*([^:\s'"][^:]*?|'[^']*'|"[^"]*")\s*:(?:\s+(.*?))?\s*$/s.exec(pair);
    if (!match) return undefined;
    const value = unquote(match[2] ?? '');
    if (value === '' || options.has(unquote(match[1]))) return undefined;
    options.set(unquote(match[1]).trim(), value.trim());
  }
  return options;
}

function unquote(text: string): string {
  return /^(['"]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/**
 * The metric named by a vector field's index argument: Dgraph's
 * EmbeddingSearchMetric reads `metric` of the field's first search argument,
 * and ranks by euclidean distance unless it is cosine or dotproduct.
 */
export function metricOf(argument: string | undefined): VectorMetric {
  const metric = argument === undefined ? undefined : searchOptions(argument)?.get('metric');
  return metric === 'cosine' || metric === 'dotproduct' ? metric : 'euclidean';
}

/** The type's `@embedding` fields, in declaration order (its `<Type>Embedding` enum). */
export function embeddingFields(type: TypeDef): FieldDef[] {
  return servedFields(type).filter((field) => field.embedding !== undefined);
}

/**
 * Whether the type has similarity queries, and with them the
 * `vector_distance` field (unless it declares one): Dgraph adds both with its
 * get query, when some field has `@embedding` (gqlschema.go addQueries).
 */
export function hasSimilarQueries(type: TypeDef): boolean {
  return type.generate.query.get && embeddingFields(type).length > 0;
}

/**
 * What one similarity query may ask for (beyond Dgraph, which has no limit):
 * its `topK`, and the length of its `vector` (the query's cost is an exact
 * scan of the type's vectors, O(nodes × length), docs/api.md); the same
 * length bounds every vector a mutation stores.
 */
export const VECTOR_LIMITS = { topK: 1000, length: 4096 } as const;

/**
 * `vector_distance` of a type with similarity queries, as a field the plan
 * can select: a Float read from VECTOR_DISTANCE_PREDICATE, where only a
 * similarity query's nodes carry a value.
 */
export function vectorDistance(type: TypeDef): FieldDef {
  return {
    name: VECTOR_DISTANCE_FIELD,
    declaredIn: type.name,
    type: { name: 'Float', list: false, nonNull: false, itemNonNull: false },
    kind: 'scalar',
    scalar: 'Float',
    predicate: VECTOR_DISTANCE_PREDICATE,
    reverse: false,
    search: [],
    xid: false,
    xidInterface: false,
    loc: type.loc,
  };
}
