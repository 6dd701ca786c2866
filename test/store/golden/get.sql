-- { getTask(id: "0x4") { title priority } }
-- claims: {"USER":"alice"}

-- statement 1, params: ["alice",["4"],1]
SELECT json_build_object('title', (n0.data->'Task.title')::json, 'priority', (n0.data->'Task.priority')::json) AS result
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
  AND n0.uid = ANY($2::bigint[])
  ORDER BY uid ASC
  LIMIT $3::bigint) n0;
