/**
 * GET /health, for load balancers and people: 200 while the store answers
 * (with or without a schema: processes sharing a store receive schemas from
 * it), 503 when it does not. The body says which schema version is served
 * and, with JWK URLs, whether their keys arrived: a provider that is down
 * makes the status "degraded" (its tokens are refused) but keeps the 200,
 * since taking this process out of the balancer would not bring the keys.
 */
import type { AuthlineService } from '../../engine/types.js';
import type { AuthlineMiddleware } from '../state.js';

export function health(service: AuthlineService): AuthlineMiddleware {
  return async function reportHealth(ctx) {
    const { schema, store } = await service.health();
    ctx.status = store.reachable ? 200 : 503;
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-store');
    const keysMissing = schema.jwks?.some((url) => url.state === 'unavailable') ?? false;
    ctx.body = JSON.stringify({
      status: !store.reachable ? 'unavailable' : keysMissing ? 'degraded' : 'ok',
      schema,
      store: { reachable: store.reachable, description: withoutPassword(store.description) },
    });
  };
}

/** /health is public: a connection string's password must not leak through it. */
function withoutPassword(description: string): string {
  return description.replace(/(\/\/[^/:@\s]*:)[^@/\s]*@/g, '$1***@');
}
