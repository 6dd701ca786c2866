/**
 * The writes of mutations and imports, each ONE statement however many nodes
 * and edges it carries: rows travel as one JSON parameter, unpacked by
 * jsonb_to_recordset. Node and edge rows name uids as decimal strings.
 */
import type { NodeQuery } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import { join, param, render, sql, type Param, type Sql, type Statement } from './fragment.js';
import { Compiler } from './compiler.js';
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
  /**
   * The rule every new node must pass (its type's and its fields' add
   * rules), asked of the graph as this statement leaves it; null when there
   * is none to ask.
   */
  readonly newNodes: { readonly check: Omit<FailingCheck, 'uids'>; readonly policy: AuthPolicy } | null;
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
 * partners fail their rule, `stale`, how many @id holders the opening
 * lookup missed, and `failing`, the new nodes that fail `w.newNodes` (JSON
 * rows of failingSql, NULL when none; for any of the three, the caller rolls
 * the transaction back).
 *
 * Edges are found through the edge table's indexes by source uid lists, so
 * the cost follows the mutation's size, never the table's.
 */
export function mutationWrite(w: MutationWrite): Sql {
  const parts: Sql[] = [];
  const changed: Changes = { nodes: [], addedEdges: [], droppedEdges: [] };
  const fresh = w.createdCount > 0;
  // The uid of an end: given, or the new node's.
  const uidOf = (end: Sql) => fresh
    ? sql`COALESCE((${end}->>'uid')::bigint, (SELECT b.uid FROM born b WHERE b.i = (${end}->>'created')::integer))`
    : sql`(${end}->>'uid')::bigint`;
  if (fresh) {
    // Each new node takes its uid as it is unpacked, in the input's order (no series of uids to join
    // it to); materialised, so each nextval runs once whatever reads the rows.
    parts.push(sql`born AS MATERIALIZED (SELECT x.o - 1 AS i, nextval('authline.uid_seq') AS uid,
         ARRAY(SELECT jsonb_array_elements_text(x.v->'types')) AS types, x.v->'data' AS data
       FROM jsonb_array_elements(${param(w.created, 'jsonb')}) WITH ORDINALITY AS x(v, o))`);
  }
  if (w.patches) {
    parts.push(sql`patched AS (UPDATE authline.node n SET data = authline.patch(n.data, p.patch)
       FROM jsonb_to_recordset(${param(w.patches, 'jsonb')}) AS p(uid bigint, patch jsonb) WHERE n.uid = p.uid
       RETURNING n.uid, n.types, n.data)`);
    changed.nodes.push(sql`patched`);
  }
  if (w.shared) {
    parts.push(sql`patched_alike AS (UPDATE authline.node n SET data = authline.patch(n.data, ${param(w.shared.patch, 'jsonb')})
       WHERE n.uid = ANY(${param(w.shared.targets.map(String), 'bigint[]')})
       RETURNING n.uid, n.types, n.data)`);
    changed.nodes.push(sql`patched_alike`);
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
    changed.droppedEdges.push(sql`displaced`);
  }
  if (w.links.length > 0) {
    parts.push(sql`linked AS (INSERT INTO authline.edge (src, pred, dst)
       SELECT DISTINCT ${uidOf(sql`r.v->'src'`)}, r.v->>'pred', ${uidOf(sql`r.v->'dst'`)} FROM jsonb_array_elements(${edgeJson(w.links)}) AS r(v)
       ON CONFLICT DO NOTHING
       RETURNING src, pred, dst)`);
    changed.addedEdges.push(sql`linked`);
  }
  if (w.unlinks.length > 0) {
    const sources = param([...new Set(w.unlinks.map((u) => u.src))], 'bigint[]');
    parts.push(sql`unlinked AS (DELETE FROM authline.edge e USING jsonb_to_recordset(${param(JSON.stringify(w.unlinks), 'jsonb')}) AS r(src bigint, pred text, dst bigint)
       WHERE e.src = ANY(${sources}) AND e.src = r.src AND e.pred = r.pred AND (r.dst IS NULL OR e.dst = r.dst)
       RETURNING e.src, e.pred, e.dst)`);
    gone.push(sql`SELECT src, pred, dst FROM unlinked`);
    changed.droppedEdges.push(sql`unlinked`);
  }
  if (gone.length > 0 && Object.keys(w.inverses).length > 0) {
    parts.push(sql`gone AS (${join(gone, sql` UNION ALL `)})`);
    parts.push(sql`unpaired AS (DELETE FROM authline.edge e USING gone g, jsonb_each_text(${inverses}) AS m(pred, inverse)
       WHERE e.src = ANY(ARRAY(SELECT dst FROM gone)) AND g.pred = m.pred AND e.src = g.dst AND e.pred = m.inverse AND e.dst = g.src
       RETURNING e.src, e.pred, e.dst)`);
    changed.droppedEdges.push(sql`unpaired`);
  }
  const refused = w.partners && w.replacing.length > 0
    ? sql`(SELECT count(*) FROM displaced d JOIN authline.node p ON p.uid = d.dst
         WHERE d.pred = ANY(${param(w.partners.preds, 'text[]')}) AND ${w.partners.refuses(sql`p`)})::integer`
    : sql`0`;
  const stale = w.recheck
    ? sql`(SELECT count(*) FROM (${w.recheck.lookup}) h WHERE h.uid::bigint <> ALL(${param(w.recheck.holders, 'bigint[]')}))::integer`
    : sql`0`;
  const failing = fresh && w.newNodes ? newNodesFailing(w, changed, parts) : null;
  const columns = sql`${refused} AS refused, ${stale} AS stale, ${failing ?? sql`NULL::json`} AS failing`;
  // With new nodes, their INSERT is the statement itself, so that the rows it reports
  // (what PGlite's statistics count, statistics.ts) include them; a row per new node.
  const answer = fresh
    ? sql`INSERT INTO authline.node (uid, types, data) SELECT uid, types, data FROM born
       RETURNING uid::text AS uid, ${columns}`
    : sql`SELECT NULL::text AS uid, ${columns}`;
  return parts.length === 0 ? answer : sql`WITH ${join(parts, sql`,\n     `)}\n${answer}`;
}

