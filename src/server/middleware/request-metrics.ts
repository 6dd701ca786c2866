/**
 * Counts and times every answered request for the metrics, by the route
 * pattern the router matched (never the raw path, which a client chooses)
 * and, for GraphQL, the operation type the request ran.
 */
import type { AuthlineMetrics } from '../metrics.js';
import type { AuthlineMiddleware } from '../state.js';

/** The label of requests no route matched (404s, whatever their path). */
const UNMATCHED = 'unmatched';

export function requestMetrics(metrics: AuthlineMetrics): AuthlineMiddleware {
  return async function countRequest(ctx, next) {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const route = typeof matched === 'string' ? matched : UNMATCHED;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requestAnswered(route, ctx.status, ctx.state.operation ?? '', seconds);
    }
  };
}
