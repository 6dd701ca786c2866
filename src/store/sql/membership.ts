/**
 * Which nodes belong to a level, and which concrete type each one is. A node
 * belongs to a level when its dgraph.type list names one of the level's
 * object types; its concrete type is the first of those it carries, the same
 * choice everywhere (typename, fragments, per-type rules).
 */
import type { TypeDef } from '../../model/types.js';
import { join, literal, sql, textArray, type Sql } from './fragment.js';
import { column } from './values.js';

/**
 * The condition that row `alias` (null: the bare column, as in the WHERE of
 * the per-type indexes of indexes.ts) is a node of one of `types`. Those
 * partial indexes serve a level only if this text is exactly theirs: the
 * planner proves a partial index usable by matching the expression.
 */
export function membership(alias: Sql | null, types: readonly TypeDef[]): Sql {
  return types.length === 0 ? sql`FALSE` : sql`${column(alias, 'types')} && ${textArray(types.map((t) => t.dgraphType))}`;
}

function hasType(alias: Sql, type: TypeDef): Sql {
  return sql`${alias}.types @> ${textArray([type.dgraphType])}`;
}

/** One SQL expression per concrete type, picked by the node's concrete type. */
export function perType(alias: Sql, types: readonly TypeDef[], expressions: readonly Sql[]): Sql {
  if (types.length === 1) return expressions[0];
  return sql`CASE ${join(types.map((t, i) => sql`WHEN ${hasType(alias, t)} THEN ${expressions[i]}`), sql` `)} END`;
}

/** The GraphQL name of the node's concrete type. */
export function typeName(alias: Sql, types: readonly TypeDef[]): Sql {
  return perType(alias, types, types.map((t) => literal(t.name)));
}

/** Whether `typeName` (an expression naming a node's concrete type) is one of `names`. */
export function isOneOf(typeName: Sql, names: readonly string[]): Sql {
  return sql`${typeName} IN (${join(names.map(literal), sql`, `)})`;
}
