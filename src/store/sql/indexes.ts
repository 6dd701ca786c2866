/**
 * Indexes that follow the schema: one per type (membership, below), and for
 * each @search/@id predicate the expression indexes that serve the filter
 * functions its indexes offer (model/search.ts), as filter.ts defines them
 * next to those functions' SQL.
 *
 * Each is named `ix_<kind>_<digest of its definition>`: a name stands for
 * exactly one definition, so an index whose definition changes (a schema
 * change, or a new version of authline) is a new index, and the old one is
 * recognisable in the catalog as one that no schema needs any more.
 * authline owns every index on authline.node whose name starts with `ix_`.
 */
import { createHash } from 'node:crypto';
import { FILTER_FUNCTIONS, indexFunctions, valueFunction } from '../../model/search.js';
import type { FieldDef, SchemaModel, SearchIndex, TypeDef } from '../../model/types.js';
import { FUNCTION_SQL, type ServingIndex } from './filter.js';
import { identifier, render, sql, type Sql } from './fragment.js';
import { membership } from './membership.js';
import { btreeColumns } from './btree.js';
import { rawValue, scalarOf } from './values.js';

/** An index a schema needs: its name and what follows `ON authline.node`. */
export interface SchemaIndex {
  readonly name: string;
  readonly definition: Sql;
}

/** The indexes serving the functions a field searchable by `index` offers. */
function servingIndexes(index: SearchIndex): ServingIndex[] {
  const bare = valueFunction([index]);
  const functions = [...indexFunctions(index), ...(bare ? [bare] : [])];
  return [...new Set(functions.map((fn) => FUNCTION_SQL[FILTER_FUNCTIONS[fn].plan.kind].index))];
}

/** Names fit 63 bytes whatever the definition, and change with it. */
function schemaIndex(kind: string, definition: Sql): SchemaIndex {
  const digest = createHash('sha256').update(render(definition).sql).digest('hex').slice(0, 24);
  return { name: `ix_${kind}_${digest}`, definition };
}

/**
 * A partial btree index on uid per object type and interface, whose WHERE is
 * the membership condition the compiler emits for a level of that type (its
 * implementations, in the same order). All types share one table, so without
 * it `queryT(first: n)` walks the primary key past every node of other types;
 * with it, the first n nodes of T in uid order are the first n index entries.
 */
function membershipIndexes(model: SchemaModel): SchemaIndex[] {
  return [...model.types.values()].flatMap((type) => {
    const implementations = type.implementations.flatMap((name) => model.types.get(name) ?? []);
    if (implementations.length === 0) return [];
    return [schemaIndex('type', sql`(uid) WHERE ${membership(null, implementations)}`)];
  });
}

/**
 * The type that alone holds each predicate it does: declared by one object
 * type only (not through an interface, not shared with another type by
 * @dgraph), and not an @id (a mutation looks an @id up whatever its
 * holder's type).
 */
function owners(model: SchemaModel): Map<string, TypeDef> {
  const holders = new Map<string, { type: TypeDef; field: FieldDef }[]>();
  for (const type of model.types.values()) {
    for (const field of type.fields) holders.set(field.predicate, [...(holders.get(field.predicate) ?? []), { type, field }]);
  }
  const owned = new Map<string, TypeDef>();
  for (const [predicate, held] of holders) {
    if (held.length !== 1) continue;
    const [{ type, field }] = held;
    if (type.kind === 'object' && field.declaredIn === type.name && !field.xid) owned.set(predicate, type);
  }
  return owned;
}

/**
 * The btree index of a field (`using`: the one filter.ts defines). For a
 * field its type alone holds, it is partial on the type's membership and
 * ends with the uid: a level of that type (or a rule rooted there) asking
 * an equality or a range finds in it only nodes of the type, in uid order,
 * so it neither intersects the index with the type's membership index nor
 * sorts for `first`, however many nodes of other types share the table.
 */
function btreeIndex(field: FieldDef, using: Sql, owner: TypeDef | undefined): SchemaIndex {
  if (!owner) return schemaIndex('btree', sql`USING ${using}`);
  const columns = btreeColumns(scalarOf(field), rawValue(null, field));
  return schemaIndex('btree', sql`USING btree (${columns}, uid) WHERE ${membership(null, [owner])}`);
}

/** Every index `model` needs, each once. */
export function schemaIndexes(model: SchemaModel, trigramSchema: string | null): SchemaIndex[] {
  const indexes = membershipIndexes(model);
  const owned = owners(model);
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
      for (const serving of field.search.flatMap(servingIndexes)) {
        const using = serving.using(field, trigramSchema);
        if (!using) continue;
        indexes.push(serving.name === 'btree' ? btreeIndex(field, using, owned.get(field.predicate)) : schemaIndex(serving.name, sql`USING ${using}`));
      }
    }
  }
  // Interface fields appear in every implementation: one index each.
  return [...new Map(indexes.map((index) => [index.name, index])).values()];
}

/**
 * The schema indexes in the catalog, and whether each is valid (an
 * interrupted CREATE INDEX CONCURRENTLY leaves an invalid one behind).
 */
export const catalogIndexes: Sql = sql`SELECT c.relname AS name, i.indisvalid AS valid
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = 'authline.node'::regclass AND starts_with(c.relname, 'ix_')`;

/**
 * CREATE INDEX, CONCURRENTLY where other connections keep serving meanwhile
 * (it must run outside a transaction).
 */
export function createIndex(index: SchemaIndex, concurrently: boolean): Sql {
  const how = concurrently ? sql`CONCURRENTLY ` : sql``;
  return sql`CREATE INDEX ${how}IF NOT EXISTS ${identifier(index.name)} ON authline.node ${index.definition}`;
}

export function dropIndex(name: string, concurrently: boolean): Sql {
  const how = concurrently ? sql`CONCURRENTLY ` : sql``;
  return sql`DROP INDEX ${how}IF EXISTS authline.${identifier(name)}`;
}
