/**
 * Reads a generated API the way clients see it: a type's fields with their
 * arguments and types, an enum's values.
 */
import assert from 'node:assert/strict';
import { Kind, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import type { GraphQLSchema, ValueNode } from 'graphql';
import { parseSdl } from '../../src/sdl/index.js';
import { buildModel } from '../../src/model/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import { generateApi } from '../../src/api/index.js';

export function apiOf(sdl: string): { schema: GraphQLSchema; sdl: string; model: SchemaModel } {
  const { document, errors } = parseSdl(sdl);
  assert.deepEqual(errors, []);
  const built = buildModel(document!);
  assert.deepEqual(built.errors.map((e) => e.message), []);
  return { ...generateApi(built.model), model: built.model };
}

/** `{ field: "Type" }`, or `{ field: "(arg: T, ...) Type" }` for fields with arguments. */
export function fieldsOf(schema: GraphQLSchema, typeName: string): Record<string, string> {
  const type = schema.getType(typeName);
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, String(f.type)]));
  if (isObjectType(type) || isInterfaceType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields()).map((f) => [
        f.name,
        f.args.length ? `(${f.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')}) ${String(f.type)}` : String(f.type),
      ]),
    );
  }
  throw new Error(`${typeName} is not an object, interface or input type of the API`);
}

export function valuesOf(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  if (isEnumType(type)) return type.getValues().map((v) => v.name);
  if (isUnionType(type)) return type.getTypes().map((t) => t.name);
  throw new Error(`${typeName} is not an enum or union of the API`);
}

export function has(schema: GraphQLSchema, typeName: string): boolean {
  return schema.getType(typeName) !== undefined;
}

/** The `rule` strings of every `@auth` directive of the model, in order. */
export function authRules(model: SchemaModel): string[] {
  const rules: string[] = [];
  const walk = (value: ValueNode) => {
    if (value.kind === Kind.LIST) value.values.forEach(walk);
    if (value.kind !== Kind.OBJECT) return;
    for (const field of value.fields) {
      if (field.name.value === 'rule' && field.value.kind === Kind.STRING) rules.push(field.value.value);
      else walk(field.value);
    }
  };
  for (const type of model.types.values()) for (const arg of type.authDirective?.arguments ?? []) walk(arg.value);
  return rules;
}
