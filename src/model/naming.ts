/**
 * Storage names as Dgraph chooses them: a type is stored as its name (or
 * `@dgraph(type:)`), a field as `Type.field` (or `@dgraph(pred:)`), and a
 * field that comes from an interface keeps the interface's predicate so all
 * implementations share it.
 */
import type { FieldDefinitionNode } from 'graphql';
import type { SourcePosition } from '../sdl/errors.js';
import { argument, directive, directivesNamed, positionOf, rawValue } from './ast.js';
import type { SchemaContext } from './context.js';
import type { Definition } from './document.js';

/** The `dgraph.type` of a type: `@dgraph(type: "...")` or its name. */
export function dgraphTypeName(def: Definition): string {
  const type = argument(directive(def.directives, 'dgraph'), 'type');
  return type ? rawValue(type) : def.name;
}

/**
 * The predicate of `typeName.field` as written: `@dgraph(pred:)` (a reverse
 * edge keeps its `~`), the declaring interface's predicate for inherited
 * fields, else `Type.field`.
 */
export function writtenPredicate(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode): string {
  const pred = argument(directive(field.directives, 'dgraph'), 'pred');
  if (pred) return rawValue(pred);
  const parent = ctx.parentInterface(typeName, field.name.value);
  if (parent) {
    const inherited = ctx.field(parent.name, field.name.value);
    if (inherited) return writtenPredicate(ctx, parent.name, inherited);
  }
  const def = ctx.definition(typeName);
  return `${def ? dgraphTypeName(def) : typeName}.${field.name.value}`;
}

export interface Secret {
  readonly field: string;
  readonly predicate: string;
  /** Given as `@secret(pred: ...)`. */
  readonly explicitPredicate: boolean;
  /** The interface whose `@secret` the type inherited. */
  readonly inheritedFrom?: string;
  readonly at: SourcePosition;
}

/** The type's `@secret` (its own or an implemented interface's). */
export function secretOf(ctx: SchemaContext, typeName: string): Secret | undefined {
  const all = directivesNamed(ctx.directives(typeName), 'secret');
  const dir = all[all.length - 1];
  if (!dir) return undefined;
  const field = rawValue(argument(dir, 'field'));
  const pred = argument(dir, 'pred');
  const def = ctx.definition(typeName);
  const parent = def?.interfaces
    .map((i) => ctx.definition(i.name.value))
    .find((iface) => iface && rawValue(argument(directive(iface.directives, 'secret'), 'field')) === field);
  const owner = parent ?? def;
  return {
    field,
    predicate: pred ? rawValue(pred) : `${owner ? dgraphTypeName(owner) : typeName}.${field}`,
    explicitPredicate: pred !== undefined,
    inheritedFrom: parent?.name,
    at: positionOf(dir.name),
  };
}
