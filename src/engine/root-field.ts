/**
 * Resolves one root field of the generated API: plan it, run it in the store
 * under the request's policy, and on failure answer Dgraph's way — the
 * field's own error (with Dgraph's prefix for the phase that failed) and its
 * "null response" (`[]` for lists, null otherwise), leaving sibling fields
 * untouched. A `@custom`/`@lambda` root field calls out instead (custom/),
 * after the same token check; a committed mutation of a `@lambdaOnMutate`
 * type sends its webhook.
 */
import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import type { SchemaModel } from '../model/types.js';
import { ENTITIES_FIELD } from '../api/index.js';
import { orderEntities, planEntities, planRootField, type RootPlan } from '../plan/index.js';
import type { RootFieldKind } from '../model/names.js';
import { rootFields } from '../plan/root-fields.js';
import type { AuthOperation, AuthPolicy, RequestAuth } from '../rules/index.js';
import { AuthorizationError, CompiledMutation, rootUidsOf } from '../store/index.js';
import type { EnumValues, ReadPlan, Store } from '../store/types.js';
import {
  addAuthorizationError,
  notExecutedError,
  rewriteMutationError,
  rewriteQueryError,
} from './dgraph-errors.js';
import type { DenialReport } from './denials.js';
import { hiddenFieldErrors } from './hidden-fields.js';
import { nullValue } from './null-value.js';
import { recordingRefusals, replayRefusals, type CachedMutation, type CachedRead, type OperationPlans, type Refusal } from './plan-cache.js';
import type { RequestBudget } from './request-budget.js';
import { fieldErrors } from './store-errors.js';
import type { CustomResolver } from './custom/resolve-custom.js';
import type { MutationEvent } from './custom/webhooks.js';

/** Per-execution state shared by the root fields of one operation. */
export interface ExecutionState {
  readonly auth: RequestAuth<AuthPolicy>;
  /** Where the root fields auth refuses as a whole are reported. */
  readonly denials: DenialReport;
  /** Field errors in Dgraph's words, in the order the fields ran. */
  readonly errors: GraphQLError[];
  /** The request's id, named in the answer to a failure whose details only the log has. */
  readonly requestId?: string;
  /** Set once a mutation fails: the following ones are skipped. */
  mutationFailed: boolean;
  /** The nodes the request may still return; its root fields read in turn. */
  readonly budget: RequestBudget;
  /** The plan cache's reads for this operation; none when the request must decide its rules anew (explain). */
  readonly plans?: OperationPlans;
  /** Set when the operation may be answered as text (text-answer.ts): its reads are also compiled so, with these enums. */
  readonly enumValues?: EnumValues;
  /** Root fields whose statement already failed on the text path: answered with that error, not run again. */
  readonly failed?: ReadonlyMap<string, unknown>;
  /** Calls of `@custom`/`@lambda` fields for this request. */
  readonly custom: CustomResolver;
  /** Hears of each committed mutation of a `@lambdaOnMutate` type. */
  readonly mutated: (event: MutationEvent) => void;
}

type MutationKind = 'add' | 'update' | 'delete';

/** add/update/delete from the field name; the API names them `<kind><Type>`. */
function mutationKind(fieldName: string, model: SchemaModel): MutationKind | undefined {
  for (const kind of ['add', 'update', 'delete'] as const) {
    if (fieldName.startsWith(kind) && model.types.has(fieldName.slice(kind.length))) return kind;
  }
  return undefined;
}

export async function resolveRootField(
  model: SchemaModel,
  store: Store,
  state: ExecutionState,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  /** For a schema with subscriptions: the types a write on a type announces to them. */
  announce?: (typeName: string) => readonly string[],
): Promise<unknown> {
  const key = String(info.path.key);
  const isMutation = info.operation.operation === 'mutation';
  if (isMutation && state.mutationFailed) {
    state.errors.push(notExecutedError(key));
    return null;
  }
  const kind = isMutation ? mutationKind(info.fieldName, model) : undefined;
  const refusal = state.auth.error;
  if (refusal !== null) {
    reportRefused(model, state, info.fieldName);
    state.errors.push(
      kind === 'add'
        ? addAuthorizationError(key, refusal)
        : kind !== undefined
          ? rewriteMutationError(info.fieldName, key, refusal)
          : rewriteQueryError(key, refusal),
    );
    if (isMutation) state.mutationFailed = true;
    return nullValue(info);
  }
  const custom = model.customRoots.find((r) => r.name === info.fieldName && r.operation === info.operation.operation);
  if (custom) {
    const before = state.errors.length;
    const value = deniesAll(model, state.auth.policy(), custom.type.name) ? nullValue(info) : await state.custom.resolveRoot(custom.custom, args, info);
    if (isMutation && state.errors.length > before) state.mutationFailed = true;
    return value;
  }
  try {
    if (state.failed?.has(key)) throw state.failed.get(key);
    if (info.fieldName === ENTITIES_FIELD && !isMutation) return await resolveEntities(model, store, state, args, info);
    const cached = kind === undefined ? state.plans?.get(key) : undefined;
    if (cached) {
      replayRefusals(cached.refusals, state.denials);
      return await runRead(store, state, () => cached);
    }
    const kept = kind !== undefined ? state.plans?.mutation(key) : undefined;
    const plan = kept?.plan ?? planRootField(model, info);
    const policy = state.auth.policy();
    if (plan.kind === 'query' || plan.kind === 'get' || plan.kind === 'aggregate') {
      return await runRead(store, state, () => {
        const read = compileRead(store, plan, policy, state.plans !== undefined, state.enumValues);
        state.plans?.set(key, read);
        return read;
      });
    }
    const written = kind !== undefined && announce ? rootFields(model).get(info.fieldName)?.type.name : undefined;
    const mutation = kept ?? (state.plans && isMutationPlan(plan) ? { plan, compiled: new CompiledMutation() } : undefined);
    const options = {
      ...(written !== undefined ? { announce: announce!(written) } : {}),
      ...(mutation ? { compiled: mutation.compiled } : {}),
    };
    let result: unknown;
    try {
      result = await state.budget.inTurn(() => store.run(plan, policy, state.budget, options));
    } finally {
      // Kept whether it ran to the end or not: what it compiled holds for the next run all the same.
      if (mutation) state.plans?.keepMutation(key, mutation);
    }
    state.errors.push(...hiddenFieldErrors(plan, policy));
    if (kind !== undefined && model.webhooks.get(info.fieldName.slice(kind.length))?.[kind]) {
      const rootUIDs = rootUidsOf(result);
      state.mutated({ typename: info.fieldName.slice(kind.length), operation: kind, rootUIDs, input: kind === 'delete' ? null : args.input });
    }
    return result;
  } catch (error) {
    if (error instanceof AuthorizationError) reportAuthorization(model, state, info.fieldName, error);
    state.errors.push(...fieldErrors(error, { fieldName: info.fieldName, key, mutation: isMutation }, state.requestId));
    if (isMutation) state.mutationFailed = true;
    return nullValue(info);
  }
}

