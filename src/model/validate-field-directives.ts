/**
 * Dgraph's checks of `@id`, `@default`, `@embedding` and the Apollo field
 * directives (`@external`, `@requires`, `@provides`), and of `@remoteResponse`.
 */
import { Kind } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { argument, directive, isListType, namedTypeOf, objectField, positionOf, rawValue, typeString } from './ast.js';
import { GEO_TYPES, SCALARS } from './builtins.js';
import type { SchemaContext } from './context.js';
import { isCustomOrLambda } from './validate-document.js';

export function validateId(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const at = [positionOf(dir.name)];
  const single = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  const name = single.kind === Kind.NAMED_TYPE ? single.name.value : '';
  if (name !== 'String' && name !== 'Int' && name !== 'Int64') {
    return [
      new SchemaError(
        `Type ${typeName}; Field ${field.name.value}: with @id directive must be of type String, Int or Int64, not ${typeString(field.type)}`,
        at,
      ),
    ];
  }
  const inherited = ctx.definition(typeName)?.interfaces.some((i) => ctx.field(i.name.value, field.name.value)) ?? false;
  if (ctx.kindOf(typeName) !== 'INTERFACE' && hasInterfaceArgument(field) && !inherited) {
    return [
      new SchemaError(
        `Type ${typeName}; Field ${field.name.value}: @id field with interface argument can only be defined in interface,not in Type`,
        at,
      ),
    ];
  }
  return [];
}

/** `@id(interface: true)`: unique across all implementations of the interface. */
export function hasInterfaceArgument(field: FieldDefinitionNode): boolean {
  const value = argument(directive(field.directives, 'id'), 'interface');
  return value?.kind === Kind.BOOLEAN && value.value;
}

export function validateDefault(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const fieldType = namedTypeOf(field.type);
  const fail = (message: string) => [new SchemaError(`${prefix} ${message}`, [positionOf(dir.name)])];
  if (directive(ctx.definition(typeName)?.directives, 'remote')) return fail('cannot use @default directive on a @remote type');
  if (!SCALARS.has(fieldType) && !GEO_TYPES.has(fieldType) && ctx.kindOf(fieldType) !== 'ENUM') {
    return fail(`cannot use @default directive on field with non-scalar type ${fieldType}`);
  }
  if (isListType(field.type)) return fail(`cannot use @default directive on field with list type [${fieldType}]`);
  if (directive(field.directives, 'id')) return fail('cannot use @default directive on field with @id directive');
  if (fieldType === 'ID') return fail('cannot use @default directive on field with type ID');
  if (directive(field.directives, 'custom')) return fail('cannot use @default directive on field with @custom directive');
  if (directive(field.directives, 'lambda')) return fail('cannot use @default directive on field with @lambda directive');
  for (const arg of dir.arguments ?? []) {
    const value = rawValue(objectField(arg.value, 'value'));
    const invalid =
      (value === '$now' && fieldType !== 'DateTime') ||
      (fieldType === 'Int' && !/^[+-]?\d+$/.test(value)) ||
      (fieldType === 'Float' && !isGoFloat(value)) ||
      (fieldType === 'Boolean' && value !== 'true' && value !== 'false');
    if (invalid) return fail(`@default directive provides value "${value}" which cannot be used with ${fieldType}`);
  }
  return [];
}

/** What Go's strconv.ParseFloat accepts, near enough for default values. */
function isGoFloat(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || /^[+-]?(inf|infinity|nan)$/i.test(text);
}

export function validateEmbedding(typeName: string, field: FieldDefinitionNode): SchemaError[] {
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const at = [positionOf(field.name)];
  const list = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  if (list.kind !== Kind.LIST_TYPE) {
    return [
      new SchemaError(
        `${prefix} The field with @embedding directive is of type ${namedTypeOf(field.type)}, but @embedding directive only applies to fields of type [Float!].`,
        at,
      ),
    ];
  }
  if (list.type.kind !== Kind.NON_NULL_TYPE || namedTypeOf(list.type).toLowerCase() !== 'float') {
    return [
      new SchemaError(
        `${prefix} The field with @embedding directive is of type [${namedTypeOf(field.type)}], but @embedding directive only applies to fields of type [Float!].`,
        at,
      ),
    ];
  }
  return [];
}

