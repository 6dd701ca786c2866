/**
 * The SQL functions behind similarity queries (sql/vector.ts), installed with
 * the layout, in portable SQL: neither PGlite nor a plain PostgreSQL has
 * pgvector. A stored vector is the jsonb array of numbers its `@embedding`
 * field was given; distances are exact, in double precision, with Dgraph's
 * formulas (graphql/resolve/query_rewriter.go):
 *
 * - euclidean: sqrt((a - b) · (a - b));
 * - cosine: 1 - (a · b) / sqrt((a · a) (b · b)), NULL for a zero vector;
 * - dotproduct: 1 - a · b.
 *
 * Vectors of different lengths have no distance: Dgraph's HNSW index fails
 * the query with tok/hnsw/helper.go's text, raised here under SQLSTATE ALVEC.
 */
import { VECTOR_METRICS as METRICS } from '../model/vectors.js';
import { join, literal, sql, type Sql } from './sql/index.js';
import { lengthsDiffer } from './vectors.js';

/** The SQLSTATE of authline.vector_lengths_differ(). */
export const VECTOR_LENGTHS_DIFFER = 'ALVEC';

export const VECTOR_FUNCTIONS: readonly Sql[] = [
  // A stored vector as float8[]; NULL unless v is a non-empty array of numbers only.
  sql`CREATE OR REPLACE FUNCTION authline.vec(v jsonb) RETURNS float8[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'array' THEN (
         SELECT CASE WHEN bool_and(jsonb_typeof(e) = 'number') THEN array_agg(authline.num(e)::float8 ORDER BY i) END
         FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, i)) END $$`,
  // VOLATILE, so that the planner never folds it into a branch that is not taken.
  sql`CREATE OR REPLACE FUNCTION authline.vector_lengths_differ(metric text) RETURNS float8
     LANGUAGE plpgsql VOLATILE AS $$
     BEGIN
       RAISE EXCEPTION '%', CASE metric ${join(METRICS.map((m) => sql`WHEN ${literal(m)} THEN ${literal(lengthsDiffer(m))}`), sql` `)} END
         USING ERRCODE = ${literal(VECTOR_LENGTHS_DIFFER)};
     END $$`,
  sql`CREATE OR REPLACE FUNCTION authline.vector_distance(metric text, a float8[], b float8[]) RETURNS float8
     LANGUAGE sql VOLATILE PARALLEL SAFE
     AS $$ SELECT CASE
       WHEN a IS NULL OR b IS NULL THEN NULL
       WHEN cardinality(a) <> cardinality(b) THEN authline.vector_lengths_differ(metric)
       WHEN metric = 'dotproduct' THEN (SELECT 1 - sum(x * y) FROM unnest(a, b) AS t(x, y))
       WHEN metric = 'cosine' THEN (SELECT 1 - sum(x * y) / NULLIF(sqrt(sum(x * x) * sum(y * y)), 0) FROM unnest(a, b) AS t(x, y))
       ELSE (SELECT sqrt(sum((x - y) * (x - y))) FROM unnest(a, b) AS t(x, y))
     END $$`,
];
