/**
 * Dgraph's mutation rewriting, against the nodes that exist: every input
 * object becomes a reference to an existing node, a new node, or (upsert)
 * an update of an existing node, with Dgraph's rules and error texts:
 * duplicate @id values, references to missing nodes, new nodes lacking
 * required values. The result is a WritePlan; nothing is written here.
 */
import type { FieldDef, SchemaModel, TypeDef } from '../../model/types.js';
import type { InputObject } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import { MutationFailedError, ValueError } from '../errors.js';
import { exactJson, toStored } from '../scalars.js';
import { predicateOf, secretPredicate } from '../sql/index.js';
import { formatUid, readUid } from '../../plan/uid.js';
import type { Existence, Holder, References } from './existence.js';
import { isEdge } from '../../model/edges.js';
import { isPlainObject } from '../../plan/context.js';
import { memberOf, objectsOf, withoutBackReference, xidKey, xidText } from './input.js';
import { dgraphTypesOf, inverseOf, objectTypes } from './model.js';
import { TARGETS, type NodeRef, type WritePlan } from './plan.js';
import { withDefaults } from './defaults.js';
import { storedVector } from '../vectors.js';

/**
 * add: new top-level nodes; upsert: add, updating top-level nodes whose @id
 * exists; set/remove: the two halves of an update (the top level is the
 * update's targets).
 */
export type RewriteMode = 'add' | 'upsert' | 'set' | 'remove';

/** The result for one object: a node, or null after an error (recorded in `reasons`), or skipped. */
export type Rewritten = NodeRef | null | 'skipped';

export class Rewriter {
  readonly reasons: string[] = [];
  private readonly createdByXid = new Map<string, NodeRef>();
  /** The time `@default(... {value: "$now"})` writes: one for the whole mutation, taken when first written. */
  #now: Date | undefined;

  constructor(
    private readonly model: SchemaModel,
    private readonly policy: AuthPolicy,
    private readonly refs: References,
    private readonly existence: Existence,
    private readonly plan: WritePlan,
    /** Top-level nodes an upsert may update (they pass the update rule); others are skipped. */
    private readonly updatable: ReadonlySet<bigint> = new Set(),
  ) {}

  /** Whether what the rewrite wrote depends on when it ran (a `"$now"` default): then it is never kept for another run. */
  get timed(): boolean {
    return this.#now !== undefined;
  }

  /** Whether a node with dgraph.type `types` is a `type`. */
  private isA(types: readonly string[], type: TypeDef): boolean {
    return types.includes(type.dgraphType) || objectTypes(this.model, type).some((t) => types.includes(t.dgraphType));
  }

  /**
   * Dgraph hides existence facts of types with a query rule behind "GraphQL
   * debug:"; so does authline when the @id field itself has a query rule.
   */
  private conceal(type: TypeDef, message: string, field?: FieldDef): string {
    const ruled = field !== undefined && objectTypes(this.model, type).some((t) => this.policy.ruledFields(t.name, 'query').includes(field.name));
    return ruled || this.policy.hasRule(type.name, 'query') ? `GraphQL debug: ${message}` : message;
  }

  private holdersOf(type: TypeDef, xid: FieldDef, text: string): { own: Holder[]; other: Holder[]; iface?: TypeDef } {
    const holders = this.existence.holders(xid, text);
    const own = holders.filter((h) => this.isA(h.types, type));
    const iface = xid.xidInterface && xid.declaredIn !== type.name ? this.model.types.get(xid.declaredIn) : undefined;
    return { own, other: iface ? holders.filter((h) => this.isA(h.types, iface)) : [], iface };
  }

  /** The existing node a top-level upsert input would update, if any. */
  upsertTarget(type: TypeDef, obj: InputObject): bigint | undefined {
    for (const xid of type.xidFields) {
      if (obj[xid.name] == null) continue;
      const { own } = this.holdersOf(type, xid, xidText(xid, obj[xid.name]));
      if (own.length === 1) return own[0].uid;
    }
    return undefined;
  }

