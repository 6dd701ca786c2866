/**
 * The node `getT` and `checkTPassword` address: by uid, by `@id` fields, or
 * both (all must match), read and checked as Dgraph does, including its
 * error messages for ids it cannot parse.
 */
import type { FieldNode } from 'graphql';
import type { FieldDef, TypeDef } from '../model/types.js';
import type { Filter, Value } from './types.js';
import { PlanError } from './errors.js';
import { parseUid } from './uid.js';

/**
 * The filter selecting the node named by `args`. Only arguments written in
 * the query count (as in Dgraph); none at all selects nothing.
 */
export function keyFilter(type: TypeDef, node: FieldNode, args: Record<string, unknown>): Filter {
  const fieldName = node.name.value;
  const uidField = type.idField;
  const xids: { field: FieldDef; value: Value }[] = [];
  for (const arg of node.arguments ?? []) {
    const name = arg.name.value;
    if (name === uidField?.name || name === type.secretField) continue;
    const field = type.fieldMap.get(name);
    const value = args[name];
    if (!field || (typeof value !== 'string' && typeof value !== 'number')) {
      throw new PlanError(`Argument (${name}) of ${fieldName} was not able to be parsed as a string`, node);
    }
    xids.push({ field, value });
  }

  let uid: string | undefined;
  const idValue = uidField ? args[uidField.name] : undefined;
  if (idValue !== null && idValue !== undefined) {
    uid = typeof idValue === 'string' ? parseUid(idValue) : undefined;
    if (uid === undefined) {
      throw new PlanError(`ID argument (${typeof idValue === 'string' ? idValue : ''}) of ${fieldName} was not able to be parsed`, node);
    }
  }

  const byXid: Filter[] = xids
    .sort((a, b) => (a.field.name < b.field.name ? -1 : 1))
    .map(({ field, value }) => ({ kind: 'compare', field, op: 'eq', value }));
  if (byXid.length === 0) return uid !== undefined ? { kind: 'uid', uids: [uid] } : { kind: 'const', value: false };
  // Dgraph ignores uid 0 next to @id arguments.
  const items: Filter[] = uid !== undefined && uid !== '0' ? [{ kind: 'uid', uids: [uid] }, ...byXid] : byXid;
  return items.length === 1 ? items[0] : { kind: 'and', items };
}
