/**
 * Aggregates (`aggregateT`, `<field>Aggregate`) over a level's rows: count,
 * and min/max/sum/avg of a scalar, nulls when there is nothing to aggregate,
 * as Dgraph answers.
 */
import type { AggregateField } from '../../plan/types.js';
import { jsonObject } from './json.js';
import { literal } from './params.js';
import { rawValue, scalarOf, typed } from './values.js';

/** Int64 results that JavaScript could not hold as numbers come as decimal text. */
function exact(field: AggregateField, sql: string): string {
  return 'field' in field && field.field.scalar === 'Int64' ? `authline.int64_json(to_jsonb(${sql}))` : sql;
}

function aggregate(alias: string, field: AggregateField): string {
  switch (field.fn) {
    case 'count':
      return 'count(*)';
    case 'typename':
      return literal(field.typename);
    case 'sum':
      return exact(field, `sum(${typed(scalarOf(field.field), rawValue(alias, field.field))})`);
    case 'avg':
      return `avg(${typed(scalarOf(field.field), rawValue(alias, field.field))})::float8`;
    case 'min':
    case 'max': {
      const value = typed(scalarOf(field.field), rawValue(alias, field.field));
      if (scalarOf(field.field) !== 'DateTime') return exact(field, `${field.fn}(${value})`);
      // The stored text of the earliest/latest instant, so the value keeps its own zone.
      return `(array_agg(${rawValue(alias, field.field)} ORDER BY ${value} ${field.fn === 'min' ? 'ASC' : 'DESC'}) FILTER (WHERE ${value} IS NOT NULL))[1]`;
    }
  }
}

/** The aggregate object over the rows of derived table `alias`. */
export function aggregateSql(alias: string, fields: readonly AggregateField[]): string {
  return jsonObject(fields.map((f) => [f.key, aggregate(alias, f)]));
}

/** What an aggregate of a type the caller may not read answers: every requested value null. */
export function deniedAggregateSql(fields: readonly AggregateField[]): string {
  return jsonObject(fields.map((f) => [f.key, f.fn === 'typename' ? literal(f.typename) : 'NULL']));
}
