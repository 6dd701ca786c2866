/**
 * Reads a request body into `ctx.state.body` within a byte limit, counting
 * the bytes after decompression (gzip, deflate and br are accepted, as Dgraph
 * accepts gzip), so that neither a large body nor a small compressed bomb
 * gets further. Over the limit: 413 with the limit in the message.
 */
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import getRawBody from 'raw-body';
import { respondWithError } from '../errors.js';
import type { ServerContext, AuthlineMiddleware } from '../state.js';

const DECOMPRESSORS: ReadonlyMap<string, () => NodeJS.ReadWriteStream> = new Map([
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

export function readBody(limit: number, flag: string): AuthlineMiddleware {
  return async function body(ctx, next) {
    if (ctx.method !== 'POST') return next();
    const encoding = ctx.get('Content-Encoding').trim().toLowerCase() || 'identity';
    const decompress = encoding === 'identity' ? undefined : DECOMPRESSORS.get(encoding);
    if (encoding !== 'identity' && !decompress) {
      respondWithError(ctx, 415, 'ErrorInvalidRequest', `Unsupported Content-Encoding "${encoding}": send identity, gzip, deflate or br.`);
      return;
    }
    try {
      ctx.state.body = await read(ctx, limit, decompress);
    } catch (err) {
      if (err instanceof CorruptBodyError) {
        respondWithError(ctx, 400, 'ErrorInvalidRequest', `Request body is not valid ${encoding} data.`);
        return;
      }
      if ((err as { type?: unknown }).type === 'entity.too.large') {
        respondWithError(ctx, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${formatBytes(limit)}; raise it with ${flag}.`);
        return;
      }
      throw err;
    }
    return next();
  };
}

class CorruptBodyError extends Error {}

async function read(ctx: ServerContext, limit: number, decompress?: () => NodeJS.ReadWriteStream): Promise<string> {
  if (!decompress) {
    // The declared length lets an oversized body be refused before it is read.
    return getRawBody(ctx.req, { limit, length: ctx.get('Content-Length') || null, encoding: 'utf-8' });
  }
  const inflater = decompress();
  let corrupt = false;
  inflater.once('error', () => (corrupt = true));
  ctx.req.pipe(inflater);
  try {
    return await getRawBody(inflater as unknown as Readable, { limit, encoding: 'utf-8' });
  } catch (err) {
    // Node discards what is left of the request once it is answered.
    ctx.req.unpipe(inflater as unknown as NodeJS.WritableStream);
    (inflater as unknown as Readable).destroy();
    throw corrupt ? new CorruptBodyError() : err;
  }
}

export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % (MiB / 4) === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
