/**
 * Turns a well-formed GraphQL-over-HTTP request into what the engine
 * executes, on the one schema the request was pinned to:
 *   1. `prepare` reads the token; a malformed Bearer value fails the whole
 *      request before the document is even parsed, as in Dgraph (the answer
 *      then has only `errors`);
 *   2. the document is parsed and validated (cached per schema), and
 *      introspection checked against the server's policy;
 *   3. the operation is picked and its variables coerced, so that a missing
 *      operation or bad variables are a request error (no `data`), which
 *      the transport answers with the status the GraphQL-over-HTTP spec
 *      asks for; so are arguments over the request limits
 *      (argument-limits.ts), before anything runs;
 *   4. a client of application/graphql-response+json whose token the engine
 *      refuses, asking for fields of the API, gets 401 (token-refusal.ts).
 * Whatever fails comes back as GraphQLErrors (each with its code) for
 * graphql-http to answer; the codes are noted for the request's log line.
 */
import { getOperationAST, getVariableValues, GraphQLError, Kind, validate } from 'graphql';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLSchema, OperationDefinitionNode, OperationTypeNode } from 'graphql';
import type { RequestParams, Response } from 'graphql-http';
import { cascadeVariablesRule, variablesError, type NumberText } from '../../api/index.js';
import { withCode } from '../../engine/error-code.js';
import { mayHaveNumberText, parseKeepingNumberText } from './number-text.js';
import { markBigInts } from '../exact-json.js';
import type { LoadedSchema, OperationArgs, RequestHeaders } from '../../engine/types.js';
import { dataJson } from '../data-text.js';
import { checkArguments, checkVariableDepth, type ArgumentLimits } from './argument-limits.js';
import type { DocumentCache } from './document-cache.js';
import { introspectionRefusal, type IntrospectionPolicy } from './introspection.js';
import { selectsApiField, tokenRefusalResponse } from './token-refusal.js';

/** What the route hands graphql-http for one request. */
export type RequestScope = {
  readonly schema: LoadedSchema;
  readonly debug: boolean;
  /** Answer with `extensions.authline.explain` (--debug, or the admin's X-Authline-Explain). */
  readonly explain: boolean;
  readonly introspection: IntrospectionPolicy;
  /** Told the operation's type once it is picked (metrics label requests with it). */
  readonly onOperation?: (type: OperationTypeNode) => void;
  /** The client reads application/graphql-response+json (graphql-http's choice from Accept). */
  readonly graphqlResponse: boolean;
  /** Told the warnings of the answer's explanation, for the request's log. */
  readonly onExplainWarnings?: (warnings: readonly string[]) => void;
  /** The `extensions.code` of every error answered so far. */
  readonly errorCodes: Set<string>;
  /** What the operation's arguments may ask for; the query edge limit also goes to the engine. */
  readonly limits: ArgumentLimits;
  /** The request's id, which the engine names in the answer to a failure whose details only the log has. */
  readonly requestId?: string;
  /** Told each answered error that hides its details (`originalError`), to log them. */
  readonly onFailure?: (error: GraphQLError) => void;
  /** The request's JSON body as sent, when it has one (Dgraph's variable errors quote numbers as written). */
  readonly body?: string;
  /** A GET request's `variables` parameter as sent (Dgraph reads it as it reads a body: json.Number). */
  readonly variablesText?: string;
  /** Subscriptions may run (a WebSocket connection); over HTTP they are refused, saying where they run. */
  readonly subscriptions?: boolean;
  /** Takes the answer's JSON text when the engine answered as text (executeOperationAsText). */
  readonly onDataText?: (json: string) => void;
};

/** Dgraph's answer to a subscription on a schema without any (graphql/schema/request.go). */
const NO_SUBSCRIPTIONS = "Not resolving subscription because schema doesn't have any fields defined for subscription operation.";

