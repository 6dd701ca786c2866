/**
 * The compiler's recursion, kept in one place as graphql-js keeps
 * executeFields … completeObjectValue together. One level of a query is a
 * derived table of node rows (uid, types, data, _t = concrete type name,
 * _o* = order keys); auth, the user's filter and @cascade are conditions of
 * the same WHERE, and order, first and offset come after them, so a page
 * holds only authorized nodes. Nested levels are correlated to their parent
 * row through the edge table. The recursion runs through three things a
 * level's WHERE may ask of other levels:
 *
 * - auth: per concrete type, allow adds nothing, deny removes the type's
 *   nodes, filter adds the residual as a predicate. Residuals keep Kleene
 *   logic by mapping it onto SQL's: unknown is NULL, and a WHERE keeps only
 *   rows whose condition is TRUE. A `reach` residual is the rule's query
 *   read from the node itself, with no auth;
 * - @cascade: a node stays only if every selected field (or every named one)
 *   is present: a scalar has a value, an edge has at least one child that
 *   itself survives its level's auth, filter and cascade. The plan resolves
 *   which cascade applies at each level (inherited from above, and on every
 *   level of a graph rule's traversal); this module only reads it;
 * - existence: whether a level (its page, when paged) has any row.
 */
import type { TypeDef } from '../../model/types.js';
import type { Cascade, Filter, NodeQuery, Selection } from '../../plan/types.js';
import type { AuthPolicy, Decision, FieldAuthOperation, Residual } from '../../rules/policy.js';
import { STORED_GRAPH, UNGUARDED, type Compiler, type FieldGuard, type LevelEnv, type LevelQuery, type LevelSource, type Rows } from './compiler.js';
import { identifier, join, literal, param, rowCount, sql, type Sql } from './fragment.js';
import { filterSql, guardedCondition, junction } from './filter.js';
import { isOneOf, membership, perType, typeName } from './membership.js';
import { rowCap } from './reads.js';
import { guarded, hasValue, isReverse, predicateOf, rawValue, scalarOf, typed } from './values.js';

export interface LevelAuth {
  /** The level's object types that may contribute nodes at all. */
  readonly visible: readonly TypeDef[];
  /** Extra condition on the level's rows; null when every type is allowed. */
  readonly condition: Sql | null;
}

/**
 * The rules' view of a graph rule's own traversal from a row read under
 * `env`: no policy, every level read as a query, probed as that row is.
 */
function ruleTraversal(env: LevelEnv): LevelEnv {
  return { policy: null, operation: 'query', probe: env.probe, uid: env.uid };
}

/** The uid of row `alias` as `env` knows it (LevelEnv.uid). */
function rowUid(alias: Sql, env: LevelEnv): Sql {
  return env.uid ?? sql`${alias}.uid`;
}

/**
 * Whether node `alias` is in the answer of graph rule `rule`: a plain
 * conjunction of EXISTS and the rule's root filter, so that as a level's only
 * rule PostgreSQL can plan it as a semi-join and serve the filter from an
 * expression index.
 *
 * A rule's answer is a set, so the reach is never unknown; but the filter may
 * be NULL where Dgraph's is false (a missing value). Where the reach is read
 * positively (no NOT above it, the residual used only as a condition that
 * keeps TRUE rows), NULL and FALSE are alike: AND and OR are monotone, so a
 * NULL in place of FALSE can never turn the whole into TRUE or TRUE into
 * anything else. Only under an odd number of NOTs must the filter be
 * coalesced, or NOT would keep a NULL where Dgraph's answer is TRUE. The
 * COALESCE is left out otherwise because it hides the filter from indexes.
 */
function reachSql(c: Compiler, alias: Sql, rule: NodeQuery, negated: boolean, env: LevelEnv): Sql {
  const parts = [membership(alias, rule.concreteTypes)];
  if (rule.filter) {
    const filter = filterSql(c, alias, rule.filter, rule.concreteTypes);
    parts.push(negated ? sql`COALESCE(${filter}, FALSE)` : filter);
  }
  const required = cascadeSql(c, alias, rule.selection, rule.cascade, rule.concreteTypes, ruleTraversal(env));
  if (required) parts.push(required);
  return sql`(${join(parts, sql` AND `)})`;
}

/**
 * A residual as an SQL condition, meant to be tested for TRUE only (a WHERE,
 * or `COALESCE(condition, FALSE)`): its value may be NULL where it is FALSE.
 * `negated` says whether an odd number of NOTs lies above (see reachSql);
 * `env`, how the row's level is read (its probe and uid).
 */
