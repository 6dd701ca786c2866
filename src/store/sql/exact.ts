/**
 * Answers as text (a read compiled with `JsonAnswer`): the statement
 * returns its JSON as compact text (json-text.ts), and each value in it is
 * exactly what graphql-js would answer for it (api/scalars.ts, graphql-js's
 * own scalars and enums, engine/null-value.ts), so the server can write the
 * text as the answer without parsing it. What the database cannot make
 * exact (a value stored under another type than the field's now, a missing
 * value of a non-null field, a Float JavaScript would write otherwise)
 * becomes INEXACT, a mark the engine finds in the text and then answers
 * the general way. A selection this module cannot answer at all
 * (geometries, aggregates, numbers in lists) sets `unsupported`: the read
 * is then never answered as text.
 */
import type { FieldDef } from '../../model/types.js';
import { join, literal, sql, type Sql } from './fragment.js';
import { EMPTY_ARRAY_TEXT, NULL_TEXT } from './json-text.js';

/**
 * A JSON string no stored value can hold (jsonb refuses NUL characters), so
 * finding its text in an answer means the database marked a value inexact.
 * A stored string that spells it with a real backslash also matches, which
 * costs that answer the general path, never a wrong answer.
 */
export const INEXACT_TEXT = '\\u0000authline:inexact';
/** The mark as a value of the statement's JSON text. */
const INEXACT = sql`'"\\u0000authline:inexact"'::text`;

/** How a read is compiled to answer as text. */
export class JsonAnswer {
  /** Set while compiling when the selection has something this module cannot answer exactly. */
  unsupported = false;

  constructor(
    /** The values of an enum by its name (graphql-js refuses any other stored string). */
    readonly enumValues: (name: string) => readonly string[] | undefined,
  ) {}

  /** A single edge's object, or null (`object` null: none to read); a non-null edge without one is what graphql-js would fail. */
  edge(field: FieldDef, object: Sql | null): Sql {
    const none = field.type.nonNull ? INEXACT : NULL_TEXT;
    return object ? sql`COALESCE(${object}, ${none})` : none;
  }

  /** A scalar, enum or list field's stored jsonb `value` as graphql-js answers it, or INEXACT. */
  value(field: FieldDef, value: Sql): Sql {
    const { list, nonNull } = field.type;
    if (list) {
      const item = this.#check(field, sql`e`);
      if (!item) return this.unsupportedValue();
      // A list never set answers [] (null-value.ts); its items must all be exact, and none null.
      return sql`CASE WHEN ${value} IS NULL THEN ${EMPTY_ARRAY_TEXT} WHEN jsonb_typeof(${value}) = 'array' THEN ${compactList(value, item)} ELSE ${INEXACT} END`;
    }
    const check = this.#check(field, value);
    if (!check) return this.unsupportedValue();
    const absent = nonNull ? INEXACT : NULL_TEXT;
    // jsonb prints a scalar as JSON.stringify does (strings escaped alike; numbers and DateTimes as #check lets through).
    const answer = field.scalar === 'DateTime' && field.kind !== 'enum' ? toSecond(value) : sql`(${value})::text`;
    return sql`CASE WHEN ${value} IS NULL THEN ${absent} WHEN ${check} THEN ${answer} ELSE ${INEXACT} END`;
  }

  /** The condition that jsonb `v` is a value of the field's scalar as graphql-js writes it; null when none is known. */
  #check(field: FieldDef, v: Sql): Sql | null {
    const text = sql`(${v} #>> '{}')`;
    if (field.kind === 'enum') {
      const values = this.enumValues(field.type.name);
      if (!values || values.length === 0) return null;
      return sql`(jsonb_typeof(${v}) = 'string' AND ${text} IN (${join(values.map(literal), sql`, `)}))`;
    }
    if (field.type.list && field.scalar !== 'String' && field.scalar !== 'ID' && field.scalar !== 'Boolean') return null;
    switch (field.scalar) {
      case 'String':
      case 'ID':
        return sql`jsonb_typeof(${v}) = 'string'`;
      case 'Boolean':
        return sql`jsonb_typeof(${v}) = 'boolean'`;
      case 'Int':
        return sql`(jsonb_typeof(${v}) = 'number' AND ${text} ~ '^-?[0-9]{1,10}$' AND ${text}::numeric BETWEEN -2147483648 AND 2147483647)`;
      case 'Int64':
        // Every digit, as the server writes a bigint (server/exact-json.ts).
        return sql`(jsonb_typeof(${v}) = 'number' AND ${text} ~ '^-?[0-9]{1,19}$' AND ${text}::numeric BETWEEN -9223372036854775808 AND 9223372036854775807)`;
      case 'Float':
        // JavaScript writes a double in its shortest form, with an exponent below 1e-6 (and from 1e21):
        // a decimal of at most 15 digits, no trailing zero, in that range, is that form.
        return sql`(jsonb_typeof(${v}) = 'number' AND ${text} ~ '^-?(0|[1-9][0-9]*)([.][0-9]*[1-9])?$' AND length(regexp_replace(${text}, '[^0-9]', '', 'g')) <= 15 AND (${text}::numeric = 0 OR abs(${text}::numeric) >= 0.000001))`;
      case 'DateTime':
        return isDateTime(v, text);
      default:
        return null; // geometries are objects to GraphQL
    }
  }

  /** A value this module cannot answer exactly: the read is not answered as text. */
  unsupportedValue(): Sql {
    this.unsupported = true;
    return INEXACT;
  }
}

/**
 * Whether jsonb `v` is a stored DateTime formatDateTime answers as is, less
 * its fraction: RFC 3339 with a valid date and time, an offset other than
 * ±00:00 (written Z), and a year from 0100 (JavaScript's Date.UTC reads
 * smaller years as 19xx). The CASE keeps the date cast behind the pattern.
 */
function isDateTime(v: Sql, text: Sql): Sql {
  const shape = sql`${text} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$'`;
  const lastDay = sql`to_char((substr(${text}, 1, 7) || '-01')::date + interval '1 month' - interval '1 day', 'DD')`;
  return sql`CASE WHEN jsonb_typeof(${v}) = 'string' AND ${shape} AND ${text} !~ '[+-]00:00$' AND left(${text}, 2) <> '00' THEN substr(${text}, 9, 2) <= '28' OR substr(${text}, 9, 2) <= ${lastDay} ELSE FALSE END`;
}

/** A stored DateTime to the second, as Dgraph answers it (api/scalars.ts, formatDateTime): its JSON less the fraction. */
function toSecond(v: Sql): Sql {
  return sql`regexp_replace((${v})::text, '[.][0-9]+', '')`;
}

/**
 * A stored jsonb array `v` as compact JSON text when every item passes
 * `item` (a condition on item `e`), else INEXACT. jsonb prints an array
 * spaced (`["a", "b"]`), and no pattern can take the spaces out without
 * reading the strings, so the items are printed one by one (scalars: jsonb
 * prints them compact) and joined, in one pass that also checks them.
 * Measured on 20 lists of 5 strings: a pass apiece for the check and the
 * join costs about the same, ARRAY and array_to_string a little more, and
 * a regexp that skips strings to drop the separators' spaces twice as much.
 */
function compactList(v: Sql, item: Sql): Sql {
  return sql`(SELECT CASE WHEN bool_and(${item}) IS NOT FALSE THEN '[' || COALESCE(string_agg(e::text, ',' ORDER BY i), '') || ']' ELSE ${INEXACT} END FROM jsonb_array_elements(${v}) WITH ORDINALITY a(e, i))`;
}
