/**
 * /graphql: the GraphQL-over-HTTP protocol is graphql-http's (methods, media
 * types, status codes, mutations refused over GET); this file adapts it to
 * Koa and wires its hooks to the engine. Beyond the spec, `POST` with
 * `Content-Type: application/graphql` (the query as the body) is accepted,
 * as Dgraph accepts it.
 */
import type { IncomingMessage } from 'node:http';
import { createHandler } from 'graphql-http';
import type { Request as GraphQLHttpRequest, RequestParams } from 'graphql-http';
import { depthLimit } from '../graphql/depth-limit.js';
import { DocumentCache } from '../graphql/document-cache.js';
import type { IntrospectionPolicy } from '../graphql/introspection.js';
import { executeOperation, prepareOperation } from '../graphql/operation.js';
import type { OperationScope, RequestScope } from '../graphql/operation.js';
import type { AuthlineMiddleware } from '../state.js';

export interface GraphQLRouteOptions {
  readonly debug: boolean;
  readonly introspection: IntrospectionPolicy;
  readonly maxDepth: number;
  readonly documentCacheSize: number;
}

/** Messages for the answers graphql-http gives without a body. */
const EMPTY_ANSWERS: Readonly<Record<number, string>> = {
  405: 'Use GET or POST for GraphQL requests.',
  406: 'Not Acceptable: /graphql answers application/graphql-response+json or application/json.',
  415: 'Unsupported Media Type: POST /graphql takes application/json (or the query itself as application/graphql).',
};

export function graphqlRoute(options: GraphQLRouteOptions): AuthlineMiddleware {
  const documents = new DocumentCache([depthLimit(options.maxDepth)], options.documentCacheSize);
  const handle = createHandler<IncomingMessage, RequestScope, OperationScope>({
    parseRequestParams: parseGraphQLBody,
    onSubscribe: (req, params) => prepareOperation(req.context, req.raw.headers, params, documents),
    execute: executeOperation,
  });
  return async function graphql(ctx) {
    const schema = ctx.state.schema;
    if (!schema) throw new Error('graphqlRoute needs requireSchema before it');
    const [body, init] = await handle({
      method: ctx.method,
      url: ctx.url,
      headers: ctx.headers,
      body: ctx.state.body ?? null,
      raw: ctx.req,
      context: {
        schema,
        debug: options.debug,
        introspection: options.introspection,
        onOperation: (type) => (ctx.state.operation = type),
      },
    });
    ctx.status = init.status;
    if (init.headers) ctx.set(init.headers);
    if (body !== null) {
      if (!init.headers?.['content-type']) ctx.type = 'application/json';
      ctx.body = body;
    } else if (init.status >= 400) {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ errors: [{ message: EMPTY_ANSWERS[init.status] ?? init.statusText }] });
    }
  };
}

/** `application/graphql`: the body is the query. Everything else: graphql-http's own parser. */
function parseGraphQLBody(req: GraphQLHttpRequest<IncomingMessage, RequestScope>): RequestParams | void {
  if (req.method !== 'POST') return;
  const contentType = req.raw.headers['content-type'] ?? '';
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/graphql') return;
  if (typeof req.body !== 'string' || req.body.length === 0) throw new Error('Missing body');
  return { query: req.body };
}
