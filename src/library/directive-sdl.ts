/**
 * GraphQL servers refuse directives they were not told about, and Dgraph
 * declares `@auth` itself, so an SDL written for Dgraph does not declare it.
 * Library users add these definitions to their typeDefs once:
 * `makeExecutableSchema({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers })`.
 * The shapes are Dgraph's.
 */
export const authDirectiveTypeDefs = `input AuthRule {
  and: [AuthRule]
  or: [AuthRule]
  not: AuthRule
  rule: String
}

directive @auth(password: AuthRule, query: AuthRule, add: AuthRule, update: AuthRule, delete: AuthRule) on OBJECT | INTERFACE | FIELD_DEFINITION
`;
