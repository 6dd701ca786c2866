-- { queryUser(filter: { name: { anyofterms: "ann" } }, order: { asc: username }, first: 5) { username name } }
-- claims: {}

-- statement 1, params: ["ann",5]
SELECT COALESCE(json_agg(json_build_object('username', (n0.data->'User.username')::json, 'name', (n0.data->'User.name')::json)
    ORDER BY n0._o0 ASC NULLS LAST, n0.uid ASC), '[]'::json) AS result
FROM (
  SELECT n0.uid, n0.types, n0.data, 'User' AS _t, (authline.str(n0.data->'User.username') COLLATE "C") AS _o0
  FROM authline.node n0
  WHERE n0.types && ARRAY['User']::text[]
  AND (cardinality(authline.terms($1::text)) > 0
    AND authline.terms(authline.str(n0.data->'User.name')) && authline.terms($1::text))
  ORDER BY _o0 ASC NULLS LAST, uid ASC
  LIMIT $2::bigint) n0;
