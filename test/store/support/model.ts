/**
 * Test-only: a SchemaModel from Dgraph SDL, following the contract in
 * src/model/types.ts (predicates Type.field / Interface.field / @dgraph(pred),
 * @search defaults, @id implying hash, @hasInverse on both sides, @secret).
 * The real builder lives in src/model (branch api); this one only exists so
 * the store can be tested on its own.
 */
import {
  Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode, type TypeNode,
} from 'graphql';
import type {
  EnumDef, FieldDef, FieldKind, ScalarName, SchemaModel, SearchIndex, TypeDef, TypeRef, UnionDef,
} from '../../../src/model/types.js';

const SCALARS = new Set(['ID', 'String', 'Int', 'Int64', 'Float', 'Boolean', 'DateTime']);
const DEFAULT_INDEX: Record<string, SearchIndex> = {
  String: 'term', Int: 'int', Int64: 'int64', Float: 'float', Boolean: 'bool', DateTime: 'year',
};
const GENERATE = { query: { get: true, query: true, password: true, aggregate: true }, mutation: { add: true, update: true, delete: true } };

type Definition = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

function typeRef(node: TypeNode): TypeRef {
  if (node.kind === Kind.NON_NULL_TYPE) return { ...typeRef(node.type), nonNull: true };
  if (node.kind === Kind.LIST_TYPE) {
    const inner = typeRef(node.type);
    return { name: inner.name, list: true, nonNull: false, itemNonNull: inner.nonNull };
  }
  return { name: node.name.value, list: false, nonNull: false, itemNonNull: false };
}

function directive(node: { readonly directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === name);
}

function argument(dir: ConstDirectiveNode | undefined, name: string): unknown {
  const value = dir?.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  switch (value.kind) {
    case Kind.STRING: case Kind.ENUM: return value.value;
    case Kind.BOOLEAN: return value.value;
    case Kind.LIST: return value.values.map((v) => ('value' in v ? v.value : undefined));
    default: return undefined;
  }
}

