/**
 * @cascade: a node stays only if every selected field (or every named one) is
 * present: a scalar has a value, an edge has at least one child that itself
 * survives its level's auth, filter and cascade. As in Dgraph's query engine,
 * a level's cascade flows down to the levels below until one sets its own;
 * named fields are matched by predicate, so they rarely apply below.
 * Graph-traversal rules are read with cascade on every level by default.
 */
import type { TypeDef } from '../../model/types.js';
import type { Cascade, Selection } from '../../plan/types.js';
import type { Compiler, LevelEnv } from './compiler.js';
import { existsSql } from './level.js';
import { typeName } from './membership.js';
import { literal } from './params.js';
import { predicateOf } from './values.js';

export type EffectiveCascade =
  | null
  | { readonly kind: 'all' }
  | { readonly kind: 'predicates'; readonly predicates: ReadonlySet<string> };

export const CASCADE_ALL: EffectiveCascade = { kind: 'all' };

/** The cascade in force at a level: its own, else the one from above. */
export function effectiveCascade(own: Cascade | null, inherited: EffectiveCascade, types: readonly TypeDef[]): EffectiveCascade {
  if (!own) return inherited;
  if (own.kind === 'all') return CASCADE_ALL;
  const predicates = new Set<string>();
  for (const name of own.fields) {
    for (const type of types) {
      const field = type.fieldMap.get(name);
      // The ID field is always present (Dgraph skips uid in cascade checks).
      if (field && field.kind !== 'id') predicates.add(predicateOf(field));
    }
  }
  return { kind: 'predicates', predicates };
}

function isRequired(selection: Selection, cascade: EffectiveCascade): boolean {
  if (!cascade || (selection.kind !== 'scalar' && selection.kind !== 'edge')) return false;
  return cascade.kind === 'all' || cascade.predicates.has(predicateOf(selection.field));
}

/**
 * The condition that row `alias` (of a level with object types `types`) has
 * every field `cascade` requires; null when nothing is required.
 */
export function cascadeSql(
  c: Compiler, alias: string, selection: readonly Selection[], cascade: EffectiveCascade,
  types: readonly TypeDef[], env: LevelEnv,
): string | null {
  const conditions: string[] = [];
  for (const s of selection) {
    if (!isRequired(s, cascade)) continue;
    let condition = s.kind === 'scalar'
      ? `${alias}.data ? ${literal(predicateOf(s.field))}`
      : s.kind === 'edge'
        ? existsSql(c, s.query, { kind: 'edge', parent: alias, field: s.field }, { policy: env.policy, operation: 'query', cascade })
        : 'TRUE';
    if (s.onTypes) {
      // A fragment's fields are required of the fragment's types only.
      condition = `CASE WHEN ${typeName(alias, types)} IN (${s.onTypes.map(literal).join(', ')}) THEN ${condition} ELSE TRUE END`;
    }
    conditions.push(condition);
  }
  return conditions.length === 0 ? null : conditions.join(' AND ');
}
