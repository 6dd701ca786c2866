/**
 * Carrying out a WritePlan inside the mutation's transaction in ONE
 * statement however large the input (sql/writes.ts mutationWrite): uids for
 * the new nodes, new nodes, patched values, displaced singular edges, new
 * edges, removed edges, each with its @hasInverse partner, and the update
 * rule of every node whose inverse edge a displaced edge takes away, and
 * the add rule of every new node (a refusal rolls the transaction back). @hasInverse edges are kept
 * consistent both ways.
 */
import bcrypt from 'bcryptjs';
import type { SchemaModel } from '../../model/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Executor, Row } from '../backend/types.js';
import { AuthorizationError, StaleLookupError } from '../errors.js';
import { exactJson } from '../scalars.js';
import { lookUpNodes, mutationWrite, refusesSql, render, type EdgeEnd, type EdgeRow, type Statement, type UnlinkRow } from '../sql/index.js';
import { edgeKinds, objectTypes, typeNamed, type EdgeKind } from './model.js';
import type { Recheck } from './existence.js';
import type { NewNodesCheck } from './new-nodes.js';
import type { NodeRef, WritePlan } from './plan.js';
import { checkVectorLengths } from '../vectors.js';

// Dgraph hashes @secret values with bcrypt's default cost.
const BCRYPT_COST = 10;

export interface Written {
  /** uids of the plan's new nodes, by index. */
  readonly created: readonly bigint[];
}

/** The edge ends a reference stands for. */
function resolver(targets: readonly bigint[]): (ref: NodeRef) => readonly EdgeEnd[] {
  return (ref) => ref.kind === 'existing' ? [{ uid: String(ref.uid) }]
    : ref.kind === 'targets' ? targets.map((uid) => ({ uid: String(uid) }))
      : [{ created: ref.index }];
}

function endKey(end: EdgeEnd): string {
  return 'uid' in end ? end.uid : `new${end.created}`;
}

/**
 * New edges with their inverses, in groups: an edge and its inverse stay or
 * go together; a singular predicate keeps only its last value per node
 * (Dgraph overwrites).
 */
function newEdges(plan: WritePlan, kinds: ReadonlyMap<string, EdgeKind>, ends: (ref: NodeRef) => readonly EdgeEnd[]): EdgeRow[][] {
  const groups: EdgeRow[][] = [];
  for (const link of plan.links) {
    const inverse = kinds.get(link.predicate)?.inverse;
    for (const src of ends(link.src)) {
      for (const dst of ends(link.dst)) {
        groups.push(inverse ? [{ src, pred: link.predicate, dst }, { src: dst, pred: inverse, dst: src }] : [{ src, pred: link.predicate, dst }]);
      }
    }
  }
  const taken = new Set<string>();
  const kept: EdgeRow[][] = [];
  for (const group of groups.reverse()) {
    const keys = group.filter((e) => kinds.get(e.pred)?.singular).map((e) => `${endKey(e.src)}|${e.pred}`);
    if (keys.some((k) => taken.has(k))) continue;
    keys.forEach((k) => taken.add(k));
    kept.push(group);
  }
  return kept.reverse();
}

/** Removed edges (dst null: every edge of the predicate), as edge-end pairs. */
interface Removal {
  readonly src: EdgeEnd;
  readonly pred: string;
  readonly dst: EdgeEnd | null;
}

function removes(removal: Removal, edge: EdgeRow): boolean {
  return removal.pred === edge.pred && endKey(removal.src) === endKey(edge.src) && (removal.dst === null || endKey(removal.dst) === endKey(edge.dst));
}

async function hashPasswords(plan: WritePlan): Promise<void> {
  for (const { node, predicate, plain } of plan.passwords) {
    plan.setValue(node, predicate, await bcrypt.hash(plain, BCRYPT_COST));
  }
}

export async function write(
  tx: Executor, model: SchemaModel, plan: WritePlan, targets: readonly bigint[], policy: AuthPolicy, recheck: Recheck | null = null,
  newNodes: NewNodesCheck | null = null,
): Promise<Written> {
  await prepareWrite(tx, plan);
  return runWrite(tx, writeStatement(model, plan, targets, policy, recheck, newNodes), newNodes);
}

