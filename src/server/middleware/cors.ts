/**
 * CORS for /graphql, as Dgraph does it and a little safer. The allow-list is
 * the schema's `# Dgraph.Allow-Origin` lines plus the `--cors-origin` flag:
 *   - a listed origin is echoed, with credentials (cookies) allowed;
 *   - an unlisted one gets no CORS headers, so the browser withholds the answer;
 *   - no list at all (or `*` in it) allows every origin without credentials:
 *     Dgraph sends `*` with credentials, which browsers refuse to combine, so
 *     the effect is the same and the header is honest.
 * Allowed request headers are Dgraph's list plus the schema's auth Header,
 * which is why the middleware is rebuilt when the schema changes.
 */
import koaCors from '@koa/cors';
import type { LoadedSchema } from '../../engine/types.js';
import type { AuthlineMiddleware } from '../state.js';

/** Dgraph's `x.AccessControlAllowedHeaders`. */
const DGRAPH_ALLOWED_HEADERS = [
  'X-Dgraph-AccessToken',
  'X-Dgraph-AuthToken',
  'Content-Type',
  'Content-Length',
  'Accept-Encoding',
  'Cache-Control',
  'X-CSRF-Token',
  'X-Auth-Token',
  'X-Requested-With',
];

export function cors(flagOrigins: readonly string[]): AuthlineMiddleware {
  const withoutSchema = corsFor(null, flagOrigins);
  const perSchema = new WeakMap<LoadedSchema, AuthlineMiddleware>();
  return function corsForSchema(ctx, next) {
    const schema = ctx.state.schema ?? null;
    if (!schema) return withoutSchema(ctx, next);
    let middleware = perSchema.get(schema);
    if (!middleware) {
      middleware = corsFor(schema, flagOrigins);
      perSchema.set(schema, middleware);
    }
    return middleware(ctx, next);
  };
}

function corsFor(schema: LoadedSchema | null, flagOrigins: readonly string[]): AuthlineMiddleware {
  const origins = new Set([...(schema?.allowOrigins ?? []), ...flagOrigins]);
  const anyOrigin = origins.size === 0 || origins.has('*');
  return koaCors({
    origin: anyOrigin ? '*' : (ctx) => (origins.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    credentials: !anyOrigin,
    allowMethods: ['GET', 'POST'],
    allowHeaders: schema?.auth ? [...DGRAPH_ALLOWED_HEADERS, schema.auth.header] : DGRAPH_ALLOWED_HEADERS,
    exposeHeaders: ['X-Request-Id'],
  }) as AuthlineMiddleware;
}
