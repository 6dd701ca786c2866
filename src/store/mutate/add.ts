/**
 * addT(input, upsert): new nodes (with nested new and referenced nodes), or
 * with upsert an update of the nodes whose @id exists and passes the update
 * rule (others are silently left alone). Every new node of every type must
 * pass its add rule, checked by the statement that writes it.
 */
import type { RootPlan } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Transaction } from '../backend/types.js';
import type { NodeBudget } from '../types.js';
import { AuthorizationError, MutationInputError } from '../errors.js';
import { refusals } from './checks.js';
import { notingDenials, type AddWrite, type CompiledMutation, type Denial, type LookupOf } from './compiled.js';
import { References, lookUp, lookupStatement, type Existence } from './existence.js';
import { newNodesCheck } from './new-nodes.js';
import { payload } from './payload.js';
import { WritePlan, type NodeRef } from './plan.js';
import { Rewriter } from './rewrite.js';
import { prepareWrite, runWrite, writeStatement } from './write.js';

type AddPlan = Extract<RootPlan, { kind: 'add' }>;

/** `compiled`: what an earlier run of the same plan under the same decisions kept (compiled.ts). */
export async function runAdd(
  tx: Transaction, plan: AddPlan, policy: AuthPolicy, budget?: NodeBudget, compiled?: CompiledMutation,
): Promise<Record<string, unknown>> {
  const { model, type } = plan;
  const references = (): LookupOf => {
    const refs = new References(model);
    for (const input of plan.input) refs.collect(type, input, null);
    return { refs, statement: refs.reasons.length > 0 ? null : lookupStatement(refs) };
  };
  const { refs, statement: lookup } = compiled ? compiled.lookup(references) : references();
  if (refs.reasons.length > 0) throw new MutationInputError(refs.reasons);
  const existence = await lookUp(tx, refs, lookup);
  const writes = new WritePlan();

  let updatable = new Set<bigint>();
  if (plan.upsert) {
    const probe = new Rewriter(model, policy, refs, existence, writes);
    // Each existing node an input would update, with the fields that input gives it.
    const changes = new Map<bigint, Set<string>>();
    for (const input of plan.input) {
      const uid = probe.upsertTarget(type, input);
      if (uid !== undefined) changes.set(uid, new Set([...(changes.get(uid) ?? []), ...Object.keys(input)]));
    }
    const candidates = [...changes.keys()];
    const fields = [...new Set(candidates.flatMap((uid) => [...changes.get(uid)!]))];
    const refused = await refusals(tx, candidates, [type], policy, 'update', { kind: 'named', fields });
    // A node its type's update rule refuses is left alone; one it admits must admit each field changed too.
    updatable = new Set(candidates.filter((u) => !refused.nodes.has(u)));
    const denied = [...updatable].flatMap((uid) => (refused.fields.get(uid) ?? []).filter((f) => changes.get(uid)!.has(f)));
    if (denied.length > 0) throw new AuthorizationError('update', [...new Set(denied)].map((field) => ({ type: type.name, field, operation: 'update' })));
  }

  // An upsert's write also follows the update rule's verdicts on the data: compiled on every run.
  const keep = plan.upsert ? undefined : compiled;
  const { statement, roots, newNodes } = keep?.write(existence.found, policy) ?? await compileWrite(tx, plan, policy, refs, existence, writes, updatable, keep);
  const { created } = await runWrite(tx, statement, newNodes);
  const rootUids = roots.map((r) => (r.kind === 'existing' ? r.uid : r.kind === 'created' ? created[r.index] : 0n));
  // Dgraph counts the nodes it created (nested ones included), not the ones an upsert updated.
  return payload(tx, plan.payload, rootUids, created.length, policy, budget, [], compiled);
}

/** The input rewritten into `writes`, and the statement writing it; kept in `keep` when nothing but the lookup's rows decided it. */
async function compileWrite(
  tx: Transaction, plan: AddPlan, policy: AuthPolicy, refs: References, existence: Existence, writes: WritePlan, updatable: ReadonlySet<bigint>,
  keep: CompiledMutation | undefined,
): Promise<AddWrite> {
  const denials: Denial[] = [];
  const decided = keep ? notingDenials(policy, denials) : policy;
  const rewriter = new Rewriter(plan.model, decided, refs, existence, writes, updatable);
  const roots: NodeRef[] = [];
  for (const input of plan.input) {
    const root = rewriter.rewrite(plan.type, input, null, plan.upsert ? 'upsert' : 'add');
    if (root && root !== 'skipped') roots.push(root);
  }
  if (rewriter.reasons.length > 0) throw new MutationInputError(rewriter.reasons);
  const newNodes = newNodesCheck(writes, decided);
  // Hashed with a new salt and checked against the data on every run: such a write is never kept.
  const once = rewriter.timed || writes.passwords.length > 0 || writes.vectors.length > 0;
  await prepareWrite(tx, writes);
  const compiled = { statement: writeStatement(plan.model, writes, [], decided, existence.recheck, newNodes), roots, newNodes };
  if (keep && !once) keep.keepWrite(existence.found, compiled, denials);
  return compiled;
}
