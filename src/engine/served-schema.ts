/**
 * A schema being served: the compiled upload, its verifier, and the store,
 * behind the LoadedSchema face the server uses. Immutable once built, so a
 * request keeps the schema it started with while an upload swaps in another.
 */
import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from 'graphql';
import { REQUEST_VALIDATION, SERVICE_FIELD } from '../api/index.js';
import { RequestAuth, RuleVerdicts, type AuthPolicy, type TokenReading } from '../rules/index.js';
import { serviceAnswer } from '../plan/index.js';
import { rootFields } from '../plan/root-fields.js';
import type { EnumValues, Store } from '../store/types.js';
import { BearerFormatError, type JwksStatus, type JwtVerifier } from '../verifier/index.js';
import type { CompiledSchema } from './compile-schema.js';
import { completionError, isHiddenUnlessDebug } from './dgraph-errors.js';
import { DenialReport } from './denials.js';
import { withCode } from './error-code.js';
import { explainRequest } from './explain.js';
import { LiveQuery } from './live-query.js';
import { nullValue } from './null-value.js';
import { PlanCache } from './plan-cache.js';
import type { EngineObserver } from './observer.js';
import { typesReachableFrom } from './reach.js';
import { RequestBudget } from './request-budget.js';
import { unavailableKeyWarnings } from './schema-warnings.js';
import { resolveRootField, type ExecutionState } from './root-field.js';
import { rootFieldNames } from './root-selection.js';
import { tokenExpiry } from './token-expiry.js';
import { answerAsText, textRootKeys } from './text-answer.js';
import type { DataTexts, LoadedSchema, OperationArgs, RequestHeaders, RequestInfo } from './types.js';
import { WriteFeed } from './write-feed.js';
import { remoteKey, remoteResponseNames } from './custom/remote-response.js';
import { isRemote } from './custom/remote-values.js';
import { customFieldInSubscription } from './custom/in-subscription.js';
import { selectedOnType } from './custom/selected-on.js';
import type { HttpClient } from './custom/http-client.js';
import { CustomResolver } from './custom/resolve-custom.js';
import { storedResultFilter } from './custom/stored-filter.js';
import { sendWebhook, webhookBody, type MutationEvent } from './custom/webhooks.js';

/** What `prepare` hands back as the context value of `execute`. */
interface RequestContext {
  readonly auth: RequestAuth<AuthPolicy>;
  readonly denials: DenialReport;
  readonly debug: boolean;
  readonly queryEdgeLimit: number | undefined;
  readonly requestId?: string;
  readonly headers: RequestHeaders;
  /** Set when the answer carries an explanation: the verdicts of the rules the request touches. */
  readonly explain?: { readonly verdicts: RuleVerdicts };
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
  readonly warnings;
  /** gqlparser's rules and words, as Dgraph validates requests. */
  readonly validationRules = REQUEST_VALIDATION;
  readonly #fieldResolver: GraphQLFieldResolver<unknown, ExecutionState>;
  readonly #reading: TokenReading | null;
  readonly #retirement = new AbortController();
  /** Read root fields compiled for this schema (plan-cache.ts): a swap serves a new ServedSchema, and so an empty cache. */
  readonly #plans = new PlanCache();
  /** Per document and operation name: its root keys when it may be answered as text, else null (text-answer.ts). */
  readonly #textShapes = new WeakMap<DocumentNode, Map<string, readonly string[] | null>>();
  readonly #enumValues: EnumValues = (name) => this.compiled.model.enums.get(name)?.values;

