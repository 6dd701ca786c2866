/**
 * Dgraph refuses a subscription that selects a `@custom`/`@lambda` field at
 * any depth: pushes are recomputed on every write, and a remote call per
 * push is not something Dgraph (or authline) will make on a client's behalf.
 */
import { GraphQLError, TypeInfo, getNamedType, getOperationAST, visit, visitWithTypeInfo, BREAK } from 'graphql';
import type { ASTNode, DocumentNode, FragmentDefinitionNode, GraphQLSchema } from 'graphql';
import type { SchemaModel } from '../../model/types.js';

/** Dgraph's error for the first custom field the subscription selects, or undefined. */
export function customFieldInSubscription(
  schema: GraphQLSchema, model: SchemaModel, document: DocumentNode, operationName: string | null | undefined,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription') return undefined;
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | undefined;
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent && model.types.get(getNamedType(parent).name)?.fieldMap.get(node.name.value)?.custom) {
        found = new GraphQLError(`Custom field \`${node.name.value}\` is not supported in graphql subscription`, { nodes: [node] });
        return BREAK;
      }
      return undefined;
    },
  });
  visit(operation, visitor);
  // The operation's fragments are visited on their own type condition, each once.
  for (const fragment of fragmentsOf(document, operation)) {
    if (found) break;
    visit(fragment, visitor);
  }
  return found;
}

/** The fragments `root` spreads, directly or through other fragments. */
function fragmentsOf(document: DocumentNode, root: ASTNode): FragmentDefinitionNode[] {
  const byName = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: ASTNode[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(node, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !reached.has(fragment.name.value)) {
          reached.set(fragment.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...reached.values()];
}
