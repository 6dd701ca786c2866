/**
 * One root field of a client request → RootPlan. The engine calls this from
 * the field's resolver with graphql-js's resolve info, so arguments and
 * variables arrive validated and coerced.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { SchemaModel } from '../model/types.js';
import type { RootPlan } from './types.js';
import { apiField, argumentsOf } from './context.js';
import type { PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { keyFilter } from './keys.js';
import { planAdd, planDelete, planUpdate } from './mutation.js';
import { rootFields } from './root-fields.js';
import { planAggregate, planNodeQuery } from './selection.js';
import { similarSearch } from './similar.js';

/** The part of graphql-js's GraphQLResolveInfo the plan builder reads. */
export type RootFieldInfo = Pick<GraphQLResolveInfo, 'fieldName' | 'fieldNodes' | 'fragments' | 'variableValues' | 'parentType' | 'schema'>;

export function planRootField(model: SchemaModel, info: RootFieldInfo): RootPlan {
  const ctx: PlanContext = { model, schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const [node] = info.fieldNodes;
  const field = info.fieldName;
  const key = node.alias?.value ?? node.name.value;
  const root = rootFields(model).get(field);
  if (!root) throw new PlanError(`${field} is not a field generated from the schema`, node);
  const { type } = root;
  const parentType = info.parentType.name;
  const nodes = info.fieldNodes;
  const nodeField = { parentType, nodes, typeName: type.name };

  switch (root.kind) {
    case 'query':
      return { kind: 'query', field, key, query: planNodeQuery(ctx, nodeField, null) };
    case 'get': {
      const args = argumentsOf(ctx, apiField(ctx, parentType, field, node), node);
      return { kind: 'get', field, key, query: { ...planNodeQuery(ctx, nodeField, null), filter: keyFilter(type, node, args) } };
    }
    case 'checkPassword': {
      const args = argumentsOf(ctx, apiField(ctx, parentType, field, node), node);
      const passwordField = type.secretField ?? '';
      const password = args[passwordField];
      if (typeof password !== 'string') throw new PlanError(`${field} needs the ${passwordField} argument`, node);
      const query = { ...planNodeQuery(ctx, nodeField, null), filter: keyFilter(type, node, args) };
      return { kind: 'checkPassword', field, key, query, passwordField, password };
    }
    case 'similarById':
    case 'similarByEmbedding': {
      const args = argumentsOf(ctx, apiField(ctx, parentType, field, node), node);
      const similar = similarSearch(type, node, args, root.kind === 'similarById');
      return { kind: 'query', field, key, query: planNodeQuery(ctx, nodeField, null), similar };
    }
    case 'aggregate':
      return { kind: 'aggregate', field, key, aggregate: planAggregate(ctx, parentType, nodes, type.name) };
    case 'add':
      return planAdd(ctx, { fieldName: field, key, parentType, nodes, type });
    case 'update':
      return planUpdate(ctx, { fieldName: field, key, parentType, nodes, type });
    case 'delete':
      return planDelete(ctx, { fieldName: field, key, parentType, nodes, type });
  }
}
