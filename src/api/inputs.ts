/**
 * Mutation inputs: `AddTInput`, `TPatch` (for `set`/`remove`), `UpdateTInput`,
 * `TRef` (a reference to an existing node, or a new one), and `URef` for
 * unions; then Dgraph's clean-up, which drops inputs that would be empty
 * (e.g. a type whose only fields are reverse edges) and every field that
 * refers to a dropped input.
 */
import { GEO_INPUTS, SCALARS } from '../model/builtins.js';
import type { SchemaModel, TypeDef, UnionDef } from '../model/types.js';
import { hasId, hasIdDirective, hasXid, idFieldOf, inputFields, printTypeRef } from './field-rules.js';
import type { InputField } from './field-rules.js';
import { names } from '../model/names.js';
import { namedType, nullable } from './spec.js';
import type { InputSpec, TypeSpec } from './spec.js';
import { servedFields } from '../model/served.js';

/** `TRef`: interfaces are referenced by ID or first `@id` only; objects may also be created inline. */
export function addRefType(model: SchemaModel, type: TypeDef, out: Map<string, TypeSpec>): void {
  const id = idFieldOf(type);
  const idField: InputField[] = id ? [{ name: id.name, type: printTypeRef(id.type) }] : [];
  let fields: InputField[];
  if (type.kind === 'interface') {
    if (!hasId(type) && !hasXid(type)) return;
    const xid = servedFields(type).find(hasIdDirective);
    fields = [...idField, ...(xid ? [{ name: xid.name, type: printTypeRef(xid.type) }] : [])];
  } else {
    fields = [...idField, ...inputFields(model, type)];
  }
  if (fields.length === 0) return;
  // A lone identifying field is the reference; otherwise everything is optional.
  const loneIdentifier = fields.length === 1 && (hasId(type) || hasXid(type));
  const typed = fields.map((f) => ({ ...f, type: loneIdentifier ? `${nullable(f.type)}!` : nullable(f.type) }));
  out.set(names.ref(type.name), { kind: 'input', name: names.ref(type.name), fields: typed });
}

export function addPatchType(model: SchemaModel, type: TypeDef, out: Map<string, TypeSpec>): void {
  const fields = inputFields(model, type).map((f) => ({ ...f, type: nullable(f.type) }));
  if (fields.length > 0) out.set(names.patch(type.name), { kind: 'input', name: names.patch(type.name), fields });
}

export function addUpdateInput(type: TypeDef, out: Map<string, TypeSpec>): void {
  if (!out.has(names.patch(type.name))) return;
  const name = names.updateInput(type.name);
  out.set(name, {
    kind: 'input',
    name,
    fields: [
      { name: 'filter', type: `${names.filter(type.name)}!` },
      { name: 'set', type: names.patch(type.name) },
      { name: 'remove', type: names.patch(type.name) },
    ],
  });
}

/** `AddTInput`; an Apollo `@extends` type also takes its key, which another service assigns. */
export function addAddInput(model: SchemaModel, type: TypeDef, out: Map<string, TypeSpec>): void {
  const id = type.federation?.extends ? idFieldOf(type) : undefined;
  const fields = [...(id ? [{ name: id.name, type: printTypeRef(id.type) }] : []), ...inputFields(model, type)];
  if (fields.length > 0) out.set(names.addInput(type.name), { kind: 'input', name: names.addInput(type.name), fields });
}

export function addUnionRef(union: UnionDef, out: Map<string, TypeSpec>): void {
  out.set(names.ref(union.name), {
    kind: 'input',
    name: names.ref(union.name),
    fields: union.members.map((m) => ({ name: names.unionMemberRef(m), type: names.ref(m) })),
  });
}

/**
 * Drops the reference inputs that cannot hold anything, transitively: an
 * input is empty when each of its fields refers to an input that is missing
 * or empty. Inputs that only refer to each other in a cycle stay (as in
 * Dgraph). `UpdateTInput` goes with its `TPatch`.
 */
export function cleanUpInputs(model: SchemaModel, out: Map<string, TypeSpec>): void {
  const candidates = [...out.values()].filter((t): t is InputSpec => t.kind === 'input' && isCleanedName(t.name));
  const isValue = (type: string) => SCALARS.has(namedType(type)) || GEO_INPUTS.has(namedType(type)) || model.enums.has(namedType(type));
  const empty = new Set<string>();
  const alive = (type: string) => isValue(type) || (out.has(namedType(type)) && !empty.has(namedType(type)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const input of candidates) {
      if (!empty.has(input.name) && !input.fields.some((f) => alive(f.type))) {
        empty.add(input.name);
        changed = true;
      }
    }
  }
  for (const name of empty) out.delete(name);
  for (const input of candidates) {
    if (out.has(input.name)) input.fields = input.fields.filter((f) => alive(f.type));
  }
  for (const type of model.types.values()) {
    if (!out.has(names.patch(type.name))) out.delete(names.updateInput(type.name));
  }
}

function isCleanedName(name: string): boolean {
  return name.endsWith('Ref') || name.endsWith('Patch') || ((name.startsWith('Add') || name.startsWith('Update')) && name.endsWith('Input'));
}
