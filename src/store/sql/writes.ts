/**
 * The writes of mutations and imports, each ONE statement however many nodes
 * and edges it carries: rows travel as one JSON parameter, unpacked by
 * jsonb_to_recordset. Node and edge rows name uids as decimal strings.
 */
import type { NodeQuery } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import { join, param, render, sql, type Param, type Sql, type Statement } from './fragment.js';
import { compilerFor, listSql, nodesColumn } from './query.js';
import { failingSql, type FailingCheck } from './targets.js';

/** `count` fresh uids from the sequence (column `uid`, decimal). */
export function takeUids(count: number): Sql {
  return sql`SELECT nextval('authline.uid_seq')::text AS uid FROM generate_series(1, ${param(count, 'integer')})`;
}

/** Moves the uid sequence past `highest`, so no uid handed out from now on collides with it. */
export function reserveUidsUpTo(highest: bigint): Sql {
  return sql`SELECT setval('authline.uid_seq', greatest(${highest},
         (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM authline.uid_seq)), true)`;
}

/** New nodes from `[{uid, types, patch}]`, their values the patch applied to none. */
export function insertPatchedNodes(nodes: string): Sql {
  return sql`INSERT INTO authline.node (uid, types, data)
       SELECT (x.v->>'uid')::bigint, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')),
              authline.patch('{}'::jsonb, x.v->'patch')
       FROM jsonb_array_elements(${param(nodes, 'jsonb')}) AS x(v)`;
}

/**
 * Nodes `[{uid, types, patch}]` with given uids that may exist: new ones
 * are inserted, existing ones get the types added and the patch applied, as
 * a Dgraph mutation with explicit uids would.
 * Answers one row: how many nodes were `added` and `merged`.
 */
export function mergeNodes(nodes: string): Sql {
  return sql`WITH input AS (SELECT (x.v->>'uid')::bigint AS uid, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')) AS types,
                             x.v->'patch' AS patch
                      FROM jsonb_array_elements(${param(nodes, 'jsonb')}) AS x(v)),
            added AS (INSERT INTO authline.node (uid, types, data) SELECT uid, types, authline.patch('{}'::jsonb, patch) FROM input
                      ON CONFLICT (uid) DO NOTHING RETURNING uid),
            merged AS (UPDATE authline.node n SET types = ARRAY(SELECT DISTINCT t FROM unnest(n.types || i.types) AS t ORDER BY t),
                                                data = authline.patch(n.data, i.patch)
                       FROM input i WHERE n.uid = i.uid AND n.uid NOT IN (SELECT uid FROM added) RETURNING n.uid)
       SELECT (SELECT count(*) FROM added)::integer AS added, (SELECT count(*) FROM merged)::integer AS merged`;
}


/** Adds edges `[{src, pred, dst}]` (those already there stay as they are). */
export function insertEdges(edges: string): Sql {
  return sql`INSERT INTO authline.edge (src, pred, dst)
       SELECT DISTINCT r.src, r.pred, r.dst FROM jsonb_to_recordset(${param(edges, 'jsonb')}) AS r(src bigint, pred text, dst bigint)
       ON CONFLICT DO NOTHING`;
}

/** Deletes every edge of each `[{src, pred}]`. */
export function deleteEdgesOf(sources: string): Sql {
  return sql`DELETE FROM authline.edge e USING jsonb_to_recordset(${param(sources, 'jsonb')}) AS r(src bigint, pred text) WHERE e.src = r.src AND e.pred = r.pred`;
}


/**
 * One end of an edge a mutation writes: an existing node (`uid`, decimal) or
 * the mutation's new node number `created` (its uid is taken by the
 * statement that writes it).
 */
export type EdgeEnd = { readonly uid: string } | { readonly created: number };

export interface EdgeRow {
  readonly src: EdgeEnd;
  readonly pred: string;
  readonly dst: EdgeEnd;
}

/** Edges of existing nodes to remove: `dst` null for every edge of the predicate. */
export interface UnlinkRow {
  readonly src: string;
  readonly pred: string;
  readonly dst: string | null;
}

