/** Building JSON objects in SQL. */
import { join, literal, sql, type Sql } from './fragment.js';

// json_build_object takes at most 100 arguments: 50 key/value pairs.
export const PAIRS_PER_CALL = 50;

/** A json object from [key, SQL expression] pairs, in order. */
export function jsonObject(pairs: readonly (readonly [string, Sql])[]): Sql {
  const args = (chunk: readonly (readonly [string, Sql])[]) => join(chunk.map(([k, v]) => sql`${literal(k)}, ${v}`), sql`, `);
  if (pairs.length <= PAIRS_PER_CALL) return sql`json_build_object(${args(pairs)})`;
  const chunks: Sql[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) {
    chunks.push(sql`jsonb_build_object(${args(pairs.slice(i, i + PAIRS_PER_CALL))})`);
  }
  return sql`(${join(chunks, sql` || `)})::json`;
}
