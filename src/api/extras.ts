/**
 * Definitions every Dgraph API carries regardless of the upload: the Int64
 * and DateTime scalars, the range and filter inputs each search index uses,
 * the inputs of Dgraph's own directives (so `@auth` rules and `@generate`
 * read as in Dgraph), and the directive declarations themselves. Names and
 * shapes are Dgraph's; geometry and vector search are left out until authline
 * stores them.
 */

export const SCALARS_AND_INPUTS = `"""
A signed 64-bit integer, from -(2^63) to 2^63 - 1. Written as a number or a
numeric string; answered as a number (as a string beyond 2^53, where JSON
numbers stop being exact in JavaScript).
"""
scalar Int64

"""
A date and time as an RFC 3339 string, e.g. "1985-04-12T23:20:50.52Z".
Also accepted: "1985", "1985-04", "1985-04-12", "1985-04-12T23:20:50".
"""
scalar DateTime

input IntRange {
\tmin: Int!
\tmax: Int!
}

input FloatRange {
\tmin: Float!
\tmax: Float!
}

input Int64Range {
\tmin: Int64!
\tmax: Int64!
}

input DateTimeRange {
\tmin: DateTime!
\tmax: DateTime!
}

input StringRange {
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

export const DIRECTIVES = `directive @hasInverse(field: String!) on FIELD_DEFINITION
directive @search(by: [String!]) on FIELD_DEFINITION
directive @embedding on FIELD_DEFINITION
directive @dgraph(type: String, pred: String) on OBJECT | INTERFACE | FIELD_DEFINITION
directive @id(interface: Boolean) on FIELD_DEFINITION
directive @default(add: DgraphDefault, update: DgraphDefault) on FIELD_DEFINITION
directive @withSubscription on OBJECT | INTERFACE | FIELD_DEFINITION
directive @secret(field: String!, pred: String) on OBJECT | INTERFACE
directive @auth(password: AuthRule, query: AuthRule, add: AuthRule, update: AuthRule, delete: AuthRule) on OBJECT | INTERFACE
directive @custom(http: CustomHTTP, dql: String) on FIELD_DEFINITION
directive @remote on OBJECT | INTERFACE | UNION | INPUT_OBJECT | ENUM
directive @remoteResponse(name: String) on FIELD_DEFINITION
directive @cascade(fields: [String]) on FIELD
directive @lambda on FIELD_DEFINITION
directive @lambdaOnMutate(add: Boolean, update: Boolean, delete: Boolean) on OBJECT | INTERFACE
directive @cacheControl(maxAge: Int!) on QUERY
directive @generate(query: GenerateQueryParams, mutation: GenerateMutationParams, subscription: Boolean) on OBJECT | INTERFACE
`;

export const FILTER_INPUTS = `input IntFilter {
\teq: Int
\tin: [Int]
\tle: Int
\tlt: Int
\tge: Int
\tgt: Int
\tbetween: IntRange
}

input Int64Filter {
\teq: Int64
\tin: [Int64]
\tle: Int64
\tlt: Int64
\tge: Int64
\tgt: Int64
\tbetween: Int64Range
}

input FloatFilter {
\teq: Float
\tin: [Float]
\tle: Float
\tlt: Float
\tge: Float
\tgt: Float
\tbetween: FloatRange
}

input DateTimeFilter {
\teq: DateTime
\tin: [DateTime]
\tle: DateTime
\tlt: DateTime
\tge: DateTime
\tgt: DateTime
\tbetween: DateTimeRange
}

input StringTermFilter {
\tallofterms: String
\tanyofterms: String
}

input StringRegExpFilter {
\tregexp: String
}

input StringFullTextFilter {
\talloftext: String
\tanyoftext: String
}

input StringExactFilter {
\teq: String
\tin: [String]
\tle: String
\tlt: String
\tge: String
\tgt: String
\tbetween: StringRange
}

input StringHashFilter {
\teq: String
\tin: [String]
}
`;

/** Declared when some type uses `@key` (Apollo federation), so such schemas print and re-parse. */
export const APOLLO_DIRECTIVES = `scalar _FieldSet

directive @external on FIELD_DEFINITION
directive @requires(fields: _FieldSet!) on FIELD_DEFINITION
directive @provides(fields: _FieldSet!) on FIELD_DEFINITION
directive @key(fields: _FieldSet!) on OBJECT | INTERFACE
directive @extends on OBJECT | INTERFACE
`;

/**
 * The fields of the built-in filter inputs, for merging several indexes of
 * one field into one input (`StringExactFilter_StringTermFilter`). Read from
 * the SDL above so the two cannot drift apart.
 */
export const BUILT_IN_FILTER_FIELDS: ReadonlyMap<string, readonly { name: string; type: string }[]> = new Map(
  [...FILTER_INPUTS.matchAll(/input (\w+) \{\n([^}]*)\}/g)].map(([, name, body]) => [
    name,
    body
      .trim()
      .split('\n')
      .map((line) => {
        const [field, type] = line.trim().split(': ');
        return { name: field, type };
      }),
  ]),
);
