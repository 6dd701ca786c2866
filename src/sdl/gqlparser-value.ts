/**
 * gqlparser's `Value.String()`: how Dgraph prints a GraphQL value in its
 * messages and in the generated schema's `@custom` directives: `"text"`
 * (Go-quoted), `[1,2]`, `{a:1}`, `$v`, without the spaces graphql-js's
 * printer puts in.
 */
import { Kind } from 'graphql';
import type { ConstValueNode, ValueNode } from 'graphql';
import { goQuote } from './go-format.js';

export function gqlparserValue(node: ValueNode | ConstValueNode): string {
  switch (node.kind) {
    case Kind.VARIABLE:
      return `$${node.name.value}`;
    case Kind.STRING:
      return goQuote(node.value);
    case Kind.NULL:
      return 'null';
    case Kind.BOOLEAN:
      return String(node.value);
    case Kind.LIST:
      return `[${node.values.map(gqlparserValue).join(',')}]`;
    case Kind.OBJECT:
      return `{${node.fields.map((f) => `${f.name.value}:${gqlparserValue(f.value)}`).join(',')}}`;
    default:
      return node.value;
  }
}
