/**
 * Failures of a root field in Dgraph's words (dgraph-errors.ts): the store's
 * typed errors by what failed, a plan that cannot be built as a rewrite
 * error, anything else as a failure in the database or in authline, told
 * to the client in fixed words with the request id (database-failure.ts).
 */
import type { GraphQLError } from 'graphql';
import { PlanError } from '../plan/index.js';
import { AuthorizationError, MutationFailedError, MutationInputError, StoreError, ValueError } from '../store/index.js';
import { databaseFailure } from './database-failure.js';
import {
  addAuthorizationError,
  addFieldAuthorizationError,
  AUTHORIZATION_FAILED,
  deniedFieldsText,
  mutationFailedError,
  mutationPayloadError,
  queryFailedError,
  referenceAuthorizationError,
  rewriteMutationError,
  rewriteQueryError,
} from './dgraph-errors.js';

export interface FieldSite {
  /** The API field name (Dgraph names mutations by field). */
  readonly fieldName: string;
  /** The response key (alias or name): the error's path. */
  readonly key: string;
  readonly mutation: boolean;
}

/** `requestId`: named in the answer to a failure whose details only the log has. */
export function fieldErrors(error: unknown, site: FieldSite, requestId?: string): GraphQLError[] {
  const { fieldName, key, mutation } = site;
  if (error instanceof MutationInputError) {
    return error.reasons.map((message) => mutationPayloadError(fieldName, key, { message, code: error.code }));
  }
  if (error instanceof AuthorizationError) {
    const detail = deniedFieldsText(error.fields);
    switch (error.stage) {
      case 'newNodes':
        return [detail ? addFieldAuthorizationError(key, detail) : addAuthorizationError(key)];
      case 'update':
        return [rewriteMutationError(fieldName, key, { message: `${AUTHORIZATION_FAILED.message}${detail}`, code: error.code })];
      case 'reference':
        return [referenceAuthorizationError(fieldName, key)];
    }
  }
  if (error instanceof MutationFailedError) return [mutationFailedError(fieldName, key, error)];
  // Dgraph names queries by response key and mutations by field name.
  if (error instanceof ValueError) return [rewriteQueryError(key, error, mutation ? fieldName : key)];
  if (error instanceof PlanError) return [mutation ? rewriteMutationError(fieldName, key, error) : rewriteQueryError(key, error)];
  // A StoreError of no subclass is the store's own refusal, in its own words.
  const cause = error instanceof StoreError ? { message: error.message, code: error.code } : databaseFailure(error, requestId);
  return [mutation ? mutationFailedError(fieldName, key, cause) : queryFailedError(key, cause)];
}