const SUBSCRIPTIONS_OVER_WEBSOCKET =
  'Subscriptions are served over WebSocket at this URL (subprotocol graphql-transport-ws or graphql-ws), not over HTTP.';

/** What graphql-http hands back to `execute`: the engine's own context rides inside. */
export type OperationScope = { readonly scope: RequestScope; readonly engineContext: unknown };

export async function prepareOperation(
  scope: RequestScope,
  headers: RequestHeaders,
  params: RequestParams,
  documents: DocumentCache,
): Promise<(ExecutionArgs & { contextValue: OperationScope }) | readonly GraphQLError[] | Response> {
  const { schema, debug, introspection } = scope;
  const refuse = (errors: readonly GraphQLError[]) => {
    noteCodes(scope, errors);
    return errors;
  };
  const prepared = await schema.prepare({ headers, debug, queryEdgeLimit: scope.limits.queryEdgeLimit, requestId: scope.requestId, explain: scope.explain });
  if ('errors' in prepared) {
    if (prepared.errors.length === 0) throw new Error('LoadedSchema.prepare answered an empty error list');
    return refuse(prepared.errors);
  }
  const checked = documents.check(schema, params.query);
  if (checked.errors) return refuse(checked.errors);
  const { document } = checked;
  const refusal = introspectionRefusal(introspection, document, prepared.authenticated);
  if (refusal) return refuse([refusal]);
  const { variables, numberText } = variablesOf(params, scope);
  // Dgraph validates with the variables: a @cascade(fields: $var) naming a field its type lacks is refused here.
  const cascade = params.query.includes('@cascade') ? validate(schema.schema, document, [cascadeVariablesRule(variables ?? {})]) : [];
  if (cascade.length > 0) return refuse(cascade.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')));
  const operation = getOperationAST(document, params.operationName);
  if (!operation) {
    // Dgraph's words (graphql/schema/request.go), which say more than graphql-http's "Unable to detect operation AST".
    const message = params.operationName
      ? `Supplied operation name ${params.operationName} isn't present in the request.`
      : 'Operation name must by supplied when query has more than 1 operation.';
    return refuse([new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })]);
  }
  scope.onOperation?.(operation.operation);
  if (operation.operation === 'subscription' && !schema.schema.getSubscriptionType()) {
    return refuse([new GraphQLError(NO_SUBSCRIPTIONS, { extensions: { code: 'ErrorInvalidRequest' } })]);
  }
  if (operation.operation === 'subscription' && !scope.subscriptions) {
    return refuse([new GraphQLError(SUBSCRIPTIONS_OVER_WEBSOCKET, { extensions: { code: 'ErrorInvalidRequest' } })]);
  }
  const tooDeep = checkVariableDepth(variables, scope.limits.maxFilterDepth);
  if (tooDeep) return refuse([tooDeep]);
  // gqlparser's check first, in Dgraph's words; what it lets through graphql-js coerces.
  const invalid = variablesError(schema.schema, operation, variables ?? {}, numberText);
  if (invalid) return refuse([withCode(invalid, 'BAD_USER_INPUT')]);
  const coerced = getVariableValues(schema.schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50 });
  if (coerced.errors) return refuse(coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT')));
  const overLimit = argumentsOverLimit(schema.schema, document, operation, coerced.coerced, scope.limits);
  if (overLimit) return refuse([overLimit]);
  const tokenRefusal = prepared.tokenRefusal;
  if (tokenRefusal && scope.graphqlResponse && selectsApiField(document, operation, coerced.coerced)) {
    scope.errorCodes.add(tokenRefusal.code);
    return tokenRefusalResponse(tokenRefusal);
  }
  return {
    schema: schema.schema,
    document,
    operationName: params.operationName,
    variableValues: variables,
    rootValue: undefined,
    contextValue: { scope, engineContext: prepared.contextValue },
  };
}

/**
 * The verdicts of operations without variables, whose arguments are all in
 * their text: the same for every request that sends it, so worked out once
 * per cached document (document-cache.ts keeps one per schema) and limits.
 */
