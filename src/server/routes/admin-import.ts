/**
 * POST /admin/import: Dgraph data loaded bypassing @auth, read as the body
 * streams in. `Content-Type: application/n-quads` (or `application/rdf`, as
 * Dgraph's /mutate names RDF) is RDF N-Quads, as Dgraph exports by default;
 * any other body is Dgraph JSON: an array of nodes (a JSON export) or
 * `{"set": [...]}`. `Content-Encoding: gzip` reads an export's `.gz` as it
 * is. `?namespace=N` picks the Dgraph namespace of a multi-tenant export
 * (default 0). Answers `{"data":{"code":"Success","uids":{...},"triples":N,
 * "created":N,"warnings":[...]}}`. The import is one transaction: refused
 * data (IMPORT_INVALID) answers 400 with the engine's message, a body over
 * --import-limit 413, and nothing is written then. Any other failure is the
 * server's: a 500, logged.
 */
import type { AuthlineService } from '../../engine/types.js';
import { readRecords, type ImportFormat } from '../../store/index.js';
import { respondWithData, respondWithError } from '../errors.js';
import { respondToBodyError, streamBody } from '../middleware/body.js';
import type { AuthlineMiddleware, ServerContext } from '../state.js';

const RDF_TYPES = new Set(['application/n-quads', 'application/rdf']);

function formatOf(ctx: ServerContext): ImportFormat {
  const type = ctx.get('Content-Type').split(';')[0].trim().toLowerCase();
  return RDF_TYPES.has(type) ? 'rdf' : 'json';
}

export function postImport(service: AuthlineService, limit: number): AuthlineMiddleware {
  return async function importData(ctx) {
    if (!service.current()) {
      respondWithError(ctx, 409, 'SCHEMA_MISSING', 'Upload a schema (POST /admin/schema) before importing data: the data is stored by its types.');
      return;
    }
    const namespace = ctx.query.namespace;
    if (namespace !== undefined && (typeof namespace !== 'string' || !/^(0x[0-9a-f]+|\d+)$/i.test(namespace))) {
      respondWithError(ctx, 400, 'ErrorInvalidRequest', 'namespace must be a Dgraph namespace such as 0 or 0x1.');
      return;
    }
    const text = streamBody(ctx, limit);
    if (!text) return;
    try {
      const result = await service.importRecords(readRecords(formatOf(ctx), text), { namespace: BigInt(namespace ?? 0) });
      respondWithData(ctx, { code: 'Success', ...result });
    } catch (err) {
      if (respondToBodyError(ctx, err, limit, '--import-limit')) return;
      if ((err as { code?: unknown } | null)?.code !== 'IMPORT_INVALID') throw err;
      respondWithError(ctx, 400, 'IMPORT_INVALID', (err as Error).message);
    }
  };
}
