/**
 * The JSON object of one node for a selection set, with nested levels as
 * correlated subqueries (json_agg over the child rows), so a whole answer
 * tree comes out of one statement however many nodes it holds. A read
 * answered as text (c.json) builds the same tree as compact JSON text
 * (json-text.ts, exact.ts) instead.
 */
import type { NodeQuery, Selection } from '../../plan/types.js';
import { aggregateSql, deniedAggregateSql } from './aggregate.js';
import type { Compiler, FieldGuard, LevelEnv, Rows } from './compiler.js';
import { join, sql, type Sql } from './fragment.js';
import { jsonObject, PAIRS_PER_CALL } from './json.js';
import { arrayText, EMPTY_ARRAY_TEXT, objectText, typenameText, uidText } from './json-text.js';
import { fieldGuard, rowsSql } from './levels.js';
import { isOneOf } from './membership.js';
import { countedNode } from './reads.js';
import { guarded, rawValue } from './values.js';

/** A selection's value on a row of `rows`; `guard` says which of the row's fields the reader may see. */
function valueSql(c: Compiler, rows: Rows, s: Selection, env: LevelEnv, guard: FieldGuard): Sql {
  const alias = rows.alias;
  switch (s.kind) {
    // Every value is json (or, as text, JSON text), so fragments may share a response key whatever they select.
    case 'typename':
      return c.json ? typenameText(alias) : sql`to_json(${alias}._t)`;
    case 'uid':
      return c.json ? uidText(alias) : sql`to_json('0x' || to_hex(${alias}.uid))`;
    case 'scalar': {
      const value = guarded(rawValue(alias, s.field), guard(s.field));
      if (c.json) return c.json.value(s.field, value);
      return s.field.scalar === 'Int64' ? sql`authline.int64_json(${value})` : sql`(${value})::json`;
    }
    case 'edge': {
      const child = rowsSql(c, s.query, { kind: 'edge', parentUid: sql`${alias}.uid`, field: s.field, visible: guard(s.field) }, env, s.list);
      if (!child) {
        if (c.json) return s.list ? EMPTY_ARRAY_TEXT : c.json.edge(s.field, null);
        return s.list ? sql`'[]'::json` : sql`NULL::json`;
      }
      const object = objectSql(c, child, s.query, env);
      if (s.list && c.json) return sql`(SELECT ${arrayText(object, child.orderBy)} FROM (${child.sql}) ${child.alias})`;
      if (s.list) return sql`COALESCE((SELECT json_agg(${object} ORDER BY ${child.orderBy}) FROM (${child.sql}) ${child.alias}), '[]'::json)`;
      const single = sql`(SELECT ${object} FROM (${child.sql}) ${child.alias} ORDER BY ${child.orderBy} LIMIT 1)`;
      return c.json ? c.json.edge(s.field, single) : single;
    }
    case 'edgeAggregate': {
      if (c.json) return c.json.unsupportedValue();
      const child = rowsSql(c, s.aggregate, { kind: 'edge', parentUid: sql`${alias}.uid`, field: s.field, visible: guard(s.field) }, env);
      if (!child) return deniedAggregateSql(s.aggregate.fields);
      const values = fieldGuard(c, child.alias, s.aggregate.concreteTypes, env);
      return sql`(SELECT ${aggregateSql(child.alias, s.aggregate.fields, values)} FROM (${child.sql}) ${child.alias})`;
    }
  }
}

/** Whether nodes of this level may have different types (the client then needs __typename). */
function isAbstract(q: NodeQuery): boolean {
  return q.concreteTypes.length !== 1 || q.concreteTypes[0].name !== q.type;
}

/** The JSON object of a row of `rows` (read under `env`) for `q`'s selection. */
export function objectSql(c: Compiler, rows: Rows, q: NodeQuery, env: LevelEnv): Sql {
  // A nested level's candidates are the row's edges, and a select list is asked once per row: probed.
  const childEnv: LevelEnv = { policy: env.policy, operation: 'query', probe: true };
  const guard = fieldGuard(c, rows.alias, q.concreteTypes, childEnv);
  // One key may be selected several times for disjoint fragment types.
  const byKey = new Map<string, Selection[]>();
  for (const s of q.selection) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const pairs: [string, Sql][] = [];
  // As text, only what graphql-js would answer the same way: one selection per key, on every node; and at
  // most PAIRS_PER_CALL keys, as when the text was one json_build_object's (jsonb, past it, reorders keys).
  if (c.json && (byKey.size > PAIRS_PER_CALL || [...byKey.values()].some((ss) => ss.length > 1 || ss[0].onTypes))) c.json.unsupportedValue();
  for (const [key, selections] of byKey) {
    const branches = selections.filter((s) => s.onTypes);
    const unrestricted = selections.find((s) => !s.onTypes);
    const otherwise = unrestricted ? valueSql(c, rows, unrestricted, childEnv, guard) : sql`NULL`;
    pairs.push([key, branches.length === 0 ? otherwise : sql`CASE ${join(branches.map((s) =>
      sql`WHEN ${isOneOf(sql`${rows.alias}._t`, s.onTypes ?? [])} THEN ${valueSql(c, rows, s, childEnv, guard)}`), sql` `)} ELSE ${otherwise} END`]);
  }
  if (isAbstract(q) && !byKey.has('__typename')) {
    // graphql-js answers no key the client did not select.
    if (c.json) c.json.unsupportedValue();
    pairs.push(['__typename', c.json ? typenameText(rows.alias) : sql`to_json(${rows.alias}._t)`]);
  }
  return countedNode(c.nodeBudget, c.json ? objectText(pairs) : jsonObject(pairs), c.json !== null);
}
