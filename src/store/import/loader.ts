/**
 * Reading Dgraph mutation or export records into a batch of nodes and edges.
 * A record is an object as a Dgraph JSON mutation carries it (an RDF line
 * arrives as one too, nquads.ts): "uid" (a blank node "_:name", an explicit
 * uid, or none), "namespace" (Dgraph's, exports carry it), "dgraph.type" (a
 * string or a list), predicates named as stored ("Type.field",
 * "Interface.field", unknown ones kept), "pred@lang" for language-tagged
 * values, "pred|facet" for facets, edges as {"uid"} objects, nested node
 * objects, or lists of them. Values of predicates the model knows are
 * converted to their type.
 */
import { isEdge } from '../../model/edges.js';
import { languageTags } from '../../model/language-tags.js';
import type { FieldDef, SchemaModel, TypeDef } from '../../model/types.js';
import { isPlainObject } from '../../plan/context.js';
import { readUid } from '../../plan/uid.js';
import { ImportError, ValueError } from '../errors.js';
import { ExactNumber, toStored } from '../scalars.js';
import { predicateOf, secretPredicate } from '../sql/index.js';
import { storable } from '../uid.js';
import { storedVector } from '../vectors.js';
import { counted, type ImportWarnings } from './warnings.js';

/** "b:name" blank, "u:123" explicit, "a:7" anonymous. */
export type Key = string;

export interface ImportNode {
  readonly types: Set<string>;
  /** Single values: the last one wins. */
  readonly set: Record<string, unknown>;
  /** List values: accumulated. */
  readonly append: Record<string, unknown[]>;
}

export interface ImportEdges {
  readonly src: Key;
  readonly pred: string;
  readonly dsts: Key[];
  readonly singular: boolean;
}

/** What the model says about the predicates an import writes. */
export interface Predicates {
  readonly fields: ReadonlyMap<string, FieldDef>;
  readonly secrets: ReadonlySet<string>;
  /** Object types by the dgraph.type value their nodes carry. */
  readonly types: ReadonlyMap<string, TypeDef>;
  /** Language-tagged predicates some field reads: `Person.name@hi`, and `Person.name@.` for a field reading any language. */
  readonly tagged: ReadonlySet<string>;
}

export function predicatesOf(model: SchemaModel): Predicates {
  const fields = new Map<string, FieldDef>();
  const secrets = new Set<string>();
  const types = new Map<string, TypeDef>();
  const tagged = new Set<string>();
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (field.kind !== 'id' && !field.reverse) fields.set(predicateOf(field), field);
      const lang = languageTags(field.predicate);
      for (const tag of lang?.tags ?? []) tagged.add(`${lang!.predicate}@${tag}`);
    }
    const secret = secretPredicate(type);
    if (secret) secrets.add(secret);
    if (type.kind === 'object') types.set(type.dgraphType, type);
  }
  return { fields, secrets, types, tagged };
}

/** The nodes and edges of some records, written together (writer.ts). */
export class Batch {
  readonly nodes = new Map<Key, ImportNode>();
  /** Edges by (src, pred): singular predicates keep the last target. */
  readonly edges = new Map<string, ImportEdges>();
  /** Values, edges and types read: what N-Quads would count as triples. */
  facts = 0;

  node(key: Key): ImportNode {
    let node = this.nodes.get(key);
    if (!node) {
      node = { types: new Set(), set: {}, append: {} };
      this.nodes.set(key, node);
    }
    return node;
  }
}

/** A GeoJSON value ({"type": "Point", "coordinates": [...]}) is a value, not a node. */
function isNode(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !(value instanceof ExactNumber) && !(typeof value.type === 'string' && 'coordinates' in value);
}

/** Dgraph's own predicates and types (ACL users and groups, the GraphQL schema node): not data of the schema. */
const INTERNAL = /^dgraph\./;

export class Loader {
  batch = new Batch();
  private anonymous = 0;

  constructor(
    private readonly predicates: Predicates,
    private readonly warnings: ImportWarnings,
    /** The Dgraph namespace imported; records of others are skipped. */
    private readonly namespace: bigint,
  ) {}

  /** The batch read so far; reading goes on into a new one. */
  take(): Batch {
    const batch = this.batch;
    this.batch = new Batch();
    return batch;
  }

  /** Reads one top-level record. */
  record(record: unknown): void {
    if (!isPlainObject(record)) throw new ImportError('import data must be a JSON array of objects, or {"set": [...]}');
    const namespace = namespaceOf(record.namespace);
    if (namespace !== this.namespace) {
      const selected = this.namespace;
      this.warnings.note(`namespace ${namespace}`, (n) =>
        `${counted(n, 'record')} of namespace 0x${namespace.toString(16)} skipped: this import reads namespace 0x${selected.toString(16)}`);
      return;
    }
    this.read(record);
  }

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

