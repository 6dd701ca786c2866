/**
 * What one /graphql request may cost, each bounded by default (docs/http.md
 * lists them with their flags and codes). Every refusal but the last two
 * comes before any SQL runs: the query text before it is parsed, the
 * document before it is validated, arguments and variables before execution.
 * The query edge limit is counted in the database as it builds the answer;
 * the response size once the answer is serialised.
 */
import { DEFAULT_QUERY_EDGE_LIMIT } from '../engine/index.js';

export interface RequestLimits {
  /**
   * Most nodes a request may return, all root fields together, counted in the
   * database (Dgraph's `--limit query-edge`); also the largest `first` and
   * `offset`. Default 1,000,000, as Dgraph's.
   */
  readonly queryEdgeLimit: number;
  /** Most root fields an operation may select, each alias counting (fragments expanded). Default 100. */
  readonly maxAliases: number;
  /** Deepest nesting of input objects in an argument written in the query or in a variable's value (a filter's `and`/`or`/`not`). Default 64. */
  readonly maxFilterDepth: number;
  /** Longest `regexp` filter, in characters, slashes and flags included. Default 1,000. */
  readonly maxRegexpLength: number;
  /** Largest query text, in bytes (UTF-8). Default 1 MiB. */
  readonly maxDocumentSize: number;
  /** Most tokens a query text may have (graphql-js's `maxTokens`). Default 50,000. */
  readonly maxTokens: number;
  /** Largest answer of /graphql, in bytes. Default 64 MiB. */
  readonly maxResponseBytes: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  queryEdgeLimit: DEFAULT_QUERY_EDGE_LIMIT,
  maxAliases: 100,
  maxFilterDepth: 64,
  maxRegexpLength: 1000,
  maxDocumentSize: 1024 * 1024,
  maxTokens: 50_000,
  maxResponseBytes: 64 * 1024 * 1024,
};

/** The limits of `options`, defaults filled in; a value that is not a positive integer is refused. */
export function resolveRequestLimits(options: Partial<RequestLimits>): RequestLimits {
  const resolved = { ...DEFAULT_REQUEST_LIMITS };
  for (const name of Object.keys(DEFAULT_REQUEST_LIMITS) as (keyof RequestLimits)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, got ${String(value)}`);
    resolved[name] = value;
  }
  return resolved;
}
