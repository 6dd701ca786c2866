/**
 * Auth checks of mutations against given nodes, each ONE statement: which of
 * these nodes fail their type's rule for an operation? Used for the add rule
 * of new nodes (after writing, so graph rules see the new edges), the update
 * rule of nodes an upsert would update, and of nodes whose singular inverse
 * edge a mutation re-points.
 */
import type { TypeDef } from '../../model/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { levelAuth } from '../sql/auth.js';
import { Compiler } from '../sql/compiler.js';

/** The nodes among `uids` that do not pass `operation`'s rule for their concrete type among `types`. */
export async function failing(
  tx: Executor, uids: readonly bigint[], types: readonly TypeDef[], policy: AuthPolicy, operation: AuthOperation,
): Promise<Set<bigint>> {
  if (uids.length === 0) return new Set();
  const c = new Compiler();
  const auth = levelAuth(c, 'n', types, { policy, operation, cascade: null });
  if (auth.condition === null) return new Set();
  const list = c.params.add(uids.map(String), 'bigint[]');
  // The condition may be NULL where the rule denies (sql/auth.ts): coalesced before NOT, so NULL fails too.
  const rows = await tx.query(
    `SELECT n.uid::text AS uid FROM authline.node n WHERE n.uid = ANY(${list}) AND NOT COALESCE(${auth.condition}, FALSE)`,
    c.params.values,
  );
  return new Set(rows.map((r) => BigInt(String(r.uid))));
}
