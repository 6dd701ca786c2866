/**
 * Failures of a root field in Dgraph's words. The store's errors know how
 * Dgraph wraps them (StoreError.messagesFor); a plan that cannot be built is
 * a rewrite error; anything else failed in the database.
 */
import { GraphQLError } from 'graphql';
import { PlanError } from '../plan/index.js';
import { StoreError } from '../store/index.js';
import { mutationFailedError, queryFailedError, rewriteMutationError, rewriteQueryError } from './dgraph-errors.js';

export interface FieldSite {
  /** The API field name (Dgraph names mutations by field). */
  readonly fieldName: string;
  /** The response key (alias or name): the error's path. */
  readonly key: string;
  readonly mutation: boolean;
}

export function fieldErrors(error: unknown, site: FieldSite): GraphQLError[] {
  const { fieldName, key, mutation } = site;
  if (error instanceof StoreError) {
    // Dgraph names queries by response key and mutations by field name.
    return error.messagesFor(mutation ? fieldName : key).map((message) => new GraphQLError(message, { path: [key] }));
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof PlanError) {
    return [mutation ? rewriteMutationError(fieldName, key, reason) : rewriteQueryError(key, reason)];
  }
  return [mutation ? mutationFailedError(fieldName, key, reason) : queryFailedError(key, reason)];
}
