/**
 * `order: {asc: f, then: {desc: g}}` → order keys, outermost first. In each
 * object `asc` wins over `desc`, as in Dgraph. No order means ascending uid.
 * Also `first`/`offset`, which Dgraph passes on as written.
 */
import type { TypeDef } from '../model/types.js';
import type { OrderKey } from './types.js';
import { isPlainObject } from './context.js';
import { PlanError } from './errors.js';

export function buildOrder(type: TypeDef | undefined, value: unknown): OrderKey[] {
  const keys: OrderKey[] = [];
  for (let order = value; isPlainObject(order); order = order.then) {
    const desc = typeof order.asc !== 'string' && typeof order.desc === 'string';
    const name = desc ? order.desc : order.asc;
    if (typeof name !== 'string') continue;
    const field = type?.fieldMap.get(name);
    if (!field || field.unsupported || field.type.list) throw new PlanError(`${JSON.stringify(name)} is not an orderable field of ${type?.name ?? 'this type'}`);
    keys.push({ field, desc });
  }
  return keys;
}

/** `first`/`offset`: an integer (rule variables may hold it as a numeric string). */
export function pageArgument(name: string, value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new PlanError(`${name} must be an integer, got: ${JSON.stringify(value)}`);
  return number;
}
