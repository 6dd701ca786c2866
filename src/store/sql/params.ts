/**
 * Parameters and literals. Request values (filter operands, ids, input data)
 * only ever reach SQL as $n parameters. Names that come from the uploaded
 * schema (predicates, type names) are inlined as quoted literals instead:
 * expression indexes match only literal expressions, and the text stays
 * identical for every request, so PostgreSQL can reuse plans.
 */

export class Params {
  readonly values: unknown[] = [];

  /** Binds `value` and returns its placeholder with an explicit cast (both drivers need one). */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/** A schema-derived name as an SQL string literal (standard_conforming_strings: only ' needs doubling). */
export function literal(text: string): string {
  if (text.includes('\0')) throw new Error('names may not contain NUL characters');
  return `'${text.replaceAll("'", "''")}'`;
}

/** A text[] of schema-derived names. */
export function textArray(items: readonly string[]): string {
  return items.length === 0 ? `'{}'::text[]` : `ARRAY[${items.map(literal).join(', ')}]::text[]`;
}
