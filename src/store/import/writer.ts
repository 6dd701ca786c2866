/**
 * Writing one batch of an import, in at most seven statements whatever its
 * size: find nodes by @id value, move the uid sequence past explicit uids,
 * take fresh uids, insert new nodes, merge into existing ones, drop the old
 * targets of singular edges, insert edges.
 *
 * Which node a record means: an explicit uid is that node (merged if it
 * exists, as a Dgraph mutation with that uid would); a blank node is the same
 * node throughout the import; a node without a known uid whose type has an
 * @id field it gives a value for is the node already holding that value, if
 * any, so that importing the same data twice does not duplicate it.
 */
import bcrypt from 'bcryptjs';
import type { ScalarName } from '../../model/types.js';
import type { Executor } from '../backend/types.js';
import { exactJson } from '../scalars.js';
import {
  deleteEdgesOf, insertEdges, insertPatchedNodes, lookUpNodes, mergeNodes, predicateOf, reserveUidsUpTo, takeUids,
} from '../sql/index.js';
import type { Batch, ImportNode, Key, Predicates } from './loader.js';

const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/** What outlives a batch: the uid of every blank node, how far the uid sequence is reserved. */
export class ImportState {
  readonly blank = new Map<string, bigint>();
  reservedUpTo = 0n;
  /** Nodes the import created. */
  created = 0;
}

interface Written {
  readonly uid: bigint;
  readonly fresh: boolean;
  readonly node: ImportNode;
}

async function hashSecrets(batch: Batch, secrets: ReadonlySet<string>): Promise<void> {
  for (const node of batch.nodes.values()) {
    for (const pred of secrets) {
      const plain = node.set[pred];
      if (typeof plain === 'string' && !BCRYPT_HASH.test(plain)) node.set[pred] = await bcrypt.hash(plain, 10);
    }
  }
}

interface XidValue {
  /** Type, predicate and value: which node holds it is what the import looks for. */
  readonly signature: string;
  readonly predicate: string;
  readonly scalar: ScalarName;
  readonly text: string;
}

/** The @id values a node gives for its types. */
function xidsOf(node: ImportNode, predicates: Predicates): XidValue[] {
  const found: XidValue[] = [];
  for (const typeName of node.types) {
    const type = predicates.types.get(typeName);
    for (const field of type?.xidFields ?? []) {
      const predicate = predicateOf(field);
      const value = node.set[predicate];
      if (value === undefined || value === null) continue;
      const text = typeof value === 'string' ? value : exactJson(value);
      found.push({ signature: `${typeName}\u0000${predicate}\u0000${text}`, predicate, scalar: field.scalar ?? 'String', text });
    }
  }
  return found;
}

