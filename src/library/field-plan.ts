/**
 * What each field of the user's schema must check, decided once when the
 * schema is transformed:
 *   - root fields fail when the request's token does (ClosedByDefault, an
 *     invalid token);
 *   - a guard (one rule checked before the resolver runs): mutations named
 *     as Dgraph names them (`addT`, `updateT`, `deleteT`), or any field the
 *     `operations` option names;
 *   - the query rules of the object types the field may return.
 * Fields with nothing to check keep their resolver untouched.
 *
 * A mutation whose guard cannot be told is refused while any type has an
 * add, update or delete rule: guessing from its name or return type could
 * skip a rule, and no rule would be a silent hole.
 */
import { getNamedType, isAbstractType, isInterfaceType, isObjectType } from 'graphql';
import type { GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import type { AuthOperation } from '../rules/policy.js';
import { positionOf } from '../rules/positions.js';
import { AUTH_OPERATIONS } from '../rules/tree.js';
import { SchemaError } from '../sdl/errors.js';
import type { LibraryRules } from './library-rules.js';
import type { FieldOperation } from './types.js';

/** The operation a root type serves (not plan/'s RootKind, which names the generated API's root fields). */
export type RootOperation = 'query' | 'mutation' | 'subscription';

export interface Guard {
  readonly type: string;
  readonly op: AuthOperation;
}

export interface FieldPlan {
  readonly root?: RootOperation;
  readonly guard?: Guard;
  /** The object types the field's value may hold, when any of them has a query rule. */
  readonly readable?: readonly string[];
  /** The field itself has a query rule on its object type (`@auth` on the field, or on the interface's). */
  readonly hidable?: true;
  /**
   * An add or update guard whose type has field rules for it: the fields of
   * that type with one, checked against what the mutation's `input` gives.
   */
  readonly inputRules?: readonly string[];
}

const DGRAPH_MUTATIONS = ['add', 'update', 'delete'] as const;

/** The plans of the fields with something to check, by schema coordinate (`Type.field`), and what is wrong. */
export function planFields(
  schema: GraphQLSchema,
  rules: LibraryRules,
  operations: Readonly<Record<string, FieldOperation>>,
): { plans: Map<string, FieldPlan>; errors: SchemaError[] } {
  const errors = checkOperations(schema, operations);
  const roots = new Map<string, RootOperation>();
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const) {
    if (type) roots.set(type.name, kind);
  }
  const guardsNeeded = DGRAPH_MUTATIONS.some((op) => rules.declares(op));

  const plans = new Map<string, FieldPlan>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = roots.get(type.name);
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const stated = operations[coordinate];
      const guard = stated === undefined ? (root === 'mutation' ? dgraphGuard(schema, field.name) : undefined) : stated === 'none' ? undefined : stated;
      if (root === 'mutation' && guard === undefined && stated === undefined && guardsNeeded) {
        errors.push(unguardedMutation(field, coordinate));
      }
      const possible = possibleTypes(schema, getNamedType(field.type));
      const readable = possible.some((t) => rules.has(t, 'query')) ? possible : undefined;
      const hidable = rules.ruledFields(type.name, 'query').includes(field.name) || undefined;
      const inputRules = guard && (guard.op === 'add' || guard.op === 'update') ? rules.ruledFields(guard.type, guard.op) : [];
      if (inputRules.length > 0 && !field.args.some((a) => a.name === 'input')) errors.push(uncheckableInput(field, coordinate, guard!));
      if (root || guard || readable || hidable) {
        plans.set(coordinate, {
          ...(root ? { root } : {}), ...(guard ? { guard } : {}), ...(readable ? { readable } : {}), ...(hidable ? { hidable } : {}),
          ...(inputRules.length > 0 ? { inputRules } : {}),
        });
      }
    }
  }
  return { plans, errors };
}

/** `addTodo` → Todo's add rule, when Todo is an object type or interface of the schema. */
function dgraphGuard(schema: GraphQLSchema, fieldName: string): Guard | undefined {
  for (const op of DGRAPH_MUTATIONS) {
    if (!fieldName.startsWith(op)) continue;
    const type = schema.getType(fieldName.slice(op.length));
    if (type && (isObjectType(type) || isInterfaceType(type))) return { type: type.name, op };
  }
  return undefined;
}

function possibleTypes(schema: GraphQLSchema, type: GraphQLNamedType): string[] {
  if (isObjectType(type)) return [type.name];
  return isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [];
}

function unguardedMutation(field: GraphQLField<unknown, unknown>, coordinate: string): SchemaError {
  return new SchemaError(
    `${coordinate}: authline cannot tell which @auth rule guards this mutation. Name it as Dgraph does ` +
      `(addT, updateT, deleteT for a type T), or say it in the operations option: ` +
      `{ '${coordinate}': { type: 'T', op: 'add' | 'update' | 'delete' } }, or 'none' if it changes nothing @auth governs.`,
    positionOf(field.astNode ?? undefined),
  );
}

/** Field add/update rules are checked against a mutation's `input` (Dgraph's shapes); a mutation without one would skip them. */
function uncheckableInput(field: GraphQLField<unknown, unknown>, coordinate: string, guard: Guard): SchemaError {
  return new SchemaError(
    `${coordinate}: ${guard.type} has fields with ${guard.op} rules, which authline checks against the mutation's \`input\` argument ` +
      `(Dgraph's shape: addT(input: [AddTInput!]!), updateT(input: {filter, set, remove})); this mutation has none, so they could not be enforced`,
    positionOf(field.astNode ?? undefined),
  );
}

function checkOperations(schema: GraphQLSchema, operations: Readonly<Record<string, FieldOperation>>): SchemaError[] {
  const errors: SchemaError[] = [];
  const fail = (coordinate: string, problem: string) =>
    errors.push(new SchemaError(`operations['${coordinate}']: ${problem}`));
  for (const [coordinate, operation] of Object.entries(operations)) {
    const [typeName, fieldName, ...rest] = coordinate.split('.');
    const owner = schema.getType(typeName);
    if (rest.length > 0 || fieldName === undefined || !isObjectType(owner) || !owner.getFields()[fieldName]) {
      fail(coordinate, 'not a field of an object type of the schema (write Type.field, e.g. Mutation.createTodo)');
    }
    if (operation === 'none') continue;
    const governed = typeof operation === 'object' && operation !== null ? schema.getType(operation.type) : undefined;
    if (!governed || !(isObjectType(governed) || isInterfaceType(governed))) {
      fail(coordinate, `the type must be an object type or interface of the schema, got ${JSON.stringify(operation?.type)}`);
    }
    if (typeof operation !== 'object' || operation === null || !AUTH_OPERATIONS.includes(operation.op)) {
      fail(coordinate, `op must be one of ${AUTH_OPERATIONS.join(', ')}, got ${JSON.stringify(operation?.op)}`);
    }
  }
  return errors;
}
