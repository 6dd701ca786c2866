/**
 * Failures of a root field in Dgraph's words (dgraph-errors.ts): the store's
 * typed errors by what failed, a plan that cannot be built as a rewrite
 * error, anything else as a failure in the database (INTERNAL_SERVER_ERROR).
 */
import type { GraphQLError } from 'graphql';
import { PlanError } from '../plan/index.js';
import { AuthorizationError, MutationFailedError, MutationInputError, StoreError, ValueError } from '../store/index.js';
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

export function fieldErrors(error: unknown, site: FieldSite): GraphQLError[] {
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
  const cause = {
    message: error instanceof Error ? error.message : String(error),
    code: error instanceof StoreError ? error.code : 'INTERNAL_SERVER_ERROR',
  };
  return [mutation ? mutationFailedError(fieldName, key, cause) : queryFailedError(key, cause)];
}
