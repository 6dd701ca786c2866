/**
 * The `@auth` rules of a library-mode SDL, read by the rules stage with the
 * messages an upload gets. Graph-traversal rules are refused: they read the
 * data, and library mode has no store to read it from. A directive holding
 * one gets only that refusal (its other mistakes show once it is gone), so
 * the rule's own text is never checked against an API it would not run on.
 */
import { buildASTSchema, getNamedType, GraphQLError, isInterfaceType, isObjectType, Kind, visit } from 'graphql';
import type {
  DirectiveNode,
  DocumentNode,
  GraphQLNamedType,
  GraphQLSchema,
  InterfaceTypeDefinitionNode,
  InterfaceTypeExtensionNode,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
} from 'graphql';
import { readAuthDirective } from '../rules/directive.js';
import { fieldProblems } from '../rules/field-rules.js';
import { positionOf } from '../rules/positions.js';
import { isRbacRule } from '../rules/rbac.js';
import type { FieldRules, TypeRules } from '../rules/tree.js';
import { SchemaError } from '../sdl/errors.js';
import { parseSdl } from '../sdl/index.js';

export interface SdlRules {
  /** The SDL's types (no resolvers): which interfaces each type implements. */
  readonly schema: GraphQLSchema;
  /** Each object type or interface carrying `@auth`, with its rules. */
  readonly declared: ReadonlyMap<string, TypeRules>;
  /** Each object type or interface with `@auth` on fields it declares: the rules of each such field. */
  readonly declaredFields: ReadonlyMap<string, FieldRules>;
}

export function readSdlRules(sdl: string): { rules: SdlRules | null; errors: SchemaError[] } {
  const parsed = parseSdl(sdl);
  if (parsed.document === null) return { rules: null, errors: parsed.errors };
  const errors = [...parsed.errors, ...misplacedAuth(parsed.document)];

  let schema: GraphQLSchema;
  try {
    // The user's own server validates the SDL; here only its shape matters.
    schema = buildASTSchema(parsed.document, { assumeValidSDL: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const locations = error instanceof GraphQLError ? (error.locations ?? []) : [];
    return { rules: null, errors: [...errors, new SchemaError(message, locations.map(({ line, column }) => ({ line, column })))] };
  }

  const declared = new Map<string, TypeRules>();
  for (const type of Object.values(schema.getTypeMap())) {
    const [directive, ...repeated] = authDirectives(type);
    if (!directive) continue;
    for (const extra of repeated) {
      errors.push(new SchemaError('The directive "@auth" can only be used once at this location.', positionOf(extra)));
    }
    const refused = graphRules(directive, type.name);
    if (refused.length > 0) {
      errors.push(...refused);
      continue;
    }
    const read = readAuthDirective(directive, type.name, schema);
    declared.set(type.name, read.rules);
    errors.push(...read.errors);
  }
  const declaredFields = new Map<string, FieldRules>();
  for (const type of Object.values(schema.getTypeMap())) {
    const fields = fieldRules(type, schema, errors);
    if (fields.size > 0) declaredFields.set(type.name, fields);
  }
  return { rules: errors.length > 0 ? null : { schema, declared, declaredFields }, errors };
}

/** The rules written on the fields of an object type or interface; mistakes go to `errors`. */
function fieldRules(type: GraphQLNamedType, schema: GraphQLSchema, errors: SchemaError[]): Map<string, TypeRules> {
  const rules = new Map<string, TypeRules>();
  if (!isObjectType(type) && !isInterfaceType(type)) return rules;
  for (const field of Object.values(type.getFields())) {
    const node = field.astNode;
    const directive = node?.directives?.find((d) => d.name.value === 'auth');
    if (!node || !directive) continue;
    const problems = [...graphRules(directive, `${type.name}; Field ${field.name}`),
      ...fieldProblems(type.name, node, directive, getNamedType(field.type).name === 'ID')];
    if (problems.length > 0) {
      errors.push(...problems);
      continue;
    }
    const read = readAuthDirective(directive, type.name, schema, field.name);
    errors.push(...read.errors);
    rules.set(field.name, read.rules);
  }
  return rules;
}

/** The `@auth` directives of an object type or interface, its extensions included. */
export function authDirectives(type: GraphQLNamedType): readonly DirectiveNode[] {
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  return [type.astNode, ...type.extensionASTNodes].flatMap(
    (node) => node?.directives?.filter((d) => d.name.value === 'auth') ?? [],
  );
}

/** `@auth` anywhere but on an object type or interface, or a field of one, would silently guard nothing. */
function misplacedAuth(document: DocumentNode): SchemaError[] {
  const placed = new Set<DirectiveNode>();
  for (const definition of document.definitions) {
    if (!CARRIERS.has(definition.kind)) continue;
    const carrier = definition as CarrierNode;
    for (const d of [...(carrier.directives ?? []), ...(carrier.fields ?? []).flatMap((f) => f.directives ?? [])]) placed.add(d);
  }
  const errors: SchemaError[] = [];
  visit(document, {
    Directive(node) {
      if (node.name.value === 'auth' && !placed.has(node)) {
        errors.push(new SchemaError('Directive "@auth" may only be used on object types and interfaces, and their fields.', positionOf(node)));
      }
    },
  });
  return errors;
}

type CarrierNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

const CARRIERS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
]);

function graphRules(directive: DirectiveNode, carrier: string): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const argument of directive.arguments ?? []) {
    visit(argument.value, {
      ObjectField(field) {
        if (field.name.value !== 'rule' || field.value.kind !== Kind.STRING || isRbacRule(field.value.value)) return;
        const text = field.value.value.replace(/\s+/g, ' ').trim();
        errors.push(
          new SchemaError(
            `Type ${carrier}: @auth: the ${argument.name.value} rule "${text}" is a graph-traversal rule: it reads the data, ` +
              'and library mode has no store to read it from, so it cannot be enforced. Write it as an RBAC rule ' +
              '({$VAR: {eq: ...}}, in, regexp) and check the data in your resolvers (context.authline.claims), ' +
              'or serve the schema with `authline serve`.',
            positionOf(field.value),
          ),
        );
      },
    });
  }
  return errors;
}
