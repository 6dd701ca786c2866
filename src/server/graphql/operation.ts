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
 *      asks for.
 * Whatever fails comes back as GraphQLErrors for graphql-http to answer.
 */
import { getOperationAST, getVariableValues, GraphQLError } from 'graphql';
import type { ExecutionArgs, OperationTypeNode } from 'graphql';
import type { RequestParams } from 'graphql-http';
import type { LoadedSchema, RequestHeaders } from '../../engine/types.js';
import type { DocumentCache } from './document-cache.js';
import { introspectionRefusal, type IntrospectionPolicy } from './introspection.js';

/** What the route hands graphql-http for one request. */
export type RequestScope = {
  readonly schema: LoadedSchema;
  readonly debug: boolean;
  readonly introspection: IntrospectionPolicy;
  /** Told the operation's type once it is picked (metrics label requests with it). */
  readonly onOperation?: (type: OperationTypeNode) => void;
};

/** What graphql-http hands back to `execute`: the engine's own context rides inside. */
export type OperationScope = { readonly schema: LoadedSchema; readonly engineContext: unknown };

export async function prepareOperation(
  scope: RequestScope,
  headers: RequestHeaders,
  params: RequestParams,
  documents: DocumentCache,
): Promise<(ExecutionArgs & { contextValue: OperationScope }) | readonly GraphQLError[]> {
  const { schema, debug, introspection } = scope;
  const prepared = await schema.prepare({ headers, debug });
  if ('errors' in prepared) {
    if (prepared.errors.length === 0) throw new Error('LoadedSchema.prepare answered an empty error list');
    return prepared.errors;
  }
  const checked = documents.check(schema, params.query);
  if (checked.errors) return checked.errors;
  const { document } = checked;
  const refusal = introspectionRefusal(introspection, document, prepared.authenticated);
  if (refusal) return [refusal];
  const operation = getOperationAST(document, params.operationName);
  if (!operation) {
    // graphql-js's words, which say more than graphql-http's "Unable to detect operation AST".
    return [
      new GraphQLError(
        params.operationName ? `Unknown operation named "${params.operationName}".` : 'Must provide operation name if query contains multiple operations.',
      ),
    ];
  }
  scope.onOperation?.(operation.operation);
  const coerced = getVariableValues(schema.schema, operation.variableDefinitions ?? [], params.variables ?? {}, { maxErrors: 50 });
  if (coerced.errors) return coerced.errors;
  return {
    schema: schema.schema,
    document,
    operationName: params.operationName,
    variableValues: params.variables,
    rootValue: undefined,
    contextValue: { schema, engineContext: prepared.contextValue },
  };
}

/** graphql-http's `execute` hook: the engine runs the operation, on the schema that prepared it. */
export function executeOperation(args: ExecutionArgs) {
  const scope = args.contextValue as OperationScope;
  return scope.schema.execute({
    document: args.document,
    variableValues: args.variableValues,
    operationName: args.operationName,
    contextValue: scope.engineContext,
  });
}
