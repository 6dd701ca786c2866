/** What the middleware serving one request share through `ctx.state`. */
import type { OperationTypeNode } from 'graphql';
import type { Middleware, ParameterizedContext } from 'koa';
import type { LoadedSchema } from '../engine/types.js';

export interface AuthlineState {
  /** Echoed in `X-Request-Id` and in every log line about the request. */
  requestId: string;
  /**
   * The schema this request is served by, taken once when it reaches a route
   * that needs one (null: none uploaded yet). A schema uploaded meanwhile
   * does not affect it.
   */
  schema?: LoadedSchema | null;
  /** The request body, decompressed and decoded as UTF-8, read within the route's limit. */
  body?: string;
  /** The type of the GraphQL operation the request runs, once it is known (metrics). */
  operation?: OperationTypeNode;
  /** The `extensions.code` of every error answered, once each (for the request's log line). */
  errorCodes?: string[];
  /** The warnings of the request's explanation (`extensions.authline.explain`), logged at debug level. */
  explainWarnings?: readonly string[];
}

export type ServerContext = ParameterizedContext<AuthlineState>;
export type AuthlineMiddleware = Middleware<AuthlineState>;
