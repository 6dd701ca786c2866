/**
 * The HTTP face of authline: Koa with
 *   /graphql        GraphQL over HTTP (GET, POST), GraphiQL for browsers;
 *                   subscriptions over WebSocket (startServer)
 *   /graphiql/*     GraphiQL's scripts and stylesheet (served here: no CDN)
 *   /admin/schema   GET the served schema, POST a new one (admin)
 *   /admin/import   POST Dgraph data: an export in RDF or JSON, or JSON mutation data (admin)
 *   /health         store reachable? schema version?
 *   /metrics        Prometheus metrics (admin)
 * Each concern is one small middleware; docs/http.md describes the whole.
 */
import { once } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import type { AuthlineService } from '../engine/types.js';
import { limitedServer } from './connection-limits.js';
import { adminAuth } from './middleware/admin-auth.js';
import { readBody } from './middleware/body.js';
import { cors } from './middleware/cors.js';
import { errorHandler } from './middleware/errors.js';
import { requestLog } from './middleware/request-log.js';
import { requestMetrics } from './middleware/request-metrics.js';
import { requireSchema, takeSchema } from './middleware/schema.js';
import { resolveServerOptions } from './options.js';
import type { ResolvedServerOptions, ServerOptions } from './options.js';
import { postImport } from './routes/admin-import.js';
import { getSchema, postSchema } from './routes/admin-schema.js';
import { graphiql, graphiqlAsset } from './routes/graphiql.js';
import { graphqlRoute } from './routes/graphql.js';
import { health } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { depthLimit } from './graphql/depth-limit.js';
import { DocumentCache } from './graphql/document-cache.js';
import { serveSubscriptions } from './subscriptions/index.js';
import type { AuthlineState } from './state.js';

export type { ServerOptions } from './options.js';
export {
  DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_HOST, DEFAULT_KEEP_ALIVE_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  DEFAULT_MAX_WEBSOCKET_CONNECTIONS, DEFAULT_PORT, DEFAULT_REQUEST_TIMEOUT_MS,
} from './options.js';
export { INTROSPECTION_POLICIES, type IntrospectionPolicy } from './graphql/introspection.js';
export type { Logger, LogFields } from './logger.js';
export { jsonLogger } from './logger.js';
export { tickBatched } from './tick-batched.js';
export { ADMIN_TOKEN_HEADER } from './middleware/admin-auth.js';
export { AuthlineMetrics } from './metrics.js';

/** Builds the Koa application serving `service`. The caller owns the service (and closes it). */
export function createApp(service: AuthlineService, options: ServerOptions = {}): Koa<AuthlineState> {
  return buildApp(service, resolveServerOptions(options));
}

function buildApp(service: AuthlineService, o: ResolvedServerOptions): Koa<AuthlineState> {
  const app = new Koa<AuthlineState>();
  // Errors are answered and logged by errorHandler; Koa's own stderr printing would duplicate them.
  app.silent = true;

  const router = new Router<AuthlineState>();
  const admin = adminAuth(o.adminToken);
  router.all(
    '/graphql',
    takeSchema(service),
    cors(o.corsOrigins),
    graphiql(),
    requireSchema(),
    readBody(o.bodyLimit, '--body-limit'),
    graphqlRoute(o),
  );
  router.get('/graphiql/:hash/:name', graphiqlAsset());
  router.get('/admin/schema', admin, getSchema(service, { redact: o.adminToken === undefined }));
  router.post('/admin/schema', admin, readBody(o.bodyLimit, '--body-limit'), postSchema(service));
  router.post('/admin/import', admin, postImport(service, o.importLimit));
  router.get('/health', health(service));
  router.get('/metrics', admin, metricsRoute(o.metrics, service));

  app.use(requestLog(o.logger));
  app.use(requestMetrics(o.metrics));
  app.use(errorHandler(o.logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8080` (GraphQL at `${url}/graphql`). */
  readonly url: string;
  /** Stops accepting connections, lets requests in flight finish, then closes the rest. Does not close the service. */
  close(): Promise<void>;
}

/** How long close() waits for requests in flight before cutting their connections. */
const CLOSE_GRACE_MS = 10_000;

export async function startServer(service: AuthlineService, options: ServerOptions = {}): Promise<RunningServer> {
  const o = resolveServerOptions(options);
  const server: Server = limitedServer(buildApp(service, o).callback(), o, o.logger);
  server.listen({ host: o.host, port: o.port });
  o.metrics.trackConnections(server);
  await once(server, 'listening');
  const subscriptions = serveSubscriptions(server, service, {
    debug: o.debug,
    introspection: o.introspection,
    documents: new DocumentCache([depthLimit(o.maxDepth)], o.documentCacheSize, o),
    limits: o,
    maxOperations: o.maxSubscriptionsPerConnection,
    maxConnections: o.maxWebSocketConnections,
    keepAliveMs: o.webSocketKeepAliveMs,
    maxMessageBytes: o.bodyLimit,
    corsOrigins: o.corsOrigins,
    logger: o.logger,
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  // A keep-alive connection that finishes its last request while closing
  // would otherwise hold close() until its idle timeout.
  server.on('request', (_req, res: ServerResponse) =>
    res.once('finish', () => closing && setImmediate(() => server.closeIdleConnections())),
  );
  return {
    url: `http://${host}:${port}`,
    close() {
      // Subscriptions never finish on their own: end them, with the reason, before waiting for requests.
      subscriptions.close('the server is shutting down');
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        server.close((err) => {
          clearTimeout(force);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