  rewrite(type: TypeDef, input: InputObject, srcField: FieldDef | null, mode: RewriteMode): Rewritten {
    const topLevel = srcField === null;
    const obj = withoutBackReference(this.model, input, srcField);

    const idField = type.idField;
    if (idField && obj[idField.name] != null) {
      const raw = String(obj[idField.name]);
      const uid = readUid(raw);
      if (uid === undefined) return null; // reported while collecting references
      const types = this.existence.typesOf(uid);
      if (types && this.isA(types, type)) return { kind: 'existing', uid };
      this.reasons.push(`ID "${raw}" isn't a ${type.name}`);
      return null;
    }

    let upsertTarget: bigint | undefined;
    const newXids: string[] = [];
    // Several @id values of one object naming different existing nodes (Dgraph: gotMultipleExistingNodes).
    const found = new Set(type.xidFields.filter((x) => obj[x.name] != null)
      .flatMap((x) => this.holdersOf(type, x, xidText(x, obj[x.name])).own.map((h) => h.uid)));
    for (const xid of type.xidFields) {
      if (obj[xid.name] == null) continue;
      const text = xidText(xid, obj[xid.name]);
      const key = xidKey(type, xid, text);
      const earlier = this.createdByXid.get(key);
      if (earlier) {
        if (topLevel) { this.reasons.push(`duplicate XID found: ${text}`); return null; }
        return earlier; // defined earlier in this mutation: a reference to that new node
      }
      const { own, other, iface } = this.holdersOf(type, xid, text);
      if (own.length > 1) throw new MutationFailedError(`Found multiple nodes with ID: ${formatUid(own[0].uid)}`);
      if (own.length === 0 && other.length === 0) { newXids.push(key); continue; }
      const interfaceError = () => this.conceal(type,
        `id ${text} already exists for field ${xid.name} in some other implementing type of interface ${iface?.name ?? ''}`, xid);
      const multiple = () => this.conceal(type, 'multiple nodes found for given xid values, updation not possible', xid);
      if (topLevel && mode !== 'upsert') {
        this.reasons.push(own.length > 0
          ? this.conceal(type, `id ${text} already exists for field ${xid.name} inside type ${type.name}`, xid)
          : interfaceError());
        return null;
      }
      if (found.size > 1) { this.reasons.push(multiple()); return null; }
      if (own.length === 0) { this.reasons.push(interfaceError()); return null; }
      if (!topLevel) return { kind: 'existing', uid: own[0].uid };
      upsertTarget = own[0].uid;
    }

    let fields = obj;
    if (newXids.length > 0 && upsertTarget === undefined) {
      // The first full definition of a new @id node describes it; other occurrences reference it.
      fields = this.refs.definitions.get(newXids[0]) ?? obj;
      if (!(mode === 'set' && topLevel)) {
        const exclude = srcField ? inverseOf(this.model, srcField)?.name : undefined;
        const missing = type.fields.find((f) => f.type.nonNull && f.kind !== 'id' && f.name !== exclude && fields[f.name] == null && f.defaults?.add === undefined);
        if (missing) {
          this.reasons.push(`type ${type.name} requires a value for field ${missing.name}, but no value present`);
          return null;
        }
      }
    }
    if (upsertTarget === undefined && (mode === 'add' || mode === 'upsert' || !topLevel)) {
      const missing = type.xidFields.find((f) => fields[f.name] == null && f.type.nonNull && ['String', 'Int', 'Int64'].includes(f.scalar ?? ''));
      if (missing) { this.reasons.push(`field ${missing.name} cannot be empty`); return null; }
    }

    let self: NodeRef;
    if (topLevel && (mode === 'set' || mode === 'remove')) {
      self = TARGETS;
    } else if (upsertTarget !== undefined) {
      if (!this.updatable.has(upsertTarget)) return 'skipped'; // fails the update rule: silently untouched
      self = { kind: 'existing', uid: upsertTarget };
    } else if (mode === 'remove') {
      this.reasons.push('id is not provided');
      return null;
    } else {
      if (type.kind !== 'object') {
        this.reasons.push(`ID is required to reference a node of interface ${type.name}`);
        return null;
      }
      self = this.plan.create(type, dgraphTypesOf(this.model, type));
      for (const key of newXids) this.createdByXid.set(key, self);
    }
    // Dgraph adds the update defaults to the object it rewrites for `remove` too: they go into the delete,
    // so a field still holding its update default loses it (rewriteObject, action "update" for a top-level remove).
    const action = self.kind === 'created' ? 'add' : 'update';
    if (action) fields = withDefaults(type, fields, action, () => (this.#now ??= new Date()));
    this.fields(type, self, fields, mode === 'remove' ? 'remove' : self.kind === 'created' ? 'new' : 'existing', mode);
    return self;
  }

  /** Writes the fields of `obj` (its back-reference to the parent already dropped) to node `self`. */
  private fields(type: TypeDef, self: NodeRef, obj: InputObject, target: 'new' | 'existing' | 'remove', mode: RewriteMode): void {
    for (const name of Object.keys(obj).sort()) {
      const value = obj[name];
      if (name === type.secretField) {
        const predicate = secretPredicate(type);
        if (!predicate) continue;
        // A stored hash never equals a given value: remove drops the password only for null.
        if (target === 'remove') { if (value === null) this.plan.removeValue(self, predicate, null); }
        else if (typeof value === 'string') this.plan.passwords.push({ node: self, predicate, plain: value });
        continue;
      }
      const field = type.fieldMap.get(name);
      if (!field) throw new Error(`${type.name} has no field ${name}`);
      if (field.kind === 'id' || field.reverse || field.predicate.startsWith('~')) continue;
      if (isEdge(field)) this.edges(type, self, field, value, target, mode);
      else this.scalar(self, field, value, target);
    }
  }

  private scalar(self: NodeRef, field: FieldDef, value: unknown, target: 'new' | 'existing' | 'remove'): void {
    const predicate = predicateOf(field);
    if (value === null || value === undefined) {
      // null in set is ignored; null in remove drops the value, whatever it is.
      if (target === 'remove') this.plan.removeValue(self, predicate, null);
      return;
    }
    try {
      const store = (v: unknown) => toStored(field.scalar ?? 'String', v, field.predicate);
      if (field.embedding) {
        // One value, written and removed whole, as Dgraph stores a vector (mutation_rewriter.go).
        const vector = storedVector(field, value, store);
        if (target === 'remove') this.plan.removeValue(self, predicate, { whole: vector });
        else {
          this.plan.setValue(self, predicate, vector);
          if (field.embedding.indexed) {
            const type = this.model.types.get(field.declaredIn)?.dgraphType ?? field.declaredIn;
            this.plan.vectors.push({ predicate, type, length: vector.length, metric: field.embedding.metric });
          }
        }
        return;
      }
      if (!field.type.list) {
        const stored = store(value);
        if (target === 'remove') this.plan.removeValue(self, predicate, stored);
        else this.plan.setValue(self, predicate, stored);
        return;
      }
      const seen = new Set<string>();
      const values = (Array.isArray(value) ? value : [value]).map(store).filter((v) => {
        const text = exactJson(v);
        return !seen.has(text) && (seen.add(text), true);
      });
      if (target === 'remove') this.plan.removeValue(self, predicate, values);
      else this.plan.appendValues(self, predicate, values);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      this.reasons.push(error.message);
    }
  }

  private edges(type: TypeDef, self: NodeRef, field: FieldDef, value: unknown, target: 'new' | 'existing' | 'remove', mode: RewriteMode): void {
    const predicate = predicateOf(field);
    if (value === null || value === undefined) {
      if (target === 'remove') this.plan.unlinks.push({ src: self, predicate, dst: null });
      return;
    }
    for (const { obj, index } of objectsOf(value)) {
      if (!isPlainObject(obj)) continue;
      const member = memberOf(this.model, type, field, obj, index);
      if ('error' in member) { this.reasons.push(member.error); continue; }
      const child = this.rewrite(member.type, member.obj, field, mode);
      if (child === null || child === 'skipped') continue;
      (target === 'remove' ? this.plan.unlinks : this.plan.links).push({ src: self, predicate, dst: child });
    }
  }
}
