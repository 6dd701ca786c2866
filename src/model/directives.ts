/**
 * The directives a Dgraph schema may use without declaring them, written
 * once: their arguments and locations (from which the API prints their
 * declarations and the model checks where they appear), whether Dgraph
 * prints them back on the upload's types, and whether its own type-level
 * check applies. Uploads name them freely (`@search`, `@auth`, ...); Dgraph
 * supplies the declarations, so authline does too.
 */
import type { DefinitionKind } from './document.js';

/** Locations on type definitions (a schema's own directives may only be used there). */
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

type ExecutableLocation = 'QUERY' | 'FIELD' | 'FRAGMENT_SPREAD' | 'INLINE_FRAGMENT';

interface DirectiveSpec {
  /** The arguments as SDL, laid out as Dgraph prints them, e.g. `(field: String!)`; '' for none. */
  readonly args: string;
  /** Every location Dgraph declares it on, executable ones included. */
  readonly on: readonly (DirectiveLocationName | ExecutableLocation)[];
  /** Beyond Dgraph: further locations authline accepts, declared in the API only when the upload uses them. */
  readonly beyond?: readonly DirectiveLocationName[];
  /** Declared only when some type of the upload uses `@key` (Apollo federation). */
  readonly apollo?: true;
  /** Printed back on the upload's types and fields in the generated schema (Dgraph's directiveValidators). */
  readonly printed?: true;
  /** Dgraph's own check of its use on type definitions applies, with its message (Dgraph's directiveLocationMap). */
  readonly typeLevelCheck?: true;
  /** GraphQL's own: graphql-js declares it; never printed among Dgraph's. */
  readonly prelude?: true;
  /** Accepted, but changes nothing in authline: why (upload warnings name each use). */
  readonly inert?: string;
  /**
   * Left out of the SDL `_service` gives an Apollo gateway, declaration and
   * uses alike (Dgraph's apolloSupportedDirectiveDefs: the gateway cannot
   * compose executable directives nor those with input-object arguments).
   */
  readonly notForGateway?: true;
}

const FIELD: DirectiveSpec['on'] = ['FIELD_DEFINITION'];
const TYPE: DirectiveSpec['on'] = ['OBJECT', 'INTERFACE'];

/** In the order Dgraph declares them. */
export const DIRECTIVES = {
  hasInverse: { args: '(field: String!)', on: FIELD, printed: true, typeLevelCheck: true },
  search: { args: '(by: [String!])', on: FIELD, printed: true, typeLevelCheck: true },
  embedding: { args: '', on: FIELD, printed: true },
  dgraph: { args: '(type: String, pred: String)', on: [...TYPE, 'FIELD_DEFINITION'], printed: true, typeLevelCheck: true },
  id: { args: '(interface: Boolean)', on: FIELD, printed: true, typeLevelCheck: true },
  default: { args: '(add: DgraphDefault, update: DgraphDefault)', on: FIELD, printed: true },
  withSubscription: { args: '', on: [...TYPE, 'FIELD_DEFINITION'], printed: true, typeLevelCheck: true },
  secret: { args: '(field: String!, pred: String)', on: TYPE, printed: true, typeLevelCheck: true },
  // Beyond Dgraph: on a field too (query, add and update rules of that field alone; rules/field-rules.ts).
  auth: {
    args: '(\n\tpassword: AuthRule\n\tquery: AuthRule,\n\tadd: AuthRule,\n\tupdate: AuthRule,\n\tdelete: AuthRule)',
    on: TYPE,
    beyond: ['FIELD_DEFINITION'],
    printed: true,
    typeLevelCheck: true,
    notForGateway: true,
  },
  custom: { args: '(http: CustomHTTP, dql: String)', on: FIELD, printed: true, typeLevelCheck: true, notForGateway: true },
  remote: { args: '', on: [...TYPE, 'UNION', 'INPUT_OBJECT', 'ENUM'], printed: true, typeLevelCheck: true },
  remoteResponse: { args: '(name: String)', on: FIELD, printed: true, typeLevelCheck: true },
  cascade: { args: '(fields: [String])', on: ['FIELD'], typeLevelCheck: true, notForGateway: true },
  lambda: { args: '', on: FIELD, printed: true, typeLevelCheck: true },
  lambdaOnMutate: { args: '(add: Boolean, update: Boolean, delete: Boolean)', on: TYPE, printed: true, typeLevelCheck: true },
  cacheControl: { args: '(maxAge: Int!)', on: ['QUERY'], notForGateway: true },
  generate: {
    args: '(\n\tquery: GenerateQueryParams,\n\tmutation: GenerateMutationParams,\n\tsubscription: Boolean)', on: TYPE, printed: true, typeLevelCheck: true, notForGateway: true,
  },
  external: { args: '', on: FIELD, apollo: true, printed: true, typeLevelCheck: true },
  requires: { args: '(fields: _FieldSet!)', on: FIELD, apollo: true, printed: true, typeLevelCheck: true },
  provides: { args: '(fields: _FieldSet!)', on: FIELD, apollo: true, printed: true, typeLevelCheck: true },
  key: { args: '(fields: _FieldSet!)', on: TYPE, apollo: true, printed: true, typeLevelCheck: true },
  extends: { args: '', on: TYPE, apollo: true, printed: true, typeLevelCheck: true },
  deprecated: { args: '', on: ['FIELD_DEFINITION', 'ARGUMENT_DEFINITION', 'INPUT_FIELD_DEFINITION', 'ENUM_VALUE'], prelude: true, printed: true },
  specifiedBy: { args: '', on: ['SCALAR'], prelude: true },
  skip: { args: '', on: ['FIELD', 'FRAGMENT_SPREAD', 'INLINE_FRAGMENT'], prelude: true },
  include: { args: '', on: ['FIELD', 'FRAGMENT_SPREAD', 'INLINE_FRAGMENT'], prelude: true },
} as const satisfies Record<string, DirectiveSpec>;

