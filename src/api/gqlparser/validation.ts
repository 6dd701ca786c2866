/**
 * graphql-js's validation rules speaking gqlparser's words. Dgraph validates
 * a rule with gqlparser and quotes its messages ("failed to validate GraphQL
 * rule [reason : ...]"); the rules are the same GraphQL spec rules, only the
 * wording and the suggestions differ. Each graphql-js rule runs unchanged on
 * a context whose reportError rewords the error while the rule's type
 * information (expected input type, parent type, field) is still current.
 * Dgraph adds request checks of its own to gqlparser's; rules get them too.
 */
import {
  ExecutableDefinitionsRule,
  FieldsOnCorrectTypeRule,
  GraphQLError,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  getNamedType,
  Kind,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  KnownTypeNamesRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  print,
  OverlappingFieldsCanBeMergedRule,
  ProvidedRequiredArgumentsRule,
  specifiedRules,
  UniqueArgumentNamesRule,
  UniqueDirectivesPerLocationRule,
  UniqueVariableNamesRule,
  ValuesOfCorrectTypeRule,
  VariablesInAllowedPositionRule,
} from 'graphql';
import type { ASTNode, ASTVisitor, GraphQLCompositeType, GraphQLSchema, NamedTypeNode, TypeNode, ValidationContext, ValidationRule, ValueNode } from 'graphql';
import { dgraphValidationRules } from '../validation.js';
import { gqlparserValue } from '../../sdl/gqlparser-value.js';
import { didYouMean, suggestionList } from './suggestions.js';

/**
 * One message as gqlparser says it; where gqlparser places it differently
 * from graphql-js, the nodes it points at, or its offset in the text.
 */
type Said = string | { readonly message: string; readonly nodes?: readonly ASTNode[]; readonly position?: number };

/**
 * How gqlparser says what a graphql-js rule reported: zero, one or several
 * messages. `node` is the node the error is about (the node being visited
 * when a scalar's parseLiteral threw an error without one).
 */
type Wording = (error: GraphQLError, context: ValidationContext, node: ASTNode | undefined) => readonly Said[];

function reworded(rule: ValidationRule, wording: Wording): ValidationRule {
  return (context) => {
    let visiting: ASTNode | undefined;
    const speaking = Object.create(context) as ValidationContext;
    speaking.reportError = (error: GraphQLError) => {
      const node = error.nodes?.[0] ?? visiting;
      for (const said of wording(error, context, node)) {
        const { message, nodes = error.nodes ?? node, position } = typeof said === 'string' ? { message: said } : said;
        const source = context.getDocument().loc?.source;
        const at = position !== undefined && source ? { source, positions: [position] } : { nodes };
        context.reportError(new GraphQLError(message, { ...at, originalError: error.originalError }));
      }
    };
    return tracking(rule(speaking), (node) => {
      visiting = node;
    });
  };
}

/** The visitor, telling `enter` about each node before the rule sees it. */
function tracking(visitor: ASTVisitor, enter: (node: ASTNode) => void): ASTVisitor {
  const wrap =
    (fn: (node: ASTNode, ...rest: unknown[]) => unknown) =>
    (node: ASTNode, ...rest: unknown[]) => {
      enter(node);
      return fn(node, ...rest);
    };
  return Object.fromEntries(
    Object.entries(visitor).map(([kind, fn]) => [
      kind,
      typeof fn === 'function' ? wrap(fn) : fn && typeof fn.enter === 'function' ? { ...fn, enter: wrap(fn.enter) } : fn,
    ]),
  ) as ASTVisitor;
}

