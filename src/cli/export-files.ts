/**
 * The files of a Dgraph export as `authline import` reads them: the data
 * (`g01.rdf.gz`, `g01.json.gz`, or the same uncompressed; stdin for "-"),
 * streamed, and the GraphQL schema file (`g01.gql_schema.gz`: a JSON array
 * of `{"Namespace": 0, "Schema": "..."}`, one per namespace, as Dgraph's
 * worker/export.go writes it) or a plain SDL file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { gunzipSync, createGunzip } from 'node:zlib';
import type { ImportFormat } from '../store/index.js';
import { readInput, UsageError } from './args.js';
import type { Runtime } from './runtime.js';

export interface DataFile {
  readonly format: ImportFormat;
  readonly gzip: boolean;
  /** The bytes as stored (compressed when gzip). */
  readonly raw: Readable;
  /** The file's size, for progress; undefined for stdin. */
  readonly size?: number;
  /** Bytes of `raw` read so far. */
  bytesRead(): number;
}

const FORMATS: ReadonlyMap<string, ImportFormat> = new Map([['rdf', 'rdf'], ['nq', 'rdf'], ['nquads', 'rdf'], ['json', 'json']]);

/** The format named by `--format`, or by the file's name (`.rdf`, `.rdf.gz`, `.json`...); JSON for stdin. */
export function formatOf(path: string, flag: string | undefined): ImportFormat {
  if (flag !== undefined) {
    const format = FORMATS.get(flag.toLowerCase());
    if (!format) throw new UsageError(`--format must be rdf or json, got "${flag}"`);
    return format;
  }
  const extension = /\.([a-z]+)(\.gz)?$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && FORMATS.get(extension)) || 'json';
}

export async function openDataFile(rt: Runtime, path: string, format: ImportFormat): Promise<DataFile> {
  let raw: Readable;
  let size: number | undefined;
  if (path === '-') {
    raw = rt.stdin as Readable;
  } else {
    const full = resolve(rt.cwd, path);
    try {
      size = (await stat(full)).size;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(err as Error).message}`);
    }
    // 64 KiB reads: the decompressed text of a larger read ahead waits in memory for the import to catch up.
    raw = createReadStream(full, { highWaterMark: 1 << 16 });
  }
  // Counted as the consumer pulls (a 'data' listener would start the flow before anyone reads).
  let read = 0;
  const counted = raw.pipe(new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      done(null, chunk);
    },
  }));
  raw.once('error', (err) => counted.destroy(err));
  return { format, gzip: /\.gz$/i.test(path), raw: counted, size, bytesRead: () => read };
}

/** The text of a data file, decompressed and decoded chunk by chunk. */
export async function* textOf(file: DataFile): AsyncIterable<string> {
  const bytes: AsyncIterable<Buffer> = file.gzip ? file.raw.pipe(createGunzip()) : file.raw;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/** The SDL of a schema file: a Dgraph export's .gql_schema(.gz) (the entry of `namespace`), or SDL as is. */
export async function readSchemaFile(rt: Runtime, path: string, namespace: bigint): Promise<string> {
  const text = /\.gz$/i.test(path) ? gunzipSync(await readBytes(rt, path)).toString('utf8') : await readInput(rt, path);
  if (!text.trimStart().startsWith('[')) return text;
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not a Dgraph GraphQL schema export (a JSON array): ${(err as Error).message}`);
  }
  const schemas = Array.isArray(entries) ? entries.filter(isExportedSchema) : [];
  const chosen = schemas.find((entry) => BigInt(entry.Namespace) === namespace);
  if (!chosen) {
    const found = schemas.map((entry) => `0x${BigInt(entry.Namespace).toString(16)}`).join(', ') || 'none';
    throw new Error(`${path}: holds no GraphQL schema of namespace 0x${namespace.toString(16)} (namespaces: ${found})`);
  }
  return chosen.Schema;
}

function isExportedSchema(entry: unknown): entry is { Namespace: number; Schema: string } {
  const e = entry as { Namespace?: unknown; Schema?: unknown } | null;
  return typeof e?.Namespace === 'number' && Number.isSafeInteger(e.Namespace) && e.Namespace >= 0 && typeof e.Schema === 'string';
}

async function readBytes(rt: Runtime, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const source = path === '-' ? rt.stdin : createReadStream(resolve(rt.cwd, path));
  try {
    for await (const chunk of source) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(err as Error).message}`);
  }
  return Buffer.concat(chunks);
}
