/**
 * Vectors in the store: what Dgraph's executor checks of a similarity query
 * before it searches (worker/task.go parseSimilarToOptions), with its
 * messages; and a vector as a mutation writes it.
 */
import type { FieldDef } from '../model/types.js';
import { VECTOR_LIMITS } from '../model/vectors.js';
import type { SimilarSearch } from '../plan/types.js';
import { ValueError, VectorSearchError } from './errors.js';

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
