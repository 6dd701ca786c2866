/**
 * Dgraph's fixed vocabulary: the scalars every schema may use, the names a
 * schema may not take, and which scalars order, sum and search how.
 */
import type { ScalarName, SearchIndex } from './types.js';

/** Scalars of the generated API (GraphQL's five plus Dgraph's Int64 and DateTime). */
export const SCALARS: ReadonlySet<string> = new Set<ScalarName>(['ID', 'String', 'Int', 'Int64', 'Float', 'Boolean', 'DateTime']);

/** Dgraph's geometry types; authline does not store geometry yet. */
export const GEO_TYPES: ReadonlySet<string> = new Set(['Point', 'Polygon', 'MultiPolygon']);

/** Types every Dgraph schema already declares (GraphQL's scalars and Dgraph's fixed definitions). */
export const PREDECLARED_TYPES: ReadonlySet<string> = new Set([
  'String', 'Int', 'Float', 'Boolean', 'ID', 'Int64', 'DateTime', 'IntRange', 'FloatRange', 'Int64Range', 'DateTimeRange', 'StringRange',
  'DgraphIndex', 'AuthRule', 'HTTPMethod', 'Mode', 'CustomHTTP', 'DgraphDefault', 'Point', 'PointRef', 'NearFilter', 'PointGeoFilter',
  'PointList', 'PointListRef', 'Polygon', 'PolygonRef', 'MultiPolygon', 'MultiPolygonRef', 'WithinFilter', 'ContainsFilter',
  'IntersectsFilter', 'PolygonGeoFilter', 'GenerateQueryParams', 'GenerateMutationParams', 'IntFilter', 'Int64Filter', 'FloatFilter',
  'DateTimeFilter', 'StringTermFilter', 'StringRegExpFilter', 'StringNgramFilter', 'StringFullTextFilter', 'StringExactFilter',
  'StringHashFilter',
]);

/** Scalars Dgraph can order by (and so take min/max of). */
export const ORDERABLE: ReadonlySet<string> = new Set(['Int', 'Int64', 'Float', 'String', 'DateTime']);

/** Scalars with a sum (and an average). */
export const SUMMABLE: ReadonlySet<string> = new Set(['Int', 'Int64', 'Float']);

/** Names Dgraph keeps for itself: its built-in types, the root types, DQL's `uid` and `as`. */
export function isReservedName(name: string): boolean {
  return (
    SCALARS.has(name) ||
    GEO_TYPES.has(name) ||
    name === 'Password' ||
    name === 'Query' ||
    name === 'Mutation' ||
    name === 'uid' ||
    name === 'Subscription' ||
    name.toLowerCase() === 'as'
  );
}

/** `@search(by: [arg])`: the GraphQL type each argument applies to (Dgraph's table, all of it, for its messages). */
export const SEARCH_ARGUMENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['int', 'Int'],
  ['int64', 'Int64'],
  ['float', 'Float'],
  ['bool', 'Boolean'],
  ['hash', 'String'],
  ['exact', 'String'],
  ['term', 'String'],
  ['fulltext', 'String'],
  ['trigram', 'String'],
  ['regexp', 'String'],
  ['ngram', 'String'],
  ['year', 'DateTime'],
  ['month', 'DateTime'],
  ['day', 'DateTime'],
  ['hour', 'DateTime'],
  ['point', 'Point'],
  ['polygon', 'Polygon'],
  ['multiPolygon', 'MultiPolygon'],
  ['hnsw', 'Float'],
]);

/** The filter input each search argument contributes to `TFilter` (Dgraph's table). */
export const SEARCH_FILTERS: ReadonlyMap<string, string> = new Map([
  ['bool', 'Boolean'],
  ['int', 'IntFilter'],
  ['int64', 'Int64Filter'],
  ['float', 'FloatFilter'],
  ['year', 'DateTimeFilter'],
  ['month', 'DateTimeFilter'],
  ['day', 'DateTimeFilter'],
  ['hour', 'DateTimeFilter'],
  ['term', 'StringTermFilter'],
  ['trigram', 'StringRegExpFilter'],
  ['regexp', 'StringRegExpFilter'],
  ['ngram', 'StringNgramFilter'],
  ['fulltext', 'StringFullTextFilter'],
  ['exact', 'StringExactFilter'],
  ['hash', 'StringHashFilter'],
  ['point', 'PointGeoFilter'],
  ['polygon', 'PolygonGeoFilter'],
  ['multiPolygon', 'PolygonGeoFilter'],
  ['hnsw', 'HNSWSearchFilter'],
]);

/** Search arguments authline implements (the contract's SearchIndex). */
export const SUPPORTED_SEARCHES: ReadonlySet<string> = new Set<SearchIndex>([
  'hash', 'exact', 'term', 'fulltext', 'trigram', 'regexp', 'int', 'int64', 'float', 'bool', 'year', 'month', 'day', 'hour',
]);

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
