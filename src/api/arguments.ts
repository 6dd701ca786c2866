/**
 * Arguments of fields that return nodes: `filter` for object, interface and
 * union results, and for lists also `order` (when the type has orderable
 * fields) and `first`/`offset`. Used for nested fields, `queryT` and the
 * node lists of mutation payloads alike.
 */
import type { SchemaModel } from '../model/types.js';
import { hasOrderables } from './field-rules.js';
import { names } from '../model/names.js';
import type { ArgSpec } from './spec.js';

export function nodeArguments(model: SchemaModel, typeName: string, list: boolean): ArgSpec[] {
  const isUnion = model.unions.has(typeName);
  if (!isUnion && !model.types.has(typeName)) return [];
  const args: ArgSpec[] = [{ name: 'filter', type: names.filter(typeName) }];
  if (!list) return args;
  if (hasOrderables(model.types.get(typeName))) args.push({ name: 'order', type: names.order(typeName) });
  args.push({ name: 'first', type: 'Int' }, { name: 'offset', type: 'Int' });
  return args;
}
