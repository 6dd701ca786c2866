/**
 * The arguments of querySimilarTById / querySimilarTByEmbedding →
 * SimilarSearch (Dgraph's graphql/resolve/query_rewriter.go
 * rewriteAsSimilarByIdQuery, rewriteAsSimilarByEmbeddingQuery), within
 * authline's limits (model/vectors.ts VECTOR_LIMITS).
 */
import type { FieldNode } from 'graphql';
import type { TypeDef } from '../model/types.js';
import { VECTOR_LIMITS } from '../model/vectors.js';
import { PlanError } from './errors.js';
import { keyFilter } from './keys.js';
import type { SimilarSearch } from './types.js';

export function similarSearch(type: TypeDef, node: FieldNode, args: Record<string, unknown>, byId: boolean): SimilarSearch {
  const name = node.name.value;
  const field = type.fieldMap.get(String(args.by));
  if (!field?.embedding) throw new PlanError(`${String(args.by)} is not an @embedding field of ${type.name}`, node);
  const topK = Number(args.topK);
  if (topK > VECTOR_LIMITS.topK) throw new PlanError(`topK of ${name} is ${topK}, more than authline's limit of ${VECTOR_LIMITS.topK}`, node);
  const ef = typeof args.ef === 'number' ? { ef: args.ef } : {};
  const threshold = typeof args.distance_threshold === 'number' ? { threshold: args.distance_threshold } : {};
  const common = { field, metric: field.embedding.metric, topK, ...ef, ...threshold };
  if (byId) return { ...common, from: { kind: 'node', filter: keyFilter(type, keyArguments(type, node), args) } };
  const vector = (Array.isArray(args.vector) ? args.vector : []) as number[];
  if (vector.length > VECTOR_LIMITS.length) {
    throw new PlanError(`the vector of ${name} has ${vector.length} numbers, more than authline's limit of ${VECTOR_LIMITS.length}`, node);
  }
  return { ...common, from: { kind: 'vector', vector } };
}

/** The field with only the arguments that name the node (those of getT). */
function keyArguments(type: TypeDef, node: FieldNode): FieldNode {
  const isKey = (name: string) => name === type.idField?.name || type.xidFields.some((f) => f.name === name);
  return { ...node, arguments: node.arguments?.filter((a) => isKey(a.name.value)) };
}
