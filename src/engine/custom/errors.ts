/**
 * A `@custom`/`@lambda` field whose call failed: the field is null (or `[]`)
 * and carries this error; its siblings are untouched. Messages are Dgraph's
 * (query/outputnode_graphql.go, graphql/schema/custom_http.go); errors a
 * remote GraphQL endpoint or lambda returns are passed on as they came.
 */
export type RemoteErrorCode = 'REMOTE_CALL_FAILED';
export const REMOTE_CALL_FAILED: RemoteErrorCode = 'REMOTE_CALL_FAILED';

/** What a failed (or partly failed) call reports: a message and any extensions/locations the remote gave. */
export interface RemoteProblem {
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export function externalRequestError(reason: string, field: string, type: string): RemoteProblem {
  return { message: `Evaluation of custom field failed because external request returned an error: ${reason} for field: ${field} within type: ${type}.` };
}

export function jsonUnmarshalError(reason: string, field: string, type: string): RemoteProblem {
  return {
    message: `Evaluation of custom field failed because json unmarshalling result of external request failed (with error: ${reason}) for field: ${field} within type: ${type}.`,
  };
}

export function keyNotFoundError(key: string, field: string, type: string): RemoteProblem {
  return {
    message: `Evaluation of custom field failed because key: ${key} could not be found in the JSON response returned by external request for field: ${field} within type: ${type}.`,
  };
}

export function batchNotListError(got: string, field: string, type: string): RemoteProblem {
  return {
    message: `Evaluation of custom field failed because expected result of external BATCH request to be of list type, got: ${got} for field: ${field} within type: ${type}.`,
  };
}

export function batchSizeError(want: number, got: number, field: string, type: string): RemoteProblem {
  return {
    message: `Evaluation of custom field failed because expected result of external request to be of size ${want}, got: ${got} for field: ${field} within type: ${type}.`,
  };
}
