/**
 * A field that returns nodes → NodeQuery: its filter, order and page, its
 * `@cascade`, and what is selected from each node, recursively. Also the
 * `<field>Aggregate` and `aggregateT` selections → AggregateQuery.
 */
import type { FieldNode } from 'graphql';
import type { FieldDef, TypeDef } from '../model/types.js';
import { parentFieldKey } from './types.js';
import type { AggregateField, AggregateQuery, NodeQuery, Selection } from './types.js';
import { AGGREGATE_SUFFIXES, names } from '../model/names.js';
import { cascadeOf, cascadeRule } from './cascade.js';
import type { CascadeRule } from './cascade.js';
import { collectFor, collectGroups } from './collect.js';
import type { FieldGroup } from './collect.js';
import { apiField, argumentsOf, concreteTypes, typeDef } from './context.js';
import type { PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { buildFilter } from './filter.js';
import { buildOrder, pageArgument } from './order.js';
import { VECTOR_DISTANCE_FIELD, hasSimilarQueries, vectorDistance } from '../model/vectors.js';

export interface NodeField {
  /** The type declaring the field in the API (for its arguments). */
  readonly parentType: string;
  /** The field nodes merged under one response key. */
  readonly nodes: readonly FieldNode[];
  /** The node type the field returns. */
  readonly typeName: string;
}

/** The NodeQuery of a field returning `typeName` nodes; `inherited` is the parent level's cascade. */
export function planNodeQuery(ctx: PlanContext, field: NodeField, inherited: CascadeRule): NodeQuery {
  const [node] = field.nodes;
  const args = argumentsOf(ctx, apiField(ctx, field.parentType, node.name.value, node), node);
  const type = ctx.model.types.get(field.typeName);
  const concrete = concreteTypes(ctx, field.typeName);
  const rule = cascadeRule(ctx, node, type, field.typeName, inherited);
  const selection = planSelections(ctx, field.typeName, concrete, field.nodes, rule);
  const first = pageArgument('first', args.first);
  const offset = pageArgument('offset', args.offset);
  return {
    type: field.typeName,
    concreteTypes: concrete,
    filter: buildFilter(ctx, field.typeName, args.filter),
    order: buildOrder(type, args.order),
    ...(first !== undefined ? { first } : {}),
    ...(offset !== undefined ? { offset } : {}),
    cascade: cascadeOf(rule, selection),
    selection,
  };
}

function planSelections(ctx: PlanContext, typeName: string, concrete: readonly TypeDef[], nodes: readonly FieldNode[], rule: CascadeRule): Selection[] {
  const all = concrete.map((t) => t.name);
  const out: Selection[] = [];
  for (const group of collectGroups(ctx, concrete, nodes)) {
    // `__typename` is every node's own type name: read for all types, so that whatever fragment asked
    // for it, each node still says its concrete type (graphql-js resolves abstract types by it).
    const onTypes = group.types.length === all.length || group.name === '__typename' ? {} : { onTypes: group.types };
    const distance = vectorDistanceOf(ctx, typeName, group);
    if (distance) {
      out.push({ kind: 'scalar', key: group.key, field: distance, ...onTypes });
      continue;
    }
    const field = group.name === '__typename' ? undefined : ownerOf(ctx, typeName, group).fieldMap.get(group.name);
    // An Apollo `@external` field belongs to another service: nothing is stored, so it reads as never set.
    if (field?.unsupported === 'external') continue;
    if (field?.custom) {
      // Two custom fields may need the same parent field.
      const fresh = (s: Selection) => !out.some((o) => o.key === s.key && o.onTypes?.[0] === s.onTypes?.[0]);
      out.push(...parentFieldSelections(ctx, typeName, group).filter(fresh));
      continue;
    }
    out.push({ ...planSelection(ctx, typeName, group, rule), ...onTypes });
  }
  return out;
}

/**
 * A `@custom`/`@lambda` field is fetched by the engine; each node only has to
 * carry the fields the call sends: those the directive of the selected type
 * names, and, for an interface's field, those of each concrete type's own
 * directive (a fragment on it may select the field there), per type.
 */
function parentFieldSelections(ctx: PlanContext, typeName: string, group: FieldGroup): Selection[] {
  const owner = ownerOf(ctx, typeName, group);
  const out: Selection[] = [];
  for (const type of group.types.map((t) => typeDef(ctx, t))) {
    const names = new Set([...(owner.fieldMap.get(group.name)?.custom?.parentFields ?? []), ...(type.fieldMap.get(group.name)?.custom?.parentFields ?? [])]);
    for (const name of names) {
      const field = type.fieldMap.get(name);
      if (!field) throw new PlanError(`${name} is not a field of ${type.name}`);
      const key = parentFieldKey(name);
      out.push(field.kind === 'id' ? { kind: 'uid', key, onTypes: [type.name], forCustom: true } : { kind: 'scalar', key, field, onTypes: [type.name], forCustom: true });
    }
  }
  return out;
}

function planSelection(ctx: PlanContext, typeName: string, group: FieldGroup, rule: CascadeRule): Selection {
  const { key, name } = group;
  if (name === '__typename') return { kind: 'typename', key };
  const owner = ownerOf(ctx, typeName, group);
  const field = owner.fieldMap.get(name);
  if (field && !field.unsupported) {
    if (field.kind === 'id') return { kind: 'uid', key };
    if (field.kind === 'scalar' || field.kind === 'enum') return { kind: 'scalar', key, field };
    const query = planNodeQuery(ctx, { parentType: owner.name, nodes: group.nodes, typeName: field.type.name }, rule);
    return { kind: 'edge', key, field, list: field.type.list, query };
  }
  const edge = owner.fieldMap.get(aggregatedField(name) ?? '');
  if (!field && edge && edge.type.list && ctx.model.types.has(edge.type.name) && !edge.unsupported) {
    return { kind: 'edgeAggregate', key, field: edge, aggregate: planAggregate(ctx, owner.name, group.nodes, edge.type.name) };
  }
  throw new PlanError(`Cannot query field "${name}" on type "${typeName}".`, group.nodes[0]);
}

/** `vector_distance` of a type with similarity queries (or of the fragment's type), which no type declares. */
function vectorDistanceOf(ctx: PlanContext, typeName: string, group: FieldGroup): FieldDef | undefined {
  if (group.name !== VECTOR_DISTANCE_FIELD) return undefined;
  const type = ctx.model.types.get(typeName) ?? typeDef(ctx, group.types[0] ?? typeName);
  return !type.fieldMap.has(VECTOR_DISTANCE_FIELD) && hasSimilarQueries(type) ? vectorDistance(type) : undefined;
}

/** `postsAggregate` → `posts`. */
function aggregatedField(name: string): string | undefined {
  return name.endsWith('Aggregate') ? name.slice(0, -'Aggregate'.length) : undefined;
}

/**
 * The type whose definition of the selected field the plan uses: the queried
 * type when it has the field; else the fragment's type, or, when one
 * fragment field spans several types that inherit it from one interface,
 * that interface.
 */
function ownerOf(ctx: PlanContext, typeName: string, group: FieldGroup): TypeDef {
  const base = aggregatedField(group.name);
  const has = (type: TypeDef | undefined): type is TypeDef =>
    type !== undefined && (type.fieldMap.has(group.name) || (base !== undefined && type.fieldMap.has(base)));
  const queried = ctx.model.types.get(typeName);
  if (has(queried)) return queried;
  const members = group.types.map((t) => typeDef(ctx, t));
  const [first] = members;
  if (!has(first)) throw new PlanError(`Cannot query field "${group.name}" on type "${typeName}".`, group.nodes[0]);
  const declaredIn = (first.fieldMap.get(group.name) ?? first.fieldMap.get(base ?? ''))?.declaredIn;
  const iface = declaredIn ? ctx.model.types.get(declaredIn) : undefined;
  if (members.length > 1 && iface?.kind === 'interface' && has(iface) && members.every((m) => iface.implementations.includes(m.name))) return iface;
  return first;
}

/**
 * `aggregateT(filter)` or `<field>Aggregate(filter)` → AggregateQuery: count,
 * and min/max/sum/avg of the fields named by the selected result fields.
 */
export function planAggregate(ctx: PlanContext, parentType: string, nodes: readonly FieldNode[], typeName: string): AggregateQuery {
  const [node] = nodes;
  const args = argumentsOf(ctx, apiField(ctx, parentType, node.name.value, node), node);
  const resultType = names.aggregateResult(typeName);
  const type = ctx.model.types.get(typeName);
  const fields: AggregateField[] = [];
  for (const [key, [fieldNode]] of collectFor(ctx, resultType, nodes.map((n) => n.selectionSet))) {
    const name = fieldNode.name.value;
    if (name === 'count') {
      fields.push({ key, fn: 'count' });
    } else if (name === '__typename') {
      fields.push({ key, fn: 'typename', typename: resultType });
    } else {
      const suffix = AGGREGATE_SUFFIXES.find((s) => name.endsWith(s));
      const field = suffix ? type?.fieldMap.get(name.slice(0, -suffix.length)) : undefined;
      if (!suffix || !field || field.unsupported) throw new PlanError(`Cannot query field "${name}" on type "${resultType}".`, fieldNode);
      fields.push({ key, fn: suffix.toLowerCase() as 'min' | 'max' | 'sum' | 'avg', field });
    }
  }
  return { type: typeName, concreteTypes: concreteTypes(ctx, typeName), filter: buildFilter(ctx, typeName, args.filter), fields };
}
