-- mutation { updateTask(input: { filter: { title: { anyofterms: "report" } }, set: { done: true } }) { task { title done } numUids } }
-- claims: {"USER":"alice"}

-- statement 1, params: []
BEGIN; SET LOCAL plan_cache_mode = force_generic_plan;
-- statement 2, params: ["report"]
SELECT n0.uid::text AS uid
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'Task' AS _t
  FROM authline.node n0
  WHERE n0.types && ARRAY['Task']::text[]
  AND (cardinality(authline.terms($1::text)) > 0
    AND authline.terms(authline.str(n0.data->'Task.title')) && authline.terms($1::text))) n0
ORDER BY n0.uid;
-- statement 3, params: ["{\"set\":{\"Task.done\":true},\"append\":{},\"remove\":{}}",["4"]]
WITH patched_alike AS (UPDATE authline.node n SET data = authline.patch(n.data, $1::jsonb)
  WHERE n.uid = ANY($2::bigint[])
  RETURNING n.uid, n.types, n.data) SELECT NULL::text AS uid, 0 AS refused, 0 AS stale, NULL::json AS failing;
-- statement 4, params: [1000000,["4"],"alice"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n0.data->'Task.title')::json, 'done', (n0.data->'Task.done')::json) ELSE authline.too_many_nodes() END
    ORDER BY n0.uid ASC), '[]'::json) AS result, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'Task' AS _t
  FROM authline.node n0
  WHERE n0.uid = ANY($2::bigint[])
  AND n0.types && ARRAY['Task']::text[]
  AND (n0.types && ARRAY['Task']::text[]
    AND EXISTS (
      SELECT 1
      FROM authline.edge e2
      WHERE e2.src = n0.uid
      AND e2.pred = 'Task.owner'
      AND e2.dst = ANY(ARRAY(
          SELECT n1.uid
          FROM authline.node n1
          WHERE n1.types && ARRAY['User']::text[]
          AND ((left(authline.str(n1.data->'User.username'), 256) COLLATE "C") = left($3::text, 256)
            AND hashtextextended(authline.str(n1.data->'User.username'), 0) = hashtextextended($3::text, 0)
            AND (authline.str(n1.data->'User.username') COLLATE "C") = $3::text)))
      OFFSET 0))
  LIMIT $1::bigint + 1) n0;
-- statement 5, params: []
COMMIT;
