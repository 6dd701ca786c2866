/**
 * Mutation root fields → plans: the inputs as graphql-js coerced them, the
 * filter of update and delete, and what the payload asks for (the mutated
 * nodes as a NodeQuery, `numUids`, `msg`, `__typename`).
 */
import type { FieldNode } from 'graphql';
import type { TypeDef } from '../model/types.js';
import type { InputObject, PayloadSelection, RootPlan } from './types.js';
import { names } from '../model/names.js';
import { collectFor } from './collect.js';
import { apiField, argumentsOf, asList, isPlainObject } from './context.js';
import type { PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { objectFilter } from './filter.js';
import { planNodeQuery } from './selection.js';

interface MutationField {
  readonly fieldName: string;
  readonly key: string;
  readonly parentType: string;
  readonly nodes: readonly FieldNode[];
  readonly type: TypeDef;
}

export function planAdd(ctx: PlanContext, m: MutationField): RootPlan {
  const args = argumentsOf(ctx, apiField(ctx, m.parentType, m.fieldName, m.nodes[0]), m.nodes[0]);
  const input = asList(args.input).map((item) => {
    if (!isPlainObject(item)) throw new PlanError(`${m.fieldName} input must be a list of objects`, m.nodes[0]);
    return item as InputObject;
  });
  return {
    kind: 'add',
    field: m.fieldName,
    key: m.key,
    model: ctx.model,
    type: m.type,
    input,
    upsert: args.upsert === true,
    payload: planPayload(ctx, m, names.addPayload(m.type.name)),
  };
}

export function planUpdate(ctx: PlanContext, m: MutationField): RootPlan {
  const args = argumentsOf(ctx, apiField(ctx, m.parentType, m.fieldName, m.nodes[0]), m.nodes[0]);
  const input = isPlainObject(args.input) ? args.input : {};
  const patch = (value: unknown) => (isPlainObject(value) ? (value as InputObject) : null);
  return {
    kind: 'update',
    field: m.fieldName,
    key: m.key,
    model: ctx.model,
    type: m.type,
    filter: objectFilter(m.type, input.filter),
    set: patch(input.set),
    remove: patch(input.remove),
    payload: planPayload(ctx, m, names.updatePayload(m.type.name)),
  };
}

export function planDelete(ctx: PlanContext, m: MutationField): RootPlan {
  const args = argumentsOf(ctx, apiField(ctx, m.parentType, m.fieldName, m.nodes[0]), m.nodes[0]);
  return {
    kind: 'delete',
    field: m.fieldName,
    key: m.key,
    model: ctx.model,
    type: m.type,
    filter: objectFilter(m.type, args.filter),
    payload: planPayload(ctx, m, names.deletePayload(m.type.name)),
  };
}

function planPayload(ctx: PlanContext, m: MutationField, payloadType: string): PayloadSelection[] {
  const nodesField = names.payloadField(m.type.name);
  return [...collectFor(ctx, payloadType, m.nodes.map((n) => n.selectionSet))].map(([key, nodes]): PayloadSelection => {
    const name = nodes[0].name.value;
    if (name === nodesField) return { kind: 'nodes', key, query: planNodeQuery(ctx, { parentType: payloadType, nodes, typeName: m.type.name }, null) };
    if (name === 'numUids') return { kind: 'numUids', key };
    if (name === 'msg' && payloadType === names.deletePayload(m.type.name)) return { kind: 'msg', key };
    if (name === '__typename') return { kind: 'typename', key, typename: payloadType };
    throw new PlanError(`Cannot query field "${name}" on type "${payloadType}".`, nodes[0]);
  });
}