/** graphql-js reports a name given n times once; gqlparser once per repeat. */
const perRepeat: Wording = (error) => {
  const message = error.message.replace(/^There can be only one variable named "\$/, 'There can be only one variable named "');
  return Array.from({ length: Math.max(1, (error.nodes?.length ?? 2) - 1) }, () => message);
};

/** Rewrites parts of the message; the rest is already gqlparser's text. */
const replacing =
  (...edits: readonly [RegExp, string][]): Wording =>
  (error) => [edits.reduce((message, [pattern, by]) => message.replace(pattern, by), error.message)];

function fieldsOnCorrectType(error: GraphQLError, context: ValidationContext, node: ASTNode | undefined): readonly string[] {
  const parent = context.getParentType();
  if (node?.kind !== Kind.FIELD || !parent) return [error.message];
  const name = node.name.value;
  const types = suggestedTypeNames(context.getSchema(), parent, name);
  const hint =
    types.length > 0
      ? didYouMean('Did you mean to use an inline fragment on', types, true)
      : isObjectType(parent) || isInterfaceType(parent)
        ? didYouMean('Did you mean', suggestionList(name, Object.keys(parent.getFields())), true)
        : '';
  return [`Cannot query field "${name}" on type "${parent.name}".${hint}`];
}

/** gqlparser's order: the interfaces most implementers share first, then the object types, in schema order. */
function suggestedTypeNames(schema: GraphQLSchema, parent: GraphQLCompositeType, field: string): string[] {
  if (!isAbstractType(parent)) return [];
  const objects: string[] = [];
  const usage = new Map<string, number>();
  for (const possible of schema.getPossibleTypes(parent)) {
    if (!possible.getFields()[field]) continue;
    objects.push(possible.name);
    for (const iface of possible.getInterfaces()) {
      if (iface.getFields()[field]) usage.set(iface.name, (usage.get(iface.name) ?? 0) + 1);
    }
  }
  const interfaces = [...usage.keys()].sort((a, b) => usage.get(b)! - usage.get(a)!);
  return [...interfaces, ...objects];
}

function knownArgumentNames(error: GraphQLError, context: ValidationContext): readonly string[] {
  const onField = /^Unknown argument "(.+)" on field "(.+)\.(.+)"\./.exec(error.message);
  const field = context.getFieldDef();
  if (onField && field) {
    const [, arg, parent, name] = onField;
    const options = field.args.map((a) => a.name);
    return [`Unknown argument "${arg}" on field "${name}" of type "${parent}".${didYouMean('Did you mean', suggestionList(arg, options), true)}`];
  }
  const onDirective = /^Unknown argument "(.+)" on directive "@(.+)"\./.exec(error.message);
  const directive = onDirective && context.getSchema().getDirective(onDirective[2]);
  if (onDirective && directive) {
    const [, arg, name] = onDirective;
    const options = directive.args.map((a) => a.name);
    return [`Unknown argument "${arg}" on directive "@${name}".${didYouMean('Did you mean', suggestionList(arg, options), true)}`];
  }
  return [error.message];
}

/** gqlparser suggests other type names only for a fragment definition's type condition. */
function knownTypeNames(error: GraphQLError, context: ValidationContext, node: ASTNode | undefined): readonly string[] {
  if (node?.kind !== Kind.NAMED_TYPE) return [error.message];
  if (isVariableType(context, node)) return []; // UnknownVariableTypesRule reports it, in gqlparser's order
  const name = node.name.value;
  const isFragmentCondition = context
    .getDocument()
    .definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.typeCondition === node);
  const hint = isFragmentCondition
    ? didYouMean('Did you mean', suggestionList(name, Object.keys(context.getSchema().getTypeMap())), true)
    : '';
  return [`Unknown type "${name}".${hint}`];
}

const BUILT_IN_SCALARS: ReadonlySet<string> = new Set(['Int', 'Float', 'String', 'Boolean', 'ID']);

/** gqlparser's lexer places a string value after its opening quote (three for a block string). */
function valuesOfCorrectType(error: GraphQLError, context: ValidationContext, node: ASTNode | undefined): readonly Said[] {
  const messages = valueMessages(error, context, node);
  if (node?.kind !== Kind.STRING || !node.loc) return messages;
  const position = node.loc.start + (node.block ? 3 : 1);
  return messages.map((message) => ({ message, position }));
}

function valueMessages(error: GraphQLError, context: ValidationContext, node: ASTNode | undefined): readonly string[] {
  if (!node) return [error.message];
  if (node.kind === Kind.OBJECT_FIELD) {
    const parent = getNamedType(context.getParentInputType());
    if (!isInputObjectType(parent)) return [error.message];
    const name = node.name.value;
    const hint = didYouMean('Did you mean', suggestionList(name, Object.keys(parent.getFields())), false);
    return [`Field "${name}" is not defined by type ${parent.name}.${hint}`];
  }
  const required = /^Field "(.+)" of required type "(.+)" was not provided\.$/.exec(error.message);
  if (required) return [`Field ${required[1]} of required type ${required[2]} was not provided.`];

  const location = context.getInputType();
  const named = getNamedType(location);
  if (!location || !named || !isValueNode(node)) return [error.message];
  // gqlparser leaves custom scalars to the server, except that Dgraph checks Int64 (the API's scalar says how).
  if (isScalarType(named) && !BUILT_IN_SCALARS.has(named.name)) return named.name === 'Int64' ? [error.message] : [];
  // gqlparser takes any 64-bit integer for Int; Dgraph's own rule checks the 32-bit range first.
  if (named.name === 'Int' && node.kind === Kind.INT) {
    const outOfRange = `Out of range value '${node.value}', for type \`Int\``;
    return BigInt.asIntN(64, BigInt(node.value)) === BigInt(node.value) ? [outOfRange] : [outOfRange, `Expected type ${String(location)}, found ${node.value}.`];
  }
  if (node.kind === Kind.OBJECT && !isInputObjectType(named)) {
    return node.fields.map((f) => `Field "${f.name.value}" is not defined by type ${named.name}.`);
  }
  const hint =
    isEnumType(named) && (node.kind === Kind.STRING || node.kind === Kind.ENUM)
      ? didYouMean('Did you mean the enum value', suggestionList(node.value, named.getValues().map((v) => v.name)), false)
      : '';
  return [`Expected type ${String(location)}, found ${gqlparserValue(node)}.${hint}`];
}