function isMutationPlan(plan: RootPlan): plan is CachedMutation['plan'] {
  return plan.kind === 'add' || plan.kind === 'update' || plan.kind === 'delete';
}

/**
 * A read root field compiled once, for the plan cache when `cached` (its
 * refusals noted for the requests it will serve), with the errors naming the
 * fields its rules hide.
 */
function compileRead(store: Store, plan: ReadPlan, policy: AuthPolicy, cached: boolean, enumValues?: EnumValues): CachedRead {
  const refusals: Refusal[] = [];
  const watched = cached ? recordingRefusals(policy, refusals) : policy;
  const read = store.compileRead(plan, watched, true);
  const hidden = hiddenFieldErrors(plan, watched);
  // The same decisions again (refusals already noted): only what the text path may use.
  const json = cached && enumValues && hidden.length === 0 ? store.compileJsonRead(plan, policy, true, enumValues) : null;
  return { read, hidden, refusals, ...(json ? { json } : {}) };
}

/** Runs a read in its turn under the request's node budget (compiled in that turn, as `run` compiles, unless cached). */
async function runRead(store: Store, state: ExecutionState, compiled: () => CachedRead): Promise<unknown> {
  let hidden: readonly GraphQLError[] = [];
  const result = await state.budget.inTurn(() => {
    const read = compiled();
    hidden = read.hidden;
    return store.runRead(read.read, state.budget);
  });
  state.errors.push(...hidden);
  return result;
}

/**
 * Apollo federation's `_entities`: one read of the representations' type
 * under its query rules (never from the plan cache: the order depends on
 * the representations), its nodes then in their order.
 */
async function resolveEntities(model: SchemaModel, store: Store, state: ExecutionState, args: Record<string, unknown>, info: GraphQLResolveInfo): Promise<unknown> {
  const entities = planEntities(model, info, args.representations);
  const nodes = await runRead(store, state, () => compileRead(store, entities.plan, state.auth.policy(), false));
  return orderEntities(entities, Array.isArray(nodes) ? nodes : []);
}

/** The @auth operation that governs each kind of root field. */
const GOVERNED_BY: Readonly<Record<RootFieldKind, AuthOperation>> = {
  get: 'query', query: 'query', aggregate: 'query', checkPassword: 'password', similarById: 'query', similarByEmbedding: 'query',
  add: 'add', update: 'update', delete: 'delete',
};

/** Reports a root field auth refused as a whole (its token, or a mutation's rule on the nodes it wrote). */
function reportRefused(model: SchemaModel, state: ExecutionState, fieldName: string): void {
  const root = rootFields(model).get(fieldName);
  if (root) state.denials.denied(root.type.name, GOVERNED_BY[root.kind]);
}

/** Reports a mutation auth refused: the field rules that refused it, or else its type's rule. */
function reportAuthorization(model: SchemaModel, state: ExecutionState, fieldName: string, error: AuthorizationError): void {
  if (error.fields.length === 0) return reportRefused(model, state, fieldName);
  for (const { type, field, operation } of error.fields) state.denials.fieldDecided({ type, field, operation, verdict: 'false' });
}

/**
 * Whether the caller may see no node of a stored type at all, whatever the
 * data: then a remote endpoint returning that type is not even called.
 */
function deniesAll(model: SchemaModel, policy: AuthPolicy, typeName: string): boolean {
  const type = model.types.get(typeName);
  return type !== undefined && type.implementations.every((name) => policy.decide(name, 'query').kind === 'deny');
}

