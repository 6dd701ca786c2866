/**
 * The upload's own types as the API serves them: each field as written (its
 * description, arguments and Dgraph directives kept, so the printed API reads
 * like Dgraph's), node fields gaining `filter`/`order`/`first`/`offset`, and
 * list fields of objects and interfaces a `<field>Aggregate` sibling.
 * `@custom`/`@lambda` fields are kept as written (custom-fields.ts); Apollo
 * `@external` fields, another service's, are kept too (a gateway reads
 * them in `_service`), though nothing is stored for them.
 */
import { print } from 'graphql';
import type { FieldDefinitionNode, StringValueNode } from 'graphql';
import { isServed, servedFields } from '../model/served.js';
import type { EnumDef, FieldDef, SchemaModel, TypeDef, UnionDef } from '../model/types.js';
import { nodeArguments } from './arguments.js';
import { isEdge } from '../model/edges.js';
import { ownDescription, printTypeRef } from './field-rules.js';
import { names } from '../model/names.js';
import { printedDirectives, writtenFieldSpec } from './custom-fields.js';
import { vectorDistanceFields } from './similar.js';
import type { ArgSpec, EnumSpec, FieldSpec, ObjectSpec, UnionSpec } from './spec.js';

/** `forGateway`: as `_service` prints it, where fields returning `@extends` types, which a gateway resolves, take no arguments and have no aggregate. */
export function objectSpec(model: SchemaModel, type: TypeDef, forGateway = false): ObjectSpec {
  const served = servedFields(type);
  const plain = (field: FieldDef) => forGateway && model.types.get(field.type.name)?.federation?.extends === true;
  const fields: FieldSpec[] = type.fields
    .filter((field) => isServed(field) || field.custom || field.unsupported === 'external')
    .map((field) => (field.custom && field.astNode ? writtenFieldSpec(field.astNode) : fieldSpec(model, type, field, plain(field))));
  fields.push(...vectorDistanceFields(type));
  for (const field of served) {
    const target = model.types.get(field.type.name);
    if (field.type.list && target && !plain(field)) {
      fields.push({
        name: names.fieldAggregate(field.name),
        type: names.aggregateResult(target.name),
        args: [{ name: 'filter', type: names.filter(target.name) }],
      });
    }
  }
  const node = type.astNode;
  const directives = printedDirectives(node?.directives);
  if (type.secretField && !directives.some((d) => d.startsWith('@secret'))) directives.push(`@secret(field: ${JSON.stringify(type.secretField)})`);
  if (node?.kind.endsWith('Extension') && !directives.includes('@extends')) directives.push('@extends');
  const description = describe(node && 'description' in node ? node.description : undefined);
  return {
    kind: type.kind === 'interface' ? 'interface' : 'type',
    name: type.name,
    ...(type.interfaces.length ? { implements: type.interfaces } : {}),
    directives,
    ...(description ? { description } : {}),
    fields,
  };
}

function fieldSpec(model: SchemaModel, type: TypeDef, field: FieldDef, withoutArguments: boolean): FieldSpec {
  const node: FieldDefinitionNode | undefined = field.astNode;
  const own: ArgSpec[] = (node?.arguments ?? []).map((a) => ({ name: a.name.value, type: print(a.type) }));
  const generated = isEdge(field) && !withoutArguments ? nodeArguments(model, field.type.name, field.type.list) : [];
  const directives = printedDirectives(node?.directives);
  if (field.inverse && !directives.some((d) => d.startsWith('@hasInverse'))) directives.push(`@hasInverse(field: ${field.inverse})`);
  return {
    name: field.name,
    type: printTypeRef(field.type),
    args: [...own, ...generated],
    directives,
    ...ownDescription(type, field),
  };
}

export function enumSpec(def: EnumDef): EnumSpec {
  const description = describe(def.astNode?.kind === 'EnumTypeDefinition' ? def.astNode.description : undefined);
  const values = def.astNode?.values?.map((v) => {
    const valueDescription = describe(v.description);
    return { name: v.name.value, directives: printedDirectives(v.directives), ...(valueDescription ? { description: valueDescription } : {}) };
  }) ?? def.values.map((name) => ({ name }));
  return { kind: 'enum', name: def.name, values, ...(description ? { description } : {}) };
}

export function unionSpec(def: UnionDef): UnionSpec {
  const description = describe(def.astNode?.kind === 'UnionTypeDefinition' ? def.astNode.description : undefined);
  return { kind: 'union', name: def.name, members: def.members, directives: printedDirectives(def.astNode?.directives), ...(description ? { description } : {}) };
}

function describe(description: StringValueNode | undefined): string | undefined {
  return description ? print(description) : undefined;
}
