/**
 * The remote ends of `@custom` and `@lambda`, real HTTP servers on
 * 127.0.0.1: a REST server, a GraphQL server (graphql-js), and a lambda
 * server speaking Dgraph's lambda protocol as dgraph-lambda does (a body
 * with `resolver`, `args` or `parents`, `authHeader`; `$webhook` events; a
 * `graphql` helper that calls back into authline's /graphql with the
 * caller's auth header). Each records what it received.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql as runGraphql } from 'graphql';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: any;
}

export interface Answer {
  readonly status?: number;
  readonly body?: unknown;
  /** Sent as is instead of `body` as JSON. */
  readonly text?: string;
  /** Milliseconds to wait before answering. */
  readonly delay?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** A JSON server: `answer` decides each reply from the request. */
export async function startJsonServer(answer: (request: Received) => Answer | Promise<Answer>): Promise<RunningServer> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: await readBody(req) };
      received.push(request);
      const reply = await answer(request);
      if (reply.delay) await new Promise((r) => setTimeout(r, reply.delay));
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(reply.text ?? JSON.stringify(reply.body));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A remote GraphQL endpoint at `/graphql` with graphql-js and root resolvers. */
export function startGraphqlServer(sdl: string, root: Record<string, unknown>): Promise<RunningServer> {
  const schema = buildSchema(sdl);
  return startJsonServer(async ({ body }) => ({
    body: await runGraphql({ schema, source: body.query, variableValues: body.variables, rootValue: root }),
  }));
}

/** What a lambda resolver gets, as dgraph-lambda hands it over. */
export interface LambdaCall {
  readonly args: any;
  readonly parents: any[] | undefined;
  readonly authHeader: { key: string; value: string } | undefined;
  /** dgraph-lambda's `graphql` helper: a request to authline's /graphql carrying the caller's auth header. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<any>;
}

export interface LambdaServer extends RunningServer {
  /** Webhook events received (`$webhook`), in order. */
  readonly events: any[];
}

/**
 * A lambda server: `resolvers` maps `Type.field` to a function; for fields
 * of types (called with `parents`) it answers one value per parent, as
 * dgraph-lambda's multi-parent resolvers do.
 */
export async function startLambdaServer(
  resolvers: Record<string, (call: LambdaCall) => unknown>,
  authlineUrl: () => string,
): Promise<LambdaServer> {
  const events: any[] = [];
  const server = await startJsonServer(async ({ body }) => {
    if (body.resolver === '$webhook') {
      events.push(body);
      return { body: null };
    }
    const resolver = resolvers[body.resolver];
    if (!resolver) return { status: 400, body: { errors: [{ message: `no resolver for ${body.resolver}` }] } };
    const authHeader = body.authHeader;
    const call: LambdaCall = {
      args: body.args,
      parents: body.parents,
      authHeader,
      graphql: async (query, variables) => {
        const res = await fetch(`${authlineUrl()}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authHeader?.key && authHeader.value ? { [authHeader.key]: authHeader.value } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return res.json();
      },
    };
    try {
      return { body: await resolver(call) };
    } catch (error) {
      return { status: 500, body: { errors: [{ message: (error as Error).message }] } };
    }
  });
  return { ...server, events };
}

/** A URL on 127.0.0.1 where nothing listens (a port just freed). */
export async function closedPortUrl(): Promise<string> {
  const server = await startJsonServer(() => ({ body: null }));
  await server.close();
  return `${server.url}/graphql`;
}