const SPECS: readonly (readonly [string, DirectiveSpec])[] = Object.entries(DIRECTIVES);

const TYPE_SYSTEM: ReadonlySet<string> = new Set<DirectiveLocationName>([
  'OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'INPUT_OBJECT', 'SCALAR', 'FIELD_DEFINITION', 'ARGUMENT_DEFINITION', 'INPUT_FIELD_DEFINITION', 'ENUM_VALUE',
]);

/** The type-system locations of the directives a schema may use, Apollo's included or not. */
export function directiveLocations(apollo: boolean): Map<string, readonly DirectiveLocationName[]> {
  return new Map(SPECS.filter(([, spec]) => apollo || !spec.apollo)
    .map(([name, spec]) => [name, [...spec.on, ...(spec.beyond ?? [])].filter((l): l is DirectiveLocationName => TYPE_SYSTEM.has(l))]));
}

/**
 * The declarations Dgraph adds to every generated schema (`apollo`: those it
 * adds for federation), as it prints them; `usedOnFields` names the
 * directives the upload puts on fields, which declare authline's further
 * locations.
 */
export function directiveDeclarations(apollo: boolean, usedOnFields: ReadonlySet<string> = new Set(), forGateway = false): string {
  return SPECS.filter(([, spec]) => !spec.prelude && (spec.apollo ?? false) === apollo && !(forGateway && spec.notForGateway))
    .map(([name, spec]) => {
      const on = usedOnFields.has(name) ? [...spec.on, ...(spec.beyond ?? [])] : spec.on;
      return `directive @${name}${spec.args} on ${on.join(' | ')}\n`;
    })
    .join('');
}

/**
 * The argument names of Dgraph's directives (GraphQL's own are graphql-js's
 * to check), for gqlparser's "x is not supported as an argument for d
 * directive."
 */
export const DIRECTIVE_ARGUMENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  SPECS.filter(([, spec]) => !spec.prelude).map(([name, spec]) => [name, new Set([...spec.args.matchAll(/(\w+):/g)].map((m) => m[1]!))]),
);

/** Directives a schema may use that change nothing in authline, with why. */
export const INERT_DIRECTIVES: ReadonlyMap<string, string> = new Map(
  SPECS.flatMap(([name, spec]) => (spec.inert === undefined ? [] : [[name, spec.inert] as const])),
);

/** Directives whose uses the SDL for an Apollo gateway leaves out. */
export const NOT_FOR_GATEWAY: ReadonlySet<string> = new Set(SPECS.filter(([, spec]) => spec.notForGateway).map(([name]) => name));

/** Directives Dgraph prints back in the generated schema. */
export const PRINTED_DIRECTIVES: ReadonlySet<string> = new Set(SPECS.filter(([, spec]) => spec.printed).map(([name]) => name));

const TYPE_KINDS: ReadonlySet<string> = new Set<DefinitionKind>(['OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'INPUT_OBJECT', 'SCALAR']);

/**
 * Dgraph's own check of directives on type definitions, made before GraphQL
 * validation so its message wins: `null` means the directive never applies at
 * type level; otherwise the kinds it may decorate.
 */
export const TYPE_LEVEL_DIRECTIVES: ReadonlyMap<string, readonly DefinitionKind[] | null> = new Map(
  SPECS.filter(([, spec]) => spec.typeLevelCheck).map(([name, spec]) => {
    const kinds = spec.on.filter((l): l is DefinitionKind => TYPE_KINDS.has(l));
    return [name, kinds.length > 0 ? kinds : null];
  }),
);

/**
 * Field directives whose fields authline does not store: the field is kept in
 * the model (marked `unsupported`), out of inputs, filters and SQL, and served
 * by a remote call (model/custom/).
 */
export const UNSUPPORTED_FIELD_DIRECTIVES = ['custom', 'lambda'] as const satisfies readonly (keyof typeof DIRECTIVES)[];

/**
 * Where Dgraph reports a few of its type checks: at its own declaration of
 * the directive, in the definitions it parses apart from the upload
 * (gqlschema.go: `schemaInputs + directiveDefs + filterInputs`, and, for
 * federation, `apolloSchemaExtras`), with gqlparser's line numbers, which do
 * not count the line breaks inside block strings. Before the declarations
 * come: in Dgraph's extras, an empty line and the inputs (api/extras.ts
 * SCALARS_AND_INPUTS, 170 lines of which gqlparser counts 164) and an empty
 * line; in the Apollo extras, an empty line, `_Any`, `_FieldSet`, an empty
 * line, the three lines of `_Service` and an empty line
 * (test/model/declaration-position.test.ts checks both against the printed
 * API).
 */
export function declarationPosition(name: 'remote' | 'extends'): { line: number; column: number } {
  const apollo = (DIRECTIVES[name] as DirectiveSpec).apollo === true;
  const before = directiveDeclarations(apollo).split(`directive @${name}`)[0]!.split('\n').length - 1;
  return { line: (apollo ? APOLLO_DECLARATIONS_LINE : DGRAPH_DECLARATIONS_LINE) + before, column: 'directive @'.length + 1 };
}

/** The gqlparser line of the first directive Dgraph declares, in its extras and in its Apollo extras. */
export const DGRAPH_DECLARATIONS_LINE = 166;
export const APOLLO_DECLARATIONS_LINE = 9;
