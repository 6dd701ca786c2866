/**
 * Definitions every Dgraph API carries regardless of the upload: the Int64
 * and DateTime scalars, the range inputs of the filter functions,
 * the inputs of Dgraph's own directives (so `@auth` rules and `@generate`
 * read as in Dgraph), and the directive declarations themselves. Names and
 * shapes are Dgraph's; geometry and vector search are left out until authline
 * stores them. The filter inputs are filter-inputs.ts.
 */
import { directiveDeclarations } from '../model/directives.js';

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

/** Dgraph's directive declarations (model/directives.ts). */
export const DIRECTIVES = directiveDeclarations(false);

/** Declared when some type uses `@key` (Apollo federation), so such schemas print and re-parse. */
export const APOLLO_DIRECTIVES = `scalar _FieldSet\n\n${directiveDeclarations(true)}`;
