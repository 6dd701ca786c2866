/**
 * Dgraph's phrasing of errors in a GraphQL response. Each root field fails on
 * its own, with Dgraph's prefix for the phase that failed, so clients written
 * against Dgraph read the same texts from authline.
 */
import { GraphQLError } from 'graphql';

/** A query field (get/query/aggregate/check…Password) that could not be planned or authorised. */
export function rewriteQueryError(responseKey: string, reason: string): GraphQLError {
  return new GraphQLError(`couldn't rewrite query ${responseKey} because ${reason}`, { path: [responseKey] });
}

/** An update or delete mutation refused before touching data (Dgraph names the field, not its alias). */
export function rewriteMutationError(fieldName: string, responseKey: string, reason: string): GraphQLError {
  return new GraphQLError(`couldn't rewrite mutation ${fieldName} because ${reason}`, { path: [responseKey] });
}

/** An add mutation whose new nodes failed authorisation (checked after the write, then rolled back). */
export function addAuthorizationError(responseKey: string, reason?: string): GraphQLError {
  const message = reason === undefined
    ? 'mutation failed because authorization failed'
    : `mutation failed because authorization failed because ${reason}`;
  return new GraphQLError(message, { path: [responseKey] });
}

/** A mutation that failed while running against the database. */
export function mutationFailedError(fieldName: string, responseKey: string, reason: string): GraphQLError {
  return new GraphQLError(`mutation ${fieldName} failed because ${reason}`, { path: [responseKey] });
}

/** A query that failed while running against the database. */
export function queryFailedError(responseKey: string, reason: string): GraphQLError {
  return new GraphQLError(`Dgraph query failed because ${reason}`, { path: [responseKey] });
}

/** Mutations run in order; after one fails, the rest are skipped (Dgraph's reading of the spec). */
export function notExecutedError(responseKey: string): GraphQLError {
  return new GraphQLError(`Mutation ${responseKey} was not executed because of a previous error.`, { path: [responseKey] });
}

/**
 * Dgraph drops errors that would reveal whether hidden data exists unless it
 * runs with `--graphql debug=true`; authline's `--debug` is the same switch.
 */
export function isHiddenUnlessDebug(message: string): boolean {
  return message.includes('authorization failed') || message.includes('GraphQL debug:');
}
