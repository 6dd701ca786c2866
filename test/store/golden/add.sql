-- mutation { addTask(input: [{ title: "plan", priority: 1, owner: { username: "alice" } }]) { task { title } numUids } }
-- claims: {"USER":"alice"}

-- statement 1, params: []
BEGIN; SET LOCAL plan_cache_mode = force_generic_plan;
-- statement 2, params: [["alice"],["[\"User.username\",\"alice\"]"],["User.username"],["alice"]]
WITH found AS MATERIALIZED (
  SELECT 'User.username' AS pred, v.value::text AS value, n.uid::text AS uid, n.types
  FROM unnest($1::text[]) AS v(value)
  JOIN authline.node n ON ((left(authline.str(n.data->'User.username'), 256) COLLATE "C") = left(v.value, 256)
    AND hashtextextended(authline.str(n.data->'User.username'), 0) = hashtextextended(v.value, 0)
    AND (authline.str(n.data->'User.username') COLLATE "C") = v.value)) SELECT *
FROM found
WHERE (
  SELECT count(*)
  FROM (
    SELECT pg_advisory_xact_lock(hashtextextended(k.key, 0))
    FROM unnest($2::text[], $3::text[], $4::text[]) AS k(key, pred, value)
    WHERE NOT EXISTS (
      SELECT 1
      FROM found f
      WHERE f.pred = k.pred
      AND f.value = k.value
      OFFSET 0)) AS locks) >= 0;
-- statement 3, params: ["[{\"types\":[\"Task\"],\"data\":{\"Task.priority\":1,\"Task.title\":\"plan\"}}]","[{\"src\":{\"created\":0},\"pred\":\"Task.owner\",\"dst\":{\"uid\":\"1\"}},{\"src\":{\"uid\":\"1\"},\"pred\":\"User.tasks\",\"dst\":{\"created\":0}}]",["alice"],["1"],"alice"]
WITH born AS MATERIALIZED (
  SELECT x.o - 1 AS i, nextval('authline.uid_seq') AS uid, ARRAY(
    SELECT jsonb_array_elements_text(x.v->'types')) AS types, x.v->'data' AS data
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(v, o)), linked AS (INSERT INTO authline.edge (src, pred, dst) SELECT DISTINCT COALESCE((r.v->'src'->>'uid')::bigint, (
      SELECT b.uid
      FROM born b
      WHERE b.i = (r.v->'src'->>'created')::integer)), r.v->>'pred', COALESCE((r.v->'dst'->>'uid')::bigint, (
      SELECT b.uid
      FROM born b
      WHERE b.i = (r.v->'dst'->>'created')::integer))
  FROM jsonb_array_elements($2::jsonb) AS r(v)
  ON CONFLICT DO NOTHING
  RETURNING src, pred, dst), node_after AS NOT MATERIALIZED (
  SELECT s.uid, s.types, s.data
  FROM authline.node s
  UNION ALL SELECT uid, types, data
  FROM born), edge_after AS NOT MATERIALIZED (
  SELECT s.src, s.pred, s.dst
  FROM authline.edge s
  UNION ALL SELECT src, pred, dst
  FROM linked) INSERT INTO authline.node (uid, types, data) SELECT uid, types, data
FROM born
RETURNING uid::text AS uid, 0 AS refused, (
  SELECT count(*)
  FROM (
    SELECT 'User.username' AS pred, v.value::text AS value, n.uid::text AS uid, n.types
    FROM unnest($3::text[]) AS v(value)
    JOIN authline.node n ON ((left(authline.str(n.data->'User.username'), 256) COLLATE "C") = left(v.value, 256)
      AND hashtextextended(authline.str(n.data->'User.username'), 0) = hashtextextended(v.value, 0)
      AND (authline.str(n.data->'User.username') COLLATE "C") = v.value)) h
  WHERE h.uid::bigint <> ALL($4::bigint[]))::integer AS stale, (
  SELECT json_agg(f2)
  FROM (
    SELECT n.uid::text AS uid
    FROM born n
    WHERE TRUE
    AND NOT COALESCE((n.types && ARRAY['Task']::text[]
        AND EXISTS (
          SELECT 1
          FROM edge_after e1 CROSS
          JOIN LATERAL (
            SELECT *
            FROM node_after n0
            WHERE n0.uid = e1.dst
            OFFSET 0) n0
          WHERE e1.src = n.uid
          AND e1.pred = 'Task.owner'
          AND n0.types && ARRAY['User']::text[]
          AND ((left(authline.str(n0.data->'User.username'), 256) COLLATE "C") = left($5::text, 256)
            AND hashtextextended(authline.str(n0.data->'User.username'), 0) = hashtextextended($5::text, 0)
            AND (authline.str(n0.data->'User.username') COLLATE "C") = $5::text)
          OFFSET 0)), FALSE)) f2) AS failing;
-- statement 4, params: [1000000,["8"],"alice"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n0.data->'Task.title')::json) ELSE authline.too_many_nodes() END
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
