/**
 * Reading input objects the way Dgraph's mutation rewriter does: which type
 * an object describes (union members come as `{ dogRef: {...} }`), which keys
 * it has once the back-reference to its parent is dropped, and how @id values
 * identify a node within one mutation.
 */
import type { FieldDef, SchemaModel, TypeDef } from '../../model/types.js';
import type { InputObject } from '../../plan/types.js';
import { exactJson, toStored } from '../scalars.js';
import { inverseOf, typeNamed } from './model.js';

/**
 * The object without the field pointing back to its parent when that inverse
 * is singular: the parent sets it (Dgraph: deleteInverseObject).
 */
export function withoutBackReference(model: SchemaModel, obj: InputObject, srcField: FieldDef | null): InputObject {
  const inverse = srcField ? inverseOf(model, srcField) : undefined;
  if (!inverse || inverse.type.list || !(inverse.name in obj)) return obj;
  const { [inverse.name]: _dropped, ...rest } = obj;
  void _dropped;
  return rest;
}

export type Member = { readonly type: TypeDef; readonly obj: InputObject } | { readonly error: string };

/** The type and object of one value of `field` (resolving union member refs). */
export function memberOf(model: SchemaModel, parent: TypeDef, field: FieldDef, value: InputObject, index: number | null): Member {
  if (field.kind !== 'union') return { type: typeNamed(model, field.type.name), obj: value };
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    const where = index === null ? '' : ` index \`${index}\``;
    return { error: `value for field \`${field.name}\` in type \`${parent.name}\`${where} must have exactly one child, found ${keys.length} children` };
  }
  // `dogRef` names member type `Dog`.
  const name = keys[0].charAt(0).toUpperCase() + keys[0].slice(1, -3);
  return { type: typeNamed(model, name), obj: value[keys[0]] as InputObject };
}

/** The values of an edge field in input: one object or a list of them. */
export function objectsOf(value: unknown): { obj: InputObject; index: number | null }[] {
  if (Array.isArray(value)) return value.map((obj, index) => ({ obj: obj as InputObject, index }));
  return [{ obj: value as InputObject, index: null }];
}

/** The @id value as text (its identity within the mutation and in error messages). */
export function xidText(field: FieldDef, value: unknown): string {
  const stored = toStored(field.scalar ?? 'String', value, field.predicate);
  return typeof stored === 'string' ? stored : exactJson(stored);
}

/** Identity of an @id value of a type within one mutation (Dgraph's xid variable). */
export function xidKey(type: TypeDef, field: FieldDef, text: string): string {
  return `${type.name}\u0000${field.name}\u0000${text}`;
}
