/**
 * The engine's face to the HTTP server and the CLI: a service that holds the
 * store and the schema currently served, swaps schemas atomically on upload,
 * and executes GraphQL requests with Dgraph's auth semantics.
 */
import type { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { AuthConfig } from '../authline/types.js';
import type { ImportOptions, ImportResult, RecordSource } from '../store/types.js';
import type { AuthTokenError, JwksStatus } from '../verifier/index.js';
import type { RequestHeaders } from '../verifier/types.js';
import type { SchemaWarning } from './schema-warnings.js';

export type { RequestHeaders };

/** Per-request input the engine needs besides the GraphQL document. */
export interface RequestInfo {
  readonly headers: RequestHeaders;
  /** Show errors Dgraph hides unless `--graphql debug=true` ("authorization failed", "GraphQL debug:"). */
  readonly debug?: boolean;
  /**
   * The most nodes the request may return, all root fields together
   * (Dgraph's `--limit query-edge`); default 1,000,000, as Dgraph's.
   */
  readonly queryEdgeLimit?: number;
  /**
   * The request's id (the server's `X-Request-Id`): a field that fails in the
   * database answers fixed words naming it, and its error's `originalError`
   * holds the details for the log.
   */
  readonly requestId?: string;
  /** Answer with `extensions.authline.explain`: why the request saw what it saw (engine/explain.ts). */
  readonly explain?: boolean;
}

/** An operation to run: parsed and validated, with the context `prepare` made. */
export interface OperationArgs {
  readonly document: DocumentNode;
  readonly variableValues?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
  readonly contextValue: unknown;
}

/**
 * An operation's answer as text: each root field's response key and JSON
 * text (possibly with insignificant white space), in the operation's order;
 * no errors, no extensions.
 */
export interface DataTexts {
  readonly dataTexts: readonly (readonly [string, string])[];
}

/** One successfully uploaded schema, immutable: in-flight requests keep the one they started with. */
export interface LoadedSchema {
  readonly version: number;
  /** The SDL as uploaded. */
  readonly sdl: string;
  /** The generated API, printed as SDL. */
  readonly apiSdl: string;
  /** The executable generated API. */
  readonly schema: GraphQLSchema;
  /** The rules a request document must pass: GraphQL's own and Dgraph's extra ones. */
  readonly validationRules: readonly ValidationRule[];
  /** The parsed `# Dgraph.Authorization` line, or null without one. */
  readonly auth: AuthConfig | null;
  /** Origins from `# Dgraph.Allow-Origin "..."` lines (empty: no restriction from the schema). */
  readonly allowOrigins: readonly string[];
  /** What the upload accepts but its author most likely did not mean (none when absent). */
  readonly warnings?: readonly SchemaWarning[];
  /**
   * Reads the token from the request (header, or cookie if configured). A
   * malformed Bearer value fails the whole request before execution, as in
   * Dgraph: the answer then has only `errors`, no `data`. `authenticated`
   * tells whether the request carries a valid token; `tokenRefusal`, when
   * set, is why every root field of the generated API will fail (an invalid
   * token, or none under ClosedByDefault; introspection still answers).
   * `expiresAt` is when a valid token expires (ms since the epoch; absent
   * for a token without `exp`): what outlives the request, a subscription,
   * ends then.
   */
  prepare(request: RequestInfo): Promise<
    | {
        readonly contextValue: unknown;
        readonly authenticated: boolean;
        readonly tokenRefusal?: AuthTokenError;
        readonly expiresAt?: number;
      }
    | { readonly errors: readonly GraphQLError[] }
  >;
  /**
   * Executes a parsed and validated operation with the context from
   * `prepare`: per-root-field auth errors in Dgraph's words, and the debug
   * filter applied to the errors.
   */
  execute(args: OperationArgs): Promise<ExecutionResult>;
  /**
   * `execute`, or, when the engine can answer the operation as text, the
   * JSON text of each root field, exactly what `execute`'s data would be
   * once written as JSON: the caller writes `{"data":{…}}` around them.
   */
  executeAsText?(args: OperationArgs): Promise<ExecutionResult | DataTexts>;
  /**
   * A subscription: the operation's result now, then again after every
   * committed write (in any process on the same database) that changes it,
   * each computed like `execute` under the same auth; never the same result
   * twice in a row. Ends when `signal` aborts or this schema retires.
   */
  watch(args: OperationArgs, signal?: AbortSignal): AsyncIterableIterator<ExecutionResult>;
  /** Why a validated subscription cannot be served (Dgraph's refusal of `@custom`/`@lambda` fields in one), or none. */
  subscriptionErrors(document: DocumentNode, operationName?: string | null): readonly GraphQLError[];
  /**
   * Aborts when this schema stops being served (an upload replaced it, or
   * the service closed); its reason (an Error) says why, for the clients of
   * what outlives a request.
   */
  readonly retired: AbortSignal;
}

export interface Health {
  readonly schema: {
    readonly loaded: boolean;
    readonly version?: number;
    /** Each JWK URL of the served line: without keys its tokens are refused (present only with JWK URLs). */
    readonly jwks?: readonly JwksStatus[];
  };
  readonly store: { readonly reachable: boolean; readonly description: string };
}

export interface AuthlineService {
  /** The schema being served, or null before the first upload. */
  current(): LoadedSchema | null;
  /**
   * Validates `sdl` completely (auth line, types, generated API, @auth rules,
   * JWKS prefetch) and, only if all is well, stores it and swaps it in.
   * Throws SchemaRejectedError listing every error; the old schema keeps serving.
   */
  uploadSchema(sdl: string): Promise<LoadedSchema>;
  /** Dgraph JSON mutation data held in memory, bypassing @auth (admin). */
  importData(data: unknown): Promise<ImportResult>;
  /** Records read as they stream in (a Dgraph export: store/import readRecords), bypassing @auth (admin); all or nothing. */
  importRecords(records: RecordSource, options?: ImportOptions): Promise<ImportResult>;
  health(): Promise<Health>;
  close(): Promise<void>;
}
