/**
 * Dgraph's fixed vocabulary: the scalars every schema may use and their
 * range, the names a schema may not take, and which scalars order and sum.
 * How fields are searched is search.ts.
 */
import type { GeoName, ScalarName } from './types.js';

/** Scalars of the generated API (GraphQL's five plus Dgraph's Int64 and DateTime). */
export const SCALARS: ReadonlySet<string> = new Set<ScalarName>(['ID', 'String', 'Int', 'Int64', 'Float', 'Boolean', 'DateTime']);

/** Int64's range, which Dgraph enforces wherever a value is read. */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Dgraph's geometry types: objects in the API, one stored value each (kind `scalar`). */
export const GEO_TYPES: ReadonlySet<string> = new Set<GeoName>(['Point', 'Polygon', 'MultiPolygon']);

/** The inputs a geometry is written with (`PointRef`, ...), declared with Dgraph's fixed definitions. */
export const GEO_INPUTS: ReadonlySet<string> = new Set([...GEO_TYPES].map((name) => `${name}Ref`));

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