/** Everything a mutation writes, for `mutationWrite`. */
export interface MutationWrite {
  /** New nodes in order, `[{types, data}]` (JSON): uids are taken for them in this order. */
  readonly created: string;
  readonly createdCount: number;
  /** Each existing node's own patch, `[{uid, patch}]` (JSON). */
  readonly patches: string | null;
  /** One patch (JSON) for every node of `targets`. */
  readonly shared: { readonly patch: string; readonly targets: readonly bigint[] } | null;
  /** New edges, both directions of an @hasInverse pair. */
  readonly links: readonly EdgeRow[];
  /** The singular edges among `links` whose source exists: they displace that source's other target. */
  readonly replacing: readonly EdgeRow[];
  readonly unlinks: readonly UnlinkRow[];
  /** @hasInverse partners, `{pred: inverse pred}`: a displaced or removed edge takes its inverse with it. */
  readonly inverses: Readonly<Record<string, string>>;
  /**
   * Among displaced edges of these predicates, the old target (row `p`) must
   * pass `refuses` (its update rule, as before the change); null when none must.
   */
  readonly partners: { readonly preds: readonly string[]; readonly refuses: (p: Sql) => Sql } | null;
  /**
   * The @id lookup of the mutation's opening statement, asked again (`lookup`,
   * lookup.ts's rows) with the nodes it found then (`holders`, decimal): a
   * holder now that is not among them was committed by a concurrent mutation
   * between that statement's start and its locks. Null when no @id value was
   * looked up.
   */
  readonly recheck: { readonly lookup: Sql; readonly holders: readonly string[] } | null;
}

function endJson(end: EdgeEnd): Record<string, unknown> {
  return 'uid' in end ? { uid: end.uid } : { created: end.created };
}

function edgeJson(edges: readonly EdgeRow[]): Param {
  return param(JSON.stringify(edges.map((e) => ({ src: endJson(e.src), pred: e.pred, dst: endJson(e.dst) }))), 'jsonb');
}

/**
 * A mutation's writes as ONE statement (data-modifying CTEs), whatever their
 * number: new uids from the sequence, new nodes, patches, displaced singular
 * edges and their inverses, new edges, removed edges and their inverses.
 * Every part reads the database as it was before the statement, as the
 * steps did in turn before (the caller drops new edges that the same
 * mutation removes). Answers a row per new node (one row when there is
 * none, `uid` NULL): `uid`, the new node's uid (decimal text; taken in
 * order, so their order is the nodes'), `refused`, how many displaced
 * partners fail their rule, and `stale`, how many @id holders the opening
 * lookup missed (for either, the caller rolls the transaction back).
 *
 * Edges are found through the edge table's indexes by source uid lists, so
 * the cost follows the mutation's size, never the table's.
 */
export function mutationWrite(w: MutationWrite): Sql {
  const parts: Sql[] = [];
  const fresh = w.createdCount > 0;
  // The uid of an end: given, or the new node's.
  const uidOf = (end: Sql) => fresh
    ? sql`COALESCE((${end}->>'uid')::bigint, (SELECT f.uid FROM fresh f WHERE f.i = (${end}->>'created')::integer))`
    : sql`(${end}->>'uid')::bigint`;
  if (fresh) {
    parts.push(sql`fresh AS (SELECT g.i, nextval('authline.uid_seq') AS uid FROM generate_series(0, ${param(w.createdCount - 1, 'integer')}) AS g(i))`);
  }
  if (w.patches) {
    parts.push(sql`patched AS (UPDATE authline.node n SET data = authline.patch(n.data, p.patch)
       FROM jsonb_to_recordset(${param(w.patches, 'jsonb')}) AS p(uid bigint, patch jsonb) WHERE n.uid = p.uid)`);
  }
  if (w.shared) {
    parts.push(sql`patched_alike AS (UPDATE authline.node n SET data = authline.patch(n.data, ${param(w.shared.patch, 'jsonb')})
       WHERE n.uid = ANY(${param(w.shared.targets.map(String), 'bigint[]')}))`);
  }
  const inverses = param(JSON.stringify(w.inverses), 'jsonb');
  const gone: Sql[] = [];
  if (w.replacing.length > 0) {
    const replacing = edgeJson(w.replacing);
    const sources = param([...new Set(w.replacing.map((e) => ('uid' in e.src ? e.src.uid : '')))], 'bigint[]');
    // A new target that is a new node differs from every existing one.
    parts.push(sql`displaced AS (DELETE FROM authline.edge e USING jsonb_array_elements(${replacing}) AS a(v)
       WHERE e.src = ANY(${sources}) AND e.src = (a.v->'src'->>'uid')::bigint AND e.pred = a.v->>'pred'
         AND e.dst IS DISTINCT FROM (a.v->'dst'->>'uid')::bigint
       RETURNING e.src, e.pred, e.dst)`);
    gone.push(sql`SELECT src, pred, dst FROM displaced`);
  }
  if (w.links.length > 0) {
    parts.push(sql`linked AS (INSERT INTO authline.edge (src, pred, dst)
       SELECT DISTINCT ${uidOf(sql`r.v->'src'`)}, r.v->>'pred', ${uidOf(sql`r.v->'dst'`)} FROM jsonb_array_elements(${edgeJson(w.links)}) AS r(v)
       ON CONFLICT DO NOTHING)`);
  }
  if (w.unlinks.length > 0) {
    const sources = param([...new Set(w.unlinks.map((u) => u.src))], 'bigint[]');
    parts.push(sql`unlinked AS (DELETE FROM authline.edge e USING jsonb_to_recordset(${param(JSON.stringify(w.unlinks), 'jsonb')}) AS r(src bigint, pred text, dst bigint)
       WHERE e.src = ANY(${sources}) AND e.src = r.src AND e.pred = r.pred AND (r.dst IS NULL OR e.dst = r.dst)
       RETURNING e.src, e.pred, e.dst)`);
    gone.push(sql`SELECT src, pred, dst FROM unlinked`);
  }
  if (gone.length > 0 && Object.keys(w.inverses).length > 0) {
    parts.push(sql`gone AS (${join(gone, sql` UNION ALL `)})`);
    parts.push(sql`unpaired AS (DELETE FROM authline.edge e USING gone g, jsonb_each_text(${inverses}) AS m(pred, inverse)
       WHERE e.src = ANY(ARRAY(SELECT dst FROM gone)) AND g.pred = m.pred AND e.src = g.dst AND e.pred = m.inverse AND e.dst = g.src)`);
  }
  const refused = w.partners && w.replacing.length > 0
    ? sql`(SELECT count(*) FROM displaced d JOIN authline.node p ON p.uid = d.dst
         WHERE d.pred = ANY(${param(w.partners.preds, 'text[]')}) AND ${w.partners.refuses(sql`p`)})::integer`
    : sql`0`;
  const stale = w.recheck
    ? sql`(SELECT count(*) FROM (${w.recheck.lookup}) h WHERE h.uid::bigint <> ALL(${param(w.recheck.holders, 'bigint[]')}))::integer`
    : sql`0`;
  const columns = sql`${refused} AS refused, ${stale} AS stale`;
  // With new nodes, their INSERT is the statement itself, so that the rows it reports
  // (what PGlite's statistics count, statistics.ts) include them; a row per new node.
  const answer = fresh
    ? sql`INSERT INTO authline.node (uid, types, data)
       SELECT f.uid, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')), x.v->'data'
       FROM jsonb_array_elements(${param(w.created, 'jsonb')}) WITH ORDINALITY AS x(v, o) JOIN fresh f ON f.i = x.o - 1
       RETURNING uid::text AS uid, ${columns}`
    : sql`SELECT NULL::text AS uid, ${columns}`;
  return parts.length === 0 ? answer : sql`WITH ${join(parts, sql`,\n     `)}\n${answer}`;
}

