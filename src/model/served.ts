/**
 * The fields authline stores and serves: everything except those marked
 * `unsupported` (resolved elsewhere in Dgraph: `@custom`, `@lambda`, Apollo
 * `@external`). The generated API and the store both go through here so they
 * agree on what exists.
 */
import type { FieldDef, TypeDef } from './types.js';

export function isServed(field: FieldDef): boolean {
  return field.unsupported === undefined;
}

export function servedFields(type: TypeDef): FieldDef[] {
  return type.fields.filter(isServed);
}
