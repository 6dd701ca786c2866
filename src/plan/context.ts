/**
 * What planning one root field needs at hand: the model, the generated API
 * (for argument definitions and fragment type conditions), the operation's
 * fragments and variable values, and the reading of arguments the way
 * graphql-js reads them (defaults applied; variables taken as given, which
 * for `@auth` rules means the JWT claims, uncoerced).
 */
import { GraphQLError, getArgumentValues, isInterfaceType, isObjectType } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLSchema } from 'graphql';
import type { SchemaModel, TypeDef } from '../model/types.js';
import { PlanError } from './errors.js';

export interface PlanContext {
  readonly model: SchemaModel;
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The object types a node of `typeName` (object, interface or union) can be. */
export function concreteTypes(ctx: PlanContext, typeName: string): TypeDef[] {
  const type = ctx.model.types.get(typeName);
  const names = type ? type.implementations : (ctx.model.unions.get(typeName)?.members ?? []);
  return names.map((name) => typeDef(ctx, name));
}

export function typeDef(ctx: PlanContext, name: string): TypeDef {
  const type = ctx.model.types.get(name);
  if (!type) throw new PlanError(`Type "${name}" is not part of the schema.`);
  return type;
}

/** The API's definition of `parentType.fieldName` (for its arguments). */
export function apiField(ctx: PlanContext, parentType: string, fieldName: string, node?: FieldNode): GraphQLField<unknown, unknown> {
  const parent = ctx.schema.getType(parentType);
  const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[fieldName] : undefined;
  if (!field) throw new PlanError(`Cannot query field "${fieldName}" on type "${parentType}".`, node);
  return field;
}

/** The field's arguments, as graphql-js computes them for a resolver. */
export function argumentsOf(ctx: PlanContext, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, ctx.variables as Record<string, unknown>);
  } catch (error) {
    if (error instanceof GraphQLError) throw new PlanError(error.message, node);
    throw error;
  }
}

/** An object that is not an array or null: an input object, a JSON object (plans, mutations, imports). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GraphQL lets a single value stand for a one-element list; raw rule variables do too. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
