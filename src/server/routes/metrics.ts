/**
 * GET /metrics: the app's metrics in Prometheus's text format, for scrapers.
 * Guarded like /admin (the admin token, or loopback without one): counts by
 * type and route describe the deployment to whoever reads them.
 */
import type { AuthlineService } from '../../engine/types.js';
import type { AuthlineMetrics } from '../metrics.js';
import type { AuthlineMiddleware } from '../state.js';

export function metricsRoute(metrics: AuthlineMetrics, service: AuthlineService): AuthlineMiddleware {
  return async function scrape(ctx) {
    const text = await metrics.scrape(service.current()?.version ?? 0);
    ctx.status = 200;
    ctx.type = metrics.contentType;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = text;
  };
}
