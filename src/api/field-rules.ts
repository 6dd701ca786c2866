/**
 * Dgraph's rules for what a field contributes to the generated API: which
 * fields order, sum, identify a node, and go into mutation inputs.
 */
import { print } from 'graphql';
import { GEO_TYPES, ORDERABLE, SUMMABLE } from '../model/builtins.js';
import { isReadOnlyLanguage, readsSeveralLanguages } from '../model/language-tags.js';
import { isEdge } from '../model/edges.js';
import { servedFields } from '../model/served.js';
import type { FieldDef, SchemaModel, TypeDef, TypeRef } from '../model/types.js';
import { names } from '../model/names.js';

/** The node's uid field, or an Apollo external `ID` key (which Dgraph also treats as the type's ID). */
export function isIdTyped(field: FieldDef): boolean {
  return field.type.name === 'ID';
}

/** An `ID` field of an `@extends` type that is its `@key`: stored as a string, not the uid. */
export function isExternalKey(field: FieldDef): boolean {
  return field.type.name === 'ID' && field.kind !== 'id';
}

/** Written with `@id` (the external key is not: Dgraph gives it ID semantics). */
export function hasIdDirective(field: FieldDef): boolean {
  return field.xid && !isExternalKey(field);
}

export function isOrderable(field: FieldDef): boolean {
  return !field.type.list && !readsSeveralLanguages(field) && (ORDERABLE.has(field.type.name) || isExternalKey(field));
}

/** Whether `TAggregateResult` has `<field>Min`/`Max`: orderable fields, and those reading several languages. */
export function hasMinMax(field: FieldDef): boolean {
  return isOrderable(field) || readsSeveralLanguages(field);
}

export function isSummable(field: FieldDef): boolean {
  return !field.type.list && SUMMABLE.has(field.type.name);
}

export function idFieldOf(type: TypeDef): FieldDef | undefined {
  return servedFields(type).find(isIdTyped);
}

export function hasId(type: TypeDef): boolean {
  return idFieldOf(type) !== undefined;
}

export function hasXid(type: TypeDef): boolean {
  return servedFields(type).some(hasIdDirective);
}

export function hasOrderables(type: TypeDef | undefined): boolean {
  return type !== undefined && servedFields(type).some(isOrderable);
}

/** `[Post!]!` from a TypeRef, optionally with another named type (`[PostRef!]!`). */
export function printTypeRef(ref: TypeRef, name: string = ref.name): string {
  const inner = ref.list ? `[${name}${ref.itemNonNull ? '!' : ''}]` : name;
  return ref.nonNull ? `${inner}!` : inner;
}

export interface InputField {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
}

/**
 * The field's description as `type` shows it: Dgraph copies an interface's
 * fields into its implementations without their descriptions, so only a
 * field the type itself declares keeps one (in the type and its inputs).
 */
export function ownDescription(type: TypeDef, field: FieldDef): { description?: string } {
  const node = field.astNode;
  if (!node?.description || !type.astNode?.fields?.includes(node)) return {};
  return { description: print(node.description) };
}

/**
 * The fields of `AddTInput`, `TRef` and (all made nullable) `TPatch`: every
 * stored field except the ID, with edges as references (`URef`). Reverse
 * edges are written through their forward edge only, and an interface
 * without any way to identify its nodes cannot be referenced. A field with
 * `@default(add:)` may be left out. The `@secret` password comes last.
 */
export function inputFields(model: SchemaModel, type: TypeDef): InputField[] {
  const fields: InputField[] = [];
  for (const field of servedFields(type)) {
    if (isIdTyped(field) || field.reverse || isReadOnlyLanguage(field)) continue;
    const target = model.types.get(field.type.name);
    if (field.kind === 'interface' && target && !hasId(target) && !hasXid(target)) continue;
    const ref = field.defaults?.add !== undefined ? { ...field.type, nonNull: false } : field.type;
    // Edges and geometries are written with their `Ref` inputs.
    const written = isEdge(field) || GEO_TYPES.has(field.type.name) ? names.ref(field.type.name) : field.type.name;
    fields.push({ name: field.name, type: printTypeRef(ref, written), ...ownDescription(type, field) });
  }
  if (type.secretField) fields.push({ name: type.secretField, type: 'String!' });
  return fields;
}
