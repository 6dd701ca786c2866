/**
 * Dgraph's phrasing of a root field's failure, in one place: each root field
 * fails on its own, with Dgraph's prefix for the phase that failed, so
 * clients written against Dgraph read the same texts from authline. Each
 * error also carries its cause's stable code in `extensions.code`
 * (docs/http.md), which Dgraph does not have.
 */
import { GraphQLError, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/** The codes the engine gives itself; the others come with their cause (a token error, a store error...). */
export type FieldErrorCode = 'AUTH_DENIED' | 'MUTATION_NOT_EXECUTED' | 'INTERNAL_SERVER_ERROR' | 'STATEMENT_TIMEOUT';

/** Why a field failed: Dgraph's text and a stable code (every authline error has both). */
export interface Cause {
  readonly message: string;
  readonly code: string;
  /** A failure whose details are for the log only (database-failure.ts): the answer's `originalError`, which is never serialised. */
  readonly error?: Error;
}

/** An @auth rule refused (the message Dgraph gives, and hides unless in debug mode). */
export const AUTHORIZATION_FAILED: Cause = { message: 'authorization failed', code: 'AUTH_DENIED' satisfies FieldErrorCode };

function fieldError(message: string, key: string, code: string, originalError?: Error): GraphQLError {
  return new GraphQLError(message, { path: [key], extensions: { code }, originalError });
}

/**
 * A query field (get/query/aggregate/check…Password) that could not be
 * planned or authorised. `named`: the name in the text, when Dgraph names
 * the field (a mutation's) rather than its response key.
 */
export function rewriteQueryError(key: string, cause: Cause, named = key): GraphQLError {
  return fieldError(`couldn't rewrite query ${named} because ${cause.message}`, key, cause.code);
}

/** An update or delete mutation refused before touching data (Dgraph names the field, not its alias). */
export function rewriteMutationError(fieldName: string, key: string, cause: Cause): GraphQLError {
  return fieldError(`couldn't rewrite mutation ${fieldName} because ${cause.message}`, key, cause.code);
}

/** One problem of a mutation's input (a duplicate @id, a missing reference...). */
export function mutationPayloadError(fieldName: string, key: string, cause: Cause): GraphQLError {
  return rewriteMutationError(fieldName, key, { message: `failed to rewrite mutation payload because ${cause.message}`, code: cause.code });
}

/** An add mutation refused: its new nodes failed their add rule (no cause), or its token did. */
export function addAuthorizationError(key: string, cause?: Cause): GraphQLError {
  return cause === undefined
    ? fieldError('mutation failed because authorization failed', key, AUTHORIZATION_FAILED.code)
    : fieldError(`mutation failed because authorization failed because ${cause.message}`, key, cause.code);
}

/** An add mutation's new nodes failed the add rule of fields they were given (`detail`: deniedFieldsText). */
export function addFieldAuthorizationError(key: string, detail: string): GraphQLError {
  return fieldError(`mutation failed because ${AUTHORIZATION_FAILED.message}${detail}`, key, AUTHORIZATION_FAILED.code);
}

/**
 * Beyond Dgraph: what a field rule that refused a mutation adds to Dgraph's
 * "authorization failed" (`: the update rule of field User.role does not
 * hold`), shown, like the rest, only in debug mode.
 */
export function deniedFieldsText(fields: readonly { type: string; field: string; operation: string }[]): string {
  if (fields.length === 0) return '';
  const rules = fields.map((f) => `the ${f.operation} rule of field ${f.type}.${f.field}`);
  return `: ${rules.join(', ')} ${rules.length === 1 ? 'does' : 'do'} not hold`;
}

/** Re-pointing a singular @hasInverse edge would change a node the update rule refuses. */
export function referenceAuthorizationError(fieldName: string, key: string): GraphQLError {
  return fieldError(`couldn't rewrite query for mutation ${fieldName} because authorization failed`, key, AUTHORIZATION_FAILED.code);
}

/** A mutation that failed while running against the database. */
export function mutationFailedError(fieldName: string, key: string, cause: Cause): GraphQLError {
  return fieldError(`mutation ${fieldName} failed because ${cause.message}`, key, cause.code, cause.error);
}

/** A query that failed while running against the database. */
export function queryFailedError(key: string, cause: Cause): GraphQLError {
  return fieldError(`Dgraph query failed because ${cause.message}`, key, cause.code, cause.error);
}

/** Mutations run in order; after one fails, the rest are skipped (Dgraph's reading of the spec). */
export function notExecutedError(key: string): GraphQLError {
  return fieldError(`Mutation ${key} was not executed because of a previous error.`, key, 'MUTATION_NOT_EXECUTED' satisfies FieldErrorCode);
}

/**
 * Dgraph drops errors that would reveal whether hidden data exists unless it
 * runs with `--graphql debug=true`; authline's `--debug` is the same switch.
 */
export function isHiddenUnlessDebug(message: string): boolean {
  return message.includes('authorization failed') || message.includes('GraphQL debug:');
}

const MISSING_NON_NULL = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/;

/**
 * A non-null field with nothing to answer (a node stored without the value),
 * in Dgraph's words (graphql/schema/completion.go, ErrExpectedNonNull), on
 * the same path and location graphql-js gives. Other errors graphql-js raised
 * while completing the answer are returned as they are.
 */
export function completionError(error: GraphQLError, schema: GraphQLSchema): GraphQLError {
  const missing = MISSING_NON_NULL.exec(error.message);
  const parent = missing ? schema.getType(missing[1]) : undefined;
  const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[missing![2]] : undefined;
  if (!field) return error;
  const message = `Non-nullable field '${field.name}' (type ${String(field.type)}) was not present in result from Dgraph.  GraphQL error propagation triggered.`;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}