function residualSql(c: Compiler, alias: Sql, residual: Residual, env: LevelEnv, negated = false): Sql {
  const sub = (r: Residual) => residualSql(c, alias, r, env, negated);
  switch (residual.kind) {
    case 'and':
      return junction('AND', residual.items.map(sub));
    case 'or':
      return junction('OR', residual.items.map(sub));
    case 'not':
      return sql`(NOT ${residualSql(c, alias, residual.item, env, !negated)})`;
    case 'unknown':
      return sql`NULL::boolean`;
    case 'reach':
      return reachSql(c, alias, residual.query, negated, env);
  }
}

/**
 * The auth part of a level whose object types are `types`, read under `env`.
 * Its condition may be NULL where the rule denies (see residualSql): callers
 * use it only as a WHERE condition or inside `COALESCE(condition, FALSE)`,
 * never negated or read as a value.
 */
export function levelAuth(c: Compiler, alias: Sql, types: readonly TypeDef[], env: LevelEnv): LevelAuth {
  const policy = env.policy;
  if (!policy) return { visible: types, condition: null };
  const decisions = types.map((t) => policy.decide(t.name, env.operation));
  if (decisions.every((d) => d.kind === 'allow')) return { visible: types, condition: null };
  const visible = types.filter((_, i) => decisions[i].kind !== 'deny');
  if (visible.length === 0) return { visible, condition: sql`FALSE` };
  return { visible, condition: perType(alias, types, decisions.map((d) => decisionSql(c, alias, d, env))) };
}

/** A decision on row `alias`, read under `env`, as a condition (NULL where a residual denies, see residualSql). */
function decisionSql(c: Compiler, alias: Sql, decision: Decision, env: LevelEnv): Sql {
  return decision.kind === 'allow' ? sql`TRUE` : decision.kind === 'deny' ? sql`FALSE` : residualSql(c, alias, decision.residual, env);
}

/**
 * The condition that `operation`'s rule of field `field` holds on row `alias`
 * (of a level with object types `types`); null when it holds for every type
 * (no policy, or no rule). May be NULL where it does not hold (see residualSql).
 * `probe`: the row's level is probed (LevelEnv.probe); `uid`, its uid as the
 * level's source knows it (LevelEnv.uid).
 */
export function fieldRuleSql(
  c: Compiler, alias: Sql, types: readonly TypeDef[], field: string, operation: FieldAuthOperation, policy: AuthPolicy | null,
  probe = false, uid?: Sql,
): Sql | null {
  if (!policy || !types.some((t) => policy.ruledFields(t.name, operation).includes(field))) return null;
  const decisions = types.map((t) => policy.decideField(t.name, field, operation));
  if (decisions.every((d) => d.kind === 'allow')) return null;
  const env: LevelEnv = { policy, operation, probe, uid };
  return perType(alias, types, decisions.map((d) => decisionSql(c, alias, d, env)));
}

/**
 * What the reader of row `alias` (of a level with object types `types`) may
 * see of its fields under `env`'s policy: each field's query rule. A rule's
 * own traversal (no policy) sees everything.
 */
export function fieldGuard(c: Compiler, alias: Sql, types: readonly TypeDef[], env: LevelEnv): FieldGuard {
  const policy = env.policy;
  if (!policy || types.every((t) => policy.ruledFields(t.name, 'query').length === 0)) return UNGUARDED;
  return (field) => fieldRuleSql(c, alias, types, field.name, 'query', policy, env.probe, env.uid);
}

/** Whether @cascade requires `selection` to be present (uid, __typename and aggregates never are). */
function isRequired(selection: Selection, cascade: Cascade): boolean {
  if (selection.kind !== 'scalar' && selection.kind !== 'edge') return false;
  if (selection.kind === 'scalar' && selection.forCustom) return false;
  return cascade.kind === 'all' || cascade.fields.includes(selection.field.name);
}

/**
 * The condition that row `alias` (of a level with object types `types`) has
 * every field `cascade` requires; null when nothing is required. Edges are
 * read under `env`'s policy (nested levels always with the query rule).
 */
function cascadeSql(
  c: Compiler, alias: Sql, selection: readonly Selection[], cascade: Cascade | null | undefined,
  types: readonly TypeDef[], env: LevelEnv,
): Sql | null {
  if (!cascade) return null;
  const conditions: Sql[] = [];
  // A field its rule hides is absent to @cascade too.
  const guard = fieldGuard(c, alias, types, env);
  for (const s of selection) {
    if (!isRequired(s, cascade)) continue;
    let condition = s.kind === 'scalar'
      ? guardedCondition(guard(s.field), hasValue(alias, s.field))
      : s.kind === 'edge'
        ? existsSql(c, s.query, { kind: 'edge', parentUid: rowUid(alias, env), field: s.field, visible: guard(s.field) }, { policy: env.policy, operation: 'query', probe: env.probe })
        : sql`TRUE`;
    if (s.onTypes) {
      // A fragment's fields are required of the fragment's types only.
      condition = sql`CASE WHEN ${isOneOf(typeName(alias, types), s.onTypes)} THEN ${condition} ELSE TRUE END`;
    }
    conditions.push(condition);
  }
  return conditions.length === 0 ? null : join(conditions, sql` AND `);
}

