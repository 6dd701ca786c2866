/**
 * The legacy `graphql-ws` subprotocol of subscriptions-transport-ws (Apollo
 * Client 2, older urql and Dgraph's own examples). Its only server library
 * is that package, unmaintained since 2021 and tied to `ws` 7, so its small
 * message set is served here, message for message as its server sent them:
 *
 *   client → server: connection_init {payload}, start {id, payload},
 *                    stop {id}, connection_terminate
 *   server → client: connection_ack, connection_error {payload}, ka,
 *                    data {id, payload}, error {id, payload}, complete {id}
 *
 * The session does the rest, as for graphql-transport-ws: a refused token
 * is answered with connection_error (the verifier's message) and a 4403
 * close; the keep-alive `ka` follows the ack and every ping after it (the
 * client drops a connection that stops sending them).
 */
import type { ExecutionResult } from 'graphql';
import { CLOSE, type ServeProtocol } from './session.js';
import { closeWith, keepAlive, send } from './socket.js';

export const LEGACY_WS_PROTOCOL = 'graphql-ws';

/** As graphql-ws, a client that does not initialise within 3 s is closed. */
const INIT_TIMEOUT_MS = 3000;

interface LegacyMessage {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly payload?: unknown;
}

/** A `start` not yet running (its operation is being prepared), so that a `stop` meanwhile is not lost. */
const PREPARING = Symbol('preparing');
type Running = AsyncIterableIterator<ExecutionResult> | { readonly [PREPARING]: true };

export const serveLegacyWs: ServeProtocol = (socket, _upgrade, session, options) => {
  const operations = new Map<string, Running>();
  let initReceived = false;
  /** The init being verified: a `start` sent right after it (clients do not wait for the ack) waits for it. */
  let initialised: Promise<unknown> = Promise.resolve();
  const current = session((code, reason) => {
    for (const id of operations.keys()) void send(socket, { id, type: 'complete' });
    stopAll();
    closeWith(socket, code, reason);
  });
  const initTimeout = setTimeout(() => {
    if (!initReceived) closeWith(socket, CLOSE.connectionInitTimeout, 'Connection initialisation timeout');
  }, INIT_TIMEOUT_MS);
  initTimeout.unref();

  const stopAll = () => {
    for (const running of operations.values()) if (!(PREPARING in running)) void running.return?.();
    operations.clear();
  };

  const initialise = async (payload: unknown) => {
    if (initReceived) return closeWith(socket, CLOSE.tooManyInits, 'Too many initialisation requests');
    initReceived = true;
    clearTimeout(initTimeout);
    const refusal = await current.accept(payload);
    if (refusal !== undefined) {
      await send(socket, { type: 'connection_error', payload: { message: refusal } });
      return closeWith(socket, CLOSE.forbidden, refusal);
    }
    await send(socket, { type: 'connection_ack' });
    await send(socket, { type: 'ka' });
    keepAlive(socket, options.keepAliveMs, () => void send(socket, { type: 'ka' }));
  };

  const start = async (id: string, payload: unknown) => {
    const params = payload as { query?: unknown; variables?: unknown; operationName?: unknown } | null;
    if (typeof params !== 'object' || params === null || typeof params.query !== 'string') {
      return send(socket, { id, type: 'error', payload: [{ message: 'start needs a payload with a query' }] });
    }
    // A start for an id in use replaces that operation, as the original server did.
    const previous = operations.get(id);
    if (previous && !(PREPARING in previous)) void previous.return?.();
    const marker = { [PREPARING]: true } as const;
    operations.set(id, marker);
    const started = await current.start(
      {
        query: params.query,
        variables: isObject(params.variables) ? params.variables : undefined,
        operationName: typeof params.operationName === 'string' ? params.operationName : undefined,
      },
      operations.size,
    );
    if (operations.get(id) !== marker) {
      // Stopped (or replaced) while it was being prepared.
      void started.results?.return?.();
      return;
    }
    if (started.errors) {
      operations.delete(id);
      return send(socket, { id, type: 'error', payload: started.errors.map((error) => error.toJSON()) });
    }
    const results = started.results;
    operations.set(id, results);
    try {
      for await (const result of results) {
        if (operations.get(id) !== results) break;
        await send(socket, { id, type: 'data', payload: result });
      }
    } catch {
      if (operations.get(id) === results) {
        operations.delete(id);
        await send(socket, { id, type: 'error', payload: [{ message: 'Internal server error' }] });
      }
      return;
    }
    if (operations.get(id) === results) {
      operations.delete(id);
      await send(socket, { id, type: 'complete' });
    }
  };

  const handle = async (text: string) => {
    let message: LegacyMessage;
    try {
      message = JSON.parse(text) as LegacyMessage;
    } catch {
      return send(socket, { type: 'error', payload: { message: 'Message must be JSON-parseable.' } });
    }
    if (!isObject(message)) return send(socket, { type: 'error', payload: { message: 'Message must be a JSON object.' } });
    const id = typeof message.id === 'string' || typeof message.id === 'number' ? String(message.id) : undefined;
    switch (message.type) {
      case 'connection_init':
        initialised = initialise(message.payload);
        return initialised;
      case 'start':
        if (id === undefined) return send(socket, { type: 'error', payload: { message: 'start needs an id' } });
        await initialised;
        if (!current.accepted) return send(socket, { id, type: 'error', payload: [{ message: 'connection_init must come first' }] });
        return start(id, message.payload);
      case 'stop': {
        if (id === undefined) return;
        const running = operations.get(id);
        operations.delete(id);
        if (running && !(PREPARING in running)) await running.return?.();
        return;
      }
      case 'connection_terminate':
        return closeWith(socket, 1000, 'connection_terminate');
      default:
        return send(socket, { ...(id === undefined ? {} : { id }), type: 'error', payload: { message: 'Invalid message type!' } });
    }
  };

  socket.on('message', (data) => {
    handle(String(data)).catch(() => closeWith(socket, CLOSE.internalError, 'Internal server error'));
  });
  socket.once('close', () => {
    clearTimeout(initTimeout);
    current.dispose();
    stopAll();
  });
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