/** The statement's data-modifying CTEs, by what their RETURNING rows are. */
interface Changes {
  /** Nodes' new versions (uid, types, data). */
  readonly nodes: Sql[];
  /** Edges (src, pred, dst) inserted. */
  readonly addedEdges: Sql[];
  /** Edges deleted. */
  readonly droppedEdges: Sql[];
}

/**
 * The new nodes' check of `w.newNodes`, as a scalar subquery: failingSql's
 * rows as JSON, NULL when none fails. A statement cannot see its own writes,
 * so the check reads the graph as the write leaves it: relations (added to
 * `parts`) that take the rows this statement changes out of the tables and
 * put their new versions in, as the RETURNING clauses of its writes report
 * them. Each part of the union is a plain scan, so PostgreSQL pushes the
 * check's conditions into it and the tables are read through their indexes.
 */
function newNodesFailing(w: MutationWrite, changed: Changes, parts: Sql[]): Sql | null {
  const { check, policy } = w.newNodes!;
  const c = new Compiler(null, null, { node: sql`node_after`, edge: sql`edge_after` });
  // The new nodes are born's rows: the check starts there, never scanning the tables for them.
  const failing = failingSql(c, { ...check, uids: { rows: sql`born` } }, policy);
  if (!failing) return null;

  const changedNodes = changed.nodes.map((cte) => sql`SELECT uid, types, data FROM ${cte}`);
  const keptNodes = changedNodes.length === 0
    ? sql`SELECT s.uid, s.types, s.data FROM authline.node s`
    : sql`SELECT s.uid, s.types, s.data FROM authline.node s WHERE NOT EXISTS (SELECT 1 FROM (${join(changedNodes, sql` UNION ALL `)}) x WHERE x.uid = s.uid)`;
  parts.push(sql`node_after AS NOT MATERIALIZED (${join([keptNodes, sql`SELECT uid, types, data FROM born`, ...changedNodes], sql` UNION ALL `)})`);

  const droppedEdges = changed.droppedEdges.map((cte) => sql`SELECT src, pred, dst FROM ${cte}`);
  const keptEdges = droppedEdges.length === 0
    ? sql`SELECT s.src, s.pred, s.dst FROM authline.edge s`
    : sql`SELECT s.src, s.pred, s.dst FROM authline.edge s
       WHERE NOT EXISTS (SELECT 1 FROM (${join(droppedEdges, sql` UNION ALL `)}) d WHERE d.src = s.src AND d.pred = s.pred AND d.dst = s.dst)`;
  const edges = [keptEdges, ...changed.addedEdges.map((cte) => sql`SELECT src, pred, dst FROM ${cte}`)];
  parts.push(sql`edge_after AS NOT MATERIALIZED (${join(edges, sql` UNION ALL `)})`);

  const f = c.alias('f');
  return sql`(SELECT json_agg(${f}) FROM (${failing}) ${f})`;
}

/**
 * A mutation's closing statement, ONE however much it does: the payload
 * `read` asks for (columns `result` and `nodes`, as payloadStatement's) and
 * the deletion of `deletes`, which the payload still sees as they were (a
 * statement reads the database as it was before its own writes). Null when
 * there is nothing to do. Deleting a node deletes its edges both ways (ON
 * DELETE CASCADE).
 */
export function closingStatement(
  deletes: readonly bigint[], read: { readonly q: NodeQuery; readonly uids: readonly bigint[] } | null, policy: AuthPolicy, budget?: number,
): Statement | null {
  const c = compilerFor(budget);
  const list = read && read.uids.length > 0 ? listSql(c, read.q, policy, { kind: 'uids', uids: read.uids.map(String) }, nodesColumn(c)) : null;
  const gone = deletes.length > 0
    ? sql`WITH gone AS (DELETE FROM authline.node WHERE uid = ANY(${param(deletes.map(String), 'bigint[]')}))\n`
    : sql``;
  if (list) return render(sql`${gone}${list}`);
  return deletes.length > 0 ? render(sql`${gone}SELECT TRUE AS deleted`) : null;
}
