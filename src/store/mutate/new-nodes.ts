/** The add rule of every node a mutation creates, nested ones included. */
import type { TypeDef } from '../../model/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Row } from '../backend/types.js';
import { AuthorizationError } from '../errors.js';
import type { FailingCheck } from '../sql/index.js';
import { refusalsOf } from './checks.js';
import type { WritePlan } from './plan.js';

/** What the write asks of its new nodes, and what to make of the rows that fail. */
export interface NewNodesCheck {
  readonly check: Omit<FailingCheck, 'uids'>;
  /** Throws when `failing` (the check's rows) refuses the mutation; `created` are the new uids in the plan's order. */
  verdict(failing: readonly Row[], created: readonly bigint[]): void;
}

/**
 * The add rule of every new node's type, and of every field the node was
 * given a value (the new node holds nothing else): type and field rules
 * must both hold. Asked by the statement that writes them (sql/writes.ts,
 * of the graph as it leaves it), so neither costs a statement of its own.
 * A type that may not be added at all fails here, before anything is
 * written. Null when nothing is created.
 */
export function newNodesCheck(plan: WritePlan, policy: AuthPolicy): NewNodesCheck | null {
  if (plan.created.length === 0) return null;
  const types = new Map<string, TypeDef>(plan.created.map((n) => [n.type.name, n.type]));
  if ([...types.keys()].some((name) => policy.decide(name, 'add').kind === 'deny')) throw new AuthorizationError('newNodes');
  return {
    check: { types: [...types.values()], operation: 'add', checked: { kind: 'held' } },
    verdict(failing, created) {
      const typeOf = new Map(created.map((uid, i) => [uid, plan.created[i].type.name]));
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