  /** Reads one object (a node definition or reference); returns its key. */
  private read(obj: Record<string, unknown>): Key {
    const key = this.keyOf(obj.uid);
    const node = this.batch.node(key);
    for (const [pred, value] of Object.entries(obj)) {
      if (pred === 'uid' || pred === 'namespace' || value === null) continue;
      if (pred.includes('|')) {
        this.skipFacet(pred.slice(0, pred.indexOf('|')));
        continue;
      }
      if (pred === 'dgraph.type') {
        this.types(node, value);
        continue;
      }
      if (INTERNAL.test(pred)) {
        this.warnings.note(`internal ${pred}`, (n) => `${counted(n, 'value')} of Dgraph's internal predicate ${pred} skipped`);
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

  private types(node: ImportNode, value: unknown): void {
    for (const t of Array.isArray(value) ? value : [value]) {
      if (typeof t !== 'string') throw new ImportError(`dgraph.type must be a string or a list of strings, found ${JSON.stringify(value)}`);
      if (INTERNAL.test(t)) {
        this.warnings.note(`internal type ${t}`, (n) => `${counted(n, 'node')} of Dgraph's internal type ${t} skipped`);
        continue;
      }
      node.types.add(t);
      this.batch.facts++;
    }
  }

  private skipFacet(pred: string): void {
    this.warnings.note(`facets ${pred}`, (n) => `facets of ${counted(n, 'value')} of ${pred} ignored: authline keeps no facets`);
  }

  private link(src: Key, pred: string, dsts: Key[]): void {
    const field = this.predicates.fields.get(pred);
    if (field && !isEdge(field)) {
      throw new ImportError(`predicate ${pred} holds values, not nodes`);
    }
    const singular = field !== undefined && !field.type.list;
    const id = `${src}\u0000${pred}`;
    const entry = this.batch.edges.get(id) ?? { src, pred, dsts: [], singular };
    // Not push(...dsts): spread as arguments, some 100,000 targets overflow the stack.
    for (const dst of dsts) entry.dsts.push(dst);
    if (singular) entry.dsts.splice(0, entry.dsts.length - 1);
    this.batch.edges.set(id, entry);
    this.batch.facts += dsts.length;
  }

  private value(node: ImportNode, pred: string, value: unknown): void {
    // A language-tagged value ("Person.name@hi") is kept under its tagged name, as Dgraph stores it,
    // converted as the field naming it (`@dgraph(pred: "Person.name@hi")`) reads it, if there is one.
    const field = this.predicates.fields.get(pred);
    if (field && isEdge(field)) {
      throw new ImportError(`predicate ${pred} holds nodes, not values`);
    }
    if (field?.embedding) {
      // One value, set whole: never merged into a vector the node has.
      node.set[pred] = importedVector(field, value, pred);
      this.batch.facts += 1;
      return;
    }
    const convert = (v: unknown) => {
      if (isNode(v) || Array.isArray(v)) throw new ImportError(`predicate ${pred} has a value that is neither a scalar nor a node: ${JSON.stringify(v)}`);
      return field ? stored(field, v, pred) : v;
    };
    const values = (Array.isArray(value) ? value : [value]).map(convert);
    this.batch.facts += values.length;
    if (field?.type.list || (!field && Array.isArray(value))) {
      node.append[pred] = [...(node.append[pred] ?? []), ...values];
    } else if (values.length > 0) {
      node.set[pred] = values[values.length - 1];
    }
    const lang = languageTags(pred);
    if (lang && !this.predicates.tagged.has(pred) && !this.predicates.tagged.has(`${lang.predicate}@.`)) this.unread(lang.predicate);
  }

  /**
   * A tagged value no field reads. It is not copied to the untagged field:
   * Dgraph reads a predicate without a language as its untagged value only
   * (posting/list.go, postingForLangs: the other languages are a fallback
   * for `@.` alone), so `name` of a node holding only `name@hi` is absent.
   */
  private unread(pred: string): void {
    this.warnings.note(`lang ${pred}`, (n) =>
      `${counted(n, 'language-tagged value')} of ${pred} kept as ${pred}@lang, which no field of the schema reads: a field with @dgraph(pred: "${pred}@lang") reads it (an untagged field reads only untagged values, as in Dgraph)`);
  }
}

/** A value as `field` stores it; what cannot be converted is refused. */
function stored(field: FieldDef, value: unknown, pred: string): unknown {
  try {
    return toStored(field.scalar ?? 'String', value instanceof ExactNumber ? value.text : value, pred);
  } catch (error) {
    throw error instanceof ValueError ? new ImportError(error.message) : error;
  }
}

/**
 * An `@embedding` value: a list of numbers, or Dgraph's float32vector text
 * (`"[0.1, 0.2]"`, as its RDF literal `xs:[]float32` or a JSON string holds it).
 */
function importedVector(field: FieldDef, value: unknown, pred: string): unknown[] {
  let items = value;
  if (typeof value === 'string') {
    try {
      items = JSON.parse(value);
    } catch {
      throw new ImportError(`predicate ${pred} holds vectors, found ${JSON.stringify(value)}`);
    }
  }
  try {
    return storedVector(field, items, (v) => stored(field, v, pred));
  } catch (error) {
    throw error instanceof ValueError ? new ImportError(error.message) : error;
  }
}

/** A record's "namespace" as Dgraph's JSON parser reads it: a number, or its text ("0x2", "2"); none is 0. */
function namespaceOf(value: unknown): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(value)) return BigInt(value);
  throw new ImportError(`namespace must be a number such as 0 or "0x0", found ${JSON.stringify(value)}`);
}
