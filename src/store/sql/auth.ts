/**
 * Auth decisions as SQL. Per concrete type of a level: allow adds nothing,
 * deny removes the type's nodes, filter adds the residual as a predicate.
 * Residuals keep Kleene logic by mapping it onto SQL's: unknown is NULL, and
 * a WHERE keeps only rows whose condition is TRUE. A `reach` residual is the
 * rule's query read from the node itself with cascade semantics and no auth.
 */
import type { TypeDef } from '../../model/types.js';
import type { NodeQuery } from '../../plan/types.js';
import type { Residual } from '../../rules/policy.js';
import { CASCADE_ALL, cascadeSql, effectiveCascade } from './cascade.js';
import type { Compiler, LevelEnv } from './compiler.js';
import { filterSql } from './filter.js';
import { membership, perType } from './membership.js';

export interface LevelAuth {
  /** The level's object types that may contribute nodes at all. */
  readonly visible: readonly TypeDef[];
  /** Extra condition on the level's rows; null when every type is allowed. */
  readonly condition: string | null;
}

/**
 * Whether node `alias` is in the answer of graph rule `rule`; never NULL (a
 * rule's answer is a set), and a plain conjunction of EXISTS, so that as a
 * level's only rule PostgreSQL can plan it as a semi-join.
 */
export function reachSql(c: Compiler, alias: string, rule: NodeQuery): string {
  const cascade = effectiveCascade(rule.cascade, CASCADE_ALL, rule.concreteTypes);
  const env: LevelEnv = { policy: null, operation: 'query', cascade };
  const parts = [membership(alias, rule.concreteTypes)];
  if (rule.filter) parts.push(`COALESCE(${filterSql(c, alias, rule.filter, rule.concreteTypes)}, FALSE)`);
  const required = cascadeSql(c, alias, rule.selection, cascade, rule.concreteTypes, env);
  if (required) parts.push(required);
  return `(${parts.join(' AND ')})`;
}

export function residualSql(c: Compiler, alias: string, residual: Residual): string {
  switch (residual.kind) {
    case 'and':
      return residual.items.length === 0 ? 'TRUE' : `(${residual.items.map((r) => residualSql(c, alias, r)).join(' AND ')})`;
    case 'or':
      return residual.items.length === 0 ? 'FALSE' : `(${residual.items.map((r) => residualSql(c, alias, r)).join(' OR ')})`;
    case 'not':
      return `(NOT ${residualSql(c, alias, residual.item)})`;
    case 'unknown':
      return 'NULL::boolean';
    case 'reach':
      return reachSql(c, alias, residual.query);
  }
}

/** The auth part of a level whose object types are `types`, read under `env`. */
export function levelAuth(c: Compiler, alias: string, types: readonly TypeDef[], env: LevelEnv): LevelAuth {
  const policy = env.policy;
  if (!policy) return { visible: types, condition: null };
  const decisions = types.map((t) => policy.decide(t.name, env.operation));
  if (decisions.every((d) => d.kind === 'allow')) return { visible: types, condition: null };
  const visible = types.filter((_, i) => decisions[i].kind !== 'deny');
  if (visible.length === 0) return { visible, condition: 'FALSE' };
  const conditions = decisions.map((d) =>
    d.kind === 'allow' ? 'TRUE' : d.kind === 'deny' ? 'FALSE' : residualSql(c, alias, d.residual));
  return { visible, condition: perType(alias, types, conditions) };
}