interface Where {
  readonly from: Sql;
  readonly conditions: readonly Sql[];
  /** The level's uid, as its source knows it (for an edge, the edge's end, in the edge index's order). */
  readonly uid: Sql;
}

type EdgeSource = Extract<LevelSource, { kind: 'edge' }>;

/** The edges of an edge source: the table, its far end (the targets' uids) and the conditions that tie it to the parent. */
function edges(c: Compiler, from: EdgeSource): { from: Sql; far: Sql; conditions: Sql[] } {
  const e = c.alias('e');
  const [near, far] = isReverse(from.field) ? [sql`dst`, sql`src`] : [sql`src`, sql`dst`];
  const conditions = [sql`${e}.${near} = ${from.parentUid}`, sql`${e}.pred = ${literal(predicateOf(from.field))}`];
  // The parent's field hidden by its rule: no targets at all, as if it had none.
  if (from.visible) conditions.push(from.visible);
  return { from: sql`${c.graph.edge} ${e}`, far: sql`${e}.${far}`, conditions };
}

/**
 * The tables a level reads and the conditions that tie them to its source.
 * A probed level reads an edge's target by its primary key, one row per
 * edge, behind a fence (OFFSET 0) that keeps PostgreSQL from joining the
 * edges to every node of the type instead (a merge join over the whole type
 * index, or a bitmap AND with it, whose cost grows with the type).
 */
function source(c: Compiler, alias: Sql, from: LevelSource, probe: boolean): { from: Sql; conditions: Sql[]; uid: Sql } {
  switch (from.kind) {
    case 'all':
      return { from: sql`${c.graph.node} ${alias}`, conditions: [], uid: sql`${alias}.uid` };
    case 'uids':
      return { from: sql`${c.graph.node} ${alias}`, conditions: [sql`${alias}.uid = ANY(${param(from.uids, 'bigint[]')})`], uid: sql`${alias}.uid` };
    case 'edge': {
      const { from: table, far, conditions } = edges(c, from);
      const target = probe
        ? sql`CROSS JOIN LATERAL (SELECT * FROM ${c.graph.node} ${alias} WHERE ${alias}.uid = ${far} OFFSET 0) ${alias}`
        : sql`JOIN ${c.graph.node} ${alias} ON ${alias}.uid = ${far}`;
      return { from: sql`${table} ${target}`, conditions, uid: far };
    }
    case 'nearest':
      return { from: from.table(alias), conditions: [], uid: sql`${alias}.uid` };
  }
}

/** `EXISTS (query)`, fenced (OFFSET 0) on a probed level so that it stays a probe from each row (LevelEnv.probe). */
function exists(query: Sql, env: LevelEnv): Sql {
  return env.probe ? sql`EXISTS (${query} OFFSET 0)` : sql`EXISTS (${query})`;
}

function where(c: Compiler, alias: Sql, q: LevelQuery, from: LevelSource, env: LevelEnv): Where | null {
  const { from: tables, conditions, uid } = source(c, alias, from, env.probe ?? false);
  // Rules and @cascade ask their existences of the uid the source already has (LevelEnv.uid).
  const row: LevelEnv = { ...env, uid };
  const auth = levelAuth(c, alias, q.concreteTypes, row);
  if (auth.visible.length === 0) return null;
  conditions.push(membership(alias, auth.visible));
  if (auth.condition) conditions.push(auth.condition);
  if (q.filter) conditions.push(filterSql(c, alias, q.filter, q.concreteTypes, fieldGuard(c, alias, q.concreteTypes, row)));
  const required = cascadeSql(c, alias, q.selection ?? [], q.cascade, q.concreteTypes, row);
  if (required) conditions.push(required);
  return { from: tables, conditions, uid };
}

/**
 * Whether `filter` holds for a number of nodes bounded whatever the data:
 * it names uids, or values of an `@id` field (each held by one node of a
 * type). Such a level's nodes are found once per statement, through the
 * index, instead of being read and tested once per candidate edge.
 */
function isKeyed(filter: Filter | null): boolean {
  if (!filter) return false;
  switch (filter.kind) {
    case 'uid':
      return true;
    case 'compare':
      return filter.op === 'eq' && filter.field.xid;
    case 'in':
      return filter.field.xid;
    case 'and':
      return filter.items.some(isKeyed);
    case 'or':
      return filter.items.length > 0 && filter.items.every(isKeyed);
    default:
      return false;
  }
}

/** Whether `q` names its nodes by uid (getT, a filter on ids): its candidates are known and few (LevelEnv.probe). */
export function isByUid(q: LevelQuery): boolean {
  return q.filter?.kind === 'uid';
}

