/**
 * Loading Dgraph JSON mutation or export data, as an admin, bypassing @auth.
 * Accepts `[...]` or `{"set": [...]}`: objects with "uid" (a blank node
 * "_:name" merged wherever it appears, an explicit uid kept as is, or none),
 * "dgraph.type" (a string or a list), predicates named as stored
 * ("Type.field", "Interface.field", unknown ones kept), edges as {"uid"}
 * objects, nested node objects, or lists of them. Values of predicates the
 * model knows are converted to their type; passwords are hashed.
 * All or nothing, in a fixed number of statements.
 */
import bcrypt from 'bcryptjs';
import { isEdge } from '../model/edges.js';
import type { FieldDef, SchemaModel } from '../model/types.js';
import { isPlainObject } from '../plan/context.js';
import type { Executor } from './backend/types.js';
import { ImportError, ValueError } from './errors.js';
import { exactJson, toStored } from './scalars.js';
import {
  deleteEdgesOf, insertEdges, insertPatchedNodes, mergeNodes, predicateOf, reserveUidsUpTo, secretPredicate, takeUids,
} from './sql/index.js';
import type { ImportResult } from './types.js';
import { formatUid, readUid } from '../plan/uid.js';
import { storable } from './uid.js';

const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

type Key = string; // "b:name" blank, "u:123" explicit, "a:7" anonymous

interface ImportNode {
  readonly types: Set<string>;
  /** Single values: the last one wins. */
  readonly set: Record<string, unknown>;
  /** List values: accumulated. */
  readonly append: Record<string, unknown[]>;
}

interface Predicates {
  readonly fields: ReadonlyMap<string, FieldDef>;
  readonly secrets: ReadonlySet<string>;
}

function predicatesOf(model: SchemaModel): Predicates {
  const fields = new Map<string, FieldDef>();
  const secrets = new Set<string>();
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (field.kind !== 'id' && !field.reverse) fields.set(predicateOf(field), field);
    }
    const secret = secretPredicate(type);
    if (secret) secrets.add(secret);
  }
  return { fields, secrets };
}

/** A GeoJSON value ({"type": "Point", "coordinates": [...]}) is a value, not a node. */
function isNode(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !(typeof value.type === 'string' && 'coordinates' in value);
}

class Loader {
  readonly nodes = new Map<Key, ImportNode>();
  /** Edges by (src, pred): singular predicates keep the last target. */
  readonly edges = new Map<string, { src: Key; pred: string; dsts: Key[]; singular: boolean }>();
  private anonymous = 0;

  constructor(private readonly predicates: Predicates) {}

  private keyOf(uid: unknown): Key {
    if (uid === undefined || uid === null) return `a:${this.anonymous++}`;
    if (typeof uid !== 'string') throw new ImportError(`uid must be a string, found ${JSON.stringify(uid)}`);
    if (uid.startsWith('_:')) {
      if (uid.length === 2) throw new ImportError('blank node "_:" has no name');
      return `b:${uid.slice(2)}`;
    }
    const parsed = readUid(uid);
    if (parsed === undefined || !storable(parsed)) throw new ImportError(`uid ${JSON.stringify(uid)} is not a valid uid`);
    return `u:${parsed}`;
  }

  private node(key: Key): ImportNode {
    let node = this.nodes.get(key);
    if (!node) {
      node = { types: new Set(), set: {}, append: {} };
      this.nodes.set(key, node);
    }
    return node;
  }

  /** Reads one object (a node definition or reference); returns its key. */
  read(obj: Record<string, unknown>): Key {
    const key = this.keyOf(obj.uid);
    const node = this.node(key);
    for (const [pred, value] of Object.entries(obj)) {
      if (pred === 'uid' || value === null || pred.includes('|')) continue; // facets are not kept
      if (pred === 'dgraph.type') {
        for (const t of Array.isArray(value) ? value : [value]) {
          if (typeof t !== 'string') throw new ImportError(`dgraph.type must be a string or a list of strings, found ${JSON.stringify(value)}`);
          node.types.add(t);
        }
        continue;
      }
      const items = Array.isArray(value) ? value : [value];
      // Dgraph sets nothing for an empty list, whatever the predicate holds.
      if (items.length === 0) continue;
      const objects = items.filter(isNode);
      if (objects.length > 0 && objects.length !== items.length) throw new ImportError(`predicate ${pred} mixes nodes and values`);
      if (objects.length > 0) this.link(key, pred, objects.map((o) => this.read(o)));
      else this.value(node, pred, value);
    }
    return key;
  }

