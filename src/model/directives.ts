/**
 * The directives a Dgraph schema may use without declaring them, where each
 * may appear, and which ones authline implements. Uploads name them freely
 * (`@search`, `@auth`, ...); Dgraph supplies the declarations, so authline
 * does too.
 */
import type { DefinitionKind } from './document.js';

export type DirectiveLocationName =
  | 'OBJECT'
  | 'INTERFACE'
  | 'UNION'
  | 'ENUM'
  | 'INPUT_OBJECT'
  | 'SCALAR'
  | 'FIELD_DEFINITION'
  | 'ARGUMENT_DEFINITION'
  | 'INPUT_FIELD_DEFINITION'
  | 'ENUM_VALUE';

/** Type-system locations of the directives Dgraph declares for every schema. */
export const DGRAPH_DIRECTIVES: ReadonlyMap<string, readonly DirectiveLocationName[]> = new Map([
  ['hasInverse', ['FIELD_DEFINITION']],
  ['search', ['FIELD_DEFINITION']],
  ['embedding', ['FIELD_DEFINITION']],
  ['dgraph', ['OBJECT', 'INTERFACE', 'FIELD_DEFINITION']],
  ['id', ['FIELD_DEFINITION']],
  ['default', ['FIELD_DEFINITION']],
  ['withSubscription', ['OBJECT', 'INTERFACE', 'FIELD_DEFINITION']],
  ['secret', ['OBJECT', 'INTERFACE']],
  ['auth', ['OBJECT', 'INTERFACE']],
  ['custom', ['FIELD_DEFINITION']],
  ['remote', ['OBJECT', 'INTERFACE', 'UNION', 'INPUT_OBJECT', 'ENUM']],
  ['remoteResponse', ['FIELD_DEFINITION']],
  // Executable-only (FIELD / QUERY): naming them in a schema is an error.
  ['cascade', []],
  ['cacheControl', []],
  ['lambda', ['FIELD_DEFINITION']],
  ['lambdaOnMutate', ['OBJECT', 'INTERFACE']],
  ['generate', ['OBJECT', 'INTERFACE']],
  // The GraphQL prelude.
  ['deprecated', ['FIELD_DEFINITION', 'ARGUMENT_DEFINITION', 'INPUT_FIELD_DEFINITION', 'ENUM_VALUE']],
  ['specifiedBy', ['SCALAR']],
  ['skip', []],
  ['include', []],
]);

/** Declared by Dgraph only when some type of the upload uses `@key` (Apollo federation). */
export const APOLLO_DIRECTIVES: ReadonlyMap<string, readonly DirectiveLocationName[]> = new Map([
  ['external', ['FIELD_DEFINITION']],
  ['requires', ['FIELD_DEFINITION']],
  ['provides', ['FIELD_DEFINITION']],
  ['key', ['OBJECT', 'INTERFACE']],
  ['extends', ['OBJECT', 'INTERFACE']],
]);

/**
 * Dgraph's own check of directives on type definitions, made before GraphQL
 * validation so its message wins: `null` means the directive never applies at
 * type level; otherwise the kinds it may decorate.
 */
export const TYPE_LEVEL_DIRECTIVES: ReadonlyMap<string, readonly DefinitionKind[] | null> = new Map<
  string,
  readonly DefinitionKind[] | null
>([
  ['hasInverse', null],
  ['search', null],
  ['dgraph', ['OBJECT', 'INTERFACE']],
  ['id', null],
  ['withSubscription', ['OBJECT', 'INTERFACE']],
  ['secret', ['OBJECT', 'INTERFACE']],
  ['auth', ['OBJECT', 'INTERFACE']],
  ['custom', null],
  ['remote', ['OBJECT', 'INTERFACE', 'UNION', 'INPUT_OBJECT', 'ENUM']],
  ['lambda', null],
  ['lambdaOnMutate', ['OBJECT', 'INTERFACE']],
  ['generate', ['OBJECT', 'INTERFACE']],
  ['key', ['OBJECT', 'INTERFACE']],
  ['extends', ['OBJECT', 'INTERFACE']],
  ['external', null],
  ['requires', null],
  ['provides', null],
  ['remoteResponse', null],
  ['cascade', null],
]);

/**
 * Field directives authline accepts but does not serve: the field is kept in
 * the model (marked `unsupported`) and left out of the generated API.
 */
export const UNSUPPORTED_FIELD_DIRECTIVES = ['custom', 'lambda'] as const;
