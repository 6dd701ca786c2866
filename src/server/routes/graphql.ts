/**
 * /graphql: the GraphQL-over-HTTP protocol is graphql-http's (methods, media
 * types, status codes, mutations refused over GET); this file adapts it to
 * Koa and wires its hooks to the engine. Beyond the spec, `POST` with
 * `Content-Type: application/graphql` (the query as the body) is accepted,
 * as Dgraph accepts it. Every error answered carries a code
 * (docs/http.md), noted for the request's log line.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { createHandler } from 'graphql-http';
import type { FormatError, Request as GraphQLHttpRequest, RequestParams } from 'graphql-http';
import { prefersGraphQLResponse } from '../../engine/media-type.js';
import { noteErrorCodes, type ErrorCode } from '../errors.js';
import { unmarkBigInts } from '../exact-json.js';
import { logFailure } from '../failure-log.js';
import type { Logger } from '../logger.js';
import { depthLimit } from '../graphql/depth-limit.js';
import { DocumentCache } from '../graphql/document-cache.js';
import type { IntrospectionPolicy } from '../graphql/introspection.js';
import { executeOperationAsText, prepareOperation } from '../graphql/operation.js';
import type { OperationScope, RequestScope } from '../graphql/operation.js';
import type { RequestLimits } from '../limits.js';
import { carriesAdminToken } from '../middleware/admin-auth.js';
import type { AuthlineMiddleware, ServerContext } from '../state.js';

/** The header with which the admin asks for a request's explanation (with the admin token). */
export const EXPLAIN_HEADER = 'X-Authline-Explain';

/** With the admin token and the value `0`: answer through graphql-js, never from the database's text. */
export const TEXT_ANSWERS_HEADER = 'X-Authline-Text-Answers';

export interface GraphQLRouteOptions extends RequestLimits {
  readonly debug: boolean;
  /** With it, a request carrying it and `X-Authline-Explain: 1` is answered with its explanation. */
  readonly adminToken: string | undefined;
  readonly introspection: IntrospectionPolicy;
  readonly maxDepth: number;
  readonly documentCacheSize: number;
  /** Where the details of a field that failed in the database go. */
  readonly logger: Logger;
}

/** The transport refusals of graphql-http, which come without a body (or, for a mutation over GET, without a code). */
const TRANSPORT_ANSWERS: Readonly<Record<number, { readonly message: string; readonly code: ErrorCode }>> = {
  405: { message: 'Use GET or POST for GraphQL requests.', code: 'ErrorInvalidMethod' },
  406: { message: 'Not Acceptable: /graphql answers application/graphql-response+json or application/json.', code: 'NOT_ACCEPTABLE' },
  415: {
    message: 'Unsupported Media Type: POST /graphql takes application/json (or the query itself as application/graphql).',
    code: 'ErrorInvalidRequest',
  },
};

/** A request graphql-http cannot read (body not JSON, no query, variables not an object...) is Dgraph's ErrorInvalidRequest. */
const formatError: FormatError = (error) =>
  error instanceof GraphQLError ? error : new GraphQLError(error.message, { extensions: { code: 'ErrorInvalidRequest' satisfies ErrorCode } });