  private link(src: Key, pred: string, dsts: Key[]): void {
    const field = this.predicates.fields.get(pred);
    if (field && !isEdge(field)) {
      throw new ImportError(`predicate ${pred} holds values, not nodes`);
    }
    const singular = field !== undefined && !field.type.list;
    const id = `${src}\u0000${pred}`;
    const entry = this.edges.get(id) ?? { src, pred, dsts: [], singular };
    // Not push(...dsts): spread as arguments, some 100,000 targets overflow the stack.
    for (const dst of dsts) entry.dsts.push(dst);
    if (singular) entry.dsts.splice(0, entry.dsts.length - 1);
    this.edges.set(id, entry);
  }

  private value(node: ImportNode, pred: string, value: unknown): void {
    const field = this.predicates.fields.get(pred);
    if (field && isEdge(field)) {
      throw new ImportError(`predicate ${pred} holds nodes, not values`);
    }
    const convert = (v: unknown) => {
      if (isNode(v) || Array.isArray(v)) throw new ImportError(`predicate ${pred} has a value that is neither a scalar nor a node: ${JSON.stringify(v)}`);
      try {
        return field ? toStored(field.scalar ?? 'String', v, pred) : v;
      } catch (error) {
        throw error instanceof ValueError ? new ImportError(error.message) : error;
      }
    };
    const values = (Array.isArray(value) ? value : [value]).map(convert);
    if (field?.type.list || (!field && Array.isArray(value))) {
      node.append[pred] = [...(node.append[pred] ?? []), ...values];
    } else if (values.length > 0) {
      node.set[pred] = values[values.length - 1];
    }
  }
}

async function hashSecrets(loader: Loader, secrets: ReadonlySet<string>): Promise<void> {
  for (const node of loader.nodes.values()) {
    for (const pred of secrets) {
      const plain = node.set[pred];
      if (typeof plain === 'string' && !BCRYPT_HASH.test(plain)) node.set[pred] = await bcrypt.hash(plain, 10);
    }
  }
}

function rowsOf(data: unknown): Record<string, unknown>[] {
  if (isPlainObject(data) && 'delete' in data) throw new ImportError('import only sets data: "delete" is not supported');
  const list = isPlainObject(data) && 'set' in data ? data.set : data;
  const items = Array.isArray(list) ? list : isPlainObject(list) ? [list] : null;
  if (!items || !items.every(isPlainObject)) {
    throw new ImportError('import data must be a JSON array of objects, or {"set": [...]}');
  }
  return items;
}

export async function importData(tx: Executor, model: SchemaModel, data: unknown): Promise<ImportResult> {
  const predicates = predicatesOf(model);
  const loader = new Loader(predicates);
  for (const row of rowsOf(data)) loader.read(row);
  await hashSecrets(loader, predicates.secrets);

  const keys = [...loader.nodes.keys()];
  const explicit = keys.filter((k) => k.startsWith('u:'));
  const fresh = keys.filter((k) => !k.startsWith('u:'));
  // Move the sequence past explicit uids first, so no uid handed out from now on collides with them.
  if (explicit.length > 0) {
    const highest = explicit.map((k) => BigInt(k.slice(2))).reduce((a, b) => (a > b ? a : b));
    await tx.query(reserveUidsUpTo(highest));
  }
  const uids = new Map<Key, bigint>(explicit.map((k) => [k, BigInt(k.slice(2))]));
  if (fresh.length > 0) {
    const rows = await tx.query(takeUids(fresh.length));
    fresh.forEach((k, i) => uids.set(k, BigInt(String(rows[i].uid))));
  }

  const json = (k: Key) => {
    const n = loader.nodes.get(k)!;
    return { uid: String(uids.get(k)), types: [...n.types], patch: { set: n.set, append: n.append, remove: {} } };
  };
  if (fresh.length > 0) {
    await tx.query(insertPatchedNodes(exactJson(fresh.map(json))));
  }
  if (explicit.length > 0) {
    // Explicit uids may name nodes that exist: their types and values are merged, as a Dgraph mutation would.
    await tx.query(mergeNodes(exactJson(explicit.map(json))));
  }

  const edges = [...loader.edges.values()];
  const replaced = edges.filter((e) => e.singular && e.src.startsWith('u:')).map((e) => ({ src: String(uids.get(e.src)), pred: e.pred }));
  if (replaced.length > 0) {
    await tx.query(deleteEdgesOf(JSON.stringify(replaced)));
  }
  const rows = edges.flatMap((e) => e.dsts.map((d) => ({ src: String(uids.get(e.src)), pred: e.pred, dst: String(uids.get(d)) })));
  if (rows.length > 0) {
    await tx.query(insertEdges(JSON.stringify(rows)));
  }
  const blank = Object.fromEntries(keys.filter((k) => k.startsWith('b:')).map((k) => [k.slice(2), formatUid(uids.get(k)!)]));
  return { uids: blank };
}
