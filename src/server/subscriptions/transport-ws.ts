/**
 * The `graphql-transport-ws` subprotocol (the graphql-ws library's; current
 * Apollo Client, urql, Relay), served by graphql-ws's own protocol engine
 * (`makeServer`) over our `ws` socket. The session decides: a refused token
 * closes with 4403 and the verifier's message (graphql-ws's own refusal
 * would only say "Forbidden"); each operation is started by the session,
 * and graphql-ws streams its results (`next`), errors and `complete`.
 */
import { makeServer, type Context } from 'graphql-ws';
import type { ExecutionArgs } from 'graphql';
import { CLOSE, type ServeProtocol, type StartedOperation } from './session.js';
import { closeWith, keepAlive, send } from './socket.js';
import { markBigInt, unmarkBigInts } from '../exact-json.js';

export const TRANSPORT_WS_PROTOCOL = 'graphql-transport-ws';

type Started = Extract<StartedOperation, { results: unknown }>;

/** The operation's results ride to graphql-ws's execute/subscribe hooks in the context value. */
const resultsOf = (args: ExecutionArgs) => (args.contextValue as Started).results;

export const serveTransportWs: ServeProtocol = (socket, upgrade, session, options) => {
  let context: Context | undefined;
  const current = session((code, reason) => {
    // Complete every running operation, then close: the client learns why from the close frame.
    for (const id of Object.keys(context?.subscriptions ?? {})) void send(socket, { id, type: 'complete' });
    closeWith(socket, code, reason);
  });
  const server = makeServer({
    schema: current.schema.schema,
    execute: resultsOf,
    jsonMessageReplacer: markBigInt,
    subscribe: resultsOf,
    onConnect: async (ctx) => {
      context = ctx;
      const refusal = await current.accept(ctx.connectionParams);
      if (refusal === undefined) return true;
      closeWith(socket, CLOSE.forbidden, refusal);
      return false;
    },
    onSubscribe: async (ctx, _id, payload) => {
      const started = await current.start(payload, Object.keys(ctx.subscriptions).length);
      if (started.errors) return [...started.errors];
      return { schema: current.schema.schema, document: started.document, operationName: payload.operationName, contextValue: started };
    },
  });
  const closed = server.opened(
    {
      protocol: socket.protocol,
      send: (data) => (socket.readyState === socket.OPEN ? new Promise((resolve) => socket.send(unmarkBigInts(data), () => resolve())) : undefined),
      close: (code, reason) => closeWith(socket, code ?? 1000, reason ?? ''),
      onMessage: (handle) => {
        socket.on('message', (data) => {
          handle(String(data)).catch(() => closeWith(socket, CLOSE.internalError, 'Internal server error'));
        });
      },
    },
    { socket, request: upgrade },
  );
  keepAlive(socket, options.keepAliveMs);
  socket.once('close', (code, reason) => {
    current.dispose();
    void closed(code, String(reason));
  });
};