export function graphqlRoute(options: GraphQLRouteOptions): AuthlineMiddleware {
  const documents = new DocumentCache([depthLimit(options.maxDepth)], options.documentCacheSize, options);
  const handle = createHandler<IncomingMessage, RequestScope, OperationScope>({
    parseRequestParams: parseGraphQLBody,
    onSubscribe: (req, params) => prepareOperation(req.context, req.raw.headers, params, documents),
    execute: executeOperationAsText,
    formatError,
  });
  return async function graphql(ctx) {
    const schema = ctx.state.schema;
    if (!schema) throw new Error('graphqlRoute needs requireSchema before it');
    // An answer the engine wrote as text (executeOperationAsText) replaces graphql-http's placeholder.
    let dataText: string | undefined;
    const scope: RequestScope = {
      schema,
      debug: options.debug,
      explain: options.debug || asksForExplanation(ctx, options.adminToken),
      onExplainWarnings: (warnings) => (ctx.state.explainWarnings = warnings),
      introspection: options.introspection,
      graphqlResponse: prefersGraphQLResponse(ctx.get('Accept')),
      errorCodes: new Set(),
      onOperation: (type) => (ctx.state.operation = type),
      limits: options,
      requestId: ctx.state.requestId,
      body: ctx.method === 'POST' && ctx.is('json') ? ctx.state.body : undefined,
      variablesText: ctx.method === 'GET' ? ctx.URL.searchParams.get('variables') ?? undefined : undefined,
      onFailure: (error) => logFailure(options.logger, ctx, 'field failed', error.originalError, { code: error.extensions.code, field: error.path?.join('.') }),
      ...(generalPathAsked(ctx, options.adminToken) ? {} : { onDataText: (json: string) => (dataText = json) }),
    };
    const [body, init] = await handle({
      method: ctx.method,
      url: ctx.url,
      headers: ctx.headers,
      body: ctx.state.body ?? null,
      raw: ctx.req,
      context: scope,
    });
    ctx.status = init.status;
    if (init.headers) ctx.set(init.headers);
    const transport =
      TRANSPORT_ANSWERS[init.status] ?? (body === null && init.status >= 400 ? { message: init.statusText, code: 'ErrorInvalidRequest' } : undefined);
    if (transport) {
      const message = body === null ? transport.message : (JSON.parse(body) as { errors: { message: string }[] }).errors[0].message;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ errors: [{ message, extensions: { code: transport.code } }] });
      scope.errorCodes.add(transport.code);
    } else if (body !== null) {
      if (!init.headers?.['content-type']) ctx.type = 'application/json';
      // Refusals are small (graphql-js stops validating at 100 errors): only executed answers are measured.
      ctx.body = init.status === 200 ? withinResponseLimit(dataText ?? unmarkBigInts(body), options.maxResponseBytes, scope) : body;
      // Only a request graphql-http itself could not read fails before any hook notes its codes.
      if (init.status === 400 && scope.errorCodes.size === 0) scope.errorCodes.add('ErrorInvalidRequest');
    }
    noteErrorCodes(ctx, scope.errorCodes);
  };
}

/**
 * The answer, or, when it is larger than `max` bytes, an error in its place
 * (with `data: null`, so its status stays that of an executed operation).
 * A mutation's changes stay made: only its answer is lost.
 */
function withinResponseLimit(body: string, max: number, scope: RequestScope): string {
  // Each character is at most three bytes: only an answer that might be over is measured.
  const bytes = body.length * 3 > max ? Buffer.byteLength(body) : body.length;
  if (bytes <= max) return body;
  const code: ErrorCode = 'RESPONSE_TOO_LARGE';
  scope.errorCodes.add(code);
  const message = `The answer is ${bytes} bytes, more than the limit of ${max} (--max-response-bytes); ask for fewer nodes or fields.`;
  return JSON.stringify({ data: null, errors: [{ message, extensions: { code } }] });
}

/**
 * The admin may ask for an answer built by graphql-js rather than written
 * from the database's text (engine/text-answer.ts), to compare the two:
 * the same bytes, at different costs (bench/text-answer.ts).
 */
function generalPathAsked(ctx: ServerContext, adminToken: string | undefined): boolean {
  return ctx.get(TEXT_ANSWERS_HEADER) === '0' && carriesAdminToken(ctx, adminToken);
}

/** Only the admin may ask: an explanation names the rules and the claims they read. */
function asksForExplanation(ctx: ServerContext, adminToken: string | undefined): boolean {
  return ctx.get(EXPLAIN_HEADER) === '1' && carriesAdminToken(ctx, adminToken);
}

/** `application/graphql`: the body is the query. Everything else: graphql-http's own parser. */
function parseGraphQLBody(req: GraphQLHttpRequest<IncomingMessage, RequestScope>): RequestParams | void {
  if (req.method !== 'POST') return;
  const contentType = req.raw.headers['content-type'] ?? '';
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/graphql') return;
  if (typeof req.body !== 'string' || req.body.length === 0) throw new Error('Missing body');
  return { query: req.body };
}
