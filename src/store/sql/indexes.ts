/**
 * Indexes that follow the schema: one per type (membership, below), and for
 * each @search/@id predicate the expression indexes that serve the filter
 * functions its indexes offer (model/search.ts), as filter.ts defines them
 * next to those functions' SQL. Created if missing and never dropped: a
 * schema change leaves old indexes in place (they cost writes, not
 * correctness) and never touches data.
 */
import { createHash } from 'node:crypto';
import { FILTER_FUNCTIONS, indexFunctions, valueFunction } from '../../model/search.js';
import type { SchemaModel, SearchIndex } from '../../model/types.js';
import { FUNCTION_SQL, type ServingIndex } from './filter.js';
import { identifier, render, sql, type Sql } from './fragment.js';
import { membership } from './membership.js';
import { predicateOf } from './values.js';

/** The indexes serving the functions a field searchable by `index` offers. */
function servingIndexes(index: SearchIndex): ServingIndex[] {
  const bare = valueFunction([index]);
  const functions = [...indexFunctions(index), ...(bare ? [bare] : [])];
  return [...new Set(functions.map((fn) => FUNCTION_SQL[FILTER_FUNCTIONS[fn].plan.kind].index))];
}

/** Index names must fit 63 bytes whatever they are named after, so they carry a digest of it. */
function indexName(prefix: string, of: string): Sql {
  return identifier(`${prefix}_${createHash('sha256').update(of).digest('hex').slice(0, 24)}`);
}

/**
 * A partial btree index on uid per object type and interface, whose WHERE is
 * the membership condition the compiler emits for a level of that type (its
 * implementations, in the same order). All types share one table, so without
 * it `queryT(first: n)` walks the primary key past every node of other types;
 * with it, the first n nodes of T in uid order are the first n index entries.
 */
function membershipIndexes(model: SchemaModel, statements: Map<string, Sql>): void {
  for (const type of model.types.values()) {
    const implementations = type.implementations.flatMap((name) => model.types.get(name) ?? []);
    if (implementations.length === 0) continue;
    const condition = membership(null, implementations);
    const name = indexName('ix_type', render(condition).sql);
    statements.set(render(name).sql, sql`CREATE INDEX IF NOT EXISTS ${name} ON authline.node (uid) WHERE ${condition}`);
  }
}

/** CREATE INDEX IF NOT EXISTS statements for every searchable predicate and every type of `model`. */
export function indexStatements(model: SchemaModel, trigramSchema: string | null): Sql[] {
  const statements = new Map<string, Sql>();
  membershipIndexes(model, statements);
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
      for (const serving of field.search.flatMap(servingIndexes)) {
        const name = indexName(`ix_${serving.name}`, predicateOf(field));
        const key = render(name).sql;
        if (statements.has(key)) continue;
        const using = serving.using(field, trigramSchema);
        if (using) statements.set(key, sql`CREATE INDEX IF NOT EXISTS ${name} ON authline.node USING ${using}`);
      }
    }
  }
  return [...statements.values()];
}
