/**
 * Carrying out a WritePlan inside the mutation's transaction, in a fixed
 * number of statements however large the input:
 *   0. take uids for the new nodes from the sequence (so every edge is known);
 *   1. read which singular edges the new edges displace (before any write);
 *   2. check the update rule of the nodes whose inverse edge goes with them;
 *   3. insert new nodes; 4. patch values of existing nodes;
 *   5. delete displaced edges and their inverses; 6. insert new edges and
 *      their inverses; 7. delete removed edges and their inverses.
 * @hasInverse edges are kept consistent both ways in every step.
 */
import bcrypt from 'bcryptjs';
import type { SchemaModel } from '../../model/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { AuthorizationError } from '../errors.js';
import { exactJson } from '../scalars.js';
import {
  deleteEdges, displacedEdges, insertEdges, insertNodes, patchNodes, patchNodesAlike, takeUids, unlinkEdges,
} from '../sql/index.js';
import { failing } from './checks.js';
import { edgeKinds, objectTypes, typeNamed, type EdgeKind } from './model.js';
import type { NodeRef, WritePlan } from './plan.js';

// Dgraph hashes @secret values with bcrypt's default cost.
const BCRYPT_COST = 10;

interface Edge {
  readonly src: bigint;
  readonly pred: string;
  readonly dst: bigint;
}

export interface Written {
  /** uids of the plan's new nodes, by index. */
  readonly created: readonly bigint[];
}

function edgeRows(edges: readonly Edge[]): string {
  return exactJson(edges.map((e) => ({ src: String(e.src), pred: e.pred, dst: String(e.dst) })));
}

/** The uids a reference stands for. */
function resolver(targets: readonly bigint[], created: readonly bigint[]): (ref: NodeRef) => readonly bigint[] {
  return (ref) => ref.kind === 'existing' ? [ref.uid] : ref.kind === 'targets' ? targets : [created[ref.index]];
}

/**
 * New edges with their inverses. An edge and its inverse stay or go together;
 * a singular predicate keeps only its last value per node (Dgraph overwrites).
 */
function newEdges(plan: WritePlan, kinds: ReadonlyMap<string, EdgeKind>, uids: (ref: NodeRef) => readonly bigint[]): Edge[] {
  const groups: Edge[][] = [];
  for (const link of plan.links) {
    const inverse = kinds.get(link.predicate)?.inverse;
    for (const src of uids(link.src)) {
      for (const dst of uids(link.dst)) {
        groups.push(inverse ? [{ src, pred: link.predicate, dst }, { src: dst, pred: inverse, dst: src }] : [{ src, pred: link.predicate, dst }]);
      }
    }
  }
  const taken = new Set<string>();
  const kept: Edge[][] = [];
  for (const group of groups.reverse()) {
    const keys = group.filter((e) => kinds.get(e.pred)?.singular).map((e) => `${e.src}|${e.pred}`);
    if (keys.some((k) => taken.has(k))) continue;
    keys.forEach((k) => taken.add(k));
    kept.push(group);
  }
  return kept.reverse().flat();
}

async function hashPasswords(plan: WritePlan): Promise<void> {
  for (const { node, predicate, plain } of plan.passwords) {
    plan.setValue(node, predicate, await bcrypt.hash(plain, BCRYPT_COST));
  }
}

export async function write(
  tx: Executor, model: SchemaModel, plan: WritePlan, targets: readonly bigint[], policy: AuthPolicy,
): Promise<Written> {
  await hashPasswords(plan);
  const kinds = edgeKinds(model);

  // New nodes get their uids first, so that every edge is known before anything is written.
  const created = plan.created.length === 0 ? [] : (await tx.query(takeUids(plan.created.length))).map((r) => BigInt(String(r.uid)));
  const uids = resolver(targets, created);
  const links = newEdges(plan, kinds, uids);

  // 1. Singular edges that the new edges replace.
  const replacing = links.filter((e) => kinds.get(e.pred)?.singular);
  const displaced: Edge[] = replacing.length === 0 ? [] : (await tx.query(displacedEdges(edgeRows(replacing)))).map((r) => ({ src: BigInt(String(r.src)), pred: String(r.pred), dst: BigInt(String(r.dst)) }));

  // 2. A displaced edge's inverse leaves its old partner: the partner must pass its update rule.
  const partners = displaced.filter((e) => kinds.get(e.pred)?.inverse);
  if (partners.length > 0) {
    const types = new Map([...new Set(partners.map((e) => kinds.get(e.pred)!.target))]
      .flatMap((name) => objectTypes(model, typeNamed(model, name))).map((t) => [t.name, t]));
    const refused = await failing(tx, [...new Set(partners.map((e) => e.dst))], [...types.values()], policy, 'update');
    if (refused.size > 0) throw new AuthorizationError('reference');
  }

  // 3. New nodes.
  if (plan.created.length > 0) {
    await tx.query(insertNodes(exactJson(plan.created.map((n, i) => ({ uid: String(created[i]), types: n.types, data: n.data })))));
  }

  // 4. Values of existing nodes.
  const patches = plan.patchList();
  const individual = patches.filter((p) => p.node.kind === 'existing')
    .map((p) => ({ uid: String((p.node as { uid: bigint }).uid), patch: p.patch }));
  if (individual.length > 0) {
    await tx.query(patchNodes(exactJson(individual)));
  }
  const shared = patches.find((p) => p.node.kind === 'targets');
  if (shared && targets.length > 0) {
    await tx.query(patchNodesAlike(targets, exactJson(shared.patch)));
  }

  // 5. Displaced edges and their inverses.
  if (displaced.length > 0) {
    const inverses = partners.map((e) => ({ src: e.dst, pred: kinds.get(e.pred)!.inverse!, dst: e.src }));
    await tx.query(deleteEdges(edgeRows([...displaced, ...inverses])));
  }

  // 6. New edges and their inverses.
  if (links.length > 0) {
    await tx.query(insertEdges(edgeRows(links)));
  }

  // 7. Removed edges (null: all of the predicate) and their inverses.
  const unlinks = plan.unlinks.flatMap((u) => uids(u.src).flatMap((src) =>
    (u.dst ? uids(u.dst) : [null]).map((dst) => ({ src: String(src), pred: u.predicate, dst: dst === null ? null : String(dst) }))));
  if (unlinks.length > 0) {
    const inverse = Object.fromEntries([...new Set(unlinks.map((u) => u.pred))]
      .filter((p) => kinds.get(p)?.inverse).map((p) => [p, kinds.get(p)!.inverse!]));
    await tx.query(unlinkEdges(exactJson(unlinks), exactJson(inverse)));
  }
  return { created };
}
