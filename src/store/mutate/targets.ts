/** The nodes an update or delete applies to: the filter narrowed by the operation's rule. */
import type { TypeDef } from '../../model/types.js';
import type { Filter } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { targetsStatement } from '../sql/index.js';

export async function targetsOf(
  tx: Executor, concreteTypes: readonly TypeDef[], filter: Filter | null, policy: AuthPolicy, operation: AuthOperation,
): Promise<bigint[]> {
  const statement = targetsStatement(concreteTypes, filter, policy, operation);
  if (!statement) return [];
  return (await tx.query(statement)).map((r) => BigInt(String(r.uid)));
}
