/**
 * Interface inheritance as Dgraph does it: an object type gets every field of
 * the interfaces it implements, placed before its own fields (the fields of a
 * later interface before those of an earlier one), a field it redeclares
 * takes the interface's definition (directives included), and an interface's
 * `@secret` is inherited too. Validation and generation then see the full
 * field list of each type.
 */
import { Kind } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { directive, positionOf, typeString } from './ast.js';
import type { Definition, SchemaDocument } from './document.js';

export interface ExpandedType {
  readonly def: Definition;
  /** Own and inherited fields, in Dgraph's order. */
  readonly fields: readonly FieldDefinitionNode[];
  /** Own directives plus the `@secret` of implemented interfaces. */
  readonly directives: readonly DirectiveNode[];
}

export function expandInterfaces(schema: SchemaDocument): { types: Map<string, ExpandedType>; errors: SchemaError[] } {
  const types = new Map<string, ExpandedType>();
  for (const def of schema.definitions) {
    if (def.kind !== 'OBJECT' || def.interfaces.length === 0) {
      types.set(def.name, { def, fields: def.fields, directives: def.directives });
      continue;
    }
    const expanded = expandObject(def, schema);
    if (expanded instanceof SchemaError) return { types, errors: [expanded] };
    types.set(def.name, expanded);
  }
  return { types, errors: [] };
}

function expandObject(def: Definition, schema: SchemaDocument): ExpandedType | SchemaError {
  let fields = [...def.fields];
  const directives = [...def.directives];
  const ownCount = new Map<string, number>();
  for (const f of def.fields) ownCount.set(f.name.value, (ownCount.get(f.name.value) ?? 0) + 1);
  const seenIn = new Map<string, string>();

  for (const implemented of def.interfaces) {
    const iface = schema.byName.get(implemented.name.value);
    if (iface?.kind !== 'INTERFACE') continue; // reported by structural validation
    const inherited: FieldDefinitionNode[] = [];
    for (const field of iface.fields) {
      const name = field.name.value;
      const own = fields.find((f) => f.name.value === name);
      if (ownCount.get(name) === 1 && own) {
        if (typeString(field.type) !== typeString(own.type)) {
          return new SchemaError(
            `For type ${def.name} to implement interface ${iface.name} the field ${name} must have type ${typeString(field.type)}`,
            [positionOf(def.nameNode)],
          );
        }
        if (!seenIn.has(name)) {
          fields = fields.map((f) => (f === own ? field : f));
        } else if (!isSingleId(field)) {
          inherited.push(field); // a second copy: "can only be defined once" later
        }
      } else if (isSingleId(field) && seenIn.has(name) && own) {
        if (typeString(field.type) !== typeString(own.type)) {
          return new SchemaError(
            `field ${name} is of type ${typeString(field.type)} in interface ${iface.name} and is of type ${typeString(own.type)} in interface ${seenIn.get(name)}`,
            [positionOf(def.nameNode)],
          );
        }
      } else {
        inherited.push(field);
      }
      seenIn.set(name, iface.name);
    }
    fields = [...inherited, ...fields];
    const secret = directive(iface.directives, 'secret');
    if (secret) directives.push(secret);
  }
  return { def, fields, directives };
}

/** `ID` or `ID!` (not a list): interfaces may share it without a clash. */
function isSingleId(field: FieldDefinitionNode): boolean {
  const inner = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  return inner.kind === Kind.NAMED_TYPE && inner.name.value === 'ID';
}
