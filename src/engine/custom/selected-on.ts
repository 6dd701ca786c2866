/**
 * The type a field was selected on: the interface in `queryCharacter { bio }`,
 * `Human` in `... on Human { bio }`. graphql-js hands a resolver the node's
 * concrete type; Dgraph resolves a `@custom`/`@lambda` field of an interface
 * with the interface's directive (resolver `Character.bio`) unless a fragment
 * on the concrete type selected it. Worked out once per operation.
 */
import { TypeInfo, getNamedType, visit, visitWithTypeInfo } from 'graphql';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';

const byOperation = new WeakMap<object, Map<FieldNode, string>>();

export function selectedOnType(info: GraphQLResolveInfo): string {
  let map = byOperation.get(info.operation);
  if (!map) {
    map = new Map();
    const found = map;
    const typeInfo = new TypeInfo(info.schema);
    const visitor = visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) found.set(node, getNamedType(parent).name);
      },
    });
    visit(info.operation, visitor);
    for (const fragment of Object.values(info.fragments)) visit(fragment, visitor);
    byOperation.set(info.operation, map);
  }
  return map.get(info.fieldNodes[0]) ?? info.parentType.name;
}
