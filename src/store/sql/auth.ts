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
import { filterSql, junction } from './filter.js';
import { membership, perType } from './membership.js';

export interface LevelAuth {
  /** The level's object types that may contribute nodes at all. */
  readonly visible: readonly TypeDef[];
  /** Extra condition on the level's rows; null when every type is allowed. */
  readonly condition: string | null;
}

/**
 * Whether node `alias` is in the answer of graph rule `rule`: a plain
 * conjunction of EXISTS and the rule's root filter, so that as a level's only
 * rule PostgreSQL can plan it as a semi-join and serve the filter from an
 * expression index.
 *
 * A rule's answer is a set, so the reach is never unknown; but the filter may
 * be NULL where Dgraph's is false (a missing value). Where the reach is read
 * positively (no NOT above it, the residual used only as a condition that
 * keeps TRUE rows), NULL and FALSE are alike: AND and OR are monotone, so a
 * NULL in place of FALSE can never turn the whole into TRUE or TRUE into
 * anything else. Only under an odd number of NOTs must the filter be
 * coalesced, or NOT would keep a NULL where Dgraph's answer is TRUE. The
 * COALESCE is left out otherwise because it hides the filter from indexes.
 */
function reachSql(c: Compiler, alias: string, rule: NodeQuery, negated = false): string {
  const cascade = effectiveCascade(rule.cascade, CASCADE_ALL, rule.concreteTypes);
  const env: LevelEnv = { policy: null, operation: 'query', cascade };
  const parts = [membership(alias, rule.concreteTypes)];
  if (rule.filter) {
    const filter = filterSql(c, alias, rule.filter, rule.concreteTypes);
    parts.push(negated ? `COALESCE(${filter}, FALSE)` : filter);
  }
  const required = cascadeSql(c, alias, rule.selection, cascade, rule.concreteTypes, env);
  if (required) parts.push(required);
  return `(${parts.join(' AND ')})`;
}

/**
 * A residual as an SQL condition, meant to be tested for TRUE only (a WHERE,
 * or `COALESCE(condition, FALSE)`): its value may be NULL where it is FALSE.
 * `negated` says whether an odd number of NOTs lies above (see reachSql).
 */
function residualSql(c: Compiler, alias: string, residual: Residual, negated = false): string {
  const sub = (r: Residual) => residualSql(c, alias, r, negated);
  switch (residual.kind) {
    case 'and':
      return junction('AND', residual.items.map(sub));
    case 'or':
      return junction('OR', residual.items.map(sub));
    case 'not':
      return `(NOT ${residualSql(c, alias, residual.item, !negated)})`;
    case 'unknown':
      return 'NULL::boolean';
    case 'reach':
      return reachSql(c, alias, residual.query, negated);
  }
}

/**
 * The auth part of a level whose object types are `types`, read under `env`.
 * Its condition may be NULL where the rule denies (see residualSql): callers
 * use it only as a WHERE condition or inside `COALESCE(condition, FALSE)`,
 * never negated or read as a value.
 */
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
