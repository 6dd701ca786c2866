/**
 * Apollo federation as Dgraph generates it. When some type has `@key`, the
 * API gains the `_Entity` union of those types, `_Any`, `_Service`, and the
 * root fields `_entities(representations:)` and `_service` (placed after the
 * upload's own Query fields, before the generated ones).
 *
 * `_service { sdl }` answers the API as an Apollo gateway can compose it
 * (Dgraph's GQLSchemaWithoutApolloExtras): the same layout without the
 * federation definitions and root fields, without the directives a gateway
 * cannot take (`@auth`, `@custom`, `@generate`, ...: model/directives.ts
 * `notForGateway`), and with what Dgraph's copy of each definition drops:
 * descriptions of types and fields, `implements`, and a union's members.
 */
import { NOT_FOR_GATEWAY } from '../model/directives.js';
import { APOLLO_EXTRAS } from './extras.js';
import type { FieldSpec, TypeSpec } from './spec.js';

export const ENTITIES_FIELD = '_entities';
export const SERVICE_FIELD = '_service';

/** The root fields of a federated API, as Dgraph declares them. */
export const APOLLO_QUERIES: readonly FieldSpec[] = [
  { name: ENTITIES_FIELD, type: '[_Entity]!', args: [{ name: 'representations', type: '[_Any!]!' }] },
  { name: SERVICE_FIELD, type: '_Service!' },
];

/** The section Dgraph prints after its extended definitions when some type has `@key` (no blank line after the title). */
export function apolloSection(entities: readonly string[]): string {
  return `#######################\n# Extended Apollo Definitions\n#######################\nunion _Entity = ${entities.join(' | ')}\n${APOLLO_EXTRAS}\n`;
}

/** A definition as the SDL for the gateway prints it. */
export function forGateway(spec: TypeSpec): TypeSpec {
  switch (spec.kind) {
    case 'type':
    case 'interface':
      return { kind: spec.kind, name: spec.name, directives: gatewayDirectives(spec.directives), fields: spec.fields.map(gatewayField) };
    case 'input':
      return { kind: 'input', name: spec.name, fields: spec.fields.map(gatewayField) };
    case 'enum':
      return { kind: 'enum', name: spec.name, values: spec.values };
    case 'union':
      return { kind: 'union', name: spec.name, directives: gatewayDirectives(spec.directives), members: [] };
  }
}

/** The Query fields as the SDL for the gateway prints them: no federation fields. */
export function gatewayQueries(queries: readonly FieldSpec[]): FieldSpec[] {
  return queries.filter((q) => !APOLLO_QUERIES.includes(q)).map(gatewayField);
}

function gatewayField(field: FieldSpec): FieldSpec {
  const { description: _, ...rest } = field;
  return { ...rest, directives: gatewayDirectives(field.directives) };
}

function gatewayDirectives(directives: readonly string[] | undefined): string[] {
  return (directives ?? []).filter((d) => !NOT_FOR_GATEWAY.has(/^@(\w+)/.exec(d)?.[1] ?? ''));
}