/** What a mutation's closing statement does besides reading its payload. */
export interface Closing {
  /** A check the mutation must still pass (new nodes' add rules), asked after its writes. */
  readonly check?: FailingCheck | null;
  /** Nodes to delete, once read: their edges go with them, both ways (ON DELETE CASCADE). */
  readonly deletes?: readonly bigint[];
}

/**
 * A mutation's closing statement, ONE however much it does: the nodes
 * `close.check` finds failing their rule (column `failing`: a JSON array of
 * failingStatement's rows, NULL when none fails); the payload `read` asks
 * for, read only when none fails (columns `result` and `nodes`, as
 * payloadStatement's); the deletion of `close.deletes`, which the payload
 * still sees as they were (a statement reads the database as it was before
 * its own writes). Null when there is nothing to do.
 */
export function closingStatement(
  close: Closing, read: { readonly q: NodeQuery; readonly uids: readonly bigint[] } | null, policy: AuthPolicy, budget?: number,
): Statement | null {
  const c = compilerFor(budget);
  const failing = close.check ? failingSql(c, close.check, policy) : null;
  const list = read && read.uids.length > 0 ? listSql(c, read.q, policy, { kind: 'uids', uids: read.uids.map(String) }, failing ? sql`` : nodesColumn(c)) : null;
  const deletes = close.deletes && close.deletes.length > 0
    ? sql`WITH gone AS (DELETE FROM authline.node WHERE uid = ANY(${param(close.deletes.map(String), 'bigint[]')}))\n`
    : sql``;
  let query: Sql | null = list;
  if (failing) {
    const f = c.alias('f');
    const found = sql`(SELECT json_agg(${f}) FROM (${failing}) ${f})`;
    const checked = c.alias('c');
    const answer = c.alias('r');
    // The payload is read only once the check passes (a CASE evaluates its subquery only when taken),
    // and the count outside the query that builds it.
    query = list
      ? sql`SELECT ${answer}.*${nodesColumn(c)} FROM (SELECT ${checked}.failing, CASE WHEN ${checked}.failing IS NULL THEN (${list}) END AS result
     FROM (SELECT ${found} AS failing OFFSET 0) ${checked} OFFSET 0) ${answer}`
      : sql`SELECT ${found} AS failing`;
  }
  if (query) return render(sql`${deletes}${query}`);
  return close.deletes && close.deletes.length > 0 ? render(sql`${deletes}SELECT TRUE AS deleted`) : null;
}
