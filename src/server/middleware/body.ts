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

/** The request's Content-Encoding, or undefined (answered 415) when it is one authline does not read. */
function encodingOf(ctx: ServerContext): { name: string; decompress?: () => NodeJS.ReadWriteStream } | undefined {
  const name = ctx.get('Content-Encoding').trim().toLowerCase() || 'identity';
  const decompress = name === 'identity' ? undefined : DECOMPRESSORS.get(name);
  if (name !== 'identity' && !decompress) {
    respondWithError(ctx, 415, 'ErrorInvalidRequest', `Unsupported Content-Encoding "${name}": send identity, gzip, deflate or br.`);
    return undefined;
  }
  return { name, decompress };
}

/** Answers a body that could not be read (corrupt, or over `limit`) and returns true; false for any other error. */
export function respondToBodyError(ctx: ServerContext, err: unknown, limit: number, flag: string): boolean {
  if (err instanceof CorruptBodyError) {
    respondWithError(ctx, 400, 'ErrorInvalidRequest', `Request body is not valid ${err.encoding} data.`);
    return true;
  }
  if ((err as { type?: unknown } | null)?.type === 'entity.too.large') {
    respondWithError(ctx, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${formatBytes(limit)}; raise it with ${flag}.`);
    return true;
  }
  return false;
}

export function readBody(limit: number, flag: string): AuthlineMiddleware {
  return async function body(ctx, next) {
    if (ctx.method !== 'POST') return next();
    const encoding = encodingOf(ctx);
    if (!encoding) return;
    try {
      ctx.state.body = await read(ctx, limit, encoding.name, encoding.decompress);
    } catch (err) {
      if (respondToBodyError(ctx, err, limit, flag)) return;
      throw err;
    }
    return next();
  };
}

/**
 * The body as text, chunk by chunk as it arrives (decompressed), for a
 * consumer that streams it (/admin/import). Past `limit` bytes (after
 * decompression) the iteration throws what respondToBodyError answers with
 * 413; undecodable compressed data, with 400. Undefined when the
 * Content-Encoding is refused (answered 415).
 */
export function streamBody(ctx: ServerContext, limit: number): AsyncIterable<string> | undefined {
  const encoding = encodingOf(ctx);
  if (!encoding) return undefined;
  const declared = Number(ctx.get('Content-Length') || Number.NaN);
  return (async function* text() {
    if (!encoding.decompress && declared > limit) throw tooLarge();
    let source: AsyncIterable<Buffer> = ctx.req;
    if (encoding.decompress) {
      const inflater = encoding.decompress();
      ctx.req.pipe(inflater);
      source = inflater as unknown as AsyncIterable<Buffer>;
    }
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    try {
      for await (const chunk of source) {
        bytes += chunk.length;
        if (bytes > limit) throw tooLarge();
        yield decoder.decode(chunk, { stream: true });
      }
    } catch (err) {
      if (encoding.decompress && (err as { code?: unknown }).code !== undefined && String((err as { code?: unknown }).code).startsWith('Z_')) {
        throw new CorruptBodyError(encoding.name);
      }
      throw err;
    }
    yield decoder.decode();
  })();
}

function tooLarge(): Error {
  return Object.assign(new Error('request entity too large'), { type: 'entity.too.large' });
}

class CorruptBodyError extends Error {
  constructor(readonly encoding: string) {
    super(`Request body is not valid ${encoding} data.`);
  }
}

async function read(ctx: ServerContext, limit: number, encoding: string, decompress?: () => NodeJS.ReadWriteStream): Promise<string> {
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
    throw corrupt ? new CorruptBodyError(encoding) : err;
  }
}

export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % (MiB / 4) === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