const verdicts = new WeakMap<ArgumentLimits, WeakMap<OperationDefinitionNode, GraphQLError | null>>();

/** checkArguments, remembered for an operation without variables. */
function argumentsOverLimit(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, limits: ArgumentLimits,
): GraphQLError | null {
  const fixed = (operation.variableDefinitions ?? []).length === 0;
  let known = fixed ? verdicts.get(limits) : undefined;
  const remembered = known?.get(operation);
  if (remembered !== undefined) return remembered;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const verdict = checkArguments(schema, fragments, operation, variables, limits);
  if (fixed) {
    if (!known) verdicts.set(limits, (known = new WeakMap()));
    known.set(operation, verdict);
  }
  return verdict;
}

/** graphql-http's `execute` hook: the engine runs the operation, on the schema that prepared it. */
export async function executeOperation(args: ExecutionArgs): Promise<ExecutionResult> {
  const { scope, engineContext } = args.contextValue as OperationScope;
  return answered(scope, await scope.schema.execute(engineArgs(args, engineContext)));
}

/**
 * executeOperation for a transport that can write an answer's text itself
 * (the HTTP route, through `onDataText`): an operation the engine answers
 * as text goes there as `{"data":{…}}` (data-text.ts), and graphql-http is
 * handed an empty placeholder, which the route replaces.
 */
export async function executeOperationAsText(args: ExecutionArgs): Promise<ExecutionResult> {
  const { scope, engineContext } = args.contextValue as OperationScope;
  if (!scope.onDataText || !scope.schema.executeAsText) return executeOperation(args);
  const answer = await scope.schema.executeAsText(engineArgs(args, engineContext));
  if (!('dataTexts' in answer)) return answered(scope, answer);
  scope.onDataText(dataJson(answer.dataTexts));
  return { data: {} };
}

function engineArgs(args: ExecutionArgs, engineContext: unknown): OperationArgs {
  return { document: args.document, variableValues: args.variableValues, operationName: args.operationName, contextValue: engineContext };
}

/** The engine's result, its codes and failures noted for the request's log, ready for graphql-http to write. */
function answered(scope: RequestScope, result: ExecutionResult): ExecutionResult {
  noteCodes(scope, result.errors ?? []);
  for (const error of result.errors ?? []) if (error.originalError) scope.onFailure?.(error);
  const warnings = (result.extensions?.authline as { explain?: { warnings?: readonly string[] } } | undefined)?.explain?.warnings;
  if (warnings && warnings.length > 0) scope.onExplainWarnings?.(warnings);
  // graphql-http writes the answer; an exact Int64 goes marked, and the route unmarks the text.
  return markBigInts(result);
}

/**
 * The request's variables, with the text of each number literal JSON.parse
 * changed (`1.0`, digits beyond a double), which Dgraph's errors quote: read
 * again from the JSON body, or a GET request's `variables` parameter, when it
 * may have one.
 */
function variablesOf(params: RequestParams, scope: RequestScope): { variables: Record<string, unknown> | undefined; numberText?: NumberText } {
  const variables = params.variables ?? undefined;
  const text = scope.variablesText ?? scope.body;
  if (text === undefined || variables === undefined || !mayHaveNumberText(text)) return { variables };
  try {
    const { value, numberText } = parseKeepingNumberText(text);
    const read = scope.variablesText !== undefined ? value : (value as { variables?: unknown } | null)?.variables;
    return read !== null && typeof read === 'object' && !Array.isArray(read) ? { variables: read as Record<string, unknown>, numberText } : { variables };
  } catch {
    return { variables }; // not the JSON graphql-http read (e.g. variables in the URL)
  }
}

function noteCodes(scope: RequestScope, errors: readonly GraphQLError[]): void {
  for (const { extensions } of errors) if (typeof extensions.code === 'string') scope.errorCodes.add(extensions.code);
}
