/**
 * Auth checks of mutations against given nodes, each ONE statement: which of
 * these nodes fail their type's rule for an operation? Used for the update
 * rule of nodes an upsert would update. (New nodes are checked by the
 * statement that writes them, new-nodes.ts.)
 */
import type { TypeDef } from '../../model/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { Executor, Row } from '../backend/types.js';
import { failingStatement, type FieldsChecked } from '../sql/index.js';

/** What a check with field rules found: the nodes whose type's rule fails, and per node the fields whose rule fails. */
export interface Refusals {
  readonly nodes: ReadonlySet<bigint>;
  readonly fields: ReadonlyMap<bigint, readonly string[]>;
}

/** As `failing`, asking the rules of the fields `checked` names too (ONE statement still). */
export async function refusals(
  tx: Executor, uids: readonly bigint[], types: readonly TypeDef[], policy: AuthPolicy, operation: AuthOperation, checked: FieldsChecked,
): Promise<Refusals> {
  const statement = failingStatement(uids, types, policy, operation, checked);
  return refusalsOf(statement ? await tx.query(statement) : []);
}

/** What the rows of a failing check (failingStatement's, or the write's `failing`) say. */
export function refusalsOf(rows: readonly Row[]): Refusals {
  const nodes = new Set<bigint>();
  const fields = new Map<bigint, readonly string[]>();
  for (const row of rows) {
    const uid = BigInt(String(row.uid));
    // Without field rules to ask, the check lists only the nodes the type's rule refuses.
    if (row.allowed !== true) nodes.add(uid);
    const denied = (row.fields ?? []) as string[];
    if (denied.length > 0) fields.set(uid, denied);
  }
  return { nodes, fields };
}
