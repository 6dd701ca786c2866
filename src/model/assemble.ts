/**
 * The validated schema → SchemaModel. Only what authline serves becomes part
 * of the model: object types, interfaces, unions and enums. `@remote`
 * definitions, custom `Query`/`Mutation` fields and user inputs exist for
 * `@custom` resolvers, which authline does not run.
 */
import { Kind } from 'graphql';
import type { DirectiveNode, EnumTypeDefinitionNode, EnumTypeExtensionNode, UnionTypeDefinitionNode, UnionTypeExtensionNode } from 'graphql';
import { argument, directive, literal, objectField, positionOf, rawValue } from './ast.js';
import type { SchemaContext } from './context.js';
import type { Definition } from './document.js';
import { buildField } from './fields.js';
import { dgraphTypeName, secretOf } from './naming.js';
import { isRootType } from './validate-document.js';
import type { EnumDef, FieldDef, GenerateOptions, SchemaModel, TypeDef, UnionDef } from './types.js';

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
  return { types, unions, enums };
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
