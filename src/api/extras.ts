/**
 * Definitions every Dgraph API carries regardless of the upload, as Dgraph
 * prints them (descriptions and layout included, so the generated schema
 * reads the same): the Int64 and DateTime scalars, the range inputs of the
 * filter functions, the inputs of Dgraph's own directives (so `@auth` rules
 * and `@generate` read as in Dgraph), the geometry types and their filters,
 * and the directive declarations themselves. The scalar filter inputs are
 * filter-inputs.ts.
 */
import { directiveDeclarations } from '../model/directives.js';
import type { SchemaModel } from '../model/types.js';

export const SCALARS_AND_INPUTS = `"""
The Int64 scalar type represents a signed 64‐bit numeric non‐fractional value.
Int64 can represent values in range [-(2^63),(2^63 - 1)].
"""
scalar Int64

"""
The DateTime scalar type represents date and time as a string in RFC3339 format.
For example: "1985-04-12T23:20:50.52Z" represents 20 mins 50.52 secs after the 23rd hour of Apr 12th 1985 in UTC.
"""
scalar DateTime

input IntRange{
\tmin: Int!
\tmax: Int!
}

input FloatRange{
\tmin: Float!
\tmax: Float!
}

input Int64Range{
\tmin: Int64!
\tmax: Int64!
}

input DateTimeRange{
\tmin: DateTime!
\tmax: DateTime!
}

input StringRange{
\tmin: String!
\tmax: String!
}

enum DgraphIndex {
\tint
\tint64
\tfloat
\tbool
\thash
\texact
\tterm
\tfulltext
\ttrigram
\tregexp
\tyear
\tmonth
\tday
\thour
\tgeo
\thnsw
}

input AuthRule {
\tand: [AuthRule]
\tor: [AuthRule]
\tnot: AuthRule
\trule: String
}

enum HTTPMethod {
\tGET
\tPOST
\tPUT
\tPATCH
\tDELETE
}

enum Mode {
\tBATCH
\tSINGLE
}

input CustomHTTP {
\turl: String!
\tmethod: HTTPMethod!
\tbody: String
\tgraphql: String
\tmode: Mode
\tforwardHeaders: [String!]
\tsecretHeaders: [String!]
\tintrospectionHeaders: [String!]
\tskipIntrospection: Boolean
}

input DgraphDefault {
\tvalue: String
}

type Point {
\tlongitude: Float!
\tlatitude: Float!
}

input PointRef {
\tlongitude: Float!
\tlatitude: Float!
}

input NearFilter {
\tdistance: Float!
\tcoordinate: PointRef!
}

input PointGeoFilter {
\tnear: NearFilter
\twithin: WithinFilter
}

type PointList {
\tpoints: [Point!]!
}

input PointListRef {
\tpoints: [PointRef!]!
}

type Polygon {
\tcoordinates: [PointList!]!
}

input PolygonRef {
\tcoordinates: [PointListRef!]!
}

type MultiPolygon {
\tpolygons: [Polygon!]!
}

input MultiPolygonRef {
\tpolygons: [PolygonRef!]!
}

input WithinFilter {
\tpolygon: PolygonRef!
}

input ContainsFilter {
\tpoint: PointRef
\tpolygon: PolygonRef
}

input IntersectsFilter {
\tpolygon: PolygonRef
\tmultiPolygon: MultiPolygonRef
}

input PolygonGeoFilter {
\tnear: NearFilter
\twithin: WithinFilter
\tcontains: ContainsFilter
\tintersects: IntersectsFilter
}

input GenerateQueryParams {
\tget: Boolean
\tquery: Boolean
\tpassword: Boolean
\taggregate: Boolean
}

input GenerateMutationParams {
\tadd: Boolean
\tupdate: Boolean
\tdelete: Boolean
}
`;

/**
 * Dgraph's directive declarations (model/directives.ts); `@auth` is also
 * declared on fields when the upload puts it there (beyond Dgraph).
 */
export function directiveDefinitions(model: SchemaModel, forGateway = false): string {
  const onFields = [...model.types.values()].some((t) => t.fields.some((f) => f.astNode?.directives?.some((d) => d.name.value === 'auth')));
  return directiveDeclarations(false, new Set(onFields ? ['auth'] : []), forGateway);
}

/**
 * What Dgraph declares for Apollo federation when some type has `@key`,
 * after the `_Entity` union (api/federation.ts), as it prints it.
 */
export const APOLLO_EXTRAS = `\nscalar _Any\nscalar _FieldSet\n\ntype _Service {\n\tsdl: String\n}\n\n${directiveDeclarations(true)}`;
