/** Building JSON objects in SQL. */
import { literal } from './params.js';

// json_build_object takes at most 100 arguments: 50 key/value pairs.
const PAIRS_PER_CALL = 50;

/** A json object from [key, SQL expression] pairs, in order. */
export function jsonObject(pairs: readonly (readonly [string, string])[]): string {
  const args = (chunk: readonly (readonly [string, string])[]) => chunk.map(([k, v]) => `${literal(k)}, ${v}`).join(', ');
  if (pairs.length <= PAIRS_PER_CALL) return `json_build_object(${args(pairs)})`;
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) {
    chunks.push(`jsonb_build_object(${args(pairs.slice(i, i + PAIRS_PER_CALL))})`);
  }
  return `(${chunks.join(' || ')})::json`;
}
