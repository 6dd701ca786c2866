/**
 * The generated mutations of a type and their payloads: `addT` (objects
 * only; `upsert` when the type has an `@id`), `updateT` and `deleteT`, each
 * unless `@generate` turns it off or there is nothing it could set.
 */
import type { SchemaModel, TypeDef } from '../model/types.js';
import { nodeArguments } from './arguments.js';
import { hasXid } from './field-rules.js';
import { addAddInput, addPatchType, addUpdateInput } from './inputs.js';
import { names } from '../model/names.js';
import type { FieldSpec, TypeSpec } from './spec.js';

/** Payload types and inputs of `type`'s mutations, into `out`; returns the mutation fields. */
export function mutationFields(model: SchemaModel, type: TypeDef, out: Map<string, TypeSpec>): FieldSpec[] {
  const { mutation } = type.generate;
  const nodes: FieldSpec = { name: names.payloadField(type.name), type: `[${type.name}]`, args: nodeArguments(model, type.name, true) };
  const numUids: FieldSpec = { name: 'numUids', type: 'Int' };
  const fields: FieldSpec[] = [];

  if (mutation.update) {
    addPatchType(model, type, out);
    addUpdateInput(type, out);
    if (out.has(names.patch(type.name))) {
      out.set(names.updatePayload(type.name), { kind: 'type', name: names.updatePayload(type.name), fields: [nodes, numUids] });
    }
  }
  if (mutation.delete) {
    out.set(names.deletePayload(type.name), {
      kind: 'type',
      name: names.deletePayload(type.name),
      fields: [nodes, { name: 'msg', type: 'String' }, numUids],
    });
  }
  if (type.kind === 'object' && mutation.add) {
    addAddInput(model, type, out);
    if (out.has(names.addInput(type.name))) {
      out.set(names.addPayload(type.name), { kind: 'type', name: names.addPayload(type.name), fields: [nodes, numUids] });
      fields.push({
        name: names.add(type.name),
        type: names.addPayload(type.name),
        args: [
          { name: 'input', type: `[${names.addInput(type.name)}!]!` },
          ...(hasXid(type) ? [{ name: 'upsert', type: 'Boolean' }] : []),
        ],
      });
    }
  }
  if (mutation.update && out.has(names.patch(type.name))) {
    fields.push({ name: names.update(type.name), type: names.updatePayload(type.name), args: [{ name: 'input', type: `${names.updateInput(type.name)}!` }] });
  }
  if (mutation.delete) {
    fields.push({ name: names.delete(type.name), type: names.deletePayload(type.name), args: [{ name: 'filter', type: `${names.filter(type.name)}!` }] });
  }
  return fields;
}
