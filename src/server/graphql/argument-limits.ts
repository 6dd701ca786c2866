/**
 * Limits on what an operation's arguments ask for, checked once its
 * variables are coerced and before anything runs, so that no root field of
 * a refused request reaches the database:
 *   - `first` and `offset` within the query edge limit (a page larger than
 *     the request may return is refused, not silently cut), `offset` not
 *     negative; a negative `first` takes the last nodes, as in Dgraph;
 *   - a `regexp` filter no longer than its limit, measured without compiling
 *     it (compiling a huge pattern is what blocks) and never echoed back.
 * Variables are checked for nesting before graphql-js coerces them, which
 * it does recursively (document-limits.ts bounds the query text's own).
 */
import { getArgumentValues, getNamedType, isCompositeType, Kind, TypeNameMetaFieldDef } from 'graphql';
import type {
  FragmentDefinitionNode, GraphQLCompositeType, GraphQLError, GraphQLSchema, OperationDefinitionNode, SelectionSetNode,
} from 'graphql';
import { limitError } from './document-limits.js';

export interface ArgumentLimits {
  readonly queryEdgeLimit: number;
  readonly maxFilterDepth: number;
  readonly maxRegexpLength: number;
}

/** The first variable nesting input objects deeper than `maxFilterDepth` (before coercion); null when none does. */
export function checkVariableDepth(variables: Readonly<Record<string, unknown>> | null | undefined, maxFilterDepth: number): GraphQLError | null {
  for (const [name, value] of Object.entries(variables ?? {})) {
    // Level by level, without recursion, so that depth itself costs no stack; lists add no level.
    let level: unknown[] = [value];
    for (let depth = 1; ; depth++) {
      const objects = objectsOf(level);
      if (objects.length === 0) break;
      if (depth > maxFilterDepth) {
        return limitError(`Variable "$${name}" nests input objects more than ${maxFilterDepth} levels deep, the limit (--max-filter-depth).`, 'FILTER_TOO_DEEP');
      }
      level = objects.flatMap((o) => Object.values(o));
    }
  }
  return null;
}

/** The objects among `values` and inside their lists, however deeply nested the lists. */
function objectsOf(values: readonly unknown[]): object[] {
  const objects: object[] = [];
  const pending = [...values];
  while (pending.length > 0) {
    const v = pending.pop();
    if (Array.isArray(v)) for (const item of v) pending.push(item);
    else if (v !== null && typeof v === 'object') objects.push(v);
  }
  return objects;
}

/** The first argument of `operation` over a limit, with `variables` coerced; null when all are within. */
export function checkArguments(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: ArgumentLimits,
): GraphQLError | null {
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): GraphQLError | null => {
    for (const selection of selectionSet.selections) {
      let refusal: GraphQLError | null = null;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const field = name === TypeNameMetaFieldDef.name || !('getFields' in parent) ? undefined : parent.getFields()[name];
        if (!field) continue;
        const args = getArgumentValues(field, selection, variables);
        refusal = Object.entries(args).map(([arg, value]) => checkArgument(`${parent.name}.${name}`, arg, value, limits)).find((e) => e) ?? null;
        const type = getNamedType(field.type);
        if (!refusal && selection.selectionSet && isCompositeType(type)) refusal = walk(selection.selectionSet, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) refusal = walk(selection.selectionSet, type);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) continue;
        visited.add(fragment.name.value);
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) refusal = walk(fragment.selectionSet, type);
      }
      if (refusal) return refusal;
    }
    return null;
  };
  return walk(operation.selectionSet, root);
}

function checkArgument(field: string, name: string, value: unknown, limits: ArgumentLimits): GraphQLError | null {
  const max = limits.queryEdgeLimit;
  if (name === 'first' && typeof value === 'number' && Math.abs(value) > max) {
    return pageError(`"first" of ${field} is ${value}; it may be at most ${max} either way, the query edge limit (--query-edge-limit).`);
  }
  if (name === 'offset' && typeof value === 'number' && (value < 0 || value > max)) {
    return pageError(`"offset" of ${field} is ${value}; it must be from 0 to ${max}, the query edge limit (--query-edge-limit).`);
  }
  const length = longestRegexp(value);
  if (length > limits.maxRegexpLength) {
    return limitError(
      `A regexp in "${name}" of ${field} is ${length} characters long, more than the limit of ${limits.maxRegexpLength} (--max-regexp-length).`,
      'REGEXP_TOO_LONG',
    );
  }
  return null;
}

function pageError(message: string): GraphQLError {
  return limitError(message, 'PAGE_OUT_OF_RANGE');
}

/** The length of the longest string under a `regexp` key in an input value (0 when none); its depth is bounded already. */
function longestRegexp(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let longest = 0;
  if (Array.isArray(value)) {
    for (const item of value) longest = Math.max(longest, longestRegexp(item));
    return longest;
  }
  for (const [key, v] of Object.entries(value)) {
    longest = Math.max(longest, key === 'regexp' && typeof v === 'string' ? v.length : longestRegexp(v));
  }
  return longest;
}
