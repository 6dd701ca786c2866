/**
 * What a client can hold of the server by connecting and staying quiet:
 * at most `maxConnections` connections, each for at most
 * `headersTimeoutMs` before its headers are in and `requestTimeoutMs` before
 * its whole request is (then Node answers 408 and closes it), and
 * `keepAliveTimeoutMs` idle between requests. A connection beyond the
 * limit is answered 503 (code TOO_MANY_CONNECTIONS) to its first request and
 * closed, or closed after REFUSAL_WAIT_MS if no request comes; past
 * REFUSAL_SLOTS more, connections are closed as they arrive. Refusals are
 * counted in a warning. So thousands of half-sent requests hold at most
 * `maxConnections` sockets for at most `headersTimeoutMs` each.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { ResolvedServerOptions } from './options.js';

/** How often Node checks connections against the header and request timeouts (its default, 30 s, would let them overstay). */
const CHECK_INTERVAL_MS = 1_000;
/** Connections beyond the limit that are still answered 503 rather than cut. */
const REFUSAL_SLOTS = 64;
/** How long a connection beyond the limit may take to send its request's headers. */
const REFUSAL_WAIT_MS = 1_000;
/** Refused connections are reported at most this often. */
const DROP_REPORT_MS = 10_000;

type Limits = Pick<ResolvedServerOptions, 'maxConnections' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>;

export const TOO_MANY_CONNECTIONS_MESSAGE = 'Too many connections: the server is at its connection limit (--max-connections); retry shortly.';

export function limitedServer(listener: RequestListener, limits: Limits, logger: Logger): Server {
  const overLimit = new WeakSet<Socket>();
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, limits.headersTimeoutMs),
    },
    (req, res) => {
      if (!overLimit.has(req.socket)) return listener(req, res);
      res.shouldKeepAlive = false;
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message: TOO_MANY_CONNECTIONS_MESSAGE, extensions: { code: 'TOO_MANY_CONNECTIONS' satisfies ErrorCode } }] }));
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections + REFUSAL_SLOTS;
  let open = 0;
  let refused = 0;
  let reported = 0;
  const refusal = (): void => {
    refused += 1;
    const now = Date.now();
    if (now - reported < DROP_REPORT_MS) return;
    reported = now;
    logger.warn('connections refused: at the connection limit', {
      maxConnections: limits.maxConnections,
      refusedSinceLastReport: refused,
      hint: 'raise --max-connections, or shorten --headers-timeout if idle clients hold them',
    });
    refused = 0;
  };
  server.on('connection', (socket: Socket) => {
    open += 1;
    socket.once('close', () => (open -= 1));
    if (open <= limits.maxConnections) return;
    overLimit.add(socket);
    socket.setTimeout(REFUSAL_WAIT_MS, () => socket.destroy());
    refusal();
  });
  server.on('drop', refusal);
  return server;
}
