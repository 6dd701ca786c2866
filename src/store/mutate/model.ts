/**
 * What mutations need to know about the model: the type an input object
 * describes, the partner of an @hasInverse edge, the dgraph.type list of a
 * new node, how each edge predicate behaves.
 */
import type { FieldDef, SchemaModel, TypeDef } from '../../model/types.js';
import { isEdge } from '../../model/edges.js';
import { predicateOf } from '../sql/index.js';

export function typeNamed(model: SchemaModel, name: string): TypeDef {
  const type = model.types.get(name);
  if (!type) throw new Error(`type ${name} is not in the model`);
  return type;
}

/** The @hasInverse partner of `field` on its target type. */
export function inverseOf(model: SchemaModel, field: FieldDef): FieldDef | undefined {
  if (!field.inverse) return undefined;
  return model.types.get(field.type.name)?.fieldMap.get(field.inverse);
}

/** dgraph.type of a new node: the type, then the interfaces it implements (as Dgraph writes it). */
export function dgraphTypesOf(model: SchemaModel, type: TypeDef): string[] {
  return [type.dgraphType, ...type.interfaces.map((name) => model.types.get(name)?.dgraphType ?? name)];
}

/** The object types a node must have to be a `type` (itself, or an interface's implementations). */
export function objectTypes(model: SchemaModel, type: TypeDef): TypeDef[] {
  return type.implementations.map((name) => typeNamed(model, name));
}

/** How each edge predicate behaves: singular or list, its target type, its @hasInverse partner predicate. */
export interface EdgeKind {
  readonly singular: boolean;
  readonly target: string;
  readonly inverse?: string;
}

const edgeKindsByModel = new WeakMap<SchemaModel, ReadonlyMap<string, EdgeKind>>();

/** Edge predicates by name; worked out once per model, since every mutation asks. */
export function edgeKinds(model: SchemaModel): ReadonlyMap<string, EdgeKind> {
  let kinds = edgeKindsByModel.get(model);
  if (!kinds) {
    kinds = edgeKindsOf(model);
    edgeKindsByModel.set(model, kinds);
  }
  return kinds;
}

function edgeKindsOf(model: SchemaModel): Map<string, EdgeKind> {
  const kinds = new Map<string, EdgeKind>();
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (!isEdge(field)) continue;
      if (field.reverse || field.predicate.startsWith('~')) continue;
      const inverse = inverseOf(model, field);
      kinds.set(predicateOf(field), { singular: !field.type.list, target: field.type.name, ...(inverse ? { inverse: predicateOf(inverse) } : {}) });
    }
  }
  return kinds;
}
