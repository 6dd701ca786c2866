-- { getTask(id: "0x4") { title priority } }
-- claims: {"USER":"alice"}

-- statement 1, params: [1000000,"alice",["4"]]
SELECT r3.*, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n0.data->'Task.title')::json, 'priority', (n0.data->'Task.priority')::json) ELSE authline.too_many_nodes() END AS result
  FROM (
    SELECT n0.uid AS uid, n0.types, n0.data, 'Task' AS _t
    FROM authline.node n0
    WHERE n0.types && ARRAY['Task']::text[]
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
            AND ((left(authline.str(n1.data->'User.username'), 256) COLLATE "C") = left($2::text, 256)
              AND hashtextextended(authline.str(n1.data->'User.username'), 0) = hashtextextended($2::text, 0)
              AND (authline.str(n1.data->'User.username') COLLATE "C") = $2::text)))
        OFFSET 0))
    AND n0.uid = ANY($3::bigint[])
    ORDER BY uid ASC
    LIMIT 1) n0) r3;
