/**
 * Stage 5: SchemaModel → the GraphQL API Dgraph would generate for it, as a
 * graphql-js schema (no resolvers: the engine attaches them) and as SDL laid
 * out like Dgraph's (the upload's types, the fixed definitions, then the
 * generated types, enums, inputs, queries, mutations and subscriptions).
 */
import { GraphQLScalarType, buildASTSchema, parse, validateSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { SCALARS } from '../model/builtins.js';
import type { SchemaModel, TypeDef } from '../model/types.js';
import { SchemaError, SchemaRejectedError } from '../sdl/errors.js';
import type { SourcePosition } from '../sdl/errors.js';
import { addAggregateResult } from './aggregates.js';
import { remoteSpec, writtenFieldSpec } from './custom-fields.js';
import { SCALARS_AND_INPUTS, directiveDefinitions } from './extras.js';
import { APOLLO_QUERIES, apolloSection, forGateway as gatewaySpec, gatewayQueries } from './federation.js';
import { printFilterInputs } from './filter-inputs.js';
import { addFilterTypes, addUnionFilterTypes } from './filters.js';
import { addRefType, addUnionRef, cleanUpInputs } from './inputs.js';
import { mutationFields } from './mutations.js';
import { enumSpec, objectSpec, unionSpec } from './objects.js';
import { addOrderTypes } from './order.js';
import { queryFields, subscriptionFields } from './queries.js';
import { addEmbeddingEnum } from './similar.js';
import { GraphQLDateTime, GraphQLInt64 } from './scalars.js';
import { namedType, printSpec } from './spec.js';
import type { FieldSpec, TypeSpec } from './spec.js';

export { cascadeFieldMessage, cascadeVariablesRule, dgraphValidationRules } from './validation.js';
export { variablesError, type NumberText } from './gqlparser/variables.js';
export { REQUEST_VALIDATION, RULE_VALIDATION } from './gqlparser/validation.js';
export { GraphQLDateTime, GraphQLInt64, formatDateTime, parseDateTime, parseInt64 } from './scalars.js';
export { camelCase, names } from '../model/names.js';
export { ENTITIES_FIELD, SERVICE_FIELD } from './federation.js';

export interface GeneratedApi {
  readonly schema: GraphQLSchema;
  readonly sdl: string;
  /** What `_service { sdl }` answers (Apollo federation: federation.ts). */
  readonly gatewaySdl: string;
}

/**
 * Throws SchemaRejectedError when a type of the upload takes a name the API
 * needs for a generated type (e.g. an enum called `PostHasFilter`).
 */
export function generateApi(model: SchemaModel): GeneratedApi {
  const sdl = printApi(model, apiParts(model));
  const built = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  // The SDL declares the scalars; their behaviour comes from scalars.ts.
  const behaviour = new Map<string, GraphQLScalarType<unknown, unknown>>([GraphQLInt64, GraphQLDateTime].map((s) => [s.name, s as GraphQLScalarType<unknown, unknown>]));
  const schema = mapSchema(built, {
    [MapperKind.SCALAR_TYPE]: (type) => {
      const scalar = behaviour.get(type.name);
      return scalar ? new GraphQLScalarType({ ...scalar.toConfig(), description: type.description, astNode: type.astNode }) : type;
    },
    // A geometry is one stored value in its GraphQL shape, keyed by field names (the store shapes nodes by response keys).
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) =>
      GEOMETRY_OBJECTS.has(typeName) ? { ...field, resolve: (source: Record<string, unknown> | null) => source?.[fieldName] } : field,
  });
  const problems = validateSchema(schema);
  // The model was validated; an invalid API here is a generator bug, never served.
  if (problems.length > 0) throw new Error(`generated API is invalid: ${problems.map((p) => p.message).join('; ')}`);
  let gatewaySdl: string | undefined;
  return {
    schema,
    sdl,
    // Printed when first asked for: most APIs are not federated.
    get gatewaySdl() {
      gatewaySdl ??= printApi(model, apiParts(model, true), true);
      return gatewaySdl;
    },
  };
}

/** The object types a geometry value is made of (api/extras.ts). */
const GEOMETRY_OBJECTS: ReadonlySet<string> = new Set(['Point', 'PointList', 'Polygon', 'MultiPolygon']);

/** The API's definitions, in the order Dgraph prints them, before printing. */
interface ApiParts {
  readonly original: readonly TypeSpec[];
  /** Sorted by name. */
  readonly generated: readonly TypeSpec[];
  readonly queries: readonly FieldSpec[];
  readonly mutations: readonly FieldSpec[];
  readonly subscriptions: readonly FieldSpec[];
  /** The `@key` types (the `_Entity` union); none when the API is not federated. */
  readonly entities: readonly string[];
}

