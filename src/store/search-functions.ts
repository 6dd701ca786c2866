/**
 * The SQL functions behind the ngram and geometry filters (sql/filter.ts,
 * sql/geo.ts) and the `@.` language tag (sql/values.ts), installed with the layout. All are IMMUTABLE so that the
 * expression indexes of sql/indexes.ts can be built on them.
 *
 * Geometries are stored in their GraphQL shape (geometry.ts): a Point is
 * `{longitude, latitude}`, a Polygon `{coordinates: [{points: [...]}, ...]}`
 * (the first ring its outline, the others its holes), a MultiPolygon
 * `{polygons: [...]}`. PostgreSQL's built-in geometric types (no PostGIS)
 * take them as planar shapes in (longitude, latitude); distances are
 * great-circle, on Dgraph's spherical Earth.
 */
import { sql, type Sql } from './sql/index.js';

export const SEARCH_FUNCTIONS: readonly Sql[] = [
  // \`P@.\`: the untagged value of P, else the value of its first language by tag.
  sql`CREATE OR REPLACE FUNCTION authline.any_language(data jsonb, predicate text) RETURNS jsonb
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT COALESCE(data->predicate, (SELECT l.value FROM jsonb_each(data) l
       WHERE starts_with(l.key, predicate || '@') ORDER BY l.key LIMIT 1)) $$`,
  // Dgraph's ngram analysis (tok/tok.go, NGramTokenizer): the words of t lower-cased, without
  // English stop words, stemmed, in their order.
  sql`CREATE OR REPLACE FUNCTION authline.ngram_words(t text) RETURNS text[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT COALESCE(array_agg(w.lexeme ORDER BY p), '{}')
       FROM unnest(to_tsvector('english'::regconfig, COALESCE(t, ''))) w, unnest(w.positions) p $$`,
  // What a stored value is indexed by: every run of 1 to 4 consecutive words of each string
  // (a string, or each string of a list on its own).
  sql`CREATE OR REPLACE FUNCTION authline.ngrams(v jsonb) RETURNS text[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT COALESCE(array_agg(DISTINCT array_to_string(s.w[i:i + n - 1], ' ')), '{}')
       FROM (SELECT authline.ngram_words(e) AS w
               FROM jsonb_array_elements_text(CASE jsonb_typeof(v) WHEN 'array' THEN v WHEN 'string' THEN jsonb_build_array(v) END) e) s,
            generate_series(1, cardinality(s.w)) i, generate_series(1, 4) n
       WHERE i + n - 1 <= cardinality(s.w) $$`,
  // What a query looks for (NGramTokenizer.QueryTokens): each run of 3 consecutive words,
  // or all of them when there are fewer. A value matches when it has any of these runs.
  sql`CREATE OR REPLACE FUNCTION authline.ngram_query(t text) RETURNS text[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT COALESCE(array_agg(DISTINCT array_to_string(s.w[i:i + s.n - 1], ' ')), '{}')
       FROM (SELECT w, least(3, cardinality(w)) AS n FROM authline.ngram_words(t) w) s,
            generate_series(1, cardinality(s.w) - s.n + 1) i
       WHERE s.n > 0 $$`,
  // A Point value as a point (x: longitude, y: latitude); NULL for anything else.
  sql`CREATE OR REPLACE FUNCTION authline.geo_point(g jsonb) RETURNS point
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(g->'longitude') = 'number' AND jsonb_typeof(g->'latitude') = 'number'
       THEN point((g->>'longitude')::float8, (g->>'latitude')::float8) END $$`,
  // A ring ({points: [...]}) as a polygon; NULL for one Dgraph makes no loop of
  // (types/s2index.go, loopFromPolygon: fewer than 4 points, or not closed).
  sql`CREATE OR REPLACE FUNCTION authline.geo_ring(r jsonb) RETURNS polygon
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(r->'points') = 'array' AND jsonb_array_length(r->'points') >= 4
         AND r->'points'->0 = r->'points'->-1
       THEN (SELECT ('(' || string_agg(format('(%s,%s)', p->>'longitude', p->>'latitude'), ',' ORDER BY i) || ')')::polygon
         FROM jsonb_array_elements(r->'points') WITH ORDINALITY AS a(p, i)) END $$`,
  // The polygons of a value: a Polygon's one, a MultiPolygon's, none for anything else.
  sql`CREATE OR REPLACE FUNCTION authline.geo_polygons(g jsonb) RETURNS jsonb
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE
       WHEN jsonb_typeof(g->'polygons') = 'array' THEN g->'polygons'
       WHEN jsonb_typeof(g->'coordinates') = 'array' THEN jsonb_build_array(g)
       ELSE '[]'::jsonb END $$`,
  // The outline (first ring) of each polygon of a value, as Dgraph makes loops of them (holes
  // are left out, as in Dgraph); NULL when there is none.
  sql`CREATE OR REPLACE FUNCTION authline.geo_outlines(g jsonb) RETURNS polygon[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT array_agg(authline.geo_ring(p->'coordinates'->0))
       FROM jsonb_array_elements(authline.geo_polygons(g)) p $$`,
  // Every ring of each polygon of a value (Dgraph's contains of a point looks at all of them).
  sql`CREATE OR REPLACE FUNCTION authline.geo_rings(g jsonb) RETURNS polygon[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT array_agg(authline.geo_ring(r))
       FROM jsonb_array_elements(authline.geo_polygons(g)) p,
            jsonb_array_elements(CASE WHEN jsonb_typeof(p->'coordinates') = 'array' THEN p->'coordinates' ELSE '[]' END) r $$`,
  // The bounding box of every point of a value (the geo index, and each filter's prefilter).
  sql`CREATE OR REPLACE FUNCTION authline.geo_box(g jsonb) RETURNS box
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT box(point(min(x), min(y)), point(max(x), max(y)))
       FROM (SELECT (p->>'longitude')::float8 AS x, (p->>'latitude')::float8 AS y
               FROM jsonb_path_query(g, 'lax $.**') p
              WHERE jsonb_typeof(p->'longitude') = 'number' AND jsonb_typeof(p->'latitude') = 'number') q
       HAVING count(*) > 0 $$`,
  // Whether some polygon of a meets some polygon of b.
  sql`CREATE OR REPLACE FUNCTION authline.geo_overlap(a polygon[], b polygon[]) RETURNS boolean
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT EXISTS (SELECT 1 FROM unnest(a) x, unnest(b) y WHERE x && y) $$`,
  // The great-circle distance in metres between two points (haversine, on Dgraph's sphere of
  // radius 6371 km: types/earth.go, EarthRadiusMeters; sql/geo.ts's EARTH_RADIUS_METRES).
  sql`CREATE OR REPLACE FUNCTION authline.geo_distance(a point, b point) RETURNS float8
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT 2 * 6371000 * asin(sqrt(least(1,
       power(sin(radians(b[1] - a[1]) / 2), 2) + cos(radians(a[1])) * cos(radians(b[1])) * power(sin(radians(b[0] - a[0]) / 2), 2)))) $$`,
];
