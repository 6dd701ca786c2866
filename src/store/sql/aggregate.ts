/**
 * Aggregates (`aggregateT`, `<field>Aggregate`) over a level's rows: count,
 * and min/max/sum/avg of a scalar, nulls when there is nothing to aggregate,
 * as Dgraph answers.
 */
import type { AggregateField } from '../../plan/types.js';
import { literal, sql, type Sql } from './fragment.js';
import { jsonObject } from './json.js';
import { rawValue, scalarOf, typed } from './values.js';

/** Int64 results that JavaScript could not hold as numbers come as decimal text. */
function exact(field: AggregateField, value: Sql): Sql {
  return 'field' in field && field.field.scalar === 'Int64' ? sql`authline.int64_json(to_jsonb(${value}))` : value;
}

function aggregate(alias: Sql, field: AggregateField): Sql {
  switch (field.fn) {
    case 'count':
      return sql`count(*)`;
    case 'typename':
      return literal(field.typename);
    case 'sum':
      return exact(field, sql`sum(${typed(scalarOf(field.field), rawValue(alias, field.field))})`);
    case 'avg':
      return sql`avg(${typed(scalarOf(field.field), rawValue(alias, field.field))})::float8`;
    case 'min':
    case 'max': {
      const value = typed(scalarOf(field.field), rawValue(alias, field.field));
      const fn = field.fn === 'min' ? sql`min` : sql`max`;
      if (scalarOf(field.field) !== 'DateTime') return exact(field, sql`${fn}(${value})`);
      // The stored text of the earliest/latest instant, so the value keeps its own zone.
      const direction = field.fn === 'min' ? sql`ASC` : sql`DESC`;
      return sql`(array_agg(${rawValue(alias, field.field)} ORDER BY ${value} ${direction}) FILTER (WHERE ${value} IS NOT NULL))[1]`;
    }
  }
}

/** The aggregate object over the rows of derived table `alias`. */
export function aggregateSql(alias: Sql, fields: readonly AggregateField[]): Sql {
  return jsonObject(fields.map((f) => [f.key, aggregate(alias, f)]));
}

/** What an aggregate of a type the caller may not read answers: every requested value null. */
export function deniedAggregateSql(fields: readonly AggregateField[]): Sql {
  return jsonObject(fields.map((f) => [f.key, f.fn === 'typename' ? literal(f.typename) : sql`NULL`]));
}
