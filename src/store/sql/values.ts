/**
 * SQL views of a field's value on a node row. The same expressions appear in
 * queries and in the expression indexes of indexes.ts, which is what lets
 * PostgreSQL use those indexes.
 */
import type { FieldDef, ScalarName } from '../../model/types.js';
import { literal } from './params.js';

/** The Dgraph predicate an edge or value is stored under (`~p` reverse fields read `p` backwards). */
export function predicateOf(field: FieldDef): string {
  return field.predicate.startsWith('~') ? field.predicate.slice(1) : field.predicate;
}

/** Whether the field reads incoming edges. */
export function isReverse(field: FieldDef): boolean {
  return field.reverse || field.predicate.startsWith('~');
}

/** The raw jsonb value of `field` on row `alias` (null: the bare column, as in index definitions). */
export function rawValue(alias: string | null, field: FieldDef): string {
  return `${alias ? `${alias}.` : ''}data->${literal(predicateOf(field))}`;
}

/** A jsonb value as the comparable SQL value of `scalar` (NULL when it holds something else). */
export function typed(scalar: ScalarName, jsonb: string): string {
  switch (scalar) {
    case 'Int': case 'Int64': case 'Float': return `authline.num(${jsonb})`;
    case 'Boolean': return `authline.bool(${jsonb})`;
    case 'DateTime': return `authline.ts(${jsonb})`;
    // Byte order, as Dgraph compares strings, whatever the database's collation.
    default: return `(authline.str(${jsonb}) COLLATE "C")`;
  }
}

/** The scalar a field's values compare as (enums are strings). */
export function scalarOf(field: FieldDef): ScalarName {
  return field.scalar ?? 'String';
}

/** Text searched by term, fulltext and trigram filters: the string, or all strings of a list. */
export function searchText(alias: string | null, field: FieldDef): string {
  return field.type.list ? `authline.text_of(${rawValue(alias, field)})` : `authline.str(${rawValue(alias, field)})`;
}
