-- { queryUser { username audits { entry } tasks { title notes { text } } } }
-- claims: {"ROLE":"USER","USER":"alice"}

-- statement 1, params: [1000000,"alice","alice"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('username', (n0.data->'User.username')::json, 'audits', '[]'::json, 'tasks', COALESCE((
          SELECT json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n2.data->'Task.title')::json, 'notes', COALESCE((
                  SELECT json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('text', (n6.data->'Note.text')::json) ELSE authline.too_many_nodes() END
                    ORDER BY n6.uid ASC)
                  FROM (
                    SELECT e7.dst AS uid, n6.types, n6.data, 'Note' AS _t
                    FROM authline.edge e7 CROSS
                    JOIN LATERAL (
                      SELECT *
                      FROM authline.node n6
                      WHERE n6.uid = e7.dst
                      OFFSET 0) n6
                    WHERE e7.src = n2.uid
                    AND e7.pred = 'Task.notes'
                    AND n6.types && ARRAY['Note']::text[]
                    AND (n6.types && ARRAY['Note']::text[]
                      AND ((left(authline.str(n6.data->'Note.author'), 256) COLLATE "C") = left($2::text, 256)
                        AND hashtextextended(authline.str(n6.data->'Note.author'), 0) = hashtextextended($2::text, 0)
                        AND (authline.str(n6.data->'Note.author') COLLATE "C") = $2::text))
                    LIMIT $1::bigint + 1) n6), '[]'::json)) ELSE authline.too_many_nodes() END
            ORDER BY n2.uid ASC)
          FROM (
            SELECT e5.dst AS uid, n2.types, n2.data, 'Task' AS _t
            FROM authline.edge e5 CROSS
            JOIN LATERAL (
              SELECT *
              FROM authline.node n2
              WHERE n2.uid = e5.dst
              OFFSET 0) n2
            WHERE e5.src = n0.uid
            AND e5.pred = 'User.tasks'
            AND n2.types && ARRAY['Task']::text[]
            AND (n2.types && ARRAY['Task']::text[]
              AND EXISTS (
                SELECT 1
                FROM authline.edge e4 CROSS
                JOIN LATERAL (
                  SELECT *
                  FROM authline.node n3
                  WHERE n3.uid = e4.dst
                  OFFSET 0) n3
                WHERE e4.src = n2.uid
                AND e4.pred = 'Task.owner'
                AND n3.types && ARRAY['User']::text[]
                AND ((left(authline.str(n3.data->'User.username'), 256) COLLATE "C") = left($3::text, 256)
                  AND hashtextextended(authline.str(n3.data->'User.username'), 0) = hashtextextended($3::text, 0)
                  AND (authline.str(n3.data->'User.username') COLLATE "C") = $3::text)
                OFFSET 0))
            LIMIT $1::bigint + 1) n2), '[]'::json)) ELSE authline.too_many_nodes() END
    ORDER BY n0.uid ASC), '[]'::json) AS result, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'User' AS _t
  FROM authline.node n0
  WHERE n0.types && ARRAY['User']::text[]
  LIMIT $1::bigint + 1) n0;
