/**
 * Vectors in the store: what Dgraph's executor checks of a similarity query
 * before it searches (worker/task.go parseSimilarToOptions), with its
 * messages; and a vector as a mutation writes it.
 */
import type { FieldDef } from '../model/types.js';
import { VECTOR_LIMITS, type VectorMetric } from '../model/vectors.js';
import type { SimilarSearch } from '../plan/types.js';
import type { Executor } from './backend/types.js';
import { MutationFailedError, ValueError, VectorSearchError } from './errors.js';
import { otherLengthStatement } from './sql/index.js';

/** How Dgraph names each metric's computation in its error (tok/hnsw/helper.go). */
export const METRIC_COMPUTATIONS: Readonly<Record<VectorMetric, string>> = {
  euclidean: 'euclidean distance',
  cosine: 'cosine distance',
  dotproduct: 'dot product',
};

/** Dgraph's reason for refusing vectors of different lengths (its HNSW index cannot compare them). */
export function lengthsDiffer(metric: VectorMetric): string {
  return `can not compute ${METRIC_COMPUTATIONS[metric]} on vectors of different lengths`;
}

export function checkedSearch(search: SimilarSearch): SimilarSearch {
  if (search.ef !== undefined && search.ef <= 0) throw new VectorSearchError(`Value for 'ef' must be positive, got: ${search.ef}`);
  if (search.threshold !== undefined && search.threshold < 0) {
    throw new VectorSearchError(`Value for 'distance_threshold' must be non-negative, got: ${search.threshold}`);
  }
  return search;
}

/** A vector as a mutation stores it: its numbers in order, within VECTOR_LIMITS.length. */
export function storedVector(field: FieldDef, value: unknown, store: (item: unknown) => unknown): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  if (items.length > VECTOR_LIMITS.length) {
    throw new ValueError(`${field.declaredIn}.${field.name} is given ${items.length} numbers, more than authline's limit of ${VECTOR_LIMITS.length} for a vector`);
  }
  return items.map(store);
}

/**
 * Dgraph refuses to store a vector in an indexed field whose length differs
 * from the vectors already indexed (its HNSW insert compares them: the
 * mutation fails, posting/index.go): the same of the vectors a mutation
 * writes, among themselves and against the stored ones, in one statement.
 */
export async function checkVectorLengths(
  tx: Executor, written: readonly { readonly predicate: string; readonly type: string; readonly length: number; readonly metric: VectorMetric }[],
): Promise<void> {
  if (written.length === 0) return;
  const refuse = (metric: VectorMetric) => new MutationFailedError(`Dgraph execution failed because ${lengthsDiffer(metric)}`);
  const first = new Map<string, (typeof written)[number]>();
  for (const vector of written) {
    const seen = first.get(vector.predicate);
    if (!seen) first.set(vector.predicate, vector);
    else if (seen.length !== vector.length) throw refuse(vector.metric);
  }
  const [row] = await tx.query(otherLengthStatement([...first.values()]));
  if (row) throw refuse(first.get(String(row.pred))!.metric);
}
