/**
 * Library mode's face: authline's auth on a GraphQL schema whose resolvers
 * the application writes (no store, no generated API). The SDL carries the
 * `# Dgraph.Authorization` line and RBAC `@auth` rules, as an upload would.
 */
import type { GraphQLSchema } from 'graphql';
import type { Middleware } from 'koa';
import type { AuthOperation, FieldAuthOperation } from '../rules/policy.js';
import type { AuthTokenError } from '../verifier/errors.js';
import type { VerifierOptions } from '../verifier/options.js';
import type { Claims, RequestHeaders } from '../verifier/types.js';

/**
 * Which `@auth` rule guards a field before its resolver runs: `op` of
 * `type`'s rules (for an interface: of every implementing type), or `'none'`
 * for a mutation that changes nothing `@auth` governs. The query rules of
 * whatever the field returns apply in every case.
 */
export type FieldOperation = { readonly type: string; readonly op: AuthOperation } | 'none';

export interface AuthlineOptions {
  /**
   * The SDL the executable schema is built from, complete, in one string:
   * the `# Dgraph.Authorization` line (a comment, which GraphQL parsers drop)
   * and the `@auth` rules are read from it.
   */
  readonly typeDefs: string;
  /**
   * Guards by schema coordinate (`'Mutation.createTodo'`), beyond the
   * mutations named as Dgraph names them (`addT`, `updateT`, `deleteT`).
   */
  readonly operations?: Readonly<Record<string, FieldOperation>>;
  /** JWKS fetching, token cache, clock... (src/verifier/options.ts). */
  readonly verifier?: VerifierOptions;
}

/**
 * One request's auth, read once: put it in the GraphQL context as
 * `authline` (the Koa middleware leaves it in `ctx.state.authline`).
 */
export interface AuthContext {
  /** The verified token's claims, as rules see them (namespace merged in); null without a valid token. */
  readonly claims: Claims | null;
  /**
   * Why no root field may run, in Dgraph's words: the token failed
   * verification (never treated as anonymous), none came under
   * ClosedByDefault (TokenMissingError), or the Bearer value is malformed
   * (BearerFormatError: Dgraph fails the whole request). Null otherwise.
   */
  readonly error: AuthTokenError | null;
  /** Whether `operation` of `type`'s rules admits this request (for an interface: every implementing type's); false whenever `error` is set. */
  allows(type: string, operation: AuthOperation): boolean;
  /**
   * Whether `operation` (query, add or update) of the rules written on field
   * `field` of `type` admits this request (true for a field without rules);
   * false whenever `error` is set.
   */
  allowsField(type: string, field: string, operation: FieldAuthOperation): boolean;
}

/** Headers read by name: fetch `Headers` (yoga, the fetch API) or graphql-http's request headers. */
export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

/** The GraphQL context entry the enforced schema reads (a type alias, so it fits servers' context constraints). */
export type AuthlineContext = { readonly authline: AuthContext };

export interface Authline {
  /**
   * The same schema with the rules enforced on its resolvers. Throws
   * SchemaRejectedError when the schema does not match the SDL, or when a
   * mutation's guard cannot be told (see `operations`).
   */
  applyTo(schema: GraphQLSchema): GraphQLSchema;
  /** Reads and verifies the request's token; never rejects for a bad token. */
  contextFor(headers: RequestHeaders | HeaderLookup): Promise<AuthContext>;
  /**
   * Koa middleware: `ctx.state.authline = await contextFor(ctx.headers)`.
   * A malformed Bearer value is answered at once, as Dgraph answers it.
   */
  koa(): Middleware<{ authline?: AuthContext }>;
  /** Stops the verifier's background JWKS refreshes. */
  close(): void;
}
