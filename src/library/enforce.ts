/**
 * A user resolver wrapped with what its field plan says, in Dgraph's order:
 *   1. a root field fails when the request's token does, with Dgraph's
 *      error for that kind of field;
 *   2. the guard: a denied add fails as Dgraph fails it; a denied update or
 *      delete fails too (Dgraph narrows them to no node, which library mode
 *      cannot do to a resolver); a denied query or password guard hides;
 *   3. the query rules of what the field returns: when they deny every type
 *      it may hold, a query does not even run the resolver and answers as
 *      Dgraph does for nodes it may not see (`[]`, or null); when they deny
 *      some (an interface or union), the resolved nodes of those types are
 *      dropped. A mutation always runs (its write is allowed), and only its
 *      answer is hidden.
 */
import {
  defaultFieldResolver,
  defaultTypeResolver,
  getNamedType,
  getNullableType,
  GraphQLError,
  isAbstractType,
  isListType,
  isNonNullType,
} from 'graphql';
import type { GraphQLFieldConfig, GraphQLFieldResolver, GraphQLOutputType, GraphQLResolveInfo } from 'graphql';
import {
  addAuthorizationError,
  addFieldAuthorizationError,
  AUTHORIZATION_FAILED,
  deniedFieldsText,
  rewriteMutationError,
  rewriteQueryError,
} from '../engine/dgraph-errors.js';
import { hiddenNonNullError, missingAuthError } from './errors.js';
import type { FieldPlan, Guard } from './field-plan.js';
import type { LibraryRules } from './library-rules.js';
import { LibraryAuthContext } from './auth-context.js';

type Field = GraphQLFieldConfig<unknown, unknown>;
type Resolver = GraphQLFieldResolver<unknown, unknown>;

export function enforceField(field: Field, plan: FieldPlan, rules: LibraryRules): Field {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const enforced: Field = {
    ...field,
    resolve(source, args, context, info) {
      const auth = requestAuth(context, rules);
      if (plan.root) refuseBadToken(auth, plan, info);
      if (plan.guard && !auth.allows(plan.guard.type, plan.guard.op)) return denied(plan.guard, info);
      if (plan.guard && plan.inputRules) refuseDeniedInput(plan.guard, plan.inputRules, args, auth, info);
      // A field its own query rule hides reads null ([] for a list) without running its resolver.
      if (plan.hidable && !auth.allowsField(info.parentType.name, info.fieldName, 'query')) return hidden(info);
      return read(plan, auth, () => resolve(source, args, context, info), context, info);
    },
  };
  const subscribe = field.subscribe;
  if (subscribe) {
    // The token is checked when the subscription starts; each event then goes through `resolve`.
    enforced.subscribe = (source, args, context, info) => {
      refuseBadToken(requestAuth(context, rules), plan, info);
      return subscribe(source, args, context, info);
    };
  }
  return enforced;
}

function requestAuth(context: unknown, rules: LibraryRules): LibraryAuthContext {
  const auth = (context as { authline?: unknown } | null | undefined)?.authline;
  if (!LibraryAuthContext.isFrom(auth, rules)) throw missingAuthError();
  return auth;
}

function refuseBadToken(auth: LibraryAuthContext, plan: FieldPlan, info: GraphQLResolveInfo): void {
  const refusal = auth.error;
  if (!refusal) return;
  const key = String(info.path.key);
  if (plan.root !== 'mutation') throw rewriteQueryError(key, refusal);
  throw plan.guard?.op === 'add' ? addAuthorizationError(key, refusal) : rewriteMutationError(info.fieldName, key, refusal);
}

function denied(guard: Guard, info: GraphQLResolveInfo): unknown {
  const key = String(info.path.key);
  switch (guard.op) {
    case 'add':
      throw atField(addAuthorizationError(key), info);
    case 'update':
    case 'delete':
      throw atField(rewriteMutationError(info.fieldName, key, AUTHORIZATION_FAILED), info);
    default:
      return hidden(info);
  }
}

/**
 * A mutation whose input gives (or removes) a field its add/update rule
 * refuses fails whole, as the engine fails it: the fields of addT's input
 * objects, of updateT's `set` and `remove`.
 */
