/**
 * /admin/schema. POST takes the SDL as the raw body (as Dgraph does:
 * `curl --data-binary @schema.graphql`) or as JSON `{"schema": "..."}`, and
 * answers Dgraph's `{"data":{"code":"Success","message":"Done"}}` once the
 * new schema is serving, with `"extensions":{"warnings":[...]}` beside it
 * when the schema deserves a second look (engine/schema-warnings.ts). A rejected schema answers 400 with every error, its
 * line and column (code SCHEMA_INVALID); the schema being served does not
 * change. GET answers
 * the SDL being served (keys and secrets redacted unless an admin token
 * guards the endpoint) and the API generated from it.
 */
import { redactSecrets } from '../../authline/index.js';
import { SchemaRejectedError } from '../../sdl/errors.js';
import type { AuthlineService } from '../../engine/types.js';
import { respondWithData, respondWithError, respondWithErrors } from '../errors.js';
import type { ServerContext, AuthlineMiddleware } from '../state.js';

/**
 * `redact`: true when no admin token is configured, so that whoever passes
 * the loopback check (any local process, or an SSRF through a co-located
 * app) reads the SDL without its keys and secrets. Only the admin token
 * shows them.
 */
export function getSchema(service: AuthlineService, { redact }: { readonly redact: boolean }): AuthlineMiddleware {
  return function currentSchema(ctx) {
    const schema = service.current();
    ctx.state.schema = schema;
    const sdl = schema?.sdl ?? null;
    respondWithData(ctx, {
      version: schema?.version ?? null,
      schema: sdl !== null && redact ? redactSecrets(sdl) : sdl,
      generatedSchema: schema?.apiSdl ?? null,
    });
  };
}

export function postSchema(service: AuthlineService): AuthlineMiddleware {
  return async function uploadSchema(ctx) {
    const sdl = sdlFrom(ctx);
    if (sdl === undefined) return;
    try {
      const loaded = await service.uploadSchema(sdl);
      ctx.state.schema = loaded;
    } catch (err) {
      if (!(err instanceof SchemaRejectedError)) throw err;
      respondWithErrors(
        ctx,
        400,
        err.errors.map((e) => ({ ...e.toJSON(), extensions: { code: e.code } })),
      );
      return;
    }
    const warnings = ctx.state.schema?.warnings ?? [];
    respondWithData(ctx, { code: 'Success', message: 'Done' }, warnings.length > 0 ? { warnings } : undefined);
  };
}

/** The SDL in the request, or undefined once a 400 has been answered. */
function sdlFrom(ctx: ServerContext): string | undefined {
  const body = ctx.state.body ?? '';
  if (!ctx.is('application/json')) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    respondWithError(ctx, 400, 'ErrorInvalidRequest', 'The body is not valid JSON: send {"schema": "<SDL>"}, or the SDL itself with another Content-Type.');
    return undefined;
  }
  const schema = (parsed as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string') {
    respondWithError(ctx, 400, 'ErrorInvalidRequest', 'A JSON body must be {"schema": "<SDL>"} with the SDL as a string.');
    return undefined;
  }
  return schema;
}
