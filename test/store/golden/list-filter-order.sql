-- { queryUser(filter: { name: { anyofterms: "ann" } }, order: { asc: username }, first: 5) { username name } }
-- claims: {}

-- statement 1, params: [1000000,"ann"]
SELECT COALESCE(json_agg(CASE WHEN set_config('authline.nodes_read', (coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint + 1)::text, true)::bigint <= $1::bigint THEN json_build_object('username', (n0.data->'User.username')::json, 'name', (n0.data->'User.name')::json) ELSE authline.too_many_nodes() END
    ORDER BY n0._o0 ASC NULLS LAST, n0.uid ASC), '[]'::json) AS result, coalesce(nullif(current_setting('authline.nodes_read', true), ''), '0')::bigint AS nodes
FROM (
  SELECT n0.uid AS uid, n0.types, n0.data, 'User' AS _t, (authline.str(n0.data->'User.username') COLLATE "C") AS _o0
  FROM authline.node n0
  WHERE n0.types && ARRAY['User']::text[]
  AND (cardinality(authline.terms($2::text)) > 0
    AND authline.terms(authline.str(n0.data->'User.name')) && authline.terms($2::text))
  ORDER BY _o0 ASC NULLS LAST, uid ASC
  LIMIT 5) n0;