function refuseDeniedInput(guard: Guard, ruled: readonly string[], args: Record<string, unknown>, auth: LibraryAuthContext, info: GraphQLResolveInfo): void {
  const op = guard.op;
  if (op !== 'add' && op !== 'update') return;
  const input = args.input;
  const objects = op === 'add' ? [input].flat() : [objectOf(input, 'set'), objectOf(input, 'remove')];
  const given = new Set(objects.flatMap((o) => (o !== null && typeof o === 'object' ? Object.keys(o) : [])));
  const denied = ruled.filter((field) => given.has(field) && !auth.allowsField(guard.type, field, op));
  if (denied.length === 0) return;
  const key = String(info.path.key);
  const detail = deniedFieldsText(denied.map((field) => ({ type: guard.type, field, operation: op })));
  throw atField(op === 'add'
    ? addFieldAuthorizationError(key, detail)
    : rewriteMutationError(info.fieldName, key, { message: `${AUTHORIZATION_FAILED.message}${detail}`, code: AUTHORIZATION_FAILED.code }), info);
}

function objectOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** Dgraph's errors carry the root field's path; below the root, GraphQL locates them itself. */
function atField(error: GraphQLError, info: GraphQLResolveInfo): GraphQLError {
  return info.path.prev === undefined ? error : new GraphQLError(error.message, { extensions: error.extensions });
}

function read(plan: FieldPlan, auth: LibraryAuthContext, run: () => unknown, context: unknown, info: GraphQLResolveInfo): unknown {
  const readable = plan.readable ?? [];
  const hiddenTypes = new Set(readable.filter((type) => !auth.allows(type, 'query')));
  if (hiddenTypes.size === 0) return run();
  const everything = hiddenTypes.size === readable.length;
  if (everything && plan.root !== 'mutation') return hidden(info);
  return Promise.resolve(run()).then((value) =>
    everything ? hidden(info) : withoutHidden(value, info.returnType, hiddenTypes, context, info),
  );
}

/** What a field shows when its value is hidden: `[]` for lists, null for the rest (an error where null is not allowed). */
function hidden(info: GraphQLResolveInfo): unknown {
  const type = info.returnType;
  if (isListType(getNullableType(type))) return [];
  if (isNonNullType(type)) throw hiddenNonNullError(`${info.parentType.name}.${info.fieldName}`);
  return null;
}

/** The value with every node of a hidden type left out (lists shrink; a single node is hidden). */
async function withoutHidden(
  value: unknown,
  type: GraphQLOutputType,
  hiddenTypes: ReadonlySet<string>,
  context: unknown,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const nullable = getNullableType(type);
  if (!isListType(nullable)) return (await isHidden(value, hiddenTypes, context, info)) ? hidden(info) : value;
  // Anything else is GraphQL's to report ("Expected Iterable").
  if (value === null || value === undefined || !(Symbol.iterator in Object(value))) return value;
  const itemType = nullable.ofType as GraphQLOutputType;
  const kept: unknown[] = [];
  for (const item of await Promise.all(Array.from(value as Iterable<unknown>))) {
    if (isListType(getNullableType(itemType))) kept.push(await withoutHidden(item, itemType, hiddenTypes, context, info));
    else if (!(await isHidden(item, hiddenTypes, context, info))) kept.push(item);
  }
  return kept;
}

/**
 * Whether a node of an interface or union is of a hidden type, asking the
 * type's own `resolveType` as GraphQL will. A node whose type cannot be told
 * is kept: GraphQL then fails it, and shows nothing of it either.
 */
async function isHidden(value: unknown, hiddenTypes: ReadonlySet<string>, context: unknown, info: GraphQLResolveInfo): Promise<boolean> {
  if (value === null || value === undefined) return false;
  const abstract = getNamedType(info.returnType);
  if (!isAbstractType(abstract)) return hiddenTypes.has(abstract.name);
  const resolveType = abstract.resolveType ?? defaultTypeResolver;
  const name = await resolveType(value, context, info, abstract);
  return typeof name === 'string' && hiddenTypes.has(name);
}
