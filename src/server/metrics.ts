/**
 * Prometheus metrics, one registry per app so that two apps in one process
 * never share a counter. The stages below the server only report what they
 * see through their observer interfaces (engine, verifier, store); this is
 * where those reports become metrics. Labels are bounded: routes are the
 * router's patterns, operations are GraphQL's three kinds or @auth's five,
 * types come from the schema, reasons are the verifier's error codes, URLs
 * are the auth line's JWK URLs.
 *
 * Node's own process metrics (CPU, memory, event loop, GC) describe the
 * process, not an app: they are collected once per process and appended to
 * every app's scrape.
 */
import type { Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineObserver, TokenOutcomeKind } from '../engine/observer.js';
import type { AuthOperation } from '../rules/policy.js';
import type { StoreObserver } from '../store/observer.js';

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class AuthlineMetrics implements EngineObserver, StoreObserver {
  readonly #registry = new Registry();
  readonly #requests = new Counter({
    name: 'authline_requests_total',
    help: 'HTTP requests answered, by route pattern, status and GraphQL operation type ("" when none was read).',
    labelNames: ['route', 'status', 'operation'] as const,
    registers: [this.#registry],
  });
  readonly #requestSeconds = new Histogram({
    name: 'authline_request_duration_seconds',
    help: 'Time from a request arriving to its answer, by route pattern and GraphQL operation type.',
    labelNames: ['route', 'operation'] as const,
    registers: [this.#registry],
  });
  readonly #tokens = new Counter({
    name: 'authline_auth_tokens_total',
    help: "Tokens read from /graphql requests to a schema with an auth line: absent, valid, or invalid with the verifier's reason code.",
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.#registry],
  });
  readonly #denials = new Counter({
    name: 'authline_auth_denials_total',
    help: 'Requests refused a type for an @auth operation (its token refused the root field, or the rules deny the type to its claims); once per request, type and operation.',
    labelNames: ['type', 'operation'] as const,
    registers: [this.#registry],
  });
  readonly #jwksFetches = new Counter({
    name: 'authline_jwks_fetches_total',
    help: "Fetches of the auth line's key sets (a JWK URL, or an OIDC issuer's discovery URL), by URL and result (ok or error).",
    labelNames: ['url', 'result'] as const,
    registers: [this.#registry],
  });
  readonly #tokenCacheHits = new Counter({
    name: 'authline_token_cache_hits_total',
    help: 'Tokens answered from the cache of verified tokens, without a signature check.',
    registers: [this.#registry],
  });
  readonly #statements = new Counter({
    name: 'authline_sql_statements_total',
    help: 'SQL statements authline sent to the database, by result (ok or error).',
    labelNames: ['result'] as const,
    registers: [this.#registry],
  });
  readonly #statementSeconds = new Histogram({
    name: 'authline_sql_duration_seconds',
    help: 'Time each SQL statement took, from sending it to its answer.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.#registry],
  });
  readonly #answers = new Counter({
    name: 'authline_graphql_answers_total',
    help: "GraphQL operations over HTTP answered, by how: 'text' (written from the database's JSON text) or 'graphql-js' (executed the general way).",
    labelNames: ['by'] as const,
    registers: [this.#registry],
  });
  readonly #schemaVersion = new Gauge({
    name: 'authline_schema_version',
    help: 'Version of the schema being served (0 before the first upload).',
    registers: [this.#registry],
  });
  readonly #schemaSwaps = new Counter({
    name: 'authline_schema_swaps_total',
    help: 'Schemas that began serving: uploaded to this process, or stored by another one (or found at start).',
    labelNames: ['source'] as const,
    registers: [this.#registry],
  });
  readonly #openConnections = new Gauge({
    name: 'authline_open_connections',
    help: 'HTTP connections open now.',
    registers: [this.#registry],
  });

  constructor() {
    processMetrics();
  }

  /** The text /metrics answers: this app's metrics, then the process's. */
  async scrape(schemaVersion: number): Promise<string> {
    this.#schemaVersion.set(schemaVersion);
    const [app, node] = await Promise.all([this.#registry.metrics(), processMetrics().metrics()]);
    return `${app}\n${node}`;
  }

  /** The Content-Type of `scrape()`'s text. */
  get contentType(): string {
    return this.#registry.contentType;
  }

  /** Counts `server`'s open connections (startServer does this; call it for a server you listen with yourself). */
  trackConnections(server: Server): void {
    server.on('connection', (socket) => {
      this.#openConnections.inc();
      socket.once('close', () => this.#openConnections.dec());
    });
  }

  /** One answered request: `route` is the router's pattern, never the raw path. */
  requestAnswered(route: string, status: number, operation: string, seconds: number): void {
    this.#requests.inc({ route, status: String(status), operation });
    this.#requestSeconds.observe({ route, operation }, seconds);
  }

  tokenRead(outcome: TokenOutcomeKind, code?: string): void {
    this.#tokens.inc({ outcome, reason: code ?? '' });
  }

  accessDenied(type: string, operation: AuthOperation): void {
    this.#denials.inc({ type, operation });
  }

  operationAnswered(by: 'text' | 'graphql-js'): void {
    this.#answers.inc({ by });
  }

  schemaSwapped(_version: number, source: 'upload' | 'store'): void {
    this.#schemaSwaps.inc({ source });
  }

  tokenCacheHit(): void {
    this.#tokenCacheHits.inc();
  }

  jwksFetched(url: string, result: 'ok' | 'error'): void {
    this.#jwksFetches.inc({ url, result });
  }

  statementDone(seconds: number, result: 'ok' | 'error'): void {
    this.#statements.inc({ result });
    this.#statementSeconds.observe(seconds);
  }
}
