-- { aggregateTask(filter: { done: false }) { count priorityMax titleMin } }
-- claims: {"USER":"alice"}

-- statement 1, params: ["alice",false]
SELECT json_build_object('count', count(*), 'priorityMax', max(authline.num(n0.data->'Task.priority')), 'titleMin', min((authline.str(n0.data->'Task.title') COLLATE "C"))) AS result
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
      AND ((left(authline.str(n1.data->'User.username'), 256) COLLATE "C") = left($1::text, 256)
        AND hashtextextended(authline.str(n1.data->'User.username'), 0) = hashtextextended($1::text, 0)
        AND (authline.str(n1.data->'User.username') COLLATE "C") = $1::text)))
  AND authline.bool(n0.data->'Task.done') = $2::boolean) n0;
