-- mutation { deleteTask(filter: { done: true }) { msg numUids } }
-- claims: {"USER":"alice"}

-- statement 1, params: []
BEGIN; SET LOCAL plan_cache_mode = force_generic_plan;
-- statement 2, params: [true]
SELECT n0.uid::text AS uid
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'Task' AS _t
  FROM authline.node n0
  WHERE n0.types && ARRAY['Task']::text[]
  AND authline.bool(n0.data->'Task.done') = $1::boolean) n0
ORDER BY n0.uid;
-- statement 3, params: [["4"]]
WITH gone AS (DELETE
  FROM authline.node
  WHERE uid = ANY($1::bigint[])) SELECT TRUE AS deleted;
-- statement 4, params: []
COMMIT;
