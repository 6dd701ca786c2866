/**
 * Dgraph's checks before GraphQL validation: what may be declared at all and
 * under which names. They run first so that a schema that would clash with
 * the generated API gets Dgraph's explanation rather than a GraphQL one.
 */
import type { DirectiveNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { directive, positionOf } from './ast.js';
import { isReservedName } from './builtins.js';
import { TYPE_LEVEL_DIRECTIVES } from './directives.js';
import { names } from './names.js';
import type { Definition, SchemaDocument } from './document.js';

/** Names of the inputs and enums Dgraph adds to every schema. */
const STATIC_GENERATED_NAMES = new Set([
  'Int64', 'DateTime', 'DgraphIndex', 'AuthRule', 'HTTPMethod', 'Mode', 'CustomHTTP', 'IntFilter', 'Int64Filter',
  'FloatFilter', 'DateTimeFilter', 'StringTermFilter', 'StringRegExpFilter', 'StringFullTextFilter', 'StringExactFilter',
  'StringHashFilter', 'PointGeoFilter', 'PointRef', 'NearFilter',
]);

export function validateDocument(schema: SchemaDocument): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const def of schema.definitions) {
    errors.push(...scalarDefinition(def), ...reservedTypeName(def), ...typeLevelDirectives(def));
  }
  errors.push(...generatedNameClashes(schema), ...generatedOperationClashes(schema));
  return errors;
}

export function isRootType(def: Definition): boolean {
  return def.kind === 'OBJECT' && (def.name === 'Query' || def.name === 'Mutation');
}

export function isCustomOrLambda(directives: readonly DirectiveNode[] | undefined): boolean {
  return directive(directives, 'custom') !== undefined || directive(directives, 'lambda') !== undefined;
}

function scalarDefinition(def: Definition): SchemaError[] {
  if (def.kind !== 'SCALAR') return [];
  return [
    new SchemaError(
      "You can't add scalar definitions. Only type, interface, union, input and enums are allowed in initial schema.",
      [positionOf(def.nameNode)],
    ),
  ];
}

function reservedTypeName(def: Definition): SchemaError[] {
  if (def.kind === 'SCALAR' || !isReservedName(def.name)) return [];
  if (isRootType(def)) {
    const plain = def.fields.find((f) => !isCustomOrLambda(f.directives));
    if (!plain) return [];
    return [
      new SchemaError(
        'GraphQL Query and Mutation types are only allowed to have fields with @custom/@lambda directive. ' +
          `Other fields are built automatically for you. Found ${def.name} ${plain.name.value} without @custom/@lambda.`,
        [positionOf(def.nameNode)],
      ),
    ];
  }
  return [
    new SchemaError(`${def.name} is a reserved word, so you can't declare a type with this name. Pick a different name for the type.`, [
      positionOf(def.nameNode),
    ]),
  ];
}

function typeLevelDirectives(def: Definition): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const dir of def.directives) {
    const name = dir.name.value;
    if (!TYPE_LEVEL_DIRECTIVES.has(name)) continue;
    const kinds = TYPE_LEVEL_DIRECTIVES.get(name);
    if (kinds === null) {
      errors.push(new SchemaError(`Type ${def.name}; has the @${name} directive, but it is not applicable at type level.`, [positionOf(dir.name)]));
    } else if (kinds && !kinds.includes(def.kind)) {
      errors.push(
        new SchemaError(`Type ${def.name}; has the @${name} directive, but it is not applicable on types of ${def.kind} kind.`, [
          positionOf(dir.name),
        ]),
      );
    }
  }
  return errors;
}

/** Types may not take the names of the inputs and enums generated for them or for others. */
function generatedNameClashes(schema: SchemaDocument): SchemaError[] {
  const forbidden = new Set(STATIC_GENERATED_NAMES);
  for (const def of schema.definitions) {
    if (isRootType(def) || directive(def.directives, 'remote')) continue;
    const n = def.name;
    if (def.kind === 'UNION') {
      for (const name of [names.ref(n), names.filter(n), names.unionMemberType(n)]) forbidden.add(name);
    } else if (def.kind === 'OBJECT' || def.kind === 'INTERFACE') {
      for (const name of [names.ref(n), names.patch(n), names.updateInput(n), names.updatePayload(n), names.deleteInput(n), names.aggregateResult(n)]) {
        forbidden.add(name);
      }
      if (def.kind === 'OBJECT') forbidden.add(names.addInput(n)).add(names.addPayload(n));
      for (const name of [names.filter(n), names.order(n), names.orderable(n)]) forbidden.add(name);
    }
  }
  return schema.definitions
    .filter((def) => forbidden.has(def.name))
    .map(
      (def) =>
        new SchemaError(
          `${def.name} is a reserved word, so you can't declare a ${def.kind} with this name. Pick a different name for the ${def.kind}.`,
          [positionOf(def.nameNode)],
        ),
    );
}

/** Custom queries and mutations may not take the names of generated ones. */
function generatedOperationClashes(schema: SchemaDocument): SchemaError[] {
  const queries = new Set<string>();
  const mutations = new Set<string>();
  for (const def of schema.definitions) {
    if ((def.kind !== 'OBJECT' && def.kind !== 'INTERFACE') || isRootType(def) || directive(def.directives, 'remote')) continue;
    const n = def.name;
    queries.add(names.get(n)).add(names.checkPassword(n)).add(names.query(n));
    if (def.kind === 'OBJECT') mutations.add(names.add(n));
    mutations.add(names.update(n)).add(names.delete(n));
  }
  const errors: SchemaError[] = [];
  for (const [root, reserved, what] of [['Query', queries, 'query'], ['Mutation', mutations, 'mutation']] as const) {
    for (const field of schema.byName.get(root)?.fields ?? []) {
      if (reserved.has(field.name.value)) {
        errors.push(
          new SchemaError(
            `${field.name.value} is a reserved word, so you can't declare a ${what} with this name. Pick a different name for the ${what}.`,
            [positionOf(field.name)],
          ),
        );
      }
    }
  }
  return errors;
}
