/**
 * A validation rule bounding how deeply an operation nests fields, fragments
 * expanded: generated APIs are recursive (a post's author's posts' author…),
 * so without a bound one small query can ask for an exponential answer.
 * Fragment cycles are reported by graphql-js's own rule; here they only stop
 * the walk.
 */
import { GraphQLError, Kind } from 'graphql';
import type { FragmentDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragmentDepths = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet, visiting) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet, visiting);
        } else {
          depth = fragmentDepth(context.getFragment(selection.name.value), visiting);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    const fragmentDepth = (fragment: FragmentDefinitionNode | null | undefined, visiting: Set<string>): number => {
      if (!fragment) return 0;
      const name = fragment.name.value;
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      if (visiting.has(name)) return 0;
      visiting.add(name);
      const depth = depthOf(fragment.selectionSet, visiting);
      visiting.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          const name = operation.name ? `Operation "${operation.name.value}"` : 'The operation';
          context.reportError(
            new GraphQLError(`${name} nests fields ${depth} levels deep; the maximum is ${maxDepth}.`, {
              nodes: operation,
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
        }
        return false;
      },
    };
  };
}
