/**
 * Test-only stand-ins for the stages the rules stage reads: a SchemaModel
 * with what rules use (names, kinds, interfaces, implementations, the raw
 * @auth directive, positions), a generated API shaped like Dgraph's for
 * what rules query (queryT, TFilter with the scalar filters, nested field
 * filters, union memberTypes, @cascade), and a planner that records what
 * it was asked. The real ones (buildModel, generateApi, planRuleQuery) are
 * used by conformance.test.ts.
 */
import { buildSchema, getLocation, Kind, parse, print } from 'graphql';
import type {
  DocumentNode,
  FieldDefinitionNode,
  GraphQLSchema,
  InterfaceTypeDefinitionNode,
  ObjectTypeDefinitionNode,
  TypeNode,
  UnionTypeDefinitionNode,
} from 'graphql';
import type { FieldDef, SchemaModel, TypeDef, UnionDef } from '../../src/model/types.js';
import type { NodeQuery, Value } from '../../src/plan/types.js';
import type { PlanRuleQuery } from '../../src/rules/index.js';

type Definition = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

/** Parses an SDL as the uploaded text (Dgraph's `@auth()` read as `@auth`, positions kept). */
export function parseSdl(sdl: string): DocumentNode {
  return parse(sdl.replaceAll('@auth()', '@auth  '));
}

export function testModel(document: DocumentNode): SchemaModel {
  const definitions = document.definitions.filter(
    (d): d is Definition => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION,
  );
  const byName = new Map(definitions.map((d) => [d.name.value, d]));
  const interfacesOf = (d: Definition): string[] =>
    (d.interfaces ?? []).flatMap((i) => [i.name.value, ...interfacesOf(byName.get(i.name.value)!)]);
  const types = new Map<string, TypeDef>();
  for (const d of definitions) {
    const kind = d.kind === Kind.OBJECT_TYPE_DEFINITION ? 'object' : 'interface';
    const interfaces = [...new Set(interfacesOf(d))];
    const implementations =
      kind === 'object' ? [d.name.value] : definitions.filter((o) => o.kind === Kind.OBJECT_TYPE_DEFINITION && interfacesOf(o).includes(d.name.value)).map((o) => o.name.value);
    const fields = [...interfaces.flatMap((i) => byName.get(i)!.fields ?? []), ...(d.fields ?? [])].map((f) => fieldDef(d.name.value, f));
    const def: TypeDef = {
      name: d.name.value,
      kind,
      interfaces,
      implementations,
      fields,
      fieldMap: new Map(fields.map((f) => [f.name, f])),
      xidFields: [],
      dgraphType: d.name.value,
      generate: { query: { get: true, query: true, password: true, aggregate: true }, mutation: { add: true, update: true, delete: true } },
      authDirective: d.directives?.find((x) => x.name.value === 'auth'),
      loc: loc(d),
    };
    types.set(def.name, def);
  }
  const unions = new Map<string, UnionDef>();
  for (const d of document.definitions) {
    if (d.kind === Kind.UNION_TYPE_DEFINITION) unions.set(d.name.value, { name: d.name.value, members: (d.types ?? []).map((t) => t.name.value), loc: loc(d) });
  }
  return { types, unions, enums: new Map() };
}

function loc(node: { loc?: { source: Parameters<typeof getLocation>[0]; start: number } }) {
  return node.loc ? getLocation(node.loc.source, node.loc.start) : { line: 0, column: 0 };
}

