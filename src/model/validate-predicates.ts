/**
 * Fields that share a storage predicate (through `@dgraph(pred:)`) must
 * agree on what is stored there: the same GraphQL type, `@id` on both or
 * neither, never a `@secret` password, and no clash with an implemented
 * interface's field (Dgraph's rules and messages).
 */
import type { FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { directive, isListType, namedTypeOf, positionOf } from './ast.js';
import type { SourcePosition } from '../sdl/errors.js';
import type { SchemaContext } from './context.js';
import type { Definition } from './document.js';
import { isReversePredicate } from './validate-dgraph.js';
import { secretOf, writtenPredicate } from './naming.js';

interface Use {
  readonly field: string;
  readonly type: string;
  readonly graphqlType: string;
  readonly at: SourcePosition;
  readonly id: boolean;
  readonly secret: boolean;
}

export function validatePredicates(ctx: SchemaContext): SchemaError[] {
  const errors: SchemaError[] = [];
  const uses = new Map<string, Use>();
  const interfacePredicates = new Map<string, Set<string>>();
  const defs = ctx.document.definitions.filter((d) => d.kind === 'OBJECT' || d.kind === 'INTERFACE');
  // Interfaces first, so a type's clash with its interface is reported on the type.
  const ordered = [...defs.filter((d) => d.kind === 'INTERFACE'), ...defs.filter((d) => d.kind === 'OBJECT')];

  const interfaceClash = (def: Definition, existing: Use, use: Use) => {
    if (def.kind !== 'OBJECT' || !def.interfaces.some((i) => i.name.value === existing.type)) return;
    errors.push(
      new SchemaError(
        `Type ${use.type}; Field ${use.field}: has the @dgraph directive, which conflicts with interface ${existing.type}; field ${existing.field}, ` +
          'that this type implements. These fields must use different Dgraph predicates.',
        [use.at],
      ),
    );
  };
  const clash = (def: Definition, existing: Use, use: Use) => {
    if (existing.secret) errors.push(secretClash(existing, use));
    else if (existing.graphqlType !== use.graphqlType) errors.push(typeClash(existing, use));
    if (existing.id !== use.id) errors.push(existing.id ? idClash(existing, use) : idClash(use, existing));
    interfaceClash(def, existing, use);
  };

  for (const def of ordered) {
    if (def.kind === 'INTERFACE') interfacePredicates.set(def.name, new Set());
    else errors.push(...sharedAcrossInterfaces(def, interfacePredicates));

    for (const field of ctx.fields(def.name)) {
      if (namedTypeOf(field.type) === 'ID' || ctx.parentInterface(def.name, field.name.value)) continue;
      const predicate = writtenPredicate(ctx, def.name, field);
      if (def.kind === 'INTERFACE') interfacePredicates.get(def.name)?.add(predicate);
      if (isReversePredicate(predicate)) continue;
      const use = useOf(def, field);
      const existing = uses.get(predicate);
      if (existing) clash(def, existing, use);
      else uses.set(predicate, use);
    }

    const secret = secretOf(ctx, def.name);
    if (secret?.explicitPredicate && !secret.inheritedFrom) {
      const use: Use = { field: secret.field, type: def.name, graphqlType: 'String', at: secret.at, id: false, secret: true };
      const existing = uses.get(secret.predicate);
      if (existing) {
        if (!existing.secret) errors.push(secretClash(use, existing));
        interfaceClash(def, existing, use);
      } else {
        uses.set(secret.predicate, use);
      }
    }
  }
  return errors;
}

function useOf(def: Definition, field: FieldDefinitionNode): Use {
  const named = namedTypeOf(field.type);
  return {
    field: field.name.value,
    type: def.name,
    graphqlType: isListType(field.type) ? `[${named}]` : named,
    at: positionOf(field.name),
    id: directive(field.directives, 'id') !== undefined,
    secret: false,
  };
}

/** A type may not implement two interfaces that store different fields in one predicate. */
function sharedAcrossInterfaces(def: Definition, interfacePredicates: ReadonlyMap<string, ReadonlySet<string>>): SchemaError[] {
  const report = new Map<string, string[]>();
  const names = def.interfaces.map((i) => i.name.value);
  names.forEach((first, i) => {
    for (const second of names.slice(i + 1)) {
      for (const pred of interfacePredicates.get(second) ?? []) {
        if (!interfacePredicates.get(first)?.has(pred)) continue;
        const list = report.get(pred) ?? [first];
        list.push(second);
        report.set(pred, list);
      }
    }
  });
  return [...report].map(
    ([pred, ifaces]) =>
      new SchemaError(
        `Type ${def.name}; implements interfaces [${ifaces.join(' ')}], all of which have fields with @dgraph predicate: ${pred}. ` +
          'These fields must use different Dgraph predicates.',
        [positionOf(def.nameNode)],
      ),
  );
}

function secretClash(secret: Use, use: Use): SchemaError {
  return new SchemaError(
    `Type ${use.type}; Field ${use.field}: has the @dgraph predicate, but that conflicts with type ${secret.type} @secret directive on the same predicate. ` +
      `@secret predicates are stored encrypted and so the same predicate can't be used as a ${use.graphqlType}.`,
    [use.at],
  );
}

function typeClash(existing: Use, use: Use): SchemaError {
  return new SchemaError(
    `Type ${use.type}; Field ${use.field}: has type ${use.graphqlType}, which is different to type ${existing.type}; field ${existing.field}, ` +
      `which has the same @dgraph directive but type ${existing.graphqlType}. These fields must have either the same GraphQL types, or use different Dgraph predicates.`,
    [use.at],
  );
}

function idClash(withId: Use, without: Use): SchemaError {
  return new SchemaError(
    `Type ${without.type}; Field ${without.field}: doesn't have @id directive, which conflicts with type ${withId.type}; field ${withId.field}, ` +
      'which has the same @dgraph directive along with @id directive. Both these fields must either use @id directive, or use different Dgraph predicates.',
    [without.at],
  );
}
