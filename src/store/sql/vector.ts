/**
 * A similarity query's candidates (querySimilarTById / ByEmbedding): the
 * `topK` nodes of the type nearest to the searched vector, ranked by exact
 * distances computed over the stored vectors (vector-functions.ts), as one
 * derived table the query's level reads (LevelSource `nearest`).
 *
 * Dgraph ranks with its HNSW index over every node that has the predicate and
 * applies the type, the query's filter and the @auth rules afterwards
 * (query_rewriter.go puts them in the @filter of the similar_to block, whose
 * index search accepts every node: worker/task.go, index.AcceptAll), so a
 * node the caller may not see takes one of the topK places and the answer
 * is one short: the caller learns that a hidden node lies nearer than the
 * ones shown. authline ranks only the nodes the caller may see (the query
 * rule of the type, and of the ranked field: a vector the caller may not
 * read ranks nothing), so a hidden node never takes a place; the query's
 * filter and @cascade apply to the topK, as in Dgraph. querySimilarTById
 * searches from the node's vector as getT reads it (under the query rule);
 * Dgraph applies no rule to its answer at all.
 */
import type { NodeQuery, SimilarSearch } from '../../plan/types.js';
import { VECTOR_DISTANCE_PREDICATE } from '../../model/vectors.js';
import type { Compiler, LevelEnv, LevelSource } from './compiler.js';
import { join, literal, param, render, rowCount, sql, type Sql, type Statement } from './fragment.js';
import { fieldGuard, levelAuth, rowsSql } from './levels.js';
import { membership } from './membership.js';
import { guarded, hasValue, rawValue } from './values.js';

/** The nearest nodes of `q`'s types as `search` asks for them, read under `env`; null when auth leaves none. */
export function nearestSource(c: Compiler, q: NodeQuery, search: SimilarSearch, env: LevelEnv): LevelSource | null {
  const n = c.alias('v');
  const auth = levelAuth(c, n, q.concreteTypes, env);
  if (auth.visible.length === 0) return null;
  const target = searchedVector(c, q, search, env);
  if (!target) return null;
  const conditions = [membership(n, auth.visible), hasValue(n, search.field)];
  if (auth.condition) conditions.push(auth.condition);
  const readable = fieldGuard(c, n, q.concreteTypes, env)(search.field);
  if (readable) conditions.push(readable);
  const distance = sql`authline.vector_distance(${literal(search.metric)}, authline.vec(${rawValue(n, search.field)}), ${target})`;
  const scored = sql`SELECT ${n}.uid, ${n}.types, ${n}.data, ${distance} AS _d FROM authline.node ${n} WHERE ${join(conditions, sql` AND `)}`;
  const k = c.alias('k');
  const kept = [sql`${k}._d IS NOT NULL`];
  // Dgraph's threshold bounds euclidean and cosine distances, and is ignored for dotproduct (tok/hnsw/persistent_hnsw.go).
  if (search.threshold !== undefined && search.metric !== 'dotproduct') kept.push(sql`${k}._d <= ${param(search.threshold, 'float8')}`);
  const carried = sql`${k}.data || jsonb_build_object(${literal(VECTOR_DISTANCE_PREDICATE)}, ${k}._d)`;
  return {
    kind: 'nearest',
    table: (alias) => sql`(SELECT ${k}.uid, ${k}.types, ${carried} AS data, ${k}._d FROM (${scored}) ${k}
      WHERE ${join(kept, sql` AND `)} ORDER BY ${k}._d, ${k}.uid LIMIT ${rowCount(Math.max(0, search.topK))}) ${alias}`,
  };
}

/** The vector searched from: the one given, or the stored vector of the named node as getT reads it (none: no node). */
function searchedVector(c: Compiler, q: NodeQuery, search: SimilarSearch, env: LevelEnv): Sql | null {
  if (search.from.kind === 'vector') return sql`${param(search.from.vector, 'float8[]')}`;
  const byKey = { concreteTypes: q.concreteTypes, filter: search.from.filter, first: 1 };
  const rows = rowsSql(c, byKey, { kind: 'all' }, { ...env, probe: search.from.filter.kind === 'uid' });
  if (!rows) return null;
  const vector = guarded(rawValue(rows.alias, search.field), fieldGuard(c, rows.alias, q.concreteTypes, env)(search.field));
  return sql`(SELECT authline.vec(${vector}) FROM (${rows.sql}) ${rows.alias})`;
}

/**
 * The first of `written` (predicate, declaring type and length of a vector a
 * mutation writes) whose predicate already holds a vector of another length
 * (column `pred`; no row when none does). One stored vector of the type's
 * nodes stands for all: every write is checked so, and a query still refuses
 * a mismatch it meets. The type's nodes are found through the types index,
 * so the look costs what the type holds, never the whole node table.
 */
export function otherLengthStatement(
  written: readonly { readonly predicate: string; readonly type: string; readonly length: number }[],
): Statement {
  const n = sql`n`;
  return render(sql`SELECT w.pred FROM unnest(${param(written.map((v) => v.predicate), 'text[]')}, ${param(written.map((v) => v.type), 'text[]')},
      ${param(written.map((v) => v.length), 'bigint[]')}) AS w(pred, type, len)
    WHERE (SELECT jsonb_array_length(${n}.data->w.pred) FROM authline.node ${n}
           WHERE ${n}.types && ARRAY[w.type] AND jsonb_typeof(${n}.data->w.pred) = 'array' LIMIT 1) <> w.len
    LIMIT 1`);
}
