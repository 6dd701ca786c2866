/**
 * `TOrder { asc, desc, then }` over `enum TOrderable` (the type's scalar
 * fields that order: Int, Int64, Float, String, DateTime). A type without
 * such fields gets neither, and its lists take no `order` argument.
 */
import { servedFields } from '../model/served.js';
import type { TypeDef } from '../model/types.js';
import { isOrderable } from './field-rules.js';
import { names } from '../model/names.js';
import type { TypeSpec } from './spec.js';

export function addOrderTypes(type: TypeDef, out: Map<string, TypeSpec>): void {
  const orderable = servedFields(type).filter(isOrderable);
  if (orderable.length === 0) return;
  const order = names.order(type.name);
  const enumName = names.orderable(type.name);
  out.set(order, {
    kind: 'input',
    name: order,
    fields: [
      { name: 'asc', type: enumName },
      { name: 'desc', type: enumName },
      { name: 'then', type: order },
    ],
  });
  out.set(enumName, { kind: 'enum', name: enumName, values: orderable.map((f) => ({ name: f.name })) });
}
