-- { queryTask(filter: { priority: { between: { min: 1, max: 5 } } }) { title owner { username } } }
-- claims: {"USER":"alice"}

-- statement 1, params: ["alice","1","5"]
SELECT COALESCE(json_agg(json_build_object('title', (n0.data->'Task.title')::json, 'owner', (
        SELECT json_build_object('username', (n3.data->'User.username')::json)
        FROM (
          SELECT n3.uid, n3.types, n3.data, 'User' AS _t
          FROM authline.edge e4
          JOIN authline.node n3 ON n3.uid = e4.dst
          WHERE e4.src = n0.uid
          AND e4.pred = 'Task.owner'
          AND n3.types && ARRAY['User']::text[]) n3
        ORDER BY n3.uid ASC
        LIMIT 1))
    ORDER BY n0.uid ASC), '[]'::json) AS result
FROM (
  SELECT n0.uid, n0.types, n0.data, 'Task' AS _t
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
      AND ((left(authline.str(n1.data->'User.username'), 256) COLLATE "C") = left($1::text, 256)
        AND hashtextextended(authline.str(n1.data->'User.username'), 0) = hashtextextended($1::text, 0)
        AND (authline.str(n1.data->'User.username') COLLATE "C") = $1::text)))
  AND authline.num(n0.data->'Task.priority') BETWEEN $2::numeric
  AND $3::numeric) n0;
