/**
 * A schema being served: the compiled upload, its verifier, and the store,
 * behind the LoadedSchema face the server uses. Immutable once built, so a
 * request keeps the schema it started with while an upload swaps in another.
 */
import {
  execute,
  GraphQLError,
  specifiedRules,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from 'graphql';
import { dgraphValidationRules } from '../api/index.js';
import { RequestAuth, type AuthPolicy, type TokenReading } from '../rules/index.js';
import type { Store } from '../store/types.js';
import { BearerFormatError, type JwksStatus, type JwtVerifier } from '../verifier/index.js';
import type { CompiledSchema } from './compile-schema.js';
import { isHiddenUnlessDebug } from './dgraph-errors.js';
import { DenialReport } from './denials.js';
import { withCode } from './error-code.js';
import type { EngineObserver } from './observer.js';
import { resolveRootField, type ExecutionState } from './root-field.js';
import { isRemote } from './custom/remote-values.js';
import { selectedOnType } from './custom/selected-on.js';
import type { LoadedSchema, RequestInfo, RequestHeaders } from './types.js';
import type { HttpClient } from './custom/http-client.js';
import { CustomResolver } from './custom/resolve-custom.js';
import { storedResultFilter } from './custom/stored-filter.js';
import { sendWebhook, webhookBody } from './custom/webhooks.js';
import type { MutationEvent } from './custom/webhooks.js';

/** What `prepare` hands back as the context value of `execute`. */
interface RequestContext {
  readonly auth: RequestAuth<AuthPolicy>;
  readonly denials: DenialReport;
  readonly debug: boolean;
  readonly headers: RequestHeaders;
}

/** How a served schema reaches remote endpoints (`@custom`, `@lambda`, webhooks). */
export interface RemoteAccess {
  readonly client: HttpClient;
  readonly lambdaUrl?: string;
  readonly log: (event: Record<string, unknown>) => void;
}

export class ServedSchema implements LoadedSchema {
  readonly sdl: string;
  readonly apiSdl: string;
  readonly schema;
  readonly auth;
  readonly allowOrigins;
  readonly validationRules = [...specifiedRules, ...dgraphValidationRules];
  readonly #fieldResolver: GraphQLFieldResolver<unknown, ExecutionState>;
  readonly #reading: TokenReading | null;

  constructor(
    readonly version: number,
    readonly compiled: CompiledSchema,
    private readonly verifier: JwtVerifier | null,
    private readonly store: Store,
    private readonly observer: EngineObserver,
    private readonly remote: RemoteAccess,
  ) {
    this.#reading = verifier === null || compiled.auth === null ? null : { verifier, closedByDefault: compiled.auth.closedByDefault };
    this.sdl = compiled.sdl;
    this.apiSdl = compiled.api.sdl;
    this.schema = compiled.api.schema;
    this.auth = compiled.auth;
    this.allowOrigins = compiled.allowOrigins;
    const { model } = compiled;
    // Root fields go to the store; below them the store's JSON is already
    // shaped by response keys (aliases included), so a field reads its key.
    // A remote answer is keyed by field name; a @custom/@lambda field calls out.
    this.#fieldResolver = (source, args, state, info) => {
      if (info.path.prev === undefined) return resolveRootField(model, store, state, args, info);
      if (isRemote(source)) return source[info.fieldName];
      const concrete = model.types.get(info.parentType.name)?.fieldMap.get(info.fieldName);
      if (concrete?.custom) {
        // An interface's field is resolved with the interface's directive unless selected on the concrete type.
        const on = selectedOnType(info);
        return state.custom.resolveField(on, model.types.get(on)?.fieldMap.get(info.fieldName) ?? concrete, source, info);
      }
      return (source as Record<string, unknown> | null)?.[info.path.key];
    };
  }

  async prepare(request: RequestInfo) {
    const denials = new DenialReport(this.observer);
    const rules = this.compiled.rules;
    const auth = await RequestAuth.read(this.#reading, request.headers, {
      policyFor: (claims) => denials.watching(rules.policyFor(claims)),
    });
    if (auth.token !== 'unread') this.observer.tokenRead?.(auth.token, auth.token === 'invalid' ? auth.error?.code : undefined);
    const refusal = auth.error;
    // Dgraph fails the whole request for a malformed Bearer value, before execution.
    if (refusal instanceof BearerFormatError) return { errors: [new GraphQLError(refusal.message, { extensions: { code: refusal.code } })] };
    const contextValue: RequestContext = { auth, denials, debug: request.debug ?? false, headers: request.headers };
    return { contextValue, authenticated: auth.claims !== null, ...(refusal ? { tokenRefusal: refusal } : {}) };
  }

  async execute(args: Parameters<LoadedSchema['execute']>[0]): Promise<ExecutionResult> {
    const context = args.contextValue as RequestContext;
    const fieldErrors: GraphQLError[] = [];
    const { model } = this.compiled;
    const authHeader = this.#authHeader(context.headers);
    const custom = new CustomResolver(
      model,
      { client: this.remote.client, headers: context.headers, secrets: this.compiled.secrets, authHeader, ...lambdaUrlOf(this.remote) },
      fieldErrors,
      storedResultFilter(model, this.store, () => context.auth.policy()),
    );
    const state: ExecutionState = {
      auth: context.auth, denials: context.denials, errors: fieldErrors, mutationFailed: false, custom, mutated: (event) => this.#webhook(event, authHeader),
    };
    const result = await execute({
      schema: this.schema,
      document: args.document,
      variableValues: args.variableValues ?? undefined,
      operationName: args.operationName ?? undefined,
      contextValue: state,
      fieldResolver: this.#fieldResolver,
      typeResolver: typenameOf,
    });
    // graphql-js's own errors here (a value that does not fit its type) are the engine's failures.
    const errors = [...state.errors, ...(result.errors ?? []).map((error) => withCode(error, 'INTERNAL_SERVER_ERROR'))].filter(
      (error) => context.debug || !isHiddenUnlessDebug(error.message),
    );
    return errors.length > 0 ? { ...result, errors } : { data: result.data ?? null };
  }

  /** The schema's auth header and the caller's token, as Dgraph hands them to a lambda. */
  #authHeader(headers: RequestHeaders): { key: string; value: string } {
    const key = this.compiled.auth?.header ?? '';
    return { key, value: this.verifier?.tokenFrom(headers) ?? '' };
  }

  #webhook(event: MutationEvent, authHeader: { key: string; value: string }): void {
    const { lambdaUrl, client, log } = this.remote;
    if (!lambdaUrl) return;
    sendWebhook(client, lambdaUrl, webhookBody(event, this.compiled.auth ? authHeader : undefined, Date.now()), log);
  }

  /** Each JWK URL's keys as the verifier holds them now (empty without JWK URLs). */
  jwksStatus(): JwksStatus[] {
    return this.verifier?.status() ?? [];
  }

  /** Stops the verifier's background work once no new request can reach this schema. */
  retire(): void {
    this.verifier?.close();
  }
}

function lambdaUrlOf(remote: RemoteAccess): { lambdaUrl?: string } {
  return remote.lambdaUrl ? { lambdaUrl: remote.lambdaUrl } : {};
}

/** The store labels every node of an abstract type with its concrete type. */
const typenameOf: GraphQLTypeResolver<unknown, unknown> = (value) =>
  (value as { __typename?: string } | null)?.__typename;
