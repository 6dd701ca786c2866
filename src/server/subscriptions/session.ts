/**
 * One WebSocket connection's auth and lifetime, whichever protocol it
 * speaks. The connection is pinned to the schema served when it opened.
 * Its token is verified once, at connection init, exactly as an HTTP
 * request's (a refused token refuses the connection with the verifier's
 * words); every operation then runs under those headers, so each result
 * pushed is computed under the subscriber's own claims and rules. The
 * session ends, telling the protocol to complete every operation and close
 * with a reason, when the token expires (as Dgraph ends a subscription at
 * `exp`), when an upload replaces the schema (the rules may have changed:
 * the client subscribes again and gets the new ones), or when the server
 * shuts down.
 */
import type { IncomingMessage } from 'node:http';
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import type { RequestParams } from 'graphql-http';
import type { WebSocket } from 'ws';
import type { LoadedSchema, RequestHeaders } from '../../engine/types.js';
import type { ArgumentLimits } from '../graphql/argument-limits.js';
import type { DocumentCache } from '../graphql/document-cache.js';
import type { IntrospectionPolicy } from '../graphql/introspection.js';
import { executeOperation, prepareOperation, type OperationScope, type RequestScope } from '../graphql/operation.js';
import type { RequestErrorCode } from '../errors.js';
import { connectionHeaders } from './init-headers.js';

/** Close codes: graphql-ws's own where it has one, the registered WebSocket ones otherwise. */
export const CLOSE = {
  /** A refused or expired token (graphql-ws's Forbidden: clients may retry with a new token). */
  forbidden: 4403,
  connectionInitTimeout: 4408,
  tooManyInits: 4429,
  badRequest: 4400,
  internalError: 4500,
  /** The schema was replaced: reconnect to get the new one (RFC 6455 registry: Service Restart). */
  serviceRestart: 1012,
  goingAway: 1001,
} as const;

export interface SessionOptions {
  readonly debug: boolean;
  readonly introspection: IntrospectionPolicy;
  readonly documents: DocumentCache;
  /** What an operation's arguments may ask for, as over HTTP. */
  readonly limits: ArgumentLimits;
  /** Operations one connection may have running at once. */
  readonly maxOperations: number;
}

/** What ends a session: the protocol completes its operations and closes the socket with this. */
export type EndSession = (code: number, reason: string) => void;

/** A protocol's server for one upgraded socket: it opens the connection's session, telling it how to end. */
export type ServeProtocol = (
  socket: WebSocket,
  upgrade: IncomingMessage,
  openSession: (onEnd: EndSession) => Session,
  options: SessionOptions & { readonly keepAliveMs: number },
) => void;

export type StartedOperation =
  | { readonly results: AsyncIterableIterator<ExecutionResult>; readonly document: DocumentNode; readonly errors?: undefined }
  | { readonly errors: readonly GraphQLError[]; readonly results?: undefined };

/** setTimeout's longest delay; a later expiry is checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Session {
  #headers: RequestHeaders | undefined;
  #expiry: NodeJS.Timeout | undefined;
  #ended = false;
  readonly #onRetired = () => this.end(CLOSE.serviceRestart, reasonOf(this.schema.retired.reason, 'the schema was replaced'));

  constructor(
    readonly schema: LoadedSchema,
    private readonly upgrade: IncomingMessage,
    private readonly options: SessionOptions,
    private readonly onEnd: EndSession,
  ) {
    if (schema.retired.aborted) queueMicrotask(this.#onRetired);
    else schema.retired.addEventListener('abort', this.#onRetired, { once: true });
  }

  /** Whether the connection was accepted (its init verified). */
  get accepted(): boolean {
    return this.#headers !== undefined;
  }

  /**
   * Verifies the token of the connection-init payload: undefined when the
   * connection may go on, else why not (the verifier's message).
   */
  async accept(payload: unknown): Promise<string | undefined> {
    const headers = connectionHeaders(payload, this.upgrade.headers, this.schema.auth?.header);
    const prepared = await this.schema.prepare({ headers, debug: this.options.debug });
    if ('errors' in prepared) return prepared.errors[0]?.message ?? 'the connection was refused';
    if (prepared.tokenRefusal) return prepared.tokenRefusal.message;
    if (this.#ended) return 'the connection has ended';
    this.#headers = headers;
    if (prepared.expiresAt !== undefined) this.#expireAt(prepared.expiresAt);
    return undefined;
  }

  /**
   * An operation of the connection: a subscription's live results, or a
   * query's or mutation's one result; or the errors that keep it from
   * running (parse, validation, variables, the operation limit).
   */
  async start(params: RequestParams, running: number): Promise<StartedOperation> {
    const headers = this.#headers;
    if (headers === undefined) return { errors: [new GraphQLError('the connection was not initialised', { extensions: { code: 'ErrorInvalidRequest' } })] };
    if (running > this.options.maxOperations) {
      return {
        errors: [
          new GraphQLError(`too many subscriptions on this connection: at most ${this.options.maxOperations} may run at once`, {
            extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' satisfies RequestErrorCode },
          }),
        ],
      };
    }
    const scope: RequestScope = {
      schema: this.schema,
      debug: this.options.debug,
      introspection: this.options.introspection,
      graphqlResponse: false,
      errorCodes: new Set(),
      subscriptions: true,
      // Explanations are for one request and its answer (the admin's header, or --debug over HTTP).
      explain: false,
      limits: this.options.limits,
    };
    const prepared = await prepareOperation(scope, headers, params, this.options.documents);
    if (Array.isArray(prepared)) return { errors: prepared };
    if (!('document' in prepared)) throw new Error('prepareOperation answered over HTTP for a WebSocket operation');
    const { engineContext } = prepared.contextValue as OperationScope;
    if (isSubscription(prepared.document, prepared.operationName)) {
      const refused = this.schema.subscriptionErrors(prepared.document, params.operationName);
      if (refused.length > 0) return { errors: [...refused] };
      const args = { document: prepared.document, variableValues: params.variables, operationName: params.operationName, contextValue: engineContext };
      return { results: this.schema.watch(args), document: prepared.document };
    }
    return { results: once(executeOperation(prepared)), document: prepared.document };
  }

  /** Ends the session once: the protocol completes what runs and closes with `reason`. */
  end(code: number, reason: string): void {
    if (this.#ended) return;
    this.dispose();
    this.onEnd(code, reason);
  }

  /** Stops the session's timers and listeners (the socket closed). */
  dispose(): void {
    this.#ended = true;
    clearTimeout(this.#expiry);
    this.schema.retired.removeEventListener('abort', this.#onRetired);
  }

  #expireAt(expiresAt: number): void {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      this.end(CLOSE.forbidden, 'the token has expired');
      return;
    }
    this.#expiry = setTimeout(() => this.#expireAt(expiresAt), Math.min(wait, MAX_TIMER_MS));
    this.#expiry.unref();
  }
}

function isSubscription(document: DocumentNode, operationName: string | null | undefined): boolean {
  return getOperationAST(document, operationName)?.operation === 'subscription';
}

async function* once(result: Promise<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  yield await result;
}

function reasonOf(reason: unknown, fallback: string): string {
  return reason instanceof Error ? reason.message : fallback;
}
