/**
 * POST /admin/import: Dgraph JSON mutation data, a JSON array of nodes or
 * `{"set": [...]}`, loaded bypassing @auth. Answers
 * `{"data":{"code":"Success","uids":{...}}}` with the uid given to each
 * blank node. Refused data answers 400 with the engine's message; nothing is
 * written then (the store imports in one transaction).
 */
import type { AuthlineService } from '../../engine/types.js';
import { respondWithData, respondWithError } from '../errors.js';
import type { AuthlineMiddleware } from '../state.js';

export function postImport(service: AuthlineService): AuthlineMiddleware {
  return async function importData(ctx) {
    if (!service.current()) {
      respondWithError(ctx, 409, 'ErrorNoSchema', 'Upload a schema (POST /admin/schema) before importing data: the data is stored by its types.');
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
      respondWithError(ctx, 400, 'Error', err instanceof Error ? err.message : String(err));
      return;
    }
    respondWithData(ctx, { code: 'Success', uids });
  };
}
