-- mutation { addTask(input: [{ title: "plan", priority: 1, owner: { username: "alice" } }]) { task { title } numUids } }
-- claims: {"USER":"alice"}

-- statement 1, params: []
BEGIN;
-- statement 2, params: [["[\"User.username\",\"alice\"]"]]
SELECT count(*)
FROM (
  SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
  FROM unnest($1::text[]) AS k) AS locks;
-- statement 3, params: [["alice"]]
SELECT 'User.username' AS pred, v.value::text AS value, n.uid::text AS uid, n.types
FROM unnest($1::text[]) AS v(value)
JOIN authline.node n ON ((left(authline.str(n.data->'User.username'), 256) COLLATE "C") = left(v.value, 256)
  AND hashtextextended(authline.str(n.data->'User.username'), 0) = hashtextextended(v.value, 0)
  AND (authline.str(n.data->'User.username') COLLATE "C") = v.value);
-- statement 4, params: [1]
SELECT nextval('authline.uid_seq')::text AS uid
FROM generate_series(1, $1::integer);
-- statement 5, params: ["[{\"src\":\"8\",\"pred\":\"Task.owner\",\"dst\":\"1\"}]"]
SELECT e.src::text AS src, e.pred, e.dst::text AS dst
FROM authline.edge e
JOIN jsonb_to_recordset($1::jsonb) AS a(src bigint, pred text, dst bigint) ON e.src = a.src
AND e.pred = a.pred
AND e.dst <> a.dst;
-- statement 6, params: ["[{\"uid\":\"8\",\"types\":[\"Task\"],\"data\":{\"Task.priority\":1,\"Task.title\":\"plan\"}}]"]
INSERT INTO authline.node (uid, types, data) SELECT (x.v->>'uid')::bigint, ARRAY(
  SELECT jsonb_array_elements_text(x.v->'types')), x.v->'data'
FROM jsonb_array_elements($1::jsonb) AS x(v);
-- statement 7, params: ["[{\"src\":\"8\",\"pred\":\"Task.owner\",\"dst\":\"1\"},{\"src\":\"1\",\"pred\":\"User.tasks\",\"dst\":\"8\"}]"]
INSERT INTO authline.edge (src, pred, dst) SELECT DISTINCT r.src, r.pred, r.dst
FROM jsonb_to_recordset($1::jsonb) AS r(src bigint, pred text, dst bigint)
ON CONFLICT DO NOTHING;
-- statement 8, params: [["8"],"alice"]
SELECT n.uid::text AS uid
FROM authline.node n
WHERE n.uid = ANY($1::bigint[])
AND NOT COALESCE((n.types && ARRAY['Task']::text[]
    AND EXISTS (
      SELECT 1
      FROM authline.edge e1
      JOIN authline.node n0 ON n0.uid = e1.dst
      WHERE e1.src = n.uid
      AND e1.pred = 'Task.owner'
      AND n0.types && ARRAY['User']::text[]
      AND ((left(authline.str(n0.data->'User.username'), 256) COLLATE "C") = left($2::text, 256)
        AND hashtextextended(authline.str(n0.data->'User.username'), 0) = hashtextextended($2::text, 0)
        AND (authline.str(n0.data->'User.username') COLLATE "C") = $2::text))), FALSE);
-- statement 9, params: [1000000,["8"],"alice"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n0.data->'Task.title')::json) ELSE authline.too_many_nodes() END
    ORDER BY n0.uid ASC), '[]'::json) AS result, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT n0.uid, n0.types, n0.data, 'Task' AS _t
  FROM authline.node n0
  WHERE n0.uid = ANY($2::bigint[])
  AND n0.types && ARRAY['Task']::text[]
  AND (n0.types && ARRAY['Task']::text[]
    AND EXISTS (
      SELECT 1
      FROM authline.edge e2
      JOIN authline.node n1 ON n1.uid = e2.dst
      WHERE e2.src = n0.uid
      AND e2.pred = 'Task.owner'
      AND n1.types && ARRAY['User']::text[]
      AND ((left(authline.str(n1.data->'User.username'), 256) COLLATE "C") = left($3::text, 256)
        AND hashtextextended(authline.str(n1.data->'User.username'), 0) = hashtextextended($3::text, 0)
        AND (authline.str(n1.data->'User.username') COLLATE "C") = $3::text)))
  LIMIT $1::bigint + 1) n0;
-- statement 10, params: []
COMMIT;
