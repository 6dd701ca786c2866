/**
 * How a server is set up. Every field is optional; the defaults are the ones
 * `authline serve` documents (docs/http.md).
 */
import { INTROSPECTION_POLICIES, type IntrospectionPolicy } from './graphql/introspection.js';
import { jsonLogger } from './logger.js';
import type { Logger } from './logger.js';
import { AuthlineMetrics } from './metrics.js';
import { resolveRequestLimits, type RequestLimits } from './limits.js';

/** The request limits (limits.ts) are options too, each optional. */
export interface ServerOptions extends Partial<RequestLimits> {
  /** Interface to listen on (startServer only). Default 127.0.0.1: reachable from this machine only. */
  readonly host?: string;
  /** Port to listen on (startServer only); 0 picks a free one. Default 8080. */
  readonly port?: number;
  /**
   * Secret the admin endpoints require in `X-Authline-Admin-Token`. Without
   * one they answer loopback clients only.
   */
  readonly adminToken?: string;
  /** Origins allowed by CORS in addition to the schema's `# Dgraph.Allow-Origin` lines. `*` allows any. */
  readonly corsOrigins?: readonly string[];
  /** Show the errors Dgraph hides unless run with `--graphql debug=true`. */
  readonly debug?: boolean;
  /** Who may ask for `__schema`/`__type`: anyone (default, as Dgraph), requests with a valid token, or nobody. */
  readonly introspection?: IntrospectionPolicy;
  /** Largest body, in bytes after decompression, for /graphql and /admin/schema. */
  readonly bodyLimit?: number;
  /** Largest body, in bytes after decompression, for /admin/import. */
  readonly importLimit?: number;
  /** Deepest field nesting an operation may have (fragments expanded). */
  readonly maxDepth?: number;
  /** Parsed and validated documents kept per schema (LRU by query text). */
  readonly documentCacheSize?: number;
  /**
   * Open HTTP connections at most (startServer only); a connection beyond
   * them is closed as it arrives, so idle or half-sent ones cannot pile up.
   */
  readonly maxConnections?: number;
  /** Longest a client may take to send a request's headers, in ms (startServer only); then 408 and the connection closes. */
  readonly headersTimeoutMs?: number;
  /** Longest a client may take to send a whole request, body included, in ms (startServer only); then 408. */
  readonly requestTimeoutMs?: number;
  /** Longest an idle keep-alive connection is kept open between requests, in ms (startServer only). */
  readonly keepAliveTimeoutMs?: number;
  /** Operations (subscriptions) one WebSocket connection may run at once (startServer only). */
  readonly maxSubscriptionsPerConnection?: number;
  /** WebSocket connections the process holds at most; more are refused with 503 (startServer only). */
  readonly maxWebSocketConnections?: number;
  /** Milliseconds between keep-alive pings on WebSocket connections; a peer that misses one is cut off. */
  readonly webSocketKeepAliveMs?: number;
  /** Where request and error logs go. Default: one JSON line each on stdout. */
  readonly logger?: Logger;
  /**
   * What GET /metrics serves. Default: a registry of this app's own, which
   * counts requests, connections (startServer) and the schema version; pass
   * the same object as the `observer` of openStore and createService to count
   * tokens, refusals, JWKS fetches, SQL statements and schema swaps too
   * (`authline serve` does).
   */
  readonly metrics?: AuthlineMetrics;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;
export const DEFAULT_IMPORT_LIMIT = 100 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 25;
export const DEFAULT_DOCUMENT_CACHE_SIZE = 1000;
export const DEFAULT_MAX_CONNECTIONS = 1024;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
export const DEFAULT_MAX_WEBSOCKET_CONNECTIONS = 1000;
export const DEFAULT_WEBSOCKET_KEEPALIVE_MS = 15_000;

export type ResolvedServerOptions = Required<Omit<ServerOptions, 'adminToken'>> & {
  readonly adminToken: string | undefined;
};

/** Fills in the defaults and refuses values that would make the server unsafe or useless. */
export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  if (options.adminToken !== undefined && options.adminToken.length === 0) {
    throw new TypeError('adminToken must not be empty: leave it out to allow loopback clients only');
  }
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isSafeInteger(v) || v < 1) throw new TypeError(`${name} must be a positive integer, got ${String(value)}`);
    return v;
  };
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`port must be an integer from 0 to 65535, got ${String(options.port)}`);
  }
  const headersTimeoutMs = positive('headersTimeoutMs', options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS);
  const requestTimeoutMs = positive('requestTimeoutMs', options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new TypeError(`headersTimeoutMs (${headersTimeoutMs}) must not exceed requestTimeoutMs (${requestTimeoutMs}): the headers are part of the request`);
  }
  return {
    host: options.host ?? DEFAULT_HOST,
    port,
    adminToken: options.adminToken,
    corsOrigins: options.corsOrigins ?? [],
    debug: options.debug ?? false,
    introspection: introspectionPolicy(options.introspection),
    bodyLimit: positive('bodyLimit', options.bodyLimit, DEFAULT_BODY_LIMIT),
    importLimit: positive('importLimit', options.importLimit, DEFAULT_IMPORT_LIMIT),
    maxDepth: positive('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH),
    documentCacheSize: positive('documentCacheSize', options.documentCacheSize, DEFAULT_DOCUMENT_CACHE_SIZE),
    maxConnections: positive('maxConnections', options.maxConnections, DEFAULT_MAX_CONNECTIONS),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: positive('keepAliveTimeoutMs', options.keepAliveTimeoutMs, DEFAULT_KEEP_ALIVE_TIMEOUT_MS),
    maxSubscriptionsPerConnection: positive(
      'maxSubscriptionsPerConnection', options.maxSubscriptionsPerConnection, DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    ),
    maxWebSocketConnections: positive('maxWebSocketConnections', options.maxWebSocketConnections, DEFAULT_MAX_WEBSOCKET_CONNECTIONS),
    webSocketKeepAliveMs: positive('webSocketKeepAliveMs', options.webSocketKeepAliveMs, DEFAULT_WEBSOCKET_KEEPALIVE_MS),
    logger: options.logger ?? jsonLogger(),
    metrics: options.metrics ?? new AuthlineMetrics(),
    ...resolveRequestLimits(options),
  };
}

function introspectionPolicy(value: IntrospectionPolicy | undefined): IntrospectionPolicy {
  if (value === undefined) return 'open';
  if (!INTROSPECTION_POLICIES.includes(value)) {
    throw new TypeError(`introspection must be one of ${INTROSPECTION_POLICIES.join(', ')}, got ${String(value)}`);
  }
  return value;
}
