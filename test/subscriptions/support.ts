/**
 * Subscriptions end to end: a real authline (store, engine, HTTP and
 * WebSocket server on 127.0.0.1) and the two real client libraries,
 * graphql-ws (graphql-transport-ws) and subscriptions-transport-ws (the
 * legacy graphql-ws subprotocol), each result a subscriber receives kept in
 * order with a way to wait for the next one.
 */
import { createClient, type Client } from 'graphql-ws';
import { SubscriptionClient } from 'subscriptions-transport-ws';
import WebSocket from 'ws';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';
import { openStore, type StoreOptions } from '../../src/store/index.js';

export { token, NAMESPACE, SECRET } from '../engine/support.js';
import { NAMESPACE, SECRET } from '../engine/support.js';

export const HEADER = 'X-Auth';

export function authLine(extra = ''): string {
  return `# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"${HEADER}","Namespace":"${NAMESPACE}","Algo":"HS256"${extra}}`;
}

/** Notes: an ADMIN reads all; anyone else the notes they own (a graph rule on their claims). */
export const NOTES = `
type Note @withSubscription @auth(query: { or: [
  { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  { rule: "query($USER: String!) { queryNote(filter: { owner: { eq: $USER } }) { id } }" }
] }) {
  id: ID!
  owner: String! @search(by: [hash])
  text: String! @search(by: [hash])
}
`;

export interface Authline {
  readonly service: AuthlineService;
  readonly server: RunningServer;
  readonly url: string;
  readonly wsUrl: string;
  /** POST /graphql with the token in the schema's header. */
  post(query: string, token?: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: { message: string }[] }>;
  close(): Promise<void>;
}

export async function startAuthline(
  sdl: string,
  options: { store?: StoreOptions; server?: ServerOptions; upload?: boolean } = {},
): Promise<Authline> {
  const service = await createService({ store: await openStore(options.store ?? {}) });
  if (options.upload !== false) await service.uploadSchema(sdl);
  const server = await startServer(service, { host: '127.0.0.1', port: 0, logger: silent, ...options.server });
  const url = server.url;
  return {
    service,
    server,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
    async post(query, token, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [HEADER]: token } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    },
    async close() {
      await server.close();
      await service.close();
    },
  };
}

const silent = { info() {}, warn() {}, error() {} };

/** What a subscriber receives, in order; `next()` waits for one not yet taken. */
export class Received {
  readonly results: unknown[] = [];
  error: unknown;
  completed = false;
  #taken = 0;
  #waiters: (() => void)[] = [];

  push(result: unknown): void {
    this.results.push(result);
    this.#wake();
  }

  fail(error: unknown): void {
    this.error = error;
    this.#wake();
  }

  complete(): void {
    this.completed = true;
    this.#wake();
  }

  /** The next result, within `ms`; throws if none comes (or the subscription ended). */
  async next(ms = 3000): Promise<unknown> {
    const deadline = Date.now() + ms;
    while (this.results.length <= this.#taken) {
      if (this.error !== undefined || this.completed) {
        throw new Error(`no more results: ${this.completed ? 'completed' : `error ${JSON.stringify(this.error)}`}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no result within ${ms} ms (had ${JSON.stringify(this.results)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.results[this.#taken++];
  }

  /** Waits until the subscription ends (complete or error), within `ms`. */
  async ended(ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.error === undefined && !this.completed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`not ended within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Results not yet taken. */
  get pending(): number {
    return this.results.length - this.#taken;
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

export type Protocol = 'graphql-transport-ws' | 'graphql-ws';
export const PROTOCOLS: readonly Protocol[] = ['graphql-transport-ws', 'graphql-ws'];

export interface Subscriber {
  readonly received: Received;
  /** The WebSocket close (code and reason), once the server closed the connection. */
  closed(): Promise<{ code: number; reason: string }>;
  /** Completes the subscription from the client side, and closes the connection. */
  stop(): Promise<void>;
}

/** Subscribes with the client library of `protocol`, the token in the connection-init payload. */
export function subscribe(
  protocol: Protocol,
  wsUrl: string,
  query: string,
  connectionParams: Record<string, unknown> = {},
  variables?: Record<string, unknown>,
): Subscriber {
  const received = new Received();
  let resolveClosed!: (close: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  if (protocol === 'graphql-transport-ws') {
    const client: Client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
      on: { closed: (event) => resolveClosed(closeOf(event)) },
    });
    const dispose = client.subscribe(
      { query, variables },
      { next: (value) => received.push(value), error: (error) => received.fail(isCloseEvent(error) ? closeOf(error) : error), complete: () => received.complete() },
    );
    return {
      received,
      closed: () => closed,
      async stop() {
        dispose();
        await client.dispose();
      },
    };
  }
  const client = new SubscriptionClient(wsUrl, { connectionParams, reconnect: false, lazy: false }, WebSocket);
  // The legacy client does not report the close frame: watch its socket.
  const socket = (client as unknown as { client: WebSocket }).client;
  socket.on('close', (code: number, reason: Buffer) => {
    // Once the server has closed the connection the legacy client keeps its keep-alive check
    // (armed by our `ka` messages) running for good, which would hold the test process open.
    clearInterval((client as unknown as { checkConnectionIntervalId?: NodeJS.Timeout }).checkConnectionIntervalId);
    resolveClosed({ code, reason: reason.toString() });
  });
  const subscription = client.request({ query, variables }).subscribe({
    next: (value) => received.push(value),
    error: (error) => received.fail(error),
    complete: () => received.complete(),
  });
  return {
    received,
    closed: () => closed,
    async stop() {
      subscription.unsubscribe();
      client.close();
    },
  };
}

/** graphql-ws reports a closed socket as its close event, and an `error` message as the server's GraphQL errors. */
function isCloseEvent(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

function closeOf(event: unknown): { code: number; reason: string } {
  const { code, reason } = event as { code: number; reason: string | Buffer };
  return { code, reason: String(reason) };
}
