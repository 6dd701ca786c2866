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
import { failingStatement } from '../sql/index.js';

/** The nodes among `uids` that do not pass `operation`'s rule for their concrete type among `types`. */
export async function failing(
  tx: Executor, uids: readonly bigint[], types: readonly TypeDef[], policy: AuthPolicy, operation: AuthOperation,
): Promise<Set<bigint>> {
  const statement = failingStatement(uids, types, policy, operation);
  if (!statement) return new Set();
  return new Set((await tx.query(statement)).map((r) => BigInt(String(r.uid))));
}
