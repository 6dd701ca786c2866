/**
 * The one place a request picks its schema. Everything after it (CORS,
 * GraphiQL, validation, execution) uses `ctx.state.schema`, so an upload
 * that lands mid-request never mixes two schemas in one answer.
 */
import type { AuthlineService } from '../../engine/types.js';
import { respondWithError } from '../errors.js';
import type { AuthlineMiddleware } from '../state.js';

export function takeSchema(service: AuthlineService): AuthlineMiddleware {
  return function pinSchema(ctx, next) {
    ctx.state.schema = service.current();
    return next();
  };
}

/** Before the first upload /graphql has nothing to serve: say how to give it something. */
export function requireSchema(): AuthlineMiddleware {
  return async function noSchema(ctx, next) {
    if (ctx.state.schema) return next();
    const admin = `${ctx.protocol}://${ctx.host}/admin/schema`;
    respondWithError(
      ctx,
      503,
      'SCHEMA_MISSING',
      `There's no GraphQL schema yet. Upload one: curl --data-binary @schema.graphql ${admin} (or start with: authline serve schema.graphql).`,
    );
  };
}
