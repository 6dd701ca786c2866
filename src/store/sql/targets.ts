/**
 * Statements that pick nodes for a mutation under a rule: the nodes an update
 * or delete applies to, and which of given nodes fail a rule (the add rule of
 * new nodes, the update rule of nodes an upsert or a re-pointed inverse edge
 * would change). Each is ONE statement.
 */
import type { TypeDef } from '../../model/types.js';
import type { Filter } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import { Compiler } from './compiler.js';
import { identifier, param, render, sql, type Statement } from './fragment.js';
import { levelAuth, rowsSql } from './levels.js';

/** The nodes of `concreteTypes` that `filter` selects and `operation`'s rule allows, as decimal `uid`s in uid order. */
export function targetsStatement(
  concreteTypes: readonly TypeDef[], filter: Filter | null, policy: AuthPolicy, operation: AuthOperation,
): Statement | null {
  const c = new Compiler();
  const rows = rowsSql(c, { concreteTypes, filter }, { kind: 'all' }, { policy, operation });
  if (!rows) return null;
  return render(sql`SELECT ${rows.alias}.uid::text AS uid FROM (${rows.sql}) ${rows.alias} ORDER BY ${rows.alias}.uid`);
}

/**
 * The nodes among `uids` that do not pass `operation`'s rule for their
 * concrete type among `types`, as decimal `uid`s; null when the rule lets
 * every node pass.
 */
export function failingStatement(
  uids: readonly bigint[], types: readonly TypeDef[], policy: AuthPolicy, operation: AuthOperation,
): Statement | null {
  if (uids.length === 0) return null;
  const n = identifier('n');
  const auth = levelAuth(new Compiler(), n, types, { policy, operation });
  if (auth.condition === null) return null;
  // The condition may be NULL where the rule denies (levels.ts): coalesced before NOT, so NULL fails too.
  return render(sql`SELECT n.uid::text AS uid FROM authline.node ${n} WHERE n.uid = ANY(${param(uids.map(String), 'bigint[]')}) AND NOT COALESCE(${auth.condition}, FALSE)`);
}
