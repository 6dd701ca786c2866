/**
 * Names of the generated API, exactly as Dgraph spells them. Clients (and
 * `@auth` rules) are written against these names, so every stage derives them
 * from here: the model reserves them, the API generates them, the plan
 * recognises root fields by them.
 */

/** `UserSecret` → `userSecret`: payload fields and union member fields. */
export function camelCase(name: string): string {
  return name === '' ? '' : name[0].toLowerCase() + name.slice(1);
}

export const names = {
  filter: (type: string) => `${type}Filter`,
  order: (type: string) => `${type}Order`,
  orderable: (type: string) => `${type}Orderable`,
  hasFilter: (type: string) => `${type}HasFilter`,
  ref: (type: string) => `${type}Ref`,
  patch: (type: string) => `${type}Patch`,
  addInput: (type: string) => `Add${type}Input`,
  updateInput: (type: string) => `Update${type}Input`,
  /** Reserved by Dgraph, though no API has it. */
  deleteInput: (type: string) => `Delete${type}Input`,
  addPayload: (type: string) => `Add${type}Payload`,
  updatePayload: (type: string) => `Update${type}Payload`,
  deletePayload: (type: string) => `Delete${type}Payload`,
  aggregateResult: (type: string) => `${type}AggregateResult`,
  /** The enum of a union's member types (`memberTypes`). */
  unionMemberType: (union: string) => `${union}Type`,
  /** `${T}Filter` inside a union's filter. */
  unionMemberFilter: (member: string) => `${camelCase(member)}Filter`,
  unionMemberRef: (member: string) => `${camelCase(member)}Ref`,
  /** Nested `<field>Aggregate` of a list field. */
  fieldAggregate: (field: string) => `${field}Aggregate`,
  /** The enum of a type's `@embedding` fields (the `by` of its similarity queries). */
  embedding: (type: string) => `${type}Embedding`,
  /** The payload field listing the mutated nodes. */
  payloadField: (type: string) => camelCase(type),

  // Root fields, one per RootFieldKind.
  get: (type: string) => `get${type}`,
  query: (type: string) => `query${type}`,
  aggregate: (type: string) => `aggregate${type}`,
  checkPassword: (type: string) => `check${type}Password`,
  similarById: (type: string) => `querySimilar${type}ById`,
  similarByEmbedding: (type: string) => `querySimilar${type}ByEmbedding`,
  add: (type: string) => `add${type}`,
  update: (type: string) => `update${type}`,
  delete: (type: string) => `delete${type}`,
} as const;

/** Suffixes of `<field>Min`, `<field>Max`, `<field>Sum`, `<field>Avg` in aggregate results. */
export const AGGREGATE_SUFFIXES = ['Min', 'Max', 'Sum', 'Avg'] as const;

/** The root fields generated for a type, by the operation each names (`getUser` gets a User). */
export const ROOT_FIELD_KINDS = ['get', 'query', 'aggregate', 'checkPassword', 'similarById', 'similarByEmbedding', 'add', 'update', 'delete'] as const;

export type RootFieldKind = (typeof ROOT_FIELD_KINDS)[number];
