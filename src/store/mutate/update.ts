/**
 * updateT(input: {filter, set, remove}): the filter narrowed by the update
 * rule selects the nodes; set writes values and adds edges (new nested nodes
 * must pass their add rule), remove drops values and edges. numUids counts
 * the selected nodes, as in Dgraph.
 */
import type { InputObject, RootPlan } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Transaction } from '../backend/types.js';
import type { NodeBudget } from '../types.js';
import { AuthorizationError, MutationFailedError, MutationInputError } from '../errors.js';
import type { CompiledMutation } from './compiled.js';
import { References, lookUp } from './existence.js';
import { objectTypes } from './model.js';
import { newNodesCheck } from './new-nodes.js';
import { payload } from './payload.js';
import { WritePlan } from './plan.js';
import { Rewriter } from './rewrite.js';
import { checkedTargetsOf } from './targets.js';
import { write } from './write.js';

type UpdatePlan = Extract<RootPlan, { kind: 'update' }>;

function isEmpty(obj: InputObject | null): boolean {
  return obj === null || Object.keys(obj).length === 0;
}

/** `compiled`: what an earlier run of the same plan under the same decisions kept (compiled.ts): its payload's statements. */
export async function runUpdate(
  tx: Transaction, plan: UpdatePlan, policy: AuthPolicy, budget?: NodeBudget, compiled?: CompiledMutation,
): Promise<Record<string, unknown>> {
  const { model, type, set, remove } = plan;
  // Nothing to set or remove: Dgraph runs nothing and reports nothing.
  if (isEmpty(set) && isEmpty(remove)) return payload(tx, plan.payload, [], 0, policy, budget);

  // Fields the input sets or removes answer to their update rule on every target, before the change.
  const changed = [...new Set([...Object.keys(set ?? {}), ...Object.keys(remove ?? {})])];
  const { uids: targets, deniedFields } = await checkedTargetsOf(tx, objectTypes(model, type), plan.filter, policy, 'update', changed);
  if (deniedFields.length > 0) {
    throw new AuthorizationError('update', deniedFields.map((field) => ({ type: type.name, field, operation: 'update' })));
  }
  const refs = new References(model);
  if (set) refs.collect(type, set, null);
  if (remove) refs.collect(type, remove, null);
  if (refs.reasons.length > 0) throw new MutationInputError(refs.reasons);
  const existence = await lookUp(tx, refs);

  const writes = new WritePlan();
  const rewriter = new Rewriter(model, policy, refs, existence, writes);
  if (set && !isEmpty(set)) rewriter.rewrite(type, set, null, 'set');
  if (remove && !isEmpty(remove)) rewriter.rewrite(type, remove, null, 'remove');
  if (rewriter.reasons.length > 0) throw new MutationInputError(rewriter.reasons);

  if (set && isEmpty(set)) throw new MutationFailedError('not able to find set args in update mutation');
  if (set && targets.length > 1 && type.xidFields.some((x) => set[x.name] != null)) {
    const message = 'only one node is allowed in the filter while updating fields with @id directive';
    throw new MutationFailedError(policy.hasRule(type.name, 'query') ? `GraphQL debug: ${message}` : message);
  }
  if (targets.length > 0) await write(tx, model, writes, targets, policy, existence.recheck, newNodesCheck(writes, policy));
  return payload(tx, plan.payload, targets, targets.length, policy, budget, [], compiled);
}
