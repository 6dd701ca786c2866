/**
 * Finding the nodes a mutation's input refers to, in ONE statement whatever
 * the size of the input: by uid, and by @id value through the field's typed
 * view (so the @id index serves the lookup). Rows: `pred` and `value` (null
 * for a uid lookup), the node's decimal `uid` and its `types`.
 */
import type { ScalarName } from '../../model/types.js';
import { sqlType, toOperand } from '../scalars.js';
import { join, literal, param, sql, type Sql } from './fragment.js';
import { indexedComparison } from './btree.js';
import { storedValue } from './values.js';

export interface ValueLookup {
  readonly predicate: string;
  readonly scalar: ScalarName;
  /** The values sought, as text. */
  readonly texts: readonly string[];
}

/** An @id value a mutation may create: its lock `key` and the value it is, as the lookup's rows name it. */
export interface ValueLock {
  readonly key: string;
  readonly pred: string;
  readonly value: string;
}

/**
 * A mutation's lookup that, before answering, takes an advisory lock on
 * each of `locks` that it found no node holding (a value this mutation may
 * create; held until commit, so concurrent mutations creating the same
 * value run one after the other; a value already held needs none, so adds
 * that only refer to an existing node never wait for each other). The
 * lookup reads the database as the statement began, which may be before a
 * competitor whose lock it waited for committed: the write statement, which
 * begins once the locks are held, looks again (MutationWrite.recheck).
 * Both sides are a handful of rows: OFFSET 0 keeps the NOT EXISTS a probe
 * per key, where a hash anti-join would build a hash table for each lookup.
 */
export function lockingLookUp(lookup: Sql, locks: readonly ValueLock[]): Sql {
  if (locks.length === 0) return lookup;
  const column = (pick: (lock: ValueLock) => string) => param(locks.map(pick), 'text[]');
  return sql`WITH found AS MATERIALIZED (${lookup})
     SELECT * FROM found
     WHERE (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(k.key, 0))
              FROM unnest(${column((l) => l.key)}, ${column((l) => l.pred)}, ${column((l) => l.value)}) AS k(key, pred, value)
              WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.pred = k.pred AND f.value = k.value OFFSET 0)) AS locks) >= 0`;
}

/** The nodes with these uids or holding these values; null when nothing is sought. */
export function lookUpNodes(uids: readonly bigint[], values: readonly ValueLookup[]): Sql | null {
  const branches: Sql[] = [];
  if (uids.length > 0) {
    branches.push(sql`SELECT NULL::text AS pred, NULL::text AS value, n.uid::text AS uid, n.types
      FROM unnest(${param(uids.map(String), 'bigint[]')}) AS v(uid) JOIN authline.node n ON n.uid = v.uid`);
  }
  for (const { predicate, scalar, texts } of values) {
    const sought = param(texts.map((t) => toOperand(scalar, t, predicate)), `${sqlType(scalar)}[]`);
    branches.push(sql`SELECT ${literal(predicate)} AS pred, v.value::text AS value, n.uid::text AS uid, n.types
      FROM unnest(${sought}) AS v(value)
      JOIN authline.node n ON ${indexedComparison(scalar, storedValue(sql`n`, predicate), '=', sql`v.value`)}`);
  }
  return branches.length === 0 ? null : join(branches, sql`\nUNION ALL\n`);
}