export function modelFromSdl(sdl: string): SchemaModel {
  // Dgraph accepts `@auth()`; graphql-js does not, and the store never reads @auth.
  const document = parse(sdl.replace(/@auth\(\s*\)/g, '@auth'), { noLocation: false });
  const definitions = new Map<string, Definition>();
  const unions = new Map<string, UnionDef>();
  const enums = new Map<string, EnumDef>();
  const order: string[] = [];
  for (const def of document.definitions) {
    const loc = { line: 1, column: 1 };
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      definitions.set(def.name.value, def);
      order.push(def.name.value);
    } else if (def.kind === Kind.UNION_TYPE_DEFINITION) {
      unions.set(def.name.value, { name: def.name.value, members: (def.types ?? []).map((t) => t.name.value), loc });
    } else if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.set(def.name.value, { name: def.name.value, values: (def.values ?? []).map((v) => v.name.value), loc });
    }
  }
  const dgraphType = (name: string) => (argument(directive(definitions.get(name)!, 'dgraph'), 'type') as string | undefined) ?? name;
  const interfacesOf = (def: Definition): string[] => {
    const out: string[] = [];
    for (const i of def.interfaces ?? []) {
      const name = i.name.value;
      for (const inherited of [name, ...interfacesOf(definitions.get(name)!)]) if (!out.includes(inherited)) out.push(inherited);
    }
    return out;
  };
  const kindOf = (ref: TypeRef): FieldKind => {
    if (ref.name === 'ID') return 'id';
    if (SCALARS.has(ref.name)) return 'scalar';
    if (enums.has(ref.name)) return 'enum';
    if (unions.has(ref.name)) return 'union';
    return definitions.get(ref.name)?.kind === Kind.INTERFACE_TYPE_DEFINITION ? 'interface' : 'object';
  };
  // @hasInverse may be written on either side.
  const inverses = new Map<string, string>();
  for (const [name, def] of definitions) {
    for (const f of def.fields ?? []) {
      const partner = argument(directive(f, 'hasInverse'), 'field') as string | undefined;
      if (!partner) continue;
      inverses.set(`${name}.${f.name.value}`, partner);
      inverses.set(`${typeRef(f.type).name}.${partner}`, f.name.value);
    }
  }
  const fieldDef = (declaredIn: string, f: FieldDefinitionNode, owner: string): FieldDef => {
    const type = typeRef(f.type);
    const kind = kindOf(type);
    const pred = (argument(directive(f, 'dgraph'), 'pred') as string | undefined) ?? `${dgraphType(declaredIn)}.${f.name.value}`;
    const search = new Set<SearchIndex>();
    const searchDir = directive(f, 'search');
    if (searchDir) {
      const by = argument(searchDir, 'by') as SearchIndex[] | undefined;
      if (by && by.length > 0) by.forEach((i) => search.add(i));
      else search.add(kind === 'enum' ? 'hash' : DEFAULT_INDEX[type.name]);
    }
    const idDir = directive(f, 'id');
    if (idDir) {
      if (type.name === 'String' && !search.has('hash') && !search.has('exact')) search.add('hash');
      if (type.name === 'Int') search.add('int');
      if (type.name === 'Int64') search.add('int64');
    }
    const inverse = inverses.get(`${declaredIn}.${f.name.value}`) ?? inverses.get(`${owner}.${f.name.value}`);
    return {
      name: f.name.value,
      declaredIn,
      type,
      kind,
      ...(kind === 'scalar' || kind === 'id' ? { scalar: type.name as ScalarName } : kind === 'enum' ? { scalar: 'String' as const } : {}),
      predicate: pred,
      reverse: pred.startsWith('~'),
      search: [...search],
      xid: idDir !== undefined,
      xidInterface: argument(idDir, 'interface') === true,
      ...(inverse ? { inverse } : {}),
      loc: { line: 1, column: 1 },
    };
  };
  const types = new Map<string, TypeDef>();
  for (const name of order) {
    const def = definitions.get(name)!;
    const interfaces = interfacesOf(def);
    const fields: FieldDef[] = [];
    for (const i of interfaces) {
      for (const f of definitions.get(i)!.fields ?? []) {
        if (!fields.some((x) => x.name === f.name.value)) fields.push(fieldDef(i, f, name));
      }
    }
    for (const f of def.fields ?? []) {
      if (!fields.some((x) => x.name === f.name.value)) fields.push(fieldDef(name, f, name));
    }
    let secretDir = directive(def, 'secret');
    let secretOwner = name;
    for (const i of interfaces) {
      if (secretDir) break;
      secretDir = directive(definitions.get(i)!, 'secret');
      secretOwner = i;
    }
    const secretField = argument(secretDir, 'field') as string | undefined;
    const secretPred = argument(secretDir, 'pred') as string | undefined;
    const implementations = def.kind === Kind.OBJECT_TYPE_DEFINITION
      ? [name]
      : order.filter((n) => definitions.get(n)!.kind === Kind.OBJECT_TYPE_DEFINITION && interfacesOf(definitions.get(n)!).includes(name));
    const auth = directive(def, 'auth');
    types.set(name, {
      name,
      kind: def.kind === Kind.OBJECT_TYPE_DEFINITION ? 'object' : 'interface',
      interfaces,
      implementations,
      fields,
      fieldMap: new Map(fields.map((f) => [f.name, f])),
      ...(fields.find((f) => f.kind === 'id') ? { idField: fields.find((f) => f.kind === 'id') } : {}),
      xidFields: fields.filter((f) => f.xid),
      ...(secretField ? { secretField, secretPredicate: secretPred ?? `${dgraphType(secretOwner)}.${secretField}` } : {}),
      dgraphType: dgraphType(name),
      generate: GENERATE,
      ...(auth ? { authDirective: auth } : {}),
      loc: { line: 1, column: 1 },
    });
  }
  return { types, unions, enums };
}
