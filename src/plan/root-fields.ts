/**
 * Which generated root field names which operation on which type
 * (`getUser` → get on User, `addUser` → add on User, ...). Built once per
 * model: the names are Dgraph's, so they identify the operation without a
 * look at the field's type.
 */
import type { SchemaModel, TypeDef } from '../model/types.js';
import { ROOT_FIELD_KINDS, names, type RootFieldKind } from '../model/names.js';

export interface RootField {
  readonly kind: RootFieldKind;
  readonly type: TypeDef;
}

const cache = new WeakMap<SchemaModel, ReadonlyMap<string, RootField>>();

export function rootFields(model: SchemaModel): ReadonlyMap<string, RootField> {
  let fields = cache.get(model);
  if (!fields) {
    const map = new Map<string, RootField>();
    for (const type of model.types.values()) {
      for (const kind of ROOT_FIELD_KINDS) {
        map.set(names[kind](type.name), { kind, type });
      }
    }
    fields = map;
    cache.set(model, fields);
  }
  return fields;
}
