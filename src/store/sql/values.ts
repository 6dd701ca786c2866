/**
 * Where a field's values are stored, and SQL views of them on a node row. The
 * same expressions appear in queries and in the expression indexes of
 * indexes.ts, which is what lets PostgreSQL use those indexes.
 */
import type { FieldDef, ScalarName, TypeDef } from '../../model/types.js';
import { languageTags } from '../../model/language-tags.js';
import { join, literal, sql, type Sql } from './fragment.js';

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

/**
 * The raw jsonb value of `field` on row `alias` (null: the bare column, as in
 * index definitions). A predicate with one language tag is stored under its
 * tagged name (`Person.name@hi`); one with several reads the first that has
 * a value, `.` meaning the untagged value, else any language's
 * (model/language-tags.ts).
 */
export function rawValue(alias: Sql | null, field: FieldDef): Sql {
  const predicate = predicateOf(field);
  const tagged = languageTags(predicate);
  if (!tagged || (tagged.tags.length === 1 && tagged.tags[0] !== '.')) return storedValue(alias, predicate);
  const read = (tag: string) => (tag === '.' ? untaggedOrAnyLanguage(alias, tagged.predicate) : storedValue(alias, `${tagged.predicate}@${tag}`));
  return sql`COALESCE(${join(tagged.tags.map(read), sql`, `)})`;
}

/** `P@.`: the untagged value of P, else the value of its first language (by tag), in a function indexes may use. */
function untaggedOrAnyLanguage(alias: Sql | null, predicate: string): Sql {
  return sql`authline.any_language(${column(alias, 'data')}, ${literal(predicate)})`;
}

/** Whether row `alias` has a value of the scalar `field` (`has`, `@cascade`). */
export function hasValue(alias: Sql, field: FieldDef): Sql {
  return languageTags(predicateOf(field)) ? sql`(${rawValue(alias, field)} IS NOT NULL)` : sql`${alias}.data ? ${literal(predicateOf(field))}`;
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
