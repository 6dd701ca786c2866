/**
 * Indexes that follow the schema: one per type (membership, below), and one
 * per @search/@id predicate, an expression index on a typed view of the
 * predicate (values.ts). Created if missing and never dropped: a schema
 * change leaves old indexes in place (they cost writes, not correctness) and
 * never touches data.
 */
import { createHash } from 'node:crypto';
import type { FieldDef, SchemaModel, SearchIndex } from '../../model/types.js';
import { identifier, render, sql, type Sql } from './fragment.js';
import { membership } from './membership.js';
import { predicateOf, rawValue, scalarOf, searchText, typed } from './values.js';

type IndexKind = 'btree' | 'terms' | 'fulltext' | 'trigram';

function kindOf(index: SearchIndex): IndexKind {
  switch (index) {
    case 'term': return 'terms';
    case 'fulltext': return 'fulltext';
    case 'trigram': case 'regexp': return 'trigram';
    default: return 'btree'; // hash, exact, int, int64, float, bool, year, month, day, hour
  }
}

/** Index names must fit 63 bytes whatever they are named after, so they carry a digest of it. */
function indexName(prefix: string, of: string): Sql {
  return identifier(`${prefix}_${createHash('sha256').update(of).digest('hex').slice(0, 24)}`);
}

function expression(kind: IndexKind, field: FieldDef, trigramSchema: string | null): Sql | null {
  switch (kind) {
    case 'btree':
      // Lists are compared element by element (unindexed); see filter.ts.
      return field.type.list ? null : sql`btree ((${typed(scalarOf(field), rawValue(null, field))}))`;
    case 'terms':
      return sql`gin ((authline.terms(${searchText(null, field)})))`;
    case 'fulltext':
      return sql`gin ((to_tsvector('english'::regconfig, ${searchText(null, field)})))`;
    case 'trigram':
      return trigramSchema && !field.type.list
        ? sql`gin ((${searchText(null, field)}) ${identifier(trigramSchema)}.gin_trgm_ops)`
        : null;
  }
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
      for (const index of field.search) {
        const kind = kindOf(index);
        const name = indexName(`ix_${kind}`, predicateOf(field));
        const key = render(name).sql;
        if (statements.has(key)) continue;
        const using = expression(kind, field, trigramSchema);
        if (using) statements.set(key, sql`CREATE INDEX IF NOT EXISTS ${name} ON authline.node USING ${using}`);
      }
    }
  }
  return [...statements.values()];
}
