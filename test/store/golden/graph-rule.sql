-- { queryTask(filter: { priority: { between: { min: 1, max: 5 } } }) { title owner { username } } }
-- claims: {"USER":"alice"}

-- statement 1, params: [1000000,"alice","1","5"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n0.data->'Task.title')::json, 'owner', (
        SELECT CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('username', (n3.data->'User.username')::json) ELSE authline.too_many_nodes() END
        FROM (
          SELECT e4.dst AS uid, n3.types, n3.data, 'User' AS _t
          FROM authline.edge e4 CROSS
          JOIN LATERAL (
            SELECT *
            FROM authline.node n3
            WHERE n3.uid = e4.dst
            OFFSET 0) n3
          WHERE e4.src = n0.uid
          AND e4.pred = 'Task.owner'
          AND n3.types && ARRAY['User']::text[]) n3
        ORDER BY n3.uid ASC
        LIMIT 1)) ELSE authline.too_many_nodes() END
    ORDER BY n0.uid ASC), '[]'::json) AS result, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'Task' AS _t
  FROM authline.node n0
  WHERE n0.types && ARRAY['Task']::text[]
  AND (n0.types && ARRAY['Task']::text[]
    AND EXISTS (
      SELECT 1
      FROM authline.edge e2
      JOIN authline.node n1 ON n1.uid = e2.dst
      WHERE e2.src = n0.uid
      AND e2.pred = 'Task.owner'
      AND n1.types && ARRAY['User']::text[]
      AND ((left(authline.str(n1.data->'User.username'), 256) COLLATE "C") = left($2::text, 256)
        AND hashtextextended(authline.str(n1.data->'User.username'), 0) = hashtextextended($2::text, 0)
        AND (authline.str(n1.data->'User.username') COLLATE "C") = $2::text)))
  AND authline.num(n0.data->'Task.priority') BETWEEN $3::numeric
  AND $4::numeric
  LIMIT $1::bigint + 1) n0;
