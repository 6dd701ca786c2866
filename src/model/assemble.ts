/**
 * The validated schema → SchemaModel: the stored object types, interfaces,
 * unions and enums; the `@custom`/`@lambda` fields of `Query` and
 * `Mutation`; the definitions only remote calls use (`@remote` types, user
 * inputs), kept as written for the API; the `@lambdaOnMutate` webhooks.
 */
import { Kind } from 'graphql';
import { readCustom } from './custom/read-custom.js';
import type { DirectiveNode, EnumTypeDefinitionNode, EnumTypeExtensionNode, UnionTypeDefinitionNode, UnionTypeExtensionNode } from 'graphql';
import { argument, directive, literal, objectField, positionOf, rawValue, typeRefOf } from './ast.js';
import type { SchemaContext } from './context.js';
import type { Definition } from './document.js';
import { buildField } from './fields.js';
import { dgraphTypeName, secretOf } from './naming.js';
import { isRootType } from './validate-document.js';
import type { CustomRootField, EnumDef, FieldDef, GenerateOptions, RemoteDefinition, SchemaModel, TypeDef, UnionDef } from './types.js';

export function assembleModel(ctx: SchemaContext): SchemaModel {
  const served = ctx.document.definitions.filter((d) => !isRootType(d) && !directive(d.directives, 'remote'));
  const types = new Map<string, TypeDef>();
  for (const def of served) {
    if (def.kind === 'OBJECT' || def.kind === 'INTERFACE') types.set(def.name, buildType(ctx, def));
  }
  const unions = new Map<string, UnionDef>();
  const enums = new Map<string, EnumDef>();
  for (const def of served) {
    if (def.kind === 'UNION') {
      unions.set(def.name, {
        name: def.name,
        members: def.members.map((m) => m.name.value),
        loc: positionOf(def.nameNode),
        astNode: def.node as UnionTypeDefinitionNode | UnionTypeExtensionNode,
      });
    } else if (def.kind === 'ENUM') {
      enums.set(def.name, {
        name: def.name,
        values: def.values.map((v) => v.name.value),
        loc: positionOf(def.nameNode),
        astNode: def.node as EnumTypeDefinitionNode | EnumTypeExtensionNode,
      });
    }
  }
  return { types, unions, enums, customRoots: customRoots(ctx), remoteDefinitions: remoteDefinitions(ctx), webhooks: webhooks(ctx) };
}

function customRoots(ctx: SchemaContext): CustomRootField[] {
  const out: CustomRootField[] = [];
  for (const operation of ['query', 'mutation'] as const) {
    const typeName = operation === 'query' ? 'Query' : 'Mutation';
    for (const node of ctx.fields(typeName)) {
      const custom = readCustom(ctx, typeName, node).spec;
      if (custom) out.push({ name: node.name.value, operation, type: typeRefOf(node.type), custom, loc: positionOf(node.name), astNode: node });
    }
  }
  return out;
}

/** `@remote` types, interfaces, unions and enums, and every input: the API prints them as written. */
function remoteDefinitions(ctx: SchemaContext): RemoteDefinition[] {
  return ctx.document.definitions
    .filter((d) => d.kind === 'INPUT_OBJECT' || (!isRootType(d) && directive(d.directives, 'remote')))
    .map((d) => ({ name: d.name, loc: positionOf(d.nameNode), node: d.node }));
}

function webhooks(ctx: SchemaContext): SchemaModel['webhooks'] {
  const out = new Map<string, { add: boolean; update: boolean; delete: boolean }>();
  for (const def of ctx.document.definitions) {
    const dir = directive(def.directives, 'lambdaOnMutate');
    if (!dir || (def.kind !== 'OBJECT' && def.kind !== 'INTERFACE')) continue;
    const flag = (name: string) => literal(argument(dir, name)) === true;
    out.set(def.name, { add: flag('add'), update: flag('update'), delete: flag('delete') });
  }
  return out;
}

function buildType(ctx: SchemaContext, def: Definition): TypeDef {
  const fields: FieldDef[] = ctx.fields(def.name).map((node) => buildField(ctx, def.name, node));
  const fieldMap = new Map(fields.map((f) => [f.name, f]));
  const idField = fields.find((f) => f.kind === 'id');
  const secret = secretOf(ctx, def.name);
  const auth = directive(def.directives, 'auth');
  return {
    name: def.name,
    kind: def.kind === 'INTERFACE' ? 'interface' : 'object',
    interfaces: allInterfaces(ctx, def),
    implementations: def.kind === 'INTERFACE' ? implementationsOf(ctx, def.name) : [def.name],
    fields,
    fieldMap,
    ...(idField ? { idField } : {}),
    xidFields: fields.filter((f) => f.xid && !f.unsupported),
    ...(secret ? { secretField: secret.field, secretPredicate: secret.predicate } : {}),
    dgraphType: dgraphTypeName(def),
    generate: generateOptions(directive(def.directives, 'generate'), directive(def.directives, 'withSubscription') !== undefined),
    ...(auth ? { authDirective: auth } : {}),
    ...federationOf(def),
    loc: positionOf(def.nameNode),
    astNode: def.node as TypeDef['astNode'],
  };
}

/** Direct interfaces first, then the ones they implement, without repeats. */
function allInterfaces(ctx: SchemaContext, def: Definition): string[] {
  const out: string[] = [];
  const visit = (d: Definition | undefined) => {
    for (const i of d?.interfaces ?? []) {
      if (out.includes(i.name.value)) continue;
      out.push(i.name.value);
      visit(ctx.definition(i.name.value));
    }
  };
  visit(def);
  return out;
}

function implementationsOf(ctx: SchemaContext, ifaceName: string): string[] {
  return ctx.document.definitions
    .filter((d) => d.kind === 'OBJECT' && !isRootType(d) && !directive(d.directives, 'remote') && allInterfaces(ctx, d).includes(ifaceName))
    .map((d) => d.name);
}

function generateOptions(dir: DirectiveNode | undefined, withSubscription: boolean): GenerateOptions {
  const flag = (group: string, name: string) => {
    const value = literal(objectField(argument(dir, group), name));
    return typeof value === 'boolean' ? value : true;
  };
  return {
    query: { get: flag('query', 'get'), query: flag('query', 'query'), password: flag('query', 'password'), aggregate: flag('query', 'aggregate') },
    mutation: { add: flag('mutation', 'add'), update: flag('mutation', 'update'), delete: flag('mutation', 'delete') },
    subscription: withSubscription || literal(argument(dir, 'subscription')) === true,
  };
}

function federationOf(def: Definition): Pick<TypeDef, 'federation'> {
  const key = directive(def.directives, 'key');
  const extended = def.extension || directive(def.directives, 'extends') !== undefined;
  if (!key && !extended) return {};
  const fields = key ? argument(key, 'fields') : undefined;
  return { federation: { ...(fields && fields.kind === Kind.STRING ? { key: rawValue(fields) } : {}), extends: extended } };
}
