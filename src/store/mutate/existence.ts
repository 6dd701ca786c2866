/**
 * Which nodes a mutation's input refers to. One pass over the input (Dgraph's
 * existence queries) collects every referenced uid and @id value and reports
 * input errors (unparsable ids, duplicate @id definitions, empty @id values);
 * then ONE statement looks them all up, whatever the size of the input.
 */
import type { FieldDef, SchemaModel, TypeDef } from '../../model/types.js';
import type { InputObject } from '../../plan/types.js';
import type { Executor } from '../backend/types.js';
import { ValueError } from '../errors.js';
import { lockingLookUp, lookUpNodes, predicateOf, render, type Statement, type ValueLock, type ValueLookup } from '../sql/index.js';
import { readUid } from '../../plan/uid.js';
import { storable } from '../uid.js';
import { isEdge } from '../../model/edges.js';
import { isPlainObject } from '../../plan/context.js';
import { memberOf, objectsOf, withoutBackReference, xidKey, xidText } from './input.js';

export interface Holder {
  readonly uid: bigint;
  /** The node's dgraph.type list. */
  readonly types: readonly string[];
}

/** What the input refers to, before looking it up. */
export class References {
  readonly uids = new Set<bigint>();
  /** Predicate → scalar and @id values (as text) to look up. */
  readonly values = new Map<string, { readonly field: FieldDef; readonly texts: Set<string> }>();
  /** First full definition of each @id node (later occurrences only reference it). */
  readonly definitions = new Map<string, InputObject>();
  readonly reasons: string[] = [];
  private readonly seenUids = new Set<string>();
  private readonly seenAtTopLevel = new Set<string>();

  constructor(private readonly model: SchemaModel) {}

  /** Walks one input object of `type` (Dgraph: existenceQueries). */
  collect(type: TypeDef, input: InputObject, srcField: FieldDef | null): void {
    const obj = withoutBackReference(this.model, input, srcField);
    const idField = type.idField;
    if (idField && obj[idField.name] != null) {
      const raw = String(obj[idField.name]);
      if (this.seenUids.has(raw)) return;
      this.seenUids.add(raw);
      const uid = readUid(raw);
      if (uid === undefined) this.reasons.push(`ID argument (${raw}) was not able to be parsed`);
      else if (storable(uid)) this.uids.add(uid);
      return; // a reference by id: nothing else of the object matters
    }
    for (const xid of type.xidFields) {
      if (obj[xid.name] == null) continue;
      let text: string;
      try {
        text = xidText(xid, obj[xid.name]);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        this.reasons.push(error.message);
        return;
      }
      const key = xidKey(type, xid, text);
      const prior = this.definitions.get(key);
      if (prior) {
        if (this.isDuplicate(srcField === null, key, obj, prior, srcField)) {
          this.reasons.push(`duplicate XID found: ${text}`);
          return;
        }
        // A bare reference seen first, the definition now: traverse the definition.
        if (Object.keys(prior).length === 1 && Object.keys(obj).length > 1) this.definitions.set(key, obj);
        else return;
      } else {
        this.definitions.set(key, obj);
        if (srcField === null) this.seenAtTopLevel.add(key);
        this.want(xid, text);
      }
    }
    for (const name of Object.keys(obj).sort()) {
      const value = obj[name];
      const field = type.fieldMap.get(name);
      if (!field || value == null) continue;
      if (isEdge(field)) {
        for (const { obj: item, index } of objectsOf(value)) {
          if (!isPlainObject(item)) continue;
          const member = memberOf(this.model, type, field, item, index);
          if ('error' in member) this.reasons.push(member.error);
          else this.collect(member.type, member.obj, field);
        }
      } else if (field.xid && value === '') {
        this.reasons.push(`encountered an empty value for @id field \`${predicateOf(field)}\``);
        return;
      }
    }
  }

  private want(field: FieldDef, text: string): void {
    const predicate = predicateOf(field);
    const entry = this.values.get(predicate) ?? { field, texts: new Set<string>() };
    entry.texts.add(text);
    this.values.set(predicate, entry);
  }

  /** Dgraph's isDuplicateXid. */
  private isDuplicate(topLevel: boolean, key: string, obj: InputObject, prior: InputObject, srcField: FieldDef | null): boolean {
    if (topLevel && this.seenAtTopLevel.has(key)) return true;
    if (srcField?.inverse) {
      const inverse = this.model.types.get(srcField.type.name)?.fieldMap.get(srcField.inverse);
      if (inverse && !inverse.type.list) return true;
    }
    return Object.keys(obj).length > 1 && Object.keys(prior).length > 1 && !deepEqual(obj, prior);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The nodes found for the references. */
export class Existence {
  constructor(
    private readonly byUid: ReadonlyMap<bigint, readonly string[]>,
    private readonly byValue: ReadonlyMap<string, readonly Holder[]>,
    /** What the write must look for again (null: no @id value was looked up). */
    readonly recheck: Recheck | null = null,
    /** The lookup's rows as text: for one input, the same text is the same nodes found (compiled.ts keys writes by it). */
    readonly found = '',
  ) {}

  /** dgraph.type of an existing node, undefined when there is no such node. */
  typesOf(uid: bigint): readonly string[] | undefined {
    return this.byUid.get(uid);
  }

  /** Nodes holding @id value `text` in `field`. */
  holders(field: FieldDef, text: string): readonly Holder[] {
    return this.byValue.get(`${predicateOf(field)}\u0000${text}`) ?? [];
  }
}

/**
 * The @id values to look for again once the locks are held, and the nodes
 * that held them when looked up: a node holding one now that is not among
 * them was committed by a concurrent mutation in between.
 */
export interface Recheck {
  readonly values: readonly ValueLookup[];
  readonly holders: readonly bigint[];
}

/**
 * The statement looking up what `refs` names, which also takes the advisory
 * locks that serialise concurrent mutations creating the same @id value, on
 * the values it found no node holding (held until commit; sql/lookup.ts
 * lockingLookUp). Null when the input names nothing.
 */
export function lookupStatement(refs: References): Statement | null {
  // In one order in every mutation, so that two never wait for each other's locks.
  const locks: ValueLock[] = [...refs.values].flatMap(([pred, { texts }]) => [...texts].map((value) => ({ key: JSON.stringify([pred, value]), pred, value })))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lookup = lookUpNodes([...refs.uids], valuesOf(refs));
  return lookup && render(lockingLookUp(lookup, locks));
}

function valuesOf(refs: References): ValueLookup[] {
  return [...refs.values].map(([predicate, { field, texts }]) => ({ predicate, scalar: field.scalar ?? 'String', texts: [...texts] }));
}

/** Looks up what `refs` names in ONE statement (`statement`: lookupStatement's, kept from an earlier run). */
export async function lookUp(tx: Executor, refs: References, statement = lookupStatement(refs)): Promise<Existence> {
  const values = valuesOf(refs);
  const byUid = new Map<bigint, readonly string[]>();
  const byValue = new Map<string, Holder[]>();
  const rows = statement ? await tx.query(statement) : [];
  for (const row of rows) {
    const uid = BigInt(String(row.uid));
    const types = row.types as string[];
    if (row.pred === null) {
      byUid.set(uid, types);
    } else {
      const key = `${String(row.pred)}\u0000${String(row.value)}`;
      byValue.set(key, [...(byValue.get(key) ?? []), { uid, types }]);
    }
  }
  const holders = [...new Set([...byValue.values()].flat().map((h) => h.uid))];
  return new Existence(byUid, byValue, values.length > 0 ? { values, holders } : null, JSON.stringify(rows));
}
