/**
 * The writes of mutations and imports, each ONE statement however many nodes
 * and edges it carries: rows travel as one JSON parameter, unpacked by
 * jsonb_to_recordset. Node and edge rows name uids as decimal strings.
 */
import { param, sql, type Sql } from './fragment.js';

/** `count` fresh uids from the sequence (column `uid`, decimal). */
export function takeUids(count: number): Sql {
  return sql`SELECT nextval('authline.uid_seq')::text AS uid FROM generate_series(1, ${param(count, 'integer')})`;
}

/** Moves the uid sequence past `highest`, so no uid handed out from now on collides with it. */
export function reserveUidsUpTo(highest: bigint): Sql {
  return sql`SELECT setval('authline.uid_seq', greatest(${highest},
         (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM authline.uid_seq)), true)`;
}

/** New nodes from `[{uid, types, data}]`. */
export function insertNodes(nodes: string): Sql {
  return sql`INSERT INTO authline.node (uid, types, data)
       SELECT (x.v->>'uid')::bigint, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')), x.v->'data'
       FROM jsonb_array_elements(${param(nodes, 'jsonb')}) AS x(v)`;
}

/**
 * New nodes from `[{uid, types, patch, fill?}]`, their values the patch
 * applied to `fill` (values kept only where nothing else sets them).
 */
export function insertPatchedNodes(nodes: string): Sql {
  return sql`INSERT INTO authline.node (uid, types, data)
       SELECT (x.v->>'uid')::bigint, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')),
              authline.patch(coalesce(x.v->'fill', '{}'::jsonb), x.v->'patch')
       FROM jsonb_array_elements(${param(nodes, 'jsonb')}) AS x(v)`;
}

/**
 * Nodes `[{uid, types, patch, fill?}]` with given uids that may exist: new
 * ones are inserted, existing ones get the types added, the `fill` values
 * they lack and the patch applied, as a Dgraph mutation with explicit uids would.
 * Answers one row: how many nodes were `added` and `merged`.
 */
export function mergeNodes(nodes: string): Sql {
  return sql`WITH input AS (SELECT (x.v->>'uid')::bigint AS uid, ARRAY(SELECT jsonb_array_elements_text(x.v->'types')) AS types,
                             x.v->'patch' AS patch, coalesce(x.v->'fill', '{}'::jsonb) AS fill
                      FROM jsonb_array_elements(${param(nodes, 'jsonb')}) AS x(v)),
            added AS (INSERT INTO authline.node (uid, types, data) SELECT uid, types, authline.patch(fill, patch) FROM input
                      ON CONFLICT (uid) DO NOTHING RETURNING uid),
            merged AS (UPDATE authline.node n SET types = ARRAY(SELECT DISTINCT t FROM unnest(n.types || i.types) AS t ORDER BY t),
                                                data = authline.patch(i.fill || n.data, i.patch)
                       FROM input i WHERE n.uid = i.uid AND n.uid NOT IN (SELECT uid FROM added) RETURNING n.uid)
       SELECT (SELECT count(*) FROM added)::integer AS added, (SELECT count(*) FROM merged)::integer AS merged`;
}

/** Each node's own patch (authline.patch) from `[{uid, patch}]`. */
export function patchNodes(patches: string): Sql {
  return sql`UPDATE authline.node n SET data = authline.patch(n.data, p.patch)
       FROM jsonb_to_recordset(${param(patches, 'jsonb')}) AS p(uid bigint, patch jsonb) WHERE n.uid = p.uid`;
}

/** One patch applied to every node of `uids`. */
export function patchNodesAlike(uids: readonly bigint[], patch: string): Sql {
  return sql`UPDATE authline.node n SET data = authline.patch(n.data, ${param(patch, 'jsonb')}) WHERE n.uid = ANY(${param(uids.map(String), 'bigint[]')})`;
}

/** Deletes nodes; their edges go with them, both ways (ON DELETE CASCADE). */
export function deleteNodes(uids: readonly bigint[]): Sql {
  return sql`DELETE FROM authline.node WHERE uid = ANY(${param(uids.map(String), 'bigint[]')})`;
}

/** The edges `[{src, pred, dst}]` would displace: other targets of the same singular (src, pred). */
export function displacedEdges(edges: string): Sql {
  return sql`SELECT e.src::text AS src, e.pred, e.dst::text AS dst
     FROM authline.edge e JOIN jsonb_to_recordset(${param(edges, 'jsonb')}) AS a(src bigint, pred text, dst bigint)
       ON e.src = a.src AND e.pred = a.pred AND e.dst <> a.dst`;
}

/** Adds edges `[{src, pred, dst}]` (those already there stay as they are). */
export function insertEdges(edges: string): Sql {
  return sql`INSERT INTO authline.edge (src, pred, dst)
       SELECT DISTINCT r.src, r.pred, r.dst FROM jsonb_to_recordset(${param(edges, 'jsonb')}) AS r(src bigint, pred text, dst bigint)
       ON CONFLICT DO NOTHING`;
}

/** Deletes edges `[{src, pred, dst}]`. */
export function deleteEdges(edges: string): Sql {
  return sql`DELETE FROM authline.edge e USING jsonb_to_recordset(${param(edges, 'jsonb')}) AS r(src bigint, pred text, dst bigint)
       WHERE e.src = r.src AND e.pred = r.pred AND e.dst = r.dst`;
}

/** Deletes every edge of each `[{src, pred}]`. */
export function deleteEdgesOf(sources: string): Sql {
  return sql`DELETE FROM authline.edge e USING jsonb_to_recordset(${param(sources, 'jsonb')}) AS r(src bigint, pred text) WHERE e.src = r.src AND e.pred = r.pred`;
}

/**
 * Deletes edges `[{src, pred, dst}]` (dst null: every edge of src's pred) and
 * the inverse of each one deleted, by `{pred: inverse pred}`.
 */
export function unlinkEdges(edges: string, inverses: string): Sql {
  return sql`WITH gone AS (
         DELETE FROM authline.edge e USING jsonb_to_recordset(${param(edges, 'jsonb')}) AS r(src bigint, pred text, dst bigint)
         WHERE e.src = r.src AND e.pred = r.pred AND (r.dst IS NULL OR e.dst = r.dst)
         RETURNING e.src, e.pred, e.dst
       )
       DELETE FROM authline.edge e USING gone g, jsonb_each_text(${param(inverses, 'jsonb')}) AS m(pred, inverse)
       WHERE g.pred = m.pred AND e.src = g.dst AND e.pred = m.inverse AND e.dst = g.src`;
}
