/**
 * Imports of Dgraph data, bypassing @auth: JSON mutation data held in
 * memory, or a Dgraph export (RDF N-Quads or JSON) read as it streams in.
 */
import { JsonElements, rowsOf } from './json-elements.js';
import { NQuadRecords } from './nquad-records.js';
import type { RecordSource } from '../types.js';

export { importRecords, BATCH_TRIPLES } from './session.js';

/** The formats Dgraph exports: RDF N-Quads (its default) and JSON. */
export type ImportFormat = 'rdf' | 'json';

/** The records of an import's text, read as it streams in. */
export function readRecords(format: ImportFormat, text: AsyncIterable<string>): RecordSource {
  return format === 'rdf' ? new NQuadRecords(text) : new JsonElements(text);
}

/** The records of Dgraph JSON data already in memory (an array of nodes, or {"set": [...]}). */
export function recordsOf(data: unknown): RecordSource {
  return rowsOf(data);
}
