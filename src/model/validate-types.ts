/**
 * Dgraph's checks of whole type definitions (after GraphQL validation): one
 * ID field, `@dgraph(type:)`, `@secret`, `@generate`, `@remote` and the
 * Apollo federation directives, and that a type has something to store.
 */
import { Kind } from 'graphql';
import type { DirectiveNode, ValueNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { argument, argumentNode, directive, directivesNamed, namedTypeOf, objectField, positionOf, rawValue } from './ast.js';
import { isReservedName } from './builtins.js';
import type { SchemaContext } from './context.js';
import { declarationPosition } from './directives.js';
import type { Definition } from './document.js';
import type { ExpandedType } from './expand.js';
import { isCustomOrLambda, isRootType } from './validate-document.js';

export function validateType(ctx: SchemaContext, type: ExpandedType): SchemaError[] {
  return [
    ...idCount(type),
    ...dgraphType(type.def),
    ...secret(type),
    ...conflictingDirectives(type.def),
    ...somethingToStore(type),
    ...remoteUse(ctx, type),
    ...generateArguments(type.def),
    ...apolloKey(type),
    ...apolloExtends(type.def),
    ...lambdaOnMutate(type.def),
  ];
}

function idCount({ def, fields }: ExpandedType): SchemaError[] {
  const ids = fields.filter((f) => namedTypeOf(f.type) === 'ID');
  if (ids.length <= 1) return [];
  const names = ids.map((f) => f.name.value);
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return [
    new SchemaError(
      `Fields ${list} are listed as IDs for type ${def.name}, but a type can have only one ID field. Pick a single field as the ID for type ${def.name}.`,
      ids.map((f) => positionOf(f.name)),
    ),
  ];
}

function dgraphType(def: Definition): SchemaError[] {
  const dir = directive(def.directives, 'dgraph');
  if (!dir) return [];
  const value = argument(dir, 'type');
  const at = [positionOf(dir.name)];
  if (!value || rawValue(value) === '') return [new SchemaError(`Type ${def.name}; type argument for @dgraph directive should not be empty.`, at)];
  if (value.kind !== Kind.STRING) return [new SchemaError(`Type ${def.name}; type argument for @dgraph directive should of type String.`, at)];
  if (isReservedName(value.value)) {
    return [new SchemaError(`Type ${def.name}; type argument '${value.value}' for @dgraph directive is a reserved keyword.`, at)];
  }
  return [];
}

function secret({ def, fields, directives }: ExpandedType): SchemaError[] {
  const at = [positionOf(def.nameNode)];
  const names: string[] = [];
  for (const dir of directivesNamed(directives, 'secret')) {
    const name = rawValue(argument(dir, 'field'));
    if (name === '') return [new SchemaError(`Type ${def.name}; Argument "field" of secret directive is empty`, at)];
    names.push(name);
  }
  if (names.length > 1) return [new SchemaError(`Type ${def.name}; has more than one secret fields ${names.join(',')}`, at)];
  if (names.length === 1 && fields.some((f) => f.name.value === names[0])) {
    return [new SchemaError(`Type ${def.name}; has a secret directive and field of the same name ${names[0]}`, at)];
  }
  return [];
}

function conflictingDirectives(def: Definition): SchemaError[] {
  if (!directive(def.directives, 'remote')) return [];
  const at = [positionOf(def.nameNode)];
  for (const other of ['auth', 'withSubscription']) {
    if (directive(def.directives, other)) return [new SchemaError(`Type ${def.name}; cannot have both @${other} and @remote directive`, at)];
  }
  return [];
}

/** An object type needs a field that is neither its ID nor resolved elsewhere, or it could never be added. */
function somethingToStore({ def, fields }: ExpandedType): SchemaError[] {
  if (def.kind !== 'OBJECT' || isRootType(def) || directive(def.directives, 'remote')) return [];
  if (fields.some((f) => namedTypeOf(f.type) !== 'ID' && !isCustomOrLambda(f.directives))) return [];
  return [
    new SchemaError(
      `Type ${def.name}; is invalid, a type must have atleast one field that is not of ID! type and doesn't have @custom/@lambda directive.`,
      [positionOf(def.nameNode)],
    ),
  ];
}

/** `@remote` types live in another service: only `@custom`/`@lambda` fields may lead to them. */
function remoteUse(ctx: SchemaContext, { def, fields }: ExpandedType): SchemaError[] {
  if (isRootType(def)) return [];
  const remote = (name: string) => directive(ctx.definition(name)?.directives, 'remote') !== undefined;
  const at = [positionOf(def.nameNode)];
  if (!remote(def.name)) {
    for (const field of fields) {
      if (!isCustomOrLambda(field.directives) && remote(namedTypeOf(field.type))) {
        return [
          new SchemaError(
            `Type ${def.name}; field ${field.name.value}; is of a type that has @remote directive. Those would need to be resolved by a @custom/@lambda directive.`,
            [positionOf(field.name)],
          ),
        ];
      }
    }
    const remoteIface = def.interfaces.find((i) => remote(i.name.value));
    return remoteIface
      ? [new SchemaError(`Type ${def.name}; without @remote directive can't implement an interface ${remoteIface.name.value}; with have @remote directive.`, at)]
      : [];
  }
  const custom = fields.find((f) => isCustomOrLambda(f.directives));
  if (custom) {
    return [
      new SchemaError(
        `Type ${def.name}; field ${custom.name.value}; can't have @custom/@lambda directive as a @remote type can't have fields with @custom/@lambda directive.`,
        [positionOf(custom.name)],
      ),
    ];
  }
  const local = def.interfaces.find((i) => !remote(i.name.value));
  return local ? [new SchemaError(`Type ${def.name}; with @remote directive implements interface ${local.name.value}; which doesn't have @remote directive.`, at)] : [];
}

function generateArguments(def: Definition): SchemaError[] {
  const dir = directive(def.directives, 'generate');
  if (!dir) return [];
  const errors: SchemaError[] = [];
  const groups = [
    ['query', ['get', 'query', 'password', 'aggregate']],
    ['mutation', ['add', 'update', 'delete']],
  ] as const;
  for (const [group, flags] of groups) {
    const arg = argumentNode(dir, group);
    if (!arg) continue;
    if (arg.value.kind !== Kind.OBJECT) {
      errors.push(new SchemaError(`Type ${def.name}; ${group} argument for @generate directive should be of type Object.`, [positionOf(arg.name)]));
    }
    for (const flag of flags) {
      const value = objectField(arg.value, flag);
      if (value && value.kind !== Kind.BOOLEAN) {
        errors.push(
          new SchemaError(
            `Type ${def.name}; ${flag} field inside ${group} argument of @generate directive can only be true/false, found: \`${rawValue(value)}`,
            [positionOf(value)],
          ),
        );
      }
    }
  }
  const subscription = argument(dir, 'subscription');
  if (subscription && subscription.kind !== Kind.BOOLEAN) {
    errors.push(
      new SchemaError(`Type ${def.name}; subscription argument in @generate directive can only be true/false, found: \`${rawValue(subscription)}\`.`, [
        positionOf(dir.name),
      ]),
    );
  }
  return errors;
}

/** Dgraph places the `@remote` and `@extends` errors at its declaration of the directive (directives.ts). */
function apolloKey({ def, fields }: ExpandedType): SchemaError[] {
  const keys = directivesNamed(def.directives, 'key');
  if (keys.length === 0) return [];
  if (keys.length > 1) return [new SchemaError(`Type ${def.name}; @key directive should not be defined more than once.`, [positionOf(keys[1].name)])];
  const arg = argumentNode(keys[0], 'fields');
  const name = rawValue(arg?.value);
  if (!arg || name === '') {
    return [new SchemaError(`Type ${def.name}; Argument fields inside @key directive must be defined.`, [positionOf(keys[0].name)])];
  }
  const field = fields.find((f) => f.name.value === name);
  if (!field) {
    return [new SchemaError(`Type ${def.name}; @key directive uses a field ${name} which is not defined inside the type.`, [positionOf(arg.name)])];
  }
  if (namedTypeOf(field.type) !== 'ID' && !directive(field.directives, 'id')) {
    return [new SchemaError(`Type ${def.name}: Field ${name}: used inside @key directive should be of type ID or have @id directive.`, [positionOf(arg.name)])];
  }
  const remote = directive(def.directives, 'remote');
  return remote ? [new SchemaError(`Type ${def.name}; @remote directive cannot be defined with @key directive`, [declarationPosition('remote')])] : [];
}

function apolloExtends(def: Definition): SchemaError[] {
  const extended = def.extension ? def.nameNode : directive(def.directives, 'extends')?.name;
  if (!extended) return [];
  if (!directive(def.directives, 'key')) {
    return [new SchemaError(`Type ${def.name}; Type Extension cannot be defined without @key directive`, [declarationPosition('extends')])];
  }
  const remote = directive(def.directives, 'remote');
  return remote ? [new SchemaError(`Type ${def.name}; @remote directive cannot be defined with @extends directive`, [declarationPosition('remote')])] : [];
}

function lambdaOnMutate(def: Definition): SchemaError[] {
  const dir: DirectiveNode | undefined = directive(def.directives, 'lambdaOnMutate');
  if (!dir) return [];
  const errors: SchemaError[] = [];
  if (directive(def.directives, 'remote')) {
    errors.push(new SchemaError(`Type ${def.name}; @lambdaOnMutate directive not allowed along with @remote directive.`, [positionOf(dir.name)]));
  }
  for (const arg of dir.arguments ?? []) {
    if (arg.value.kind !== Kind.BOOLEAN) {
      errors.push(
        new SchemaError(
          `Type ${def.name}; ${arg.name.value} argument in @lambdaOnMutate directive can only be true/false, found: \`${printedValue(arg.value)}\`.`,
          [positionOf(arg.name)],
        ),
      );
    }
  }
  return errors;
}

function printedValue(value: ValueNode): string {
  return value.kind === Kind.STRING ? JSON.stringify(value.value) : rawValue(value);
}
