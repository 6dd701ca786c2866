/**
 * One level of a query: the node rows it yields, as a derived table
 * (uid, types, data, _t = concrete type name, _o* = order keys). Auth, the
 * user's filter and cascade are all conditions of the same WHERE, and order,
 * first and offset come after them, so a page holds only authorized nodes.
 * Nested levels are correlated to their parent row through the edge table.
 */
import type { FieldDef, TypeDef } from '../../model/types.js';
import type { Cascade, Filter, OrderKey, Selection } from '../../plan/types.js';
import { levelAuth } from './auth.js';
import { cascadeSql, effectiveCascade, type EffectiveCascade } from './cascade.js';
import type { Compiler, LevelEnv } from './compiler.js';
import { filterSql } from './filter.js';
import { membership, typeName } from './membership.js';
import { literal } from './params.js';
import { isReverse, predicateOf, rawValue, scalarOf, typed } from './values.js';

/** Where a level's nodes come from. */
export type LevelSource =
  | { readonly kind: 'all' }
  /** Targets of `field` on the parent row `parent`. */
  | { readonly kind: 'edge'; readonly parent: string; readonly field: FieldDef }
  /** These nodes (canonical decimal uids), e.g. the nodes a mutation touched. */
  | { readonly kind: 'uids'; readonly uids: readonly string[] };

/** What a level is asked: a NodeQuery, or the node part of an AggregateQuery. */
export interface LevelQuery {
  readonly concreteTypes: readonly TypeDef[];
  readonly filter: Filter | null;
  readonly order?: readonly OrderKey[];
  readonly first?: number;
  readonly offset?: number;
  readonly cascade?: Cascade | null;
  readonly selection?: readonly Selection[];
}

export interface Rows {
  /** Alias of the derived table (and of the node table inside it). */
  readonly alias: string;
  /** SELECT yielding uid, types, data, _t, _o0.. */
  readonly sql: string;
  /** ORDER BY list over the derived table, for json_agg. */
  readonly orderBy: string;
  /** The cascade in force at this level, inherited by its children. */
  readonly cascade: EffectiveCascade;
}

interface Where {
  readonly from: string;
  readonly conditions: readonly string[];
  readonly cascade: EffectiveCascade;
}

function source(c: Compiler, alias: string, from: LevelSource): { from: string; conditions: string[] } {
  switch (from.kind) {
    case 'all':
      return { from: `authline.node ${alias}`, conditions: [] };
    case 'uids':
      return { from: `authline.node ${alias}`, conditions: [`${alias}.uid = ANY(${c.params.add(from.uids, 'bigint[]')})`] };
    case 'edge': {
      const e = c.alias('e');
      const [near, far] = isReverse(from.field) ? ['dst', 'src'] : ['src', 'dst'];
      return {
        from: `authline.edge ${e} JOIN authline.node ${alias} ON ${alias}.uid = ${e}.${far}`,
        conditions: [`${e}.${near} = ${from.parent}.uid`, `${e}.pred = ${literal(predicateOf(from.field))}`],
      };
    }
  }
}

function where(c: Compiler, alias: string, q: LevelQuery, from: LevelSource, env: LevelEnv): Where | null {
  const auth = levelAuth(c, alias, q.concreteTypes, env);
  if (auth.visible.length === 0) return null;
  const { from: tables, conditions } = source(c, alias, from);
  conditions.push(membership(alias, auth.visible));
  if (auth.condition) conditions.push(auth.condition);
  if (q.filter) conditions.push(filterSql(c, alias, q.filter, q.concreteTypes));
  const cascade = effectiveCascade(q.cascade ?? null, env.cascade, q.concreteTypes);
  const required = cascadeSql(c, alias, q.selection ?? [], cascade, q.concreteTypes, env);
  if (required) conditions.push(required);
  return { from: tables, conditions, cascade };
}

function paged(q: LevelQuery): boolean {
  return q.first !== undefined || (q.offset !== undefined && q.offset > 0);
}

/** The level's rows; null when auth leaves no type visible (the level is empty). */
export function rowsSql(c: Compiler, q: LevelQuery, from: LevelSource, env: LevelEnv): Rows | null {
  const alias = c.alias();
  const w = where(c, alias, q, from, env);
  if (!w) return null;
  // Order keys on lists have no single value to sort by; Dgraph's API offers none.
  const keys = (q.order ?? []).filter((k) => !k.field.type.list);
  const columns = keys.map((k, i) => `${typed(scalarOf(k.field), rawValue(alias, k.field))} AS _o${i}`);
  // Dgraph sorts nodes lacking the value last in both directions; ties by uid.
  const direction = (desc: boolean) => (desc ? 'DESC NULLS LAST' : 'ASC NULLS LAST');
  const orderBy = (prefix: string, reverse: boolean) => [
    ...keys.map((k, i) => `${prefix}_o${i} ${direction(k.desc !== reverse)}`),
    `${prefix}uid ${reverse ? 'DESC' : 'ASC'}`,
  ].join(', ');
  let sql = `SELECT ${alias}.uid, ${alias}.types, ${alias}.data, ${typeName(alias, q.concreteTypes)} AS _t`
    + `${columns.map((col) => `, ${col}`).join('')} FROM ${w.from} WHERE ${w.conditions.join(' AND ')}`;
  if (paged(q)) {
    // A negative `first` takes the last nodes, as DQL does: read backwards, json_agg restores the order.
    const reverse = q.first !== undefined && q.first < 0;
    sql += ` ORDER BY ${orderBy('', reverse)}`;
    if (q.first !== undefined) sql += ` LIMIT ${c.params.add(Math.abs(q.first), 'bigint')}`;
    if (q.offset) sql += ` OFFSET ${c.params.add(q.offset, 'bigint')}`;
  }
  return { alias, sql, orderBy: orderBy(`${alias}.`, false), cascade: w.cascade };
}

/** Whether the level has at least one row (its page, when it is paged). */
export function existsSql(c: Compiler, q: LevelQuery, from: LevelSource, env: LevelEnv): string {
  if (paged(q)) {
    const rows = rowsSql(c, q, from, env);
    return rows ? `EXISTS (SELECT 1 FROM (${rows.sql}) ${rows.alias})` : 'FALSE';
  }
  const alias = c.alias();
  const w = where(c, alias, q, from, env);
  return w ? `EXISTS (SELECT 1 FROM ${w.from} WHERE ${w.conditions.join(' AND ')})` : 'FALSE';
}