/** What a plan needs before its statement is built: its passwords hashed, its vectors' lengths checked against the stored ones. */
export async function prepareWrite(tx: Executor, plan: WritePlan): Promise<void> {
  await hashPasswords(plan);
  await checkVectorLengths(tx, plan.vectors);
}

/**
 * The statement carrying out `plan` (its passwords hashed and its vectors
 * checked already, as `write` does first); null when there is nothing to write.
 */
export function writeStatement(
  model: SchemaModel, plan: WritePlan, targets: readonly bigint[], policy: AuthPolicy, recheck: Recheck | null, newNodes: NewNodesCheck | null,
): Statement | null {
  const kinds = edgeKinds(model);
  const ends = resolver(targets);
  const removals: Removal[] = plan.unlinks.flatMap((u) => ends(u.src).flatMap((src) =>
    (u.dst ? ends(u.dst) : [null]).map((dst) => ({ src, pred: u.predicate, dst }))));
  // Edges are added before others are removed: a new edge the same mutation removes (with its inverse) is never written.
  const links = newEdges(plan, kinds, ends).filter((group) => !group.some((edge) => removals.some((r) => removes(r, edge)))).flat();
  // A new node has no edges yet: only an existing source's singular edge displaces another.
  const replacing = links.filter((e) => kinds.get(e.pred)?.singular && 'uid' in e.src);
  // A displaced edge's inverse leaves its old partner: the partner must pass its update rule.
  const partnerPreds = [...new Set(replacing.filter((e) => kinds.get(e.pred)?.inverse).map((e) => e.pred))];
  const partnerTypes = new Map(partnerPreds.flatMap((pred) => objectTypes(model, typeNamed(model, kinds.get(pred)!.target))).map((t) => [t.name, t]));
  const refuses = partnerPreds.length > 0 ? refusesSql([...partnerTypes.values()], policy, 'update') : null;

  const patches = plan.patchList();
  const individual = patches.filter((p) => p.node.kind === 'existing')
    .map((p) => ({ uid: String((p.node as { uid: bigint }).uid), patch: p.patch }));
  const shared = patches.find((p) => p.node.kind === 'targets');
  // A new node has no edges to remove: only existing ones are looked for.
  const unlinks: UnlinkRow[] = removals.flatMap((r) => 'uid' in r.src && (r.dst === null || 'uid' in r.dst)
    ? [{ src: r.src.uid, pred: r.pred, dst: r.dst === null ? null : (r.dst as { uid: string }).uid }] : []);
  const inverses = Object.fromEntries([...kinds].filter(([, kind]) => kind.inverse).map(([pred, kind]) => [pred, kind.inverse!]));

  if (plan.created.length === 0 && individual.length === 0 && !shared && links.length === 0 && unlinks.length === 0) return null;
  return render(mutationWrite({
    created: exactJson(plan.created.map((n) => ({ types: n.types, data: n.data }))),
    createdCount: plan.created.length,
    patches: individual.length > 0 ? exactJson(individual) : null,
    shared: shared && targets.length > 0 ? { patch: exactJson(shared.patch), targets } : null,
    links,
    replacing,
    unlinks,
    inverses,
    partners: refuses ? { preds: partnerPreds, refuses } : null,
    recheck: recheck && { lookup: lookUpNodes([], recheck.values)!, holders: recheck.holders.map(String) },
    newNodes: newNodes && { check: newNodes.check, policy },
  }));
}

/** Runs a write's statement (writeStatement's): the uids of the new nodes, or the error its rows report. */
export async function runWrite(tx: Executor, statement: Statement | null, newNodes: NewNodesCheck | null): Promise<Written> {
  if (!statement) return { created: [] };
  const rows = await tx.query(statement);
  if (rows.some((row) => Number(row.stale) > 0)) throw new StaleLookupError();
  if (rows.some((row) => Number(row.refused) > 0)) throw new AuthorizationError('reference');
  // Uids are taken from the sequence in the nodes' order: ascending is the plan's order.
  const created = rows.flatMap((row) => (row.uid === null ? [] : [BigInt(String(row.uid))])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  newNodes?.verdict((rows[0]?.failing ?? []) as Row[], created);
  return { created };
}