/** The derived table's column holding order key `i`. */
function orderColumn(i: number): Sql {
  return identifier(`_o${i}`);
}

function paged(q: LevelQuery): boolean {
  return q.first !== undefined || (q.offset !== undefined && q.offset > 0);
}

/**
 * The level's rows; null when auth leaves no type visible (the level is
 * empty). `returned`: every row becomes a node of the answer, so under a node
 * budget a level without `first` reads at most one row past it (reads.ts).
 */
export function rowsSql(c: Compiler, q: LevelQuery, from: LevelSource, env: LevelEnv, returned = false): Rows | null {
  const alias = c.alias();
  const w = where(c, alias, q, from, env);
  if (!w) return null;
  // Order keys on lists have no single value to sort by; Dgraph's API offers none.
  const keys = (q.order ?? []).filter((k) => !k.field.type.list);
  // A value its field's rule hides sorts as a missing one.
  const guard = keys.length > 0 ? fieldGuard(c, alias, q.concreteTypes, env) : UNGUARDED;
  const columns = keys.map((k, i) => sql`, ${typed(scalarOf(k.field), guarded(rawValue(alias, k.field), guard(k.field)))} AS ${orderColumn(i)}`);
  // Dgraph sorts nodes lacking the value last in both directions; ties by uid.
  const direction = (desc: boolean) => (desc ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`);
  // A similarity query's nodes come nearest first.
  const ranked = from.kind === 'nearest';
  if (ranked) columns.push(sql`, ${alias}._d`);
  const orderBy = (prefix: Sql, reverse: boolean) => join([
    ...(ranked ? [sql`${prefix}_d ${reverse ? sql`DESC` : sql`ASC`}`] : []),
    ...keys.map((k, i) => sql`${prefix}${orderColumn(i)} ${direction(k.desc !== reverse)}`),
    sql`${prefix}uid ${reverse ? sql`DESC` : sql`ASC`}`,
  ], sql`, `);
  let rows = sql`SELECT ${w.uid} AS uid, ${alias}.types, ${alias}.data, ${typeName(alias, q.concreteTypes)} AS _t${join(columns, sql``)} FROM ${w.from} WHERE ${join(w.conditions, sql` AND `)}`;
  if (paged(q)) {
    // A negative `first` takes the last nodes, as DQL does: read backwards, json_agg restores the order.
    const reverse = q.first !== undefined && q.first < 0;
    rows = sql`${rows} ORDER BY ${orderBy(sql``, reverse)}`;
  }
  const limit = q.first !== undefined ? rowCount(Math.abs(q.first)) : returned ? rowCap(c.nodeBudget) : null;
  if (limit) rows = sql`${rows} LIMIT ${limit}`;
  if (q.offset !== undefined && q.offset > 0) rows = sql`${rows} OFFSET ${rowCount(q.offset)}`;
  return { alias, sql: rows, orderBy: orderBy(sql`${alias}.`, false) };
}

/** Whether the level has at least one row (its page, when it is paged). */
export function existsSql(c: Compiler, q: LevelQuery, from: LevelSource, env: LevelEnv): Sql {
  if (paged(q)) {
    const rows = rowsSql(c, q, from, env);
    return rows ? sql`EXISTS (SELECT 1 FROM (${rows.sql}) ${rows.alias})` : sql`FALSE`;
  }
  // A write's own check reads the graph as the write leaves it (a union, compiler.ts), about its few new nodes: left as it was.
  if (from.kind === 'edge' && env.probe && c.graph === STORED_GRAPH && isKeyed(q.filter)) return keyedExistsSql(c, q, from, env);
  const alias = c.alias();
  const w = where(c, alias, q, from, env);
  return w ? exists(sql`SELECT 1 FROM ${w.from} WHERE ${join(w.conditions, sql` AND `)}`, env) : sql`FALSE`;
}

/**
 * Whether a probed parent has an edge to one of a keyed level's nodes
 * (isKeyed): the nodes are read once per statement (an uncorrelated
 * sub-select, which PostgreSQL runs once as an InitPlan), and each parent
 * costs one probe of the edge index, whatever the number of candidates.
 */
function keyedExistsSql(c: Compiler, q: LevelQuery, from: EdgeSource, env: LevelEnv): Sql {
  const alias = c.alias();
  const w = where(c, alias, q, { kind: 'all' }, env);
  if (!w) return sql`FALSE`;
  const nodes = sql`ARRAY(SELECT ${w.uid} FROM ${w.from} WHERE ${join(w.conditions, sql` AND `)})`;
  const { from: table, far, conditions } = edges(c, from);
  return exists(sql`SELECT 1 FROM ${table} WHERE ${join([...conditions, sql`${far} = ANY(${nodes})`], sql` AND `)}`, env);
}
