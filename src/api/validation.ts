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
import type { ASTVisitor, ValidationContext, ValidationRule } from 'graphql';
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

export function CascadeFieldsRule(context: ValidationContext): ASTVisitor {
  return {
    Directive(node) {
      if (node.name.value !== 'cascade') return;
      const fields = node.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.LIST) return;
      const type = context.getType();
      const named = type ? getNamedType(type) : undefined;
      if (!named) return;
      const known = isObjectType(named) || isInterfaceType(named) ? named.getFields() : {};
      for (const item of fields.values) {
        if (item.kind !== Kind.STRING || item.value in known) continue;
        context.reportError(
          new GraphQLError(
            `Field \`${item.value}\` is not present in type \`${named.name}\`. You can only use fields in cascade which are in type \`${named.name}\``,
            { nodes: node },
          ),
        );
        return;
      }
    },
  };
}

export const dgraphValidationRules: readonly ValidationRule[] = [FilterFunctionsRule, CascadeFieldsRule];
