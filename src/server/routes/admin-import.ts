/**
 * POST /admin/import: Dgraph JSON mutation data, a JSON array of nodes or
 * `{"set": [...]}`, loaded bypassing @auth. Answers
 * `{"data":{"code":"Success","uids":{...}}}` with the uid given to each
 * blank node. Refused data (IMPORT_INVALID) answers 400 with the engine's
 * message; nothing is written then (the store imports in one transaction).
 * Any other failure is the server's: a 500, logged.
 */
import type { AuthlineService } from '../../engine/types.js';
import { respondWithData, respondWithError } from '../errors.js';
import type { AuthlineMiddleware } from '../state.js';

export function postImport(service: AuthlineService): AuthlineMiddleware {
  return async function importData(ctx) {
    if (!service.current()) {
      respondWithError(ctx, 409, 'SCHEMA_MISSING', 'Upload a schema (POST /admin/schema) before importing data: the data is stored by its types.');
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(ctx.state.body ?? '');
    } catch {
      respondWithError(ctx, 400, 'ErrorInvalidRequest', 'The body is not valid JSON: send a JSON array of nodes or {"set": [...]}.');
      return;
    }
    let uids: Readonly<Record<string, string>>;
    try {
      ({ uids } = await service.importData(data));
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code !== 'IMPORT_INVALID') throw err;
      respondWithError(ctx, 400, 'IMPORT_INVALID', (err as Error).message);
      return;
    }
    respondWithData(ctx, { code: 'Success', uids });
  };
}
