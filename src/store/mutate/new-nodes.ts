/** The add rule of every node a mutation created, nested ones included. */
import type { TypeDef } from '../../model/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { AuthorizationError } from '../errors.js';
import { failing } from './checks.js';
import type { WritePlan } from './plan.js';

export async function checkNewNodes(tx: Executor, plan: WritePlan, created: readonly bigint[], policy: AuthPolicy): Promise<void> {
  if (created.length === 0) return;
  const types = new Map<string, TypeDef>(plan.created.map((n) => [n.type.name, n.type]));
  // A type that may not be added at all fails without a look at the data.
  if ([...types.keys()].some((name) => policy.decide(name, 'add').kind === 'deny')) throw new AuthorizationError('newNodes');
  const refused = await failing(tx, created, [...types.values()], policy, 'add');
  if (refused.size > 0) throw new AuthorizationError('newNodes');
}
