/**
 * The headers a WebSocket connection's operations run with. Browsers cannot
 * set headers on a WebSocket, so clients put the token in the
 * connection-init payload under the schema's Header name, as Dgraph's
 * clients do (`{"X-My-App-Auth": "<jwt>"}`); Apollo-style clients nest them
 * (`{"headers": {...}}`) or send `Authorization: Bearer <jwt>`, which counts
 * as the schema's header when that one is not given. What the payload does
 * not name comes from the upgrade request's own headers (cookies included),
 * as Dgraph falls back to them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHeaders } from '../../engine/types.js';

export function connectionHeaders(payload: unknown, upgrade: IncomingHttpHeaders, authHeader: string | undefined): RequestHeaders {
  const fromPayload: Record<string, string> = {};
  const take = (source: unknown): void => {
    if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
    for (const [name, value] of Object.entries(source)) {
      if (typeof value === 'string') fromPayload[name.toLowerCase()] = value;
    }
  };
  take((payload as { headers?: unknown } | null)?.headers);
  take(payload);
  const header = authHeader?.toLowerCase();
  if (header !== undefined && fromPayload[header] === undefined && fromPayload.authorization !== undefined) {
    fromPayload[header] = fromPayload.authorization;
  }
  return { ...upgrade, ...fromPayload };
}