/** Dgraph's own check of variable types reports the mistake too, before gqlparser does. */
function variablesInAllowedPosition(error: GraphQLError): readonly string[] {
  const types = /^Variable "\$.+" of type "(.+)" used in position expecting type "(.+)"\.$/.exec(error.message);
  return types ? [`Variable type provided ${types[1]} is incompatible with expected type ${types[2]}`, error.message] : [error.message];
}

/** Whether `node` names the type of one of the document's variables. */
function isVariableType(context: ValidationContext, node: NamedTypeNode): boolean {
  return context.getDocument().definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (d.variableDefinitions ?? []).some((v) => namedTypeOf(v.type) === node),
  );
}

function namedTypeOf(type: TypeNode): NamedTypeNode {
  return type.kind === Kind.NAMED_TYPE ? type : namedTypeOf(type.type);
}

/**
 * A variable of a type the schema lacks: graphql-js says only that the type
 * is unknown. gqlparser also reports each use of the variable where another
 * type is expected, after Dgraph's own check of the same (variableTypeCheck
 * in Dgraph's graphql/schema/validation_rules.go), and then the unknown type,
 * at the operation.
 */
export function UnknownVariableTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition: {
      leave(operation) {
        const unknown = (operation.variableDefinitions ?? []).filter((v) => !context.getSchema().getType(namedTypeOf(v.type).name.value));
        if (unknown.length === 0) return;
        const names = new Map(unknown.map((v) => [v.variable.name.value, print(v.type)]));
        for (const { node, type } of context.getRecursiveVariableUsages(operation)) {
          const declared = names.get(node.name.value);
          if (declared === undefined || !type) continue;
          context.reportError(new GraphQLError(`Variable type provided ${declared} is incompatible with expected type ${String(type)}`, { nodes: node }));
          context.reportError(new GraphQLError(`Variable "$${node.name.value}" of type "${declared}" used in position expecting type "${String(type)}".`, { nodes: node }));
        }
        for (const v of unknown) context.reportError(new GraphQLError(`Unknown type "${namedTypeOf(v.type).name.value}".`, { nodes: operation }));
      },
    },
  };
}

function isValueNode(node: ASTNode): node is ValueNode {
  return (
    node.kind === Kind.VARIABLE || node.kind === Kind.INT || node.kind === Kind.FLOAT || node.kind === Kind.STRING ||
    node.kind === Kind.BOOLEAN || node.kind === Kind.NULL || node.kind === Kind.ENUM || node.kind === Kind.LIST ||
    node.kind === Kind.OBJECT
  );
}


const WORDINGS: ReadonlyMap<ValidationRule, Wording> = new Map<ValidationRule, Wording>([
  [FieldsOnCorrectTypeRule, fieldsOnCorrectType],
  [KnownArgumentNamesRule, knownArgumentNames],
  [KnownDirectivesRule, replacing([/^Unknown directive "@/, 'Unknown directive "'], [/^Directive "@/, 'Directive "'])],
  [KnownTypeNamesRule, knownTypeNames],
  // gqlparser points at the variable only, not also at the operation.
  [NoUndefinedVariablesRule, (error) => [{ message: error.message, nodes: error.nodes?.slice(0, 1) ?? [] }]],
  [NoFragmentCyclesRule, (error) => [error.message.replace(/ via (.*)\.$/, (_, via: string) => ` via ${via.replaceAll('"', '')}.`)]],
  [ProvidedRequiredArgumentsRule, replacing([/ is required, but it was not provided\.$/, ' is required but not provided.'])],
  [UniqueDirectivesPerLocationRule, replacing([/^The directive "@/, 'The directive "'])],
  [UniqueArgumentNamesRule, perRepeat],
  [UniqueVariableNamesRule, perRepeat],
  [
    OverlappingFieldsCanBeMergedRule,
    replacing([/"([^"]+)" and "([^"]+)" are different fields/g, '$1 and $2 are different fields'], [/conflicting types "([^"]+)" and "([^"]+)"/g, 'conflicting types $1 and $2']),
  ],
  [ValuesOfCorrectTypeRule, valuesOfCorrectType],
  [VariablesInAllowedPositionRule, variablesInAllowedPosition],
]);

/**
 * Dgraph's own rules (one filter function per filter, @cascade fields of the
 * type), which run first, then the spec's, minus ExecutableDefinitions
 * (gqlparser's query parser rejects type definitions itself, and so do we, as
 * a syntax error).
 */
export const RULE_VALIDATION: readonly ValidationRule[] = [
  ...dgraphValidationRules,
  UnknownVariableTypesRule,
  ...specifiedRules
    .filter((rule) => rule !== ExecutableDefinitionsRule)
    .map((rule) => {
      const wording = WORDINGS.get(rule);
      return wording ? reworded(rule, wording) : rule;
    }),
];

/**
 * A request's validation, as Dgraph answers it: the same rules; a request
 * with type definitions fails validation (graphql-js's ExecutableDefinitions)
 * where gqlparser's query parser refuses it.
 */
export const REQUEST_VALIDATION: readonly ValidationRule[] = [...RULE_VALIDATION, ExecutableDefinitionsRule];
