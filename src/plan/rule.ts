/**
 * The query of a graph-traversal `@auth` rule → NodeQuery. The rule is read
 * the way Dgraph runs it: its variables are the JWT claims exactly as they
 * are (no coercion: the string "true" stays a string, one id may stand for a
 * list), and `@cascade` applies at every level, so a node passes only if the
 * whole traversal finds something, unless the rule's root field carries its
 * own `@cascade`, which then replaces that default.
 */
import { Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { SchemaModel } from '../model/types.js';
import type { NodeQuery } from './types.js';
import { collectFor } from './collect.js';
import type { PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { rootFields } from './root-fields.js';
import { planNodeQuery } from './selection.js';

export function planRuleQuery(model: SchemaModel, schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): NodeQuery {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new PlanError(`a rule should be exactly one query, found ${operations.length} GraphQL operations`);
  const [operation] = operations;
  if (operation.operation !== 'query') throw new PlanError(`a rule should be exactly one query, found an ${operation.name?.value ?? ''}`, operation);

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const ctx: PlanContext = { model, schema, fragments, variables };

  const queryType = schema.getQueryType()?.name ?? 'Query';
  const fields = [...collectFor(ctx, queryType, [operation.selectionSet])];
  if (fields.length !== 1) throw new PlanError(`a rule should be exactly one query, found ${fields.length} queries`, operation);
  const [[, nodes]] = fields;
  const name = nodes[0].name.value;
  const root = rootFields(model).get(name);
  if (root?.kind !== 'query') throw new PlanError(`a rule must read query<Type>, found ${name}`, nodes[0]);
  return planNodeQuery(ctx, { parentType: queryType, nodes, typeName: root.type.name }, { kind: 'all' });
}
