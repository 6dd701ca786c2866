/**
 * The caller's selection under a `@custom(http: {graphql: ...})` field,
 * printed for the remote operation (Dgraph's buildGraphqlRequestFields):
 * field names without aliases (the answer is read by name), arguments with
 * the request's variables written in, fragments inlined.
 */
import { Kind, print } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode, ValueNode } from 'graphql';

export function selectionText(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>): string {
  const sets = info.fieldNodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);
  if (sets.length === 0) return '';
  return `{ ${sets.map((s) => printSet(s, info.fragments, info.variableValues)).join(' ')} }`;
}

function printSet(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): string {
  return set.selections
    .map((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return printField(selection, fragments, variables);
        case Kind.INLINE_FRAGMENT: {
          const on = selection.typeCondition ? ` on ${selection.typeCondition.name.value}` : '';
          return `...${on} { ${printSet(selection.selectionSet, fragments, variables)} }`;
        }
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments[selection.name.value];
          return fragment ? `... on ${fragment.typeCondition.name.value} { ${printSet(fragment.selectionSet, fragments, variables)} }` : '';
        }
      }
    })
    .join(' ');
}

function printField(field: FieldNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): string {
  const args = field.arguments?.length
    ? `(${field.arguments.map((a) => `${a.name.value}: ${printValue(a.value, variables)}`).join(', ')})`
    : '';
  const sub = field.selectionSet ? ` { ${printSet(field.selectionSet, fragments, variables)} }` : '';
  return `${field.name.value}${args}${sub}`;
}

function printValue(value: ValueNode, variables: Record<string, unknown>): string {
  switch (value.kind) {
    case Kind.VARIABLE:
      return literal(variables[value.name.value]);
    case Kind.LIST:
      return `[${value.values.map((v) => printValue(v, variables)).join(', ')}]`;
    case Kind.OBJECT:
      return `{${value.fields.map((f) => `${f.name.value}: ${printValue(f.value, variables)}`).join(', ')}}`;
    default:
      return print(value);
  }
}

/** A JSON value as a GraphQL literal (strings quoted; an enum's value arrives as its name, a string). */
function literal(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')}}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
