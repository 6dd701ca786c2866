-- { queryUser { username audits { entry } tasks { title notes { text } } } }
-- claims: {"ROLE":"USER","USER":"alice"}

-- statement 1, params: ["alice","alice"]
SELECT COALESCE(json_agg(json_build_object('username', (n0.data->'User.username')::json, 'audits', '[]'::json, 'tasks', COALESCE((
          SELECT json_agg(json_build_object('title', (n2.data->'Task.title')::json, 'notes', COALESCE((
                  SELECT json_agg(json_build_object('text', (n6.data->'Note.text')::json)
                    ORDER BY n6.uid ASC)
                  FROM (
                    SELECT n6.uid, n6.types, n6.data, 'Note' AS _t
                    FROM authline.edge e7
                    JOIN authline.node n6 ON n6.uid = e7.dst
                    WHERE e7.src = n2.uid
                    AND e7.pred = 'Task.notes'
                    AND n6.types && ARRAY['Note']::text[]
                    AND (n6.types && ARRAY['Note']::text[]
                      AND ((left(authline.str(n6.data->'Note.author'), 256) COLLATE "C") = left($1::text, 256)
                        AND hashtextextended(authline.str(n6.data->'Note.author'), 0) = hashtextextended($1::text, 0)
                        AND (authline.str(n6.data->'Note.author') COLLATE "C") = $1::text))) n6), '[]'::json))
            ORDER BY n2.uid ASC)
          FROM (
            SELECT n2.uid, n2.types, n2.data, 'Task' AS _t
            FROM authline.edge e5
            JOIN authline.node n2 ON n2.uid = e5.dst
            WHERE e5.src = n0.uid
            AND e5.pred = 'User.tasks'
            AND n2.types && ARRAY['Task']::text[]
            AND (n2.types && ARRAY['Task']::text[]
              AND EXISTS (
                SELECT 1
                FROM authline.edge e4
                JOIN authline.node n3 ON n3.uid = e4.dst
                WHERE e4.src = n2.uid
                AND e4.pred = 'Task.owner'
                AND n3.types && ARRAY['User']::text[]
                AND ((left(authline.str(n3.data->'User.username'), 256) COLLATE "C") = left($2::text, 256)
                  AND hashtextextended(authline.str(n3.data->'User.username'), 0) = hashtextextended($2::text, 0)
                  AND (authline.str(n3.data->'User.username') COLLATE "C") = $2::text)))) n2), '[]'::json))
    ORDER BY n0.uid ASC), '[]'::json) AS result
FROM (
  SELECT n0.uid, n0.types, n0.data, 'User' AS _t
  FROM authline.node n0
  WHERE n0.types && ARRAY['User']::text[]) n0;
