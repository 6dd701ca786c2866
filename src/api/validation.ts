/**
 * Dgraph validates requests with two rules beyond the GraphQL specification;
 * these are them as graphql-js validation rules, to add to `specifiedRules`:
 *
 * - a built-in filter input (filter-inputs.ts) takes one function at a time:
 *   `{ eq: 1, le: 5 }` is rejected ("IntFilter filter expects only one filter
 *   function, got: 2") rather than silently using one of them;
 * - `@cascade(fields: [...])` may only name fields of the type it is on.
 */
import { GraphQLError, Kind, getNamedType, isObjectType, isInterfaceType } from 'graphql';
import type { ASTVisitor, DirectiveNode, ValidationContext, ValidationRule } from 'graphql';
import { BUILT_IN_FILTER_INPUTS } from './filter-inputs.js';

export function FilterFunctionsRule(context: ValidationContext): ASTVisitor {
  return {
    ObjectValue(node) {
      const type = context.getInputType();
      const name = type ? getNamedType(type).name : undefined;
      if (name && BUILT_IN_FILTER_INPUTS.has(name) && node.fields.length > 1) {
        context.reportError(new GraphQLError(`${name} filter expects only one filter function, got: ${node.fields.length}`, { nodes: node }));
      }
    },
  };
}

/** Dgraph's words for a `@cascade(fields:)` naming a field its type lacks. */
export function cascadeFieldMessage(field: string, typeName: string): string {
  return `Field \`${field}\` is not present in type \`${typeName}\`. You can only use fields in cascade which are in type \`${typeName}\``;
}

/**
 * `@cascade(fields: [...])` in the text; with `variables`, also
 * `@cascade(fields: $var)`, whose error Dgraph prefixes with where the field
 * came from, as gqlparser prints a path ("input: variables.fields.x ...").
 * gqlparser places a directive at its name, after the @.
 */
function cascadeFields(variables?: Readonly<Record<string, unknown>>): ValidationRule {
  return (context) => ({
    Directive(node) {
      if (node.name.value !== 'cascade') return;
      const fields = node.arguments?.find((a) => a.name.value === 'fields')?.value;
      const variable = fields?.kind === Kind.VARIABLE ? fields.name.value : undefined;
      const given = fields?.kind === Kind.LIST ? fields.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []))
        : variable !== undefined && variables ? [variables[variable]].flat() : [];
      const type = context.getType();
      const named = type ? getNamedType(type) : undefined;
      if (!named) return;
      const known = isObjectType(named) || isInterfaceType(named) ? named.getFields() : {};
      const missing = given.find((item): item is string => typeof item === 'string' && !(item in known));
      if (missing === undefined) return;
      const message = cascadeFieldMessage(missing, named.name);
      context.reportError(new GraphQLError(variable === undefined ? message : `input: variables.${variable}.${missing} ${message}`, { nodes: node.name }));
    },
  });
}

export const CascadeFieldsRule: ValidationRule = cascadeFields();

/** The `@cascade(fields: $var)` of a document, checked against the request's variables. */
export function cascadeVariablesRule(variables: Readonly<Record<string, unknown>>): ValidationRule {
  const rule = cascadeFields(variables);
  // Fields written in the text were checked with the document.
  return (context) => {
    const visitor = rule(context) as { Directive: (node: DirectiveNode) => void };
    return { Directive: (node) => (node.arguments?.some((a) => a.value.kind === Kind.VARIABLE) ? visitor.Directive(node) : undefined) };
  };
}

export const dgraphValidationRules: readonly ValidationRule[] = [FilterFunctionsRule, CascadeFieldsRule];