/** `forGateway`: as Dgraph generates the API for `_service`, where `@extends` types get no queries and the fields that return them no arguments or aggregates. */
function apiParts(model: SchemaModel, forGateway = false): ApiParts {
  const generated = new Map<string, TypeSpec>();
  const original: (Placed & { spec: TypeSpec })[] = [];
  // The upload's @custom/@lambda root fields come first, as in Dgraph.
  const custom = (operation: 'query' | 'mutation') =>
    model.customRoots.filter((r) => r.operation === operation).map((r) => writtenFieldSpec(r.astNode));
  const queries: FieldSpec[] = custom('query');
  const customMutations = custom('mutation');
  const subscriptions: FieldSpec[] = [];
  let mutations: FieldSpec[] = [];
  for (const def of model.remoteDefinitions) original.push({ loc: def.loc, spec: remoteSpec(def, model.remoteDefinitions) });

  for (const union of model.unions.values()) {
    addUnionRef(union, generated);
    addUnionFilterTypes(union, generated);
    original.push({ loc: union.loc, spec: unionSpec(union) });
  }
  for (const def of model.enums.values()) original.push({ loc: def.loc, spec: enumSpec(def) });
  const types = [...model.types.values()].sort((a, b) => inWrittenOrder(placed(a), placed(b)));
  const entities = types.filter((t) => t.kind === 'object' && t.federation?.key !== undefined).map((t) => t.name);
  // Dgraph puts the federation fields after the upload's own.
  if (entities.length > 0) queries.push(...APOLLO_QUERIES);
  // Query and mutation fields follow the upload's order of types.
  for (const type of types) {
    addRefType(model, type, generated);
    mutations.push(...mutationFields(model, type, generated));
    addFilterTypes(model, type, generated);
    addOrderTypes(type, generated);
    addAggregateResult(type, generated);
    addEmbeddingEnum(type, generated);
    // A gateway reads an extended type through `_entities`.
    const typeQueries = forGateway && type.federation?.extends ? [] : queryFields(model, type);
    queries.push(...typeQueries);
    subscriptions.push(...subscriptionFields(type, typeQueries));
    original.push({ ...placed(type), spec: objectSpec(model, type, forGateway) });
  }

  cleanUpInputs(model, generated);
  refuseNameClashes(original, generated);
  // Dgraph drops addT/updateT when clean-up removed their input.
  mutations = [
    ...customMutations,
    ...mutations.filter((m) => (m.args ?? []).every((a) => generated.has(namedType(a.type)) || SCALARS.has(namedType(a.type)))),
  ];
  return {
    original: original.sort(inWrittenOrder).map((o) => o.spec),
    generated: [...generated.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    queries,
    mutations,
    subscriptions,
    entities,
  };
}

/**
 * The API as SDL laid out like Dgraph's; `forGateway`: as `_service { sdl }`
 * answers it (federation.ts).
 */
function printApi(model: SchemaModel, parts: ApiParts, forGateway = false): string {
  const adapt = forGateway ? gatewaySpec : (spec: TypeSpec) => spec;
  const section = (title: string, body: string) => (body ? `#######################\n# ${title}\n#######################\n\n${body}` : '');
  const printAll = (specs: readonly TypeSpec[]) => specs.map((s) => `${printSpec(adapt(s))}\n`).join('');
  const generated = parts.generated;
  const queries = forGateway ? gatewayQueries(parts.queries) : parts.queries;
  const { mutations, subscriptions } = parts;
  return [
    section('Input Schema', printAll(parts.original)),
    section('Extended Definitions', `${SCALARS_AND_INPUTS}\n${directiveDefinitions(model, forGateway)}\n${printFilterInputs()}\n`),
    parts.entities.length > 0 && !forGateway ? apolloSection(parts.entities) : '',
    section('Generated Types', printAll(generated.filter((s) => s.kind === 'type'))),
    section('Generated Enums', printAll(generated.filter((s) => s.kind === 'enum'))),
    section('Generated Inputs', printAll(generated.filter((s) => s.kind === 'input'))),
    queries.length ? section('Generated Query', `${printSpec({ kind: 'type', name: 'Query', fields: [...queries] })}\n`) : '',
    mutations.length ? section('Generated Mutations', `${printSpec({ kind: 'type', name: 'Mutation', fields: [...mutations] })}\n`) : '',
    // Dgraph ends this last section without the blank line the others have.
    subscriptions.length ? section('Generated Subscriptions', printSpec({ kind: 'type', name: 'Subscription', fields: [...subscriptions] })) : '',
  ].join('');
}

interface Placed {
  readonly loc: SourcePosition;
  /** Written as `extend type`. */
  readonly extension?: boolean;
}

function placed(type: TypeDef): Placed {
  return { loc: type.loc, extension: type.astNode?.kind.endsWith('Extension') ?? false };
}

/** The upload's order, except that Dgraph moves `extend type` definitions after all the others. */
function inWrittenOrder(a: Placed, b: Placed): number {
  return Number(a.extension ?? false) - Number(b.extension ?? false) || compare(a.loc, b.loc);
}

/**
 * Dgraph reserves most generated names (checked with the model); a few it
 * does not, and silently replaces the user's type. authline refuses the
 * upload instead, in the words Dgraph uses for the others.
 */
function refuseNameClashes(original: readonly { loc: SourcePosition; spec: TypeSpec }[], generated: ReadonlyMap<string, TypeSpec>): void {
  const kinds = { type: 'OBJECT', interface: 'INTERFACE', union: 'UNION', enum: 'ENUM', input: 'INPUT_OBJECT' } as const;
  const errors = original
    .filter(({ spec }) => generated.has(spec.name))
    .map(({ loc, spec }) => {
      const kind = kinds[spec.kind];
      return new SchemaError(`${spec.name} is a reserved word, so you can't declare a ${kind} with this name. Pick a different name for the ${kind}.`, [loc]);
    });
  if (errors.length > 0) throw new SchemaRejectedError(errors);
}

function compare(a: SourcePosition, b: SourcePosition): number {
  return a.line - b.line || a.column - b.column;
}
