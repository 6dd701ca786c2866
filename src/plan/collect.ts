/**
 * Which fields a selection set asks of each concrete type, as graphql-js
 * collects them (same-key fields merged, fragments expanded, `@skip` and
 * `@include` applied), then grouped across the concrete types: a field asked
 * the same way of several types becomes one selection restricted to those
 * types, so a plan states once what an interface field or a union fragment
 * needs.
 */
import { GraphQLIncludeDirective, GraphQLSkipDirective, Kind, getDirectiveValues, isAbstractType, isObjectType } from 'graphql';
import type { FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode } from 'graphql';
import type { TypeDef } from '../model/types.js';
import type { PlanContext } from './context.js';

export interface FieldGroup {
  /** Response key (alias or name). */
  readonly key: string;
  readonly name: string;
  /** The merged field nodes (graphql-js takes arguments from the first). */
  readonly nodes: readonly FieldNode[];
  /** Concrete types the group applies to. */
  readonly types: readonly string[];
}

export function collectGroups(ctx: PlanContext, concrete: readonly TypeDef[], fieldNodes: readonly FieldNode[]): FieldGroup[] {
  const selectionSets = fieldNodes.map((node) => node.selectionSet);
  const perType = concrete.map((type) => ({ type: type.name, fields: collectFor(ctx, type.name, selectionSets) }));
  const keys: string[] = [];
  for (const { fields } of perType) for (const key of fields.keys()) if (!keys.includes(key)) keys.push(key);

  const groups: FieldGroup[] = [];
  for (const key of keys) {
    const bySignature = new Map<string, { nodes: FieldNode[]; types: string[] }>();
    for (const { type, fields } of perType) {
      const nodes = fields.get(key);
      if (!nodes) continue;
      const signature = signatureOf(ctx, type, nodes);
      const group = bySignature.get(signature) ?? { nodes, types: [] };
      group.types.push(type);
      bySignature.set(signature, group);
    }
    for (const { nodes, types } of bySignature.values()) groups.push({ key, name: nodes[0].name.value, nodes, types });
  }
  return groups;
}

/** The fields the selection sets ask of an object of type `typeName`, by response key, in order. */
export function collectFor(ctx: PlanContext, typeName: string, selectionSets: readonly (SelectionSetNode | undefined)[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(ctx, selection)) continue;
      switch (selection.kind) {
        case Kind.FIELD: {
          const key = selection.alias?.value ?? selection.name.value;
          fields.set(key, [...(fields.get(key) ?? []), selection]);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          if (applies(ctx, typeName, selection.typeCondition?.name.value)) visit(selection.selectionSet);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = ctx.fragments[name];
          if (visited.has(name) || !fragment) continue;
          visited.add(name);
          if (applies(ctx, typeName, fragment.typeCondition.name.value)) visit(fragment.selectionSet);
          break;
        }
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

function included(ctx: PlanContext, node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
  const variables = ctx.variables as Record<string, unknown>;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** Does a fragment on `condition` apply to nodes of object type `typeName`? */
function applies(ctx: PlanContext, typeName: string, condition: string | undefined): boolean {
  if (condition === undefined || condition === typeName) return true;
  const conditionType = ctx.schema.getType(condition);
  const objectType = ctx.schema.getType(typeName);
  return isAbstractType(conditionType) && isObjectType(objectType) && ctx.schema.isSubType(conditionType, objectType);
}

/**
 * When two types' fields may share one selection: a leaf (scalar, ID,
 * `__typename`) when it reads the same storage; a field with a selection set
 * when it is asked by the very same nodes (then its sub-plan is the same).
 */
function signatureOf(ctx: PlanContext, typeName: string, nodes: readonly FieldNode[]): string {
  if (nodes.some((node) => node.selectionSet)) return nodes.map(nodeId).join(',');
  const field = ctx.model.types.get(typeName)?.fieldMap.get(nodes[0].name.value);
  return `leaf:${nodes[0].name.value}:${field?.predicate ?? ''}`;
}

const ids = new WeakMap<FieldNode, number>();
let nextId = 0;
function nodeId(node: FieldNode): number {
  let id = ids.get(node);
  if (id === undefined) {
    id = nextId++;
    ids.set(node, id);
  }
  return id;
}
