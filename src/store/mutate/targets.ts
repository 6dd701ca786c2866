/** The nodes an update or delete applies to: the filter narrowed by the operation's rule. */
import type { TypeDef } from '../../model/types.js';
import type { Filter } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { targetsStatement } from '../sql/index.js';

export async function targetsOf(
  tx: Executor, concreteTypes: readonly TypeDef[], filter: Filter | null, policy: AuthPolicy, operation: AuthOperation,
): Promise<bigint[]> {
  return (await checkedTargetsOf(tx, concreteTypes, filter, policy, operation, [])).uids;
}

/**
 * The targets, and which of `fields` (the fields an update changes) have an
 * update rule that does not hold on some target: one statement for both.
 */
export async function checkedTargetsOf(
  tx: Executor, concreteTypes: readonly TypeDef[], filter: Filter | null, policy: AuthPolicy, operation: AuthOperation,
  fields: readonly string[],
): Promise<{ uids: bigint[]; deniedFields: string[] }> {
  const statement = targetsStatement(concreteTypes, filter, policy, operation, fields);
  if (!statement) return { uids: [], deniedFields: [] };
  const rows = await tx.query(statement);
  const denied = new Set(rows.flatMap((r) => (r.fields ?? []) as string[]));
  return { uids: rows.map((r) => BigInt(String(r.uid))), deniedFields: fields.filter((f) => denied.has(f)) };
}
