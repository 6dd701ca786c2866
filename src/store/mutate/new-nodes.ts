/** The add rule of every node a mutation created, nested ones included. */
import type { TypeDef } from '../../model/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { AuthorizationError } from '../errors.js';
import { refusals } from './checks.js';
import type { WritePlan } from './plan.js';

/**
 * The add rule of every new node's type, and of every field the node was
 * given a value (the new node holds nothing else). Type and field rules
 * must both hold.
 */
export async function checkNewNodes(tx: Executor, plan: WritePlan, created: readonly bigint[], policy: AuthPolicy): Promise<void> {
  if (created.length === 0) return;
  const types = new Map<string, TypeDef>(plan.created.map((n) => [n.type.name, n.type]));
  // A type that may not be added at all fails without a look at the data.
  if ([...types.keys()].some((name) => policy.decide(name, 'add').kind === 'deny')) throw new AuthorizationError('newNodes');
  const refused = await refusals(tx, created, [...types.values()], policy, 'add', { kind: 'held' });
  const typeOf = new Map(created.map((uid, i) => [uid, plan.created[i].type.name]));
  const fields = [...refused.fields].flatMap(([uid, names]) => names.map((field) => ({ type: typeOf.get(uid) ?? '', field, operation: 'add' as const })));
  if (refused.nodes.size > 0 || fields.length > 0) throw new AuthorizationError('newNodes', distinct(fields));
}

/** Each field once, in order. */
function distinct<T extends { readonly type: string; readonly field: string }>(fields: readonly T[]): T[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(`${f.type}.${f.field}`) && (seen.add(`${f.type}.${f.field}`), true));
}