/** Uids of the nodes that need one: explicit, blank ones seen before, @id matches; the rest are fresh. */
async function resolveUids(tx: Executor, batch: Batch, state: ImportState, predicates: Predicates): Promise<Map<Key, { uid: bigint; fresh: boolean }>> {
  const resolved = new Map<Key, { uid: bigint; fresh: boolean }>();
  const unknown: Key[] = [];
  for (const key of batch.nodes.keys()) {
    const known = key.startsWith('u:') ? BigInt(key.slice(2)) : key.startsWith('b:') ? state.blank.get(key.slice(2)) : undefined;
    if (known === undefined) unknown.push(key);
    else resolved.set(key, { uid: known, fresh: false });
  }

  // Nodes with @id values: the node holding the value, or the first node of the batch giving it.
  const claims = new Map<Key, XidValue[]>();
  const sought = new Map<string, { scalar: ScalarName; texts: Set<string> }>();
  for (const key of unknown) {
    const xids = xidsOf(batch.nodes.get(key)!, predicates);
    if (xids.length === 0) continue;
    claims.set(key, xids);
    for (const { predicate, scalar, text } of xids) {
      const entry = sought.get(predicate) ?? { scalar, texts: new Set<string>() };
      entry.texts.add(text);
      sought.set(predicate, entry);
    }
  }
  const holders = new Map<string, bigint>();
  const lookup = lookUpNodes([], [...sought].map(([predicate, { scalar, texts }]) => ({ predicate, scalar, texts: [...texts] })));
  if (lookup) {
    for (const row of await tx.query(lookup)) {
      for (const type of row.types as string[]) holders.set(`${type}\u0000${String(row.pred)}\u0000${String(row.value)}`, BigInt(String(row.uid)));
    }
  }
  const firstClaim = new Map<string, Key>();
  const sameAs = new Map<Key, Key>();
  const fresh: Key[] = [];
  for (const key of unknown) {
    const xids = claims.get(key) ?? [];
    const held = xids.map((x) => holders.get(x.signature)).find((uid) => uid !== undefined);
    const earlier = xids.map((x) => firstClaim.get(x.signature)).find((k) => k !== undefined);
    if (held !== undefined) resolved.set(key, { uid: held, fresh: false });
    else if (earlier !== undefined) sameAs.set(key, earlier);
    else fresh.push(key);
    for (const x of xids) if (!firstClaim.has(x.signature)) firstClaim.set(x.signature, key);
  }

  // Move the sequence past explicit uids first, so no uid handed out from now on collides with them.
  let highest = state.reservedUpTo;
  for (const key of batch.nodes.keys()) if (key.startsWith('u:') && BigInt(key.slice(2)) > highest) highest = BigInt(key.slice(2));
  if (highest > state.reservedUpTo) {
    await tx.query(reserveUidsUpTo(highest));
    state.reservedUpTo = highest;
  }
  if (fresh.length > 0) {
    const rows = await tx.query(takeUids(fresh.length));
    fresh.forEach((key, i) => resolved.set(key, { uid: BigInt(String(rows[i].uid)), fresh: true }));
    state.created += fresh.length;
  }
  for (const [key, earlier] of sameAs) resolved.set(key, { uid: resolved.get(earlier)!.uid, fresh: false });
  for (const [key, { uid }] of resolved) if (key.startsWith('b:')) state.blank.set(key.slice(2), uid);
  return resolved;
}

/** One entry per uid: records that turned out to be the same node are merged in reading order. */
function byUid(batch: Batch, uids: ReadonlyMap<Key, { uid: bigint; fresh: boolean }>): Written[] {
  const written = new Map<bigint, Written>();
  for (const [key, node] of batch.nodes) {
    const { uid, fresh } = uids.get(key)!;
    const prior = written.get(uid);
    if (!prior) {
      written.set(uid, { uid, fresh, node });
      continue;
    }
    const merged: ImportNode = {
      types: new Set([...prior.node.types, ...node.types]),
      set: { ...prior.node.set, ...node.set },
      append: { ...prior.node.append },
    };
    for (const [pred, values] of Object.entries(node.append)) merged.append[pred] = [...(merged.append[pred] ?? []), ...values];
    written.set(uid, { uid, fresh: prior.fresh || fresh, node: merged });
  }
  return [...written.values()];
}

function row({ uid, node }: Written) {
  return { uid: String(uid), types: [...node.types], patch: { set: node.set, append: node.append, remove: {} } };
}

/** Writes `batch`; returns nothing, `state` keeps what later batches need. */
export async function writeBatch(tx: Executor, batch: Batch, state: ImportState, predicates: Predicates): Promise<void> {
  await hashSecrets(batch, predicates.secrets);
  const uids = await resolveUids(tx, batch, state, predicates);
  const written = byUid(batch, uids);
  const fresh = written.filter((w) => w.fresh);
  const existing = written.filter((w) => !w.fresh);
  if (fresh.length > 0) await tx.query(insertPatchedNodes(exactJson(fresh.map(row))));
  // Explicit uids may name nodes that exist: their types and values are merged, as a Dgraph mutation would.
  if (existing.length > 0) {
    const [counts] = await tx.query(mergeNodes(exactJson(existing.map(row))));
    state.created += Number(counts.added);
  }

  const uidOf = (key: Key) => String(uids.get(key)!.uid);
  const edges = [...batch.edges.values()];
  const replaced = edges.filter((e) => e.singular && !uids.get(e.src)!.fresh).map((e) => ({ src: uidOf(e.src), pred: e.pred }));
  if (replaced.length > 0) await tx.query(deleteEdgesOf(JSON.stringify(replaced)));
  const rows = edges.flatMap((e) => e.dsts.map((d) => ({ src: uidOf(e.src), pred: e.pred, dst: uidOf(d) })));
  if (rows.length > 0) await tx.query(insertEdges(JSON.stringify(rows)));
}
