/**
 * Aggregates (`aggregateT`, `<field>Aggregate`) over a level's rows: count,
 * and min/max/sum/avg of a scalar, nulls when there is nothing to aggregate,
 * as Dgraph answers.
 */
import type { AggregateField } from '../../plan/types.js';
import { UNGUARDED, type FieldGuard } from './compiler.js';
import { literal, sql, type Sql } from './fragment.js';
import { jsonObject } from './json.js';
import { guarded, rawValue, scalarOf, typed } from './values.js';

/** Int64 results that JavaScript could not hold as numbers come as decimal text. */
function exact(field: AggregateField, value: Sql): Sql {
  return 'field' in field && field.field.scalar === 'Int64' ? sql`authline.int64_json(to_jsonb(${value}))` : value;
}

function aggregate(alias: Sql, field: AggregateField, guard: FieldGuard): Sql {
  switch (field.fn) {
    case 'count':
      return sql`count(*)`;
    case 'typename':
      return literal(field.typename);
    default:
      return valueAggregate(field, guarded(rawValue(alias, field.field), guard(field.field)));
  }
}

/** min/max/sum/avg of `raw`, the jsonb values of the field (NULL where missing or hidden, which aggregates skip). */
function valueAggregate(field: Extract<AggregateField, { field: unknown }>, raw: Sql): Sql {
  const value = typed(scalarOf(field.field), raw);
  switch (field.fn) {
    case 'sum':
      return exact(field, sql`sum(${value})`);
    case 'avg':
      return sql`avg(${value})::float8`;
    case 'min':
    case 'max': {
      const fn = field.fn === 'min' ? sql`min` : sql`max`;
      if (scalarOf(field.field) !== 'DateTime') return exact(field, sql`${fn}(${value})`);
      // The stored text of the earliest/latest instant, so the value keeps its own zone.
      const direction = field.fn === 'min' ? sql`ASC` : sql`DESC`;
      return sql`(array_agg(${raw} ORDER BY ${value} ${direction}) FILTER (WHERE ${value} IS NOT NULL))[1]`;
    }
  }
}

/** The aggregate object over the rows of derived table `alias`, of the values `guard` lets the reader see. */
export function aggregateSql(alias: Sql, fields: readonly AggregateField[], guard: FieldGuard = UNGUARDED): Sql {
  return jsonObject(fields.map((f) => [f.key, aggregate(alias, f, guard)]));
}

/** What an aggregate of a type the caller may not read answers: every requested value null. */
export function deniedAggregateSql(fields: readonly AggregateField[]): Sql {
  return jsonObject(fields.map((f) => [f.key, f.fn === 'typename' ? literal(f.typename) : sql`NULL`]));
}
