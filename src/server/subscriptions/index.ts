/**
 * GraphQL subscriptions over WebSocket, on the same `/graphql` URL as
 * queries: an upgrade request there is answered with whichever of the two
 * subprotocols clients speak it asks for (`graphql-transport-ws` first,
 * then the legacy `graphql-ws`). Before upgrading, the request is refused
 * with a plain HTTP answer (JSON body with a code, as /graphql's other
 * errors) when no schema is served yet, when the process already holds
 * its maximum of connections, when the browser origin is not allowed (the
 * same allow-list as CORS), or when it asks for neither subprotocol.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthlineService, LoadedSchema } from '../../engine/types.js';
import type { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { LEGACY_WS_PROTOCOL, serveLegacyWs } from './legacy-ws.js';
import { CLOSE, Session, type SessionOptions } from './session.js';
import { TRANSPORT_WS_PROTOCOL, serveTransportWs } from './transport-ws.js';

export interface SubscriptionOptions extends SessionOptions {
  /** Open WebSocket connections this process accepts at most. */
  readonly maxConnections: number;
  readonly keepAliveMs: number;
  /** Largest message a client may send, in bytes (the body limit of /graphql). */
  readonly maxMessageBytes: number;
  readonly corsOrigins: readonly string[];
  readonly logger: Logger;
}

export interface Subscriptions {
  /** Open connections now. */
  readonly connections: number;
  /** Ends every connection (complete, then close 1001 with the reason) and stops accepting new ones. */
  close(reason: string): void;
}

export function serveSubscriptions(server: Server, service: AuthlineService, options: SubscriptionOptions): Subscriptions {
  const sessions = new Set<Session>();
  let closing = false;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    handleProtocols: (offered) => chooseProtocol(offered) ?? false,
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Closing: the listener is closed, so only a kept-alive HTTP connection can still ask; it is cut.
    if (closing) return void socket.destroy();
    const refusal = refusalOf(request, service.current(), sessions.size, options);
    if (refusal) {
      options.logger.info('websocket refused', { status: refusal.status, code: refusal.code });
      refuse(socket, refusal.status, refusal.code, refusal.message);
      return;
    }
    const schema = service.current() as LoadedSchema;
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const open = (onEnd: (code: number, reason: string) => void) => {
        const session = new Session(schema, request, options, onEnd);
        sessions.add(session);
        ws.once('close', () => sessions.delete(session));
        return session;
      };
      ws.on('error', () => ws.terminate());
      if (ws.protocol === TRANSPORT_WS_PROTOCOL) serveTransportWs(ws, request, open, options);
      else serveLegacyWs(ws, request, open, options);
    });
  });

  return {
    get connections() {
      return sessions.size;
    },
    close(reason) {
      closing = true;
      for (const session of [...sessions]) session.end(CLOSE.goingAway, reason);
    },
  };
}

function chooseProtocol(offered: ReadonlySet<string>): string | undefined {
  if (offered.has(TRANSPORT_WS_PROTOCOL)) return TRANSPORT_WS_PROTOCOL;
  if (offered.has(LEGACY_WS_PROTOCOL)) return LEGACY_WS_PROTOCOL;
  return undefined;
}

interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
}

function refusalOf(request: IncomingMessage, schema: LoadedSchema | null, connections: number, options: SubscriptionOptions): Refusal | undefined {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path !== '/graphql') return { status: 404, code: 'NOT_FOUND', message: `WebSocket connections are served at /graphql, not ${path}.` };
  const offered = new Set((request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()));
  if (chooseProtocol(offered) === undefined) {
    return {
      status: 400,
      code: 'SUBPROTOCOL_REQUIRED',
      message: `Ask for the WebSocket subprotocol ${TRANSPORT_WS_PROTOCOL} (graphql-ws) or ${LEGACY_WS_PROTOCOL} (subscriptions-transport-ws).`,
    };
  }
  if (!schema) return { status: 503, code: 'SCHEMA_MISSING', message: "There's no GraphQL schema yet: upload one to /admin/schema." };
  const origin = request.headers.origin;
  const allowed = new Set([...schema.allowOrigins, ...options.corsOrigins]);
  if (origin !== undefined && allowed.size > 0 && !allowed.has('*') && !allowed.has(origin)) {
    return { status: 403, code: 'FORBIDDEN', message: `Origin ${origin} may not open WebSocket connections here.` };
  }
  if (connections >= options.maxConnections) {
    return {
      status: 503,
      code: 'TOO_MANY_CONNECTIONS',
      message: `This server holds its maximum of ${options.maxConnections} WebSocket connections (--max-ws-connections); try again later.`,
    };
  }
  return undefined;
}

/** An HTTP answer on the raw socket: the upgrade never happened. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  // Closed for good once written: the server no longer tracks the socket, so nothing else would.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
