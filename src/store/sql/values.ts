/**
 * Where a field's values are stored, and SQL views of them on a node row. The
 * same expressions appear in queries and in the expression indexes of
 * indexes.ts, which is what lets PostgreSQL use those indexes.
 */
import type { FieldDef, ScalarName, TypeDef } from '../../model/types.js';
import { literal, sql, type Sql } from './fragment.js';

/** The Dgraph predicate an edge or value is stored under (`~p` reverse fields read `p` backwards). */
export function predicateOf(field: FieldDef): string {
  return field.predicate.startsWith('~') ? field.predicate.slice(1) : field.predicate;
}

/** Whether the field reads incoming edges. */
export function isReverse(field: FieldDef): boolean {
  return field.reverse || field.predicate.startsWith('~');
}

/** Where a type's @secret password is stored. */
export function secretPredicate(type: TypeDef): string | undefined {
  if (!type.secretField) return undefined;
  return type.secretPredicate ?? `${type.dgraphType}.${type.secretField}`;
}

/** `alias.column`, or the bare column when `alias` is null (as in index definitions). */
export function column(alias: Sql | null, name: 'data' | 'types' | 'uid'): Sql {
  const bare = { data: sql`data`, types: sql`types`, uid: sql`uid` }[name];
  return alias ? sql`${alias}.${bare}` : bare;
}

/** The raw jsonb value of `field` on row `alias` (null: the bare column, as in index definitions). */
export function rawValue(alias: Sql | null, field: FieldDef): Sql {
  return storedValue(alias, predicateOf(field));
}

/** `value` where `guard` holds, NULL elsewhere: a field's value as a reader who may not see it finds it, absent. */
export function guarded(value: Sql, guard: Sql | null): Sql {
  return guard ? sql`CASE WHEN ${guard} THEN ${value} END` : value;
}

/** The raw jsonb value of `predicate` on row `alias`. */
export function storedValue(alias: Sql | null, predicate: string): Sql {
  return sql`${column(alias, 'data')}->${literal(predicate)}`;
}

/** A jsonb value as the comparable SQL value of `scalar` (NULL when it holds something else). */
export function typed(scalar: ScalarName, jsonb: Sql): Sql {
  switch (scalar) {
    case 'Int': case 'Int64': case 'Float': return sql`authline.num(${jsonb})`;
    case 'Boolean': return sql`authline.bool(${jsonb})`;
    case 'DateTime': return sql`authline.ts(${jsonb})`;
    // Byte order, as Dgraph compares strings, whatever the database's collation.
    default: return sql`(authline.str(${jsonb}) COLLATE "C")`;
  }
}

/** The scalar a field's values compare as (enums are strings). */
export function scalarOf(field: FieldDef): ScalarName {
  return field.scalar ?? 'String';
}

/** Text searched by term, fulltext and trigram filters: the string, or all strings of a list. */
export function searchText(alias: Sql | null, field: FieldDef): Sql {
  return field.type.list ? sql`authline.text_of(${rawValue(alias, field)})` : sql`authline.str(${rawValue(alias, field)})`;
}