function fieldDef(declaredIn: string, f: FieldDefinitionNode): FieldDef {
  const named = namedType(f.type);
  return {
    name: f.name.value,
    declaredIn,
    type: { name: named, list: print(f.type).includes('['), nonNull: f.type.kind === Kind.NON_NULL_TYPE, itemNonNull: false },
    kind: named === 'ID' ? 'id' : 'scalar',
    predicate: `${declaredIn}.${f.name.value}`,
    reverse: false,
    search: [],
    xid: false,
    xidInterface: false,
    loc: loc(f),
  };
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

const SCALARS = new Set(['ID', 'String', 'Int', 'Int64', 'Float', 'Boolean', 'DateTime']);

/**
 * An API with the parts of Dgraph's that rules use. Filter fields exist for
 * every scalar and enum field (Dgraph: only searchable ones), all with the
 * same operators.
 */
export function testApi(document: DocumentNode): GraphQLSchema {
  const definitions = document.definitions.filter(
    (d): d is Definition | UnionTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION || d.kind === Kind.UNION_TYPE_DEFINITION,
  );
  const enums = document.definitions.flatMap((d) => (d.kind === Kind.ENUM_TYPE_DEFINITION ? [print({ ...d, description: undefined, directives: [] })] : []));
  const byName = new Map(definitions.map((d) => [d.name.value, d]));
  const isEnum = (name: string) => enums.some((e) => e.startsWith(`enum ${name} `));
  const out: string[] = [
    'scalar Int64',
    'scalar DateTime',
    'directive @cascade(fields: [String]) on FIELD',
    ...enums,
    ...['String', 'Int', 'Int64', 'Float', 'DateTime', ...enums.map((e) => e.split(' ')[1])].map(
      (s) => `input ${s}Filter { eq: ${s} in: [${s}] le: ${s} lt: ${s} ge: ${s} gt: ${s} }`,
    ),
  ];
  const queries: string[] = [];
  for (const d of definitions) {
    const name = d.name.value;
    if (d.kind === Kind.UNION_TYPE_DEFINITION) {
      const members = (d.types ?? []).map((t) => t.name.value);
      out.push(`union ${name} = ${members.join(' | ')}`, `enum ${name}Type { ${members.join(' ')} }`);
      out.push(`input ${name}Filter { memberTypes: [${name}Type!] ${members.map((m) => `${lower(m)}Filter: ${m}Filter`).join(' ')} }`);
      continue;
    }
    const own = (d: Definition): FieldDefinitionNode[] => [...(d.interfaces ?? []).flatMap((i) => own(byName.get(i.name.value) as Definition)), ...(d.fields ?? [])];
    const fields = [...new Map(own(d).map((f) => [f.name.value, f])).values()];
    const filterFields: string[] = [];
    const selectable: string[] = [];
    for (const f of fields) {
      const named = namedType(f.type);
      const list = print(f.type).startsWith('[');
      if (named === 'ID') filterFields.push(`${f.name.value}: [ID!]`);
      else if (named === 'Boolean') filterFields.push(`${f.name.value}: Boolean`);
      else if (SCALARS.has(named) || isEnum(named)) filterFields.push(`${f.name.value}: ${named}Filter`);
      const args = SCALARS.has(named) || isEnum(named) ? '' : `(filter: ${named}Filter${list ? ', first: Int, offset: Int' : ''})`;
      selectable.push(`${f.name.value}${args}: ${print(f.type)}`);
    }
    filterFields.push(`has: [String] and: [${name}Filter] or: [${name}Filter] not: ${name}Filter`);
    const implementsClause = d.interfaces?.length ? ` implements ${d.interfaces.map((i) => i.name.value).join(' & ')}` : '';
    out.push(`${d.kind === Kind.OBJECT_TYPE_DEFINITION ? 'type' : 'interface'} ${name}${implementsClause} { ${selectable.join(' ')} }`);
    out.push(`input ${name}Filter { ${filterFields.join(' ')} }`);
    queries.push(`query${name}(filter: ${name}Filter, first: Int, offset: Int): [${name}]`, `get${name}(id: ID!): ${name}`);
  }
  out.push(`type Query { ${queries.join(' ')} }`, 'type Mutation { noop: Boolean }');
  return buildSchema(out.join('\n'));
}

function lower(name: string): string {
  return name[0].toLowerCase() + name.slice(1);
}

/** What the planner was asked for one reach residual. */
export interface PlannedRule {
  readonly rule: string;
  readonly variables: Readonly<Record<string, Value>>;
}

/**
 * A planner that answers an empty query of the rule's root type and
 * remembers, per answer, which rule (printed) and variables it came from.
 */
export function recordingPlanner(): { plan: PlanRuleQuery; asked: WeakMap<NodeQuery, PlannedRule>; calls: PlannedRule[] } {
  const asked = new WeakMap<NodeQuery, PlannedRule>();
  const calls: PlannedRule[] = [];
  const plan: PlanRuleQuery = (model, _schema, document, variables) => {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
    const root = operation.kind === Kind.OPERATION_DEFINITION && operation.selectionSet.selections[0];
    const typeName = root && root.kind === Kind.FIELD ? root.name.value.replace(/^query/, '') : '';
    const type = model.types.get(typeName)!;
    const query: NodeQuery = {
      type: typeName,
      concreteTypes: type.implementations.map((t) => model.types.get(t)!),
      filter: null,
      order: [],
      cascade: null,
      selection: [],
    };
    const entry = { rule: print(document), variables };
    asked.set(query, entry);
    calls.push(entry);
    return query;
  };
  return { plan, asked, calls };
}
