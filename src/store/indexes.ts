/**
 * Indexes that follow the schema's @search and @id directives. Each is an
 * expression index on a typed view of one predicate (sql/values.ts), created
 * if missing and never dropped: a schema change leaves old indexes in place
 * (they cost writes, not correctness) and never touches data.
 */
import { createHash } from 'node:crypto';
import type { FieldDef, SchemaModel, SearchIndex } from '../model/types.js';
import { predicateOf, rawValue, scalarOf, searchText, typed } from './sql/values.js';

type IndexKind = 'btree' | 'terms' | 'fulltext' | 'trigram';

function kindOf(index: SearchIndex): IndexKind {
  switch (index) {
    case 'term': return 'terms';
    case 'fulltext': return 'fulltext';
    case 'trigram': case 'regexp': return 'trigram';
    default: return 'btree'; // hash, exact, int, int64, float, bool, year, month, day, hour
  }
}

/** Index names must fit 63 bytes whatever the predicate, so they carry a digest of it. */
function indexName(kind: IndexKind, predicate: string): string {
  return `ix_${kind}_${createHash('sha256').update(predicate).digest('hex').slice(0, 24)}`;
}

function expression(kind: IndexKind, field: FieldDef, trigramSchema: string | null): string | null {
  switch (kind) {
    case 'btree':
      // Lists are compared element by element (unindexed); see sql/filter.ts.
      return field.type.list ? null : `btree ((${typed(scalarOf(field), rawValue(null, field))}))`;
    case 'terms':
      return `gin ((authline.terms(${searchText(null, field)})))`;
    case 'fulltext':
      return `gin ((to_tsvector('english'::regconfig, ${searchText(null, field)})))`;
    case 'trigram':
      return trigramSchema && !field.type.list
        ? `gin ((${searchText(null, field)}) "${trigramSchema.replaceAll('"', '""')}".gin_trgm_ops)`
        : null;
  }
}

/** CREATE INDEX IF NOT EXISTS statements for every searchable predicate of `model`. */
export function indexStatements(model: SchemaModel, trigramSchema: string | null): string[] {
  const statements = new Map<string, string>();
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
      for (const index of field.search) {
        const kind = kindOf(index);
        const name = indexName(kind, predicateOf(field));
        if (statements.has(name)) continue;
        const using = expression(kind, field, trigramSchema);
        if (using) statements.set(name, `CREATE INDEX IF NOT EXISTS ${name} ON authline.node USING ${using}`);
      }
    }
  }
  return [...statements.values()];
}
