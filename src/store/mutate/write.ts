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
  const created = plan.created.length === 0 ? [] : (await tx.query(
    `SELECT nextval('authline.uid_seq')::text AS uid FROM generate_series(1, $1::integer)`, [plan.created.length],
  )).map((r) => BigInt(String(r.uid)));
  const uids = resolver(targets, created);
  const links = newEdges(plan, kinds, uids);

  // 1. Singular edges that the new edges replace.
  const replacing = links.filter((e) => kinds.get(e.pred)?.singular);
  const displaced: Edge[] = replacing.length === 0 ? [] : (await tx.query(
    `SELECT e.src::text AS src, e.pred, e.dst::text AS dst
     FROM authline.edge e JOIN jsonb_to_recordset($1::jsonb) AS a(src bigint, pred text, dst bigint)
       ON e.src = a.src AND e.pred = a.pred AND e.dst <> a.dst`,
    [edgeRows(replacing)],
  )).map((r) => ({ src: BigInt(String(r.src)), pred: String(r.pred), dst: BigInt(String(r.dst)) }));

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
    await tx.query(
      `INSERT INTO authline.node (uid, types, data)
       SELECT (x.v->>'uid')::bigint, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')), x.v->'data'
       FROM jsonb_array_elements($1::jsonb) AS x(v)`,
      [exactJson(plan.created.map((n, i) => ({ uid: String(created[i]), types: n.types, data: n.data })))],
    );
  }

  // 4. Values of existing nodes.
  const patches = plan.patchList();
  const individual = patches.filter((p) => p.node.kind === 'existing')
    .map((p) => ({ uid: String((p.node as { uid: bigint }).uid), patch: p.patch }));
  if (individual.length > 0) {
    await tx.query(
      `UPDATE authline.node n SET data = authline.patch(n.data, p.patch)
       FROM jsonb_to_recordset($1::jsonb) AS p(uid bigint, patch jsonb) WHERE n.uid = p.uid`,
      [exactJson(individual)],
    );
  }
  const shared = patches.find((p) => p.node.kind === 'targets');
  if (shared && targets.length > 0) {
    await tx.query(
      `UPDATE authline.node n SET data = authline.patch(n.data, $2::jsonb) WHERE n.uid = ANY($1::bigint[])`,
      [targets.map(String), exactJson(shared.patch)],
    );
  }

  // 5. Displaced edges and their inverses.
  if (displaced.length > 0) {
    const inverses = partners.map((e) => ({ src: e.dst, pred: kinds.get(e.pred)!.inverse!, dst: e.src }));
    await tx.query(
      `DELETE FROM authline.edge e USING jsonb_to_recordset($1::jsonb) AS r(src bigint, pred text, dst bigint)
       WHERE e.src = r.src AND e.pred = r.pred AND e.dst = r.dst`,
      [edgeRows([...displaced, ...inverses])],
    );
  }

  // 6. New edges and their inverses.
  if (links.length > 0) {
    await tx.query(
      `INSERT INTO authline.edge (src, pred, dst)
       SELECT DISTINCT r.src, r.pred, r.dst FROM jsonb_to_recordset($1::jsonb) AS r(src bigint, pred text, dst bigint)
       ON CONFLICT DO NOTHING`,
      [edgeRows(links)],
    );
  }

  // 7. Removed edges (null: all of the predicate) and their inverses.
  const unlinks = plan.unlinks.flatMap((u) => uids(u.src).flatMap((src) =>
    (u.dst ? uids(u.dst) : [null]).map((dst) => ({ src: String(src), pred: u.predicate, dst: dst === null ? null : String(dst) }))));
  if (unlinks.length > 0) {
    const inverse = Object.fromEntries([...new Set(unlinks.map((u) => u.pred))]
      .filter((p) => kinds.get(p)?.inverse).map((p) => [p, kinds.get(p)!.inverse!]));
    await tx.query(
      `WITH gone AS (
         DELETE FROM authline.edge e USING jsonb_to_recordset($1::jsonb) AS r(src bigint, pred text, dst bigint)
         WHERE e.src = r.src AND e.pred = r.pred AND (r.dst IS NULL OR e.dst = r.dst)
         RETURNING e.src, e.pred, e.dst
       )
       DELETE FROM authline.edge e USING gone g, jsonb_each_text($2::jsonb) AS m(pred, inverse)
       WHERE g.pred = m.pred AND e.src = g.dst AND e.pred = m.inverse AND e.dst = g.src`,
      [exactJson(unlinks), exactJson(inverse)],
    );
  }
  return { created };
}
