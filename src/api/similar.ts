/**
 * A type's similarity queries, as Dgraph generates them with its get query
 * when some field has `@embedding` (graphql/schema/gqlschema.go
 * addSimilarByIdQuery, addSimilarByEmbeddingQuery): `querySimilarTById`
 * (the get query's key arguments) and `querySimilarTByEmbedding` (a
 * `vector`), each taking `by: TEmbedding!`, `topK`, `ef`,
 * `distance_threshold` and `filter`; the `TEmbedding` enum of the type's
 * `@embedding` fields; and the `vector_distance: Float` field of the type.
 */
import { names } from '../model/names.js';
import type { TypeDef } from '../model/types.js';
import { VECTOR_DISTANCE_FIELD, embeddingFields, hasSimilarQueries } from '../model/vectors.js';
import type { ArgSpec, FieldSpec, TypeSpec } from './spec.js';

/** The similarity queries of `type`, after its get query `get` (whose key arguments ById takes; none: no ById). */
export function similarQueries(type: TypeDef, get: FieldSpec | undefined): FieldSpec[] {
  if (!hasSimilarQueries(type)) return [];
  const by: ArgSpec = { name: 'by', type: `${names.embedding(type.name)}!` };
  const topK: ArgSpec = { name: 'topK', type: 'Int!' };
  const tuning: ArgSpec[] = [
    { name: 'ef', type: 'Int' },
    { name: 'distance_threshold', type: 'Float' },
    { name: 'filter', type: names.filter(type.name) },
  ];
  const byId: FieldSpec[] = get
    ? [{ ...get, name: names.similarById(type.name), type: `[${type.name}]`, args: [...(get.args ?? []), by, topK, ...tuning] }]
    : [];
  return [
    ...byId,
    { name: names.similarByEmbedding(type.name), type: `[${type.name}]`, args: [by, topK, { name: 'vector', type: '[Float!]!' }, ...tuning] },
  ];
}

/** `enum TEmbedding { ... }`, when the type has similarity queries. */
export function addEmbeddingEnum(type: TypeDef, out: Map<string, TypeSpec>): void {
  if (!hasSimilarQueries(type)) return;
  const name = names.embedding(type.name);
  out.set(name, { kind: 'enum', name, values: embeddingFields(type).map((field) => ({ name: field.name })) });
}

/** `vector_distance: Float`, which Dgraph appends to the fields of a type with similarity queries (unless declared). */
export function vectorDistanceFields(type: TypeDef): FieldSpec[] {
  return hasSimilarQueries(type) && !type.fieldMap.has(VECTOR_DISTANCE_FIELD) ? [{ name: VECTOR_DISTANCE_FIELD, type: 'Float' }] : [];
}