  constructor(
    readonly version: number,
    readonly compiled: CompiledSchema,
    private readonly verifier: JwtVerifier | null,
    private readonly store: Store,
    private readonly observer: EngineObserver,
    private readonly remote: RemoteAccess,
    /** Committed writes, for live queries (the service's one feed). */
    private readonly writes: WriteFeed,
  ) {
    this.#reading = verifier === null || compiled.auth === null ? null : { verifier, closedByDefault: compiled.auth.closedByDefault };
    this.sdl = compiled.sdl;
    this.apiSdl = compiled.api.sdl;
    this.schema = compiled.api.schema;
    this.auth = compiled.auth;
    this.allowOrigins = compiled.allowOrigins;
    this.warnings = [...compiled.warnings, ...(verifier && compiled.auth ? unavailableKeyWarnings(compiled.auth, verifier.status()) : [])];
    const { model } = compiled;
    // With subscriptions in the API, every mutation announces its commit,
    // naming what it may have changed, to every process's live queries.
    const announce = this.schema.getSubscriptionType()
      ? (typeName: string) => [...typesReachableFrom(model, typeName)]
      : undefined;
    // Root fields go to the store; below them the store's JSON is already
    // shaped by response keys (aliases included), so a field reads its key.
    // A remote answer is keyed by field name (or its @remoteResponse name); a @custom/@lambda field calls out.
    const remoteNames = remoteResponseNames(this.schema);
    this.#fieldResolver = (source, args, state, info) => {
      if (info.path.prev === undefined) {
        // Apollo federation: the gateway's SDL needs no data, nor a token.
        if (info.fieldName === SERVICE_FIELD && info.operation.operation === 'query') return serviceAnswer(model, info, compiled.api.gatewaySdl);
        return resolveRootField(model, store, state, args, info, announce);
      }
      if (isRemote(source)) return source[remoteKey(remoteNames, info.parentType.name, info.fieldName)];
      const concrete = model.types.get(info.parentType.name)?.fieldMap.get(info.fieldName);
      if (concrete?.custom) {
        // An interface's field is resolved with the interface's directive unless selected on the concrete type.
        const on = selectedOnType(info);
        return state.custom.resolveField(on, model.types.get(on)?.fieldMap.get(info.fieldName) ?? concrete, source, info);
      }
      // A field with nothing stored answers Dgraph's null value: `[]` for a list, never-set or emptied alike.
      return (source as Record<string, unknown> | null)?.[info.path.key] ?? nullValue(info);
    };
  }

  get retired(): AbortSignal {
    return this.#retirement.signal;
  }

  async prepare(request: RequestInfo) {
    const denials = new DenialReport(this.observer);
    const rules = this.compiled.rules;
    // Assigned once the token is read; the policy is first asked for during execution.
    let verdicts: RuleVerdicts | undefined;
    const auth = await RequestAuth.read(this.#reading, request.headers, {
      policyFor: (claims) => {
        const watched = denials.watching(rules.policyFor(claims));
        return verdicts ? verdicts.watching(watched, rules) : watched;
      },
    });
    if (request.explain) verdicts = new RuleVerdicts(auth.claims);
    if (auth.token !== 'unread') this.observer.tokenRead?.(auth.token, auth.token === 'invalid' ? auth.error?.code : undefined);
    const refusal = auth.error;
    // Dgraph fails the whole request for a malformed Bearer value, before execution.
    if (refusal instanceof BearerFormatError) return { errors: [new GraphQLError(refusal.message, { extensions: { code: refusal.code } })] };
    const contextValue: RequestContext = {
      auth,
      denials,
      debug: request.debug ?? false,
      queryEdgeLimit: request.queryEdgeLimit,
      requestId: request.requestId,
      headers: request.headers,
      ...(verdicts ? { explain: { verdicts } } : {}),
    };
    const expiresAt = auth.claims !== null && this.verifier !== null ? tokenExpiry(this.verifier, request.headers) : undefined;
    return {
      contextValue,
      authenticated: auth.claims !== null,
      ...(refusal ? { tokenRefusal: refusal } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
  }

  watch(args: OperationArgs, signal?: AbortSignal): AsyncIterableIterator<ExecutionResult> {
    const dependsOn = this.#dependencies(args.document, args.operationName);
    const stops = signal ? [signal, this.retired] : [this.retired];
    return new LiveQuery({ run: () => this.execute(args), writes: this.writes, dependsOn }, stops);
  }

  subscriptionErrors(document: DocumentNode, operationName?: string | null): readonly GraphQLError[] {
    const refusal = customFieldInSubscription(this.schema, this.compiled.model, document, operationName);
    return refusal ? [refusal] : [];
  }

  execute(args: OperationArgs): Promise<ExecutionResult> {
    return this.#execute(args);
  }

  /**
   * `execute`, or, for an operation the store can answer as text
   * (text-answer.ts), each root field's JSON text for the server to write
   * as `data`: the same answer, byte for byte, without graphql-js.
   */
  async executeAsText(args: OperationArgs): Promise<ExecutionResult | DataTexts> {
    const context = args.contextValue as RequestContext;
    const keys = this.#textKeys(args, context);
    const outcome = keys
      ? await answerAsText(this.store, {
        plans: this.#plans.forOperation({ ...args, claims: this.compiled.rules.claimsReadFrom(context.auth.claims) }),
        budget: new RequestBudget(context.queryEdgeLimit),
        denials: context.denials,
      }, keys)
      : {};
    this.observer.operationAnswered?.(outcome.texts ? 'text' : 'graphql-js');
    return outcome.texts ? { dataTexts: outcome.texts } : this.#execute(args, outcome.failed);
  }

  /** The operation's root keys when it may be answered as text: decided once per document and operation. */
  #textKeys(args: OperationArgs, context: RequestContext): readonly string[] | null {
    // An explanation decides the rules anew; a refused token answers errors.
    if (context.explain || context.auth.error !== null) return null;
    let byOperation = this.#textShapes.get(args.document);
    if (!byOperation) this.#textShapes.set(args.document, (byOperation = new Map()));
    const name = args.operationName ?? '';
    let keys = byOperation.get(name);
    if (keys === undefined) byOperation.set(name, (keys = textRootKeys(this.schema, this.compiled.model, args.document, args.operationName)));
    return keys;
  }

  async #execute(args: OperationArgs, failed?: ReadonlyMap<string, unknown>): Promise<ExecutionResult> {
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
      auth: context.auth,
      denials: context.denials,
      requestId: context.requestId,
      errors: fieldErrors,
      mutationFailed: false,
      budget: new RequestBudget(context.queryEdgeLimit),
      // An explanation reports the rules as decided: it decides them anew.
      ...(context.explain ? {} : { plans: this.#plans.forOperation({ ...args, claims: this.compiled.rules.claimsReadFrom(context.auth.claims) }) }),
      ...(this.#textKeys(args, context) ? { enumValues: this.#enumValues } : {}),
      ...(failed ? { failed } : {}),
      custom,
      mutated: (event) => this.#webhook(event, authHeader),
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
    const errors = [...state.errors, ...(result.errors ?? []).map((error) => withCode(completionError(error, this.schema), 'INTERNAL_SERVER_ERROR'))].filter(
      (error) => context.debug || !isHiddenUnlessDebug(error.message),
    );
    const extensions = context.explain ? { authline: { explain: this.#explain(context, context.explain) } } : undefined;
    return { ...(errors.length > 0 ? { ...result, errors } : { data: result.data ?? null }), ...(extensions ? { extensions } : {}) };
  }

  #explain(context: RequestContext, { verdicts }: NonNullable<RequestContext['explain']>) {
    return explainRequest({ config: this.auth, verifier: this.verifier, headers: context.headers, auth: context.auth, verdicts });
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

  /**
   * Stops the verifier's background work once no new request can reach this
   * schema, and ends its live queries: they must never go on under the old
   * rules. `reason` is what the signal's listeners tell their clients.
   */
  retire(reason: string): void {
    this.verifier?.close();
    this.#retirement.abort(new Error(reason));
  }

  /** The types the operation's root fields read, and what those reach; all of them for a field the model does not name. */
  #dependencies(document: DocumentNode, operationName: string | null | undefined): ReadonlySet<string> | 'all' {
    const model = this.compiled.model;
    const types = new Set<string>();
    for (const name of rootFieldNames(document, operationName)) {
      const root = rootFields(model).get(name);
      if (!root) return 'all';
      for (const type of typesReachableFrom(model, root.type.name)) types.add(type);
    }
    return types;
  }
}

function lambdaUrlOf(remote: RemoteAccess): { lambdaUrl?: string } {
  return remote.lambdaUrl ? { lambdaUrl: remote.lambdaUrl } : {};
}

/** The store labels every node of an abstract type with its concrete type. */
const typenameOf: GraphQLTypeResolver<unknown, unknown> = (value) =>
  (value as { __typename?: string } | null)?.__typename;
