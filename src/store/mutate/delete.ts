/**
 * deleteT(filter): the filter narrowed by the delete rule selects the nodes;
 * the payload is read as they were, by the statement that deletes them.
 * Deleting a node deletes its edges in both directions, so @hasInverse
 * partners (and every other referrer) no longer point at it.
 */
import type { RootPlan } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Transaction } from '../backend/types.js';
import type { NodeBudget } from '../types.js';
import { objectTypes } from './model.js';
import { payload } from './payload.js';
import { targetsOf } from './targets.js';

type DeletePlan = Extract<RootPlan, { kind: 'delete' }>;

export async function runDelete(tx: Transaction, plan: DeletePlan, policy: AuthPolicy, budget?: NodeBudget): Promise<Record<string, unknown>> {
  const targets = await targetsOf(tx, objectTypes(plan.model, plan.type), plan.filter, policy, 'delete');
  // Read as they were, and deleted, in one statement.
  return payload(tx, plan.payload, targets, targets.length, policy, budget, targets);
}
