/**
 * Which nodes belong to a level, and which concrete type each one is. A node
 * belongs to a level when its dgraph.type list names one of the level's
 * object types; its concrete type is the first of those it carries, the same
 * choice everywhere (typename, fragments, per-type rules).
 */
import type { TypeDef } from '../../model/types.js';
import { literal, textArray } from './params.js';

/**
 * The condition that row `alias` (null: the bare column, as in the WHERE of
 * the per-type indexes of indexes.ts) is a node of one of `types`. Those
 * partial indexes serve a level only if this text is exactly theirs: the
 * planner proves a partial index usable by matching the expression.
 */
export function membership(alias: string | null, types: readonly TypeDef[]): string {
  return types.length === 0 ? 'FALSE' : `${alias ? `${alias}.` : ''}types && ${textArray(types.map((t) => t.dgraphType))}`;
}

function hasType(alias: string, type: TypeDef): string {
  return `${alias}.types @> ${textArray([type.dgraphType])}`;
}

/** One SQL expression per concrete type, picked by the node's concrete type. */
export function perType(alias: string, types: readonly TypeDef[], expressions: readonly string[]): string {
  if (types.length === 1) return expressions[0];
  return `CASE ${types.map((t, i) => `WHEN ${hasType(alias, t)} THEN ${expressions[i]}`).join(' ')} END`;
}

/** The GraphQL name of the node's concrete type. */
export function typeName(alias: string, types: readonly TypeDef[]): string {
  return perType(alias, types, types.map((t) => literal(t.name)));
}
