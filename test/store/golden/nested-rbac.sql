-- { queryUser { username audits { entry } tasks { title notes { text } } } }
-- claims: {"ROLE":"USER","USER":"alice"}

-- statement 1, params: [1000000,"alice","alice"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('username', (n0.data->'User.username')::json, 'audits', '[]'::json, 'tasks', COALESCE((
          SELECT json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('title', (n3.data->'Task.title')::json, 'notes', COALESCE((
                  SELECT json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('text', (n7.data->'Note.text')::json) ELSE authline.too_many_nodes() END
                    ORDER BY n7.uid ASC)
                  FROM (
                    SELECT e8.dst AS uid, n7.types, n7.data, 'Note' AS _t
                    FROM authline.edge e8 CROSS
                    JOIN LATERAL (
                      SELECT *
                      FROM authline.node n7
                      WHERE n7.uid = e8.dst
                      OFFSET 0) n7
                    WHERE e8.src = n3.uid
                    AND e8.pred = 'Task.notes'
                    AND n7.types && ARRAY['Note']::text[]
                    AND (n7.types && ARRAY['Note']::text[]
                      AND ((left(authline.str(n7.data->'Note.author'), 256) COLLATE "C") = left($2::text, 256)
                        AND hashtextextended(authline.str(n7.data->'Note.author'), 0) = hashtextextended($2::text, 0)
                        AND (authline.str(n7.data->'Note.author') COLLATE "C") = $2::text))
                    LIMIT $1::bigint + 1) n7), '[]'::json)) ELSE authline.too_many_nodes() END
            ORDER BY n3.uid ASC)
          FROM (
            SELECT e4.dst AS uid, n3.types, n3.data, 'Task' AS _t
            FROM authline.edge e4 CROSS
            JOIN LATERAL (
              SELECT *
              FROM authline.node n3
              WHERE n3.uid = e4.dst
              OFFSET 0) n3
            WHERE e4.src = n0.uid
            AND e4.pred = 'User.tasks'
            AND n3.types && ARRAY['Task']::text[]
            AND (n3.types && ARRAY['Task']::text[]
              AND EXISTS (
                SELECT 1
                FROM authline.edge e6
                WHERE e6.src = e4.dst
                AND e6.pred = 'Task.owner'
                AND e6.dst = ANY(ARRAY(
                    SELECT n5.uid
                    FROM authline.node n5
                    WHERE n5.types && ARRAY['User']::text[]
                    AND ((left(authline.str(n5.data->'User.username'), 256) COLLATE "C") = left($3::text, 256)
                      AND hashtextextended(authline.str(n5.data->'User.username'), 0) = hashtextextended($3::text, 0)
                      AND (authline.str(n5.data->'User.username') COLLATE "C") = $3::text)))
                OFFSET 0))
            LIMIT $1::bigint + 1) n3), '[]'::json)) ELSE authline.too_many_nodes() END
    ORDER BY n0.uid ASC), '[]'::json) AS result, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'User' AS _t
  FROM authline.node n0
  WHERE n0.types && ARRAY['User']::text[]
  LIMIT $1::bigint + 1) n0;