function extended(ctx: SchemaContext, typeName: string): boolean {
  const def = ctx.definition(typeName);
  return (def?.extension ?? false) || directive(def?.directives, 'extends') !== undefined;
}

/** The `@key(fields: "f")` field of the type. */
export function isKeyField(ctx: SchemaContext, typeName: string, fieldName: string): boolean {
  return rawValue(argument(directive(ctx.definition(typeName)?.directives, 'key'), 'fields')) === fieldName;
}

export function validateExternal(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const prefix = `Type ${typeName}: Field ${field.name.value}:`;
  if (!extended(ctx, typeName)) {
    return [
      new SchemaError(
        `${prefix} @external directive can only be defined on fields in type extensions. i.e., the type must have \`@extends\` or use \`extend\` keyword.`,
        [positionOf(dir.name)],
      ),
    ];
  }
  if (isCustomOrLambda(field.directives)) {
    return [new SchemaError(`${prefix} @external directive can not be defined on  fields with @custom or @lambda directive.`, [positionOf(dir.name)])];
  }
  if (!isKeyField(ctx, typeName, field.name.value)) {
    for (const name of ['hasInverse', 'search', 'dgraph', 'id']) {
      const other = directive(field.directives, name);
      if (other) {
        return [new SchemaError(`${prefix} @${name} directive can not be defined on @external fields that are not @key.`, [positionOf(other.name)])];
      }
    }
  }
  return [];
}

export function validateRequires(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const at = [positionOf(dir.name)];
  if (!extended(ctx, typeName)) {
    return [
      new SchemaError(
        `Type ${typeName}: Field ${field.name.value}: @requires directive can only be defined on fields in type extensions. i.e., the type must have \`@extends\` or use \`extend\` keyword.`,
        at,
      ),
    ];
  }
  const names = rawValue(argument(dir, 'fields')).split(/\s+/).filter(Boolean);
  if (names.length === 0) return [new SchemaError(`Type ${typeName}; Argument fields inside @requires directive must be defined.`, at)];
  for (const name of names) {
    const required = ctx.field(typeName, name);
    if (!required) return [new SchemaError(`Type ${typeName}; @requires directive uses a field ${name} which is not defined inside the type.`, at)];
    if (!directive(required.directives, 'external')) return [new SchemaError(`Type ${typeName}; Field ${name} must be @external.`, at)];
  }
  return [];
}

export function validateProvides(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const at = [positionOf(dir.name)];
  const target = namedTypeOf(field.type);
  if (!directive(ctx.definition(target)?.directives, 'key')) {
    return [new SchemaError(`Type ${typeName}; Field ${field.name.value} does not return a type that has a @key.`, at)];
  }
  const names = rawValue(argument(dir, 'fields')).split(/\s+/).filter(Boolean);
  if (names.length === 0) return [new SchemaError(`Type ${typeName}; Argument fields inside @provides directive must be defined.`, at)];
  for (const name of names) {
    if (!ctx.field(target, name)) {
      return [new SchemaError(`Type ${typeName}; Field ${field.name.value}: @provides field ${name} doesn't exist for type ${target}.`, at)];
    }
  }
  return [];
}

export function validateRemoteResponse(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const prefix = `Type ${typeName}: Field ${field.name.value}:`;
  const at = [positionOf(dir.name)];
  if (!directive(ctx.definition(typeName)?.directives, 'remote')) {
    return [new SchemaError(`${prefix} @remoteResponse directive can only be defined on fields of @remote type.`, at)];
  }
  if (rawValue(argument(dir, 'name')) === '') {
    return [new SchemaError(`${prefix} Argument name inside @remoteResponse directive must be defined.`, at)];
  }
  return [];
}
