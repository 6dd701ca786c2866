/**
 * An import: records read one at a time into batches of a bounded size, each
 * batch written in a bounded number of statements (writer.ts), all inside the
 * caller's transaction, so an import is all or nothing however large it is.
 * Memory holds one batch, plus the uid of every blank node (exports name
 * nodes by uid, so theirs holds none).
 */
import type { SchemaModel } from '../../model/types.js';
import type { Executor } from '../backend/types.js';
import { ImportError } from '../errors.js';
import { formatUid } from '../../plan/uid.js';
import type { ImportOptions, ImportResult, RecordSource } from '../types.js';
import { Loader, predicatesOf } from './loader.js';
import { ImportWarnings } from './warnings.js';
import { ImportState, writeBatch } from './writer.js';

/**
 * Triples (values, edges, types) per batch: large enough to amortise a
 * statement, small enough to bound memory. Each batch's JSON and each
 * statement's working memory in PGlite's WebAssembly heap scale with it:
 * 5,000 peaked some 15 MB lower than 20,000 in that heap, which never
 * shrinks (docs/benchmarks.md).
 */
export const BATCH_TRIPLES = 5_000;

export async function importRecords(tx: Executor, model: SchemaModel, source: RecordSource, options: ImportOptions = {}): Promise<ImportResult> {
  const predicates = predicatesOf(model);
  const warnings = new ImportWarnings();
  const loader = new Loader(predicates, warnings, BigInt(options.namespace ?? 0));
  const state = new ImportState();
  let triples = 0;
  const flush = async () => {
    const batch = loader.take();
    await writeBatch(tx, batch, state, predicates);
    triples += batch.facts;
    options.onProgress?.({ triples, created: state.created });
  };
  let index = 0;
  for await (const record of source) {
    try {
      loader.record(record);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      throw new ImportError(`${source.location ?? `record ${index + 1}`}: ${err.message}`);
    }
    index++;
    if (loader.batch.facts >= BATCH_TRIPLES) await flush();
  }
  await flush();
  const uids = Object.fromEntries([...state.blank].map(([name, uid]) => [name, formatUid(uid)]));
  return { uids, triples, created: state.created, warnings: warnings.list() };
}
