/**
 * Structural comparison of GraphQL answers, as Dgraph's tests compare them
 * (require.JSONEq): the whole `data`, exactly; errors by message and path.
 */
import assert from 'node:assert/strict';
import type { GraphQLResponse } from './graphql.js';

/** The answer has no errors and exactly this data. */
export function assertData(res: GraphQLResponse, data: Record<string, unknown>): void {
  assert.deepEqual(res.errors, undefined, `expected no errors, got ${JSON.stringify(res.errors)}`);
  assert.deepEqual(res.data, data);
}

export interface ExpectedError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

/**
 * The answer has exactly this data (undefined: no `data` key at all) and
 * exactly these errors, compared by message and path in any order (Dgraph
 * resolves root queries concurrently and does not promise one).
 */
export function assertErrors(
  res: GraphQLResponse,
  data: Record<string, unknown> | null | undefined,
  errors: readonly ExpectedError[],
): void {
  const comparable = (list: readonly ExpectedError[]) =>
    list
      .map((e) => (e.path === undefined ? { message: e.message } : { message: e.message, path: [...e.path] }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  assert.deepEqual(comparable(res.errors ?? []), comparable(errors));
  if (data === undefined) assert.equal(res.hasData, false, `expected no data key, got ${JSON.stringify(res.data)}`);
  else assert.deepEqual(res.data, data);
}

/** `list` sorted by the string value of `key`: for answers Dgraph's test compares without order. */
export function sortedBy<T extends Record<string, unknown>>(list: readonly T[], key: keyof T): T[] {
  return [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}

/** The value at `path` in an answer without errors: `dataAt(res, 'addLog', 'log', 0, 'id')`. */
export function dataAt(res: GraphQLResponse, ...path: readonly (string | number)[]): unknown {
  assert.deepEqual(res.errors, undefined, `expected no errors, got ${JSON.stringify(res.errors)}`);
  let value: unknown = res.data;
  for (const key of path) {
    assert.ok(value !== null && typeof value === 'object', `nothing at ${path.join('.')} in ${JSON.stringify(res.data)}`);
    value = (value as Record<string | number, unknown>)[key];
  }
  assert.notEqual(value, undefined, `nothing at ${path.join('.')} in ${JSON.stringify(res.data)}`);
  return value;
}
