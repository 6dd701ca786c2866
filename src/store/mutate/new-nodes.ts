/** The add rule of every node a mutation created, nested ones included. */
import type { TypeDef } from '../../model/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Row } from '../backend/types.js';
import { AuthorizationError } from '../errors.js';
import { refusalsOf } from './checks.js';
import type { MutationClosing } from './payload.js';
import type { WritePlan } from './plan.js';

/**
 * The add rule of every new node's type, and of every field the node was
 * given a value (the new node holds nothing else): type and field rules
 * must both hold. Asked after writing, inside the transaction, in the
 * statement that reads the payload (no statement of its own when there is
 * one), so field rules cost no statement. A type that may not be added at
 * all fails here, without a look at the data. Nothing to ask when nothing was created.
 */
export function newNodesCheck(plan: WritePlan, created: readonly bigint[], policy: AuthPolicy): MutationClosing {
  if (created.length === 0) return {};
  const types = new Map<string, TypeDef>(plan.created.map((n) => [n.type.name, n.type]));
  if ([...types.keys()].some((name) => policy.decide(name, 'add').kind === 'deny')) throw new AuthorizationError('newNodes');
  const typeOf = new Map(created.map((uid, i) => [uid, plan.created[i].type.name]));
  return {
    check: { uids: created, types: [...types.values()], operation: 'add', checked: { kind: 'held' } },
    verdict(failing: readonly Row[]) {
      const refused = refusalsOf(failing);
      const fields = [...refused.fields].flatMap(([uid, names]) => names.map((field) => ({ type: typeOf.get(uid) ?? '', field, operation: 'add' as const })));
      if (refused.nodes.size > 0 || fields.length > 0) throw new AuthorizationError('newNodes', distinct(fields));
    },
  };
}

/** Each field once, in order. */
function distinct<T extends { readonly type: string; readonly field: string }>(fields: readonly T[]): T[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(`${f.type}.${f.field}`) && (seen.add(`${f.type}.${f.field}`), true));
}
