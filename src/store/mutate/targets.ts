/** The nodes an update or delete applies to: the filter narrowed by the operation's rule. */
import type { TypeDef } from '../../model/types.js';
import type { Filter } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { Compiler } from '../sql/compiler.js';
import { rowsSql } from '../sql/level.js';

export async function targetsOf(
  tx: Executor, concreteTypes: readonly TypeDef[], filter: Filter | null, policy: AuthPolicy, operation: AuthOperation,
): Promise<bigint[]> {
  const c = new Compiler();
  const rows = rowsSql(c, { concreteTypes, filter }, { kind: 'all' }, { policy, operation, cascade: null });
  if (!rows) return [];
  const found = await tx.query(`SELECT ${rows.alias}.uid::text AS uid FROM (${rows.sql}) ${rows.alias} ORDER BY ${rows.alias}.uid`, c.params.values);
  return found.map((r) => BigInt(String(r.uid)));
}

