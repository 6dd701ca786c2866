/**
 * `authline import FILE`: loads a Dgraph export (RDF N-Quads or JSON,
 * gzipped or not) or Dgraph JSON mutation data, bypassing @auth, read as it
 * streams: straight into the store (--data, --database-url, or the
 * environment, as for serve), or through a running server's /admin/import
 * with --url, which is the way while a server holds an embedded data
 * directory. --schema uploads the export's GraphQL schema first.
 */
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { SchemaRejectedError } from '../../sdl/errors.js';
import { ADMIN_TOKEN_HEADER } from '../../server/index.js';
import { IMPORT_SHARED_BUFFERS_MB, readRecords, type ImportResult } from '../../store/index.js';
import { onePositional, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { formatOf, openDataFile, readSchemaFile, textOf, type DataFile } from '../export-files.js';
import { ProgressLine } from '../progress.js';
import type { Runtime } from '../runtime.js';
import { formatSchemaErrors } from '../schema-errors.js';
import { DEFAULT_DATA_DIR, describeLocation, storeLocation, type StoreFlags } from '../store-location.js';

const usage = `Usage: authline import FILE [options]

Loads FILE (- for stdin) into the store, bypassing @auth, as it reads it:
  g01.rdf.gz, .rdf     a Dgraph export in RDF N-Quads (Dgraph's default)
  g01.json.gz, .json   a Dgraph export in JSON, or Dgraph JSON mutation data:
                       an array of nodes or {"set": [...]}, "uid": "_:name" for new nodes
The import is one transaction: all of FILE is loaded, or nothing. Explicit uids
(every node of an export) and @id values name the same node when imported again.
Prints {"code":"Success","uids":{...},"triples":N,"created":N} with the uid of
each blank node; warnings (facets ignored, ...) and progress go to stderr.

Options (environment variable in brackets; flags win):
      --schema FILE      upload this schema first: the export's g01.gql_schema.gz, or SDL
      --format F         rdf or json (default: from FILE's name; json for stdin)
      --namespace N      the Dgraph namespace to import from a multi-tenant export (default 0)
      --url URL          send the data to a running server's /admin/import [AUTHLINE_URL]
      --admin-token T    the server's admin token, with --url [AUTHLINE_ADMIN_TOKEN]
      --data DIR         import into embedded PGlite in DIR [AUTHLINE_DATA_DIR]
                         (default ./${DEFAULT_DATA_DIR}; not while a server uses it: use --url)
      --pglite-fsync V   on (default) or off: flush every commit in DIR to disk [AUTHLINE_PGLITE_FSYNC]
      --database-url URL import into a PostgreSQL server [DATABASE_URL]
  -h, --help             show this help

Without --schema, the store must already hold a schema (authline serve SCHEMA_FILE, or POST /admin/schema).
`;

const OPTIONS = {
  schema: { type: 'string' },
  format: { type: 'string' },
  namespace: { type: 'string' },
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'pglite-fsync': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface ImportRun {
  readonly rt: Runtime;
  readonly file: string;
  readonly data: DataFile;
  readonly namespace: bigint;
  /** The SDL to upload first, if --schema. */
  readonly sdl?: string;
  readonly schemaFile?: string;
  readonly progress: ProgressLine;
}

export const importCommand: Command = {
  name: 'import',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    const file = onePositional(positionals, 'FILE', true) as string;
    const url = values.url ?? (rt.env.AUTHLINE_URL || undefined);
    // Into the store, the import runs in this process (PGlite's engine too): memory over speed.
    if (url === undefined) rt.leanMemory?.();
    if (url !== undefined && (values.data !== undefined || values['database-url'] !== undefined)) {
      throw new UsageError('--url sends the data to a server; --data and --database-url open a store directly: choose one');
    }
    if (values.namespace !== undefined && !/^(0x[0-9a-f]+|\d+)$/i.test(values.namespace)) {
      throw new UsageError(`--namespace must be a Dgraph namespace such as 0 or 0x1, got "${values.namespace}"`);
    }
    const namespace = BigInt(values.namespace ?? 0);
    const format = formatOf(file, values.format);
    let run: ImportRun;
    try {
      const sdl = values.schema === undefined ? undefined : await readSchemaFile(rt, values.schema, namespace);
      const data = await openDataFile(rt, file, format);
      run = { rt, file, data, namespace, sdl, schemaFile: values.schema, progress: new ProgressLine(rt.stderr, rt.stderrIsTerminal === true) };
    } catch (err) {
      rt.stderr(`${(err as Error).message}\n`);
      return 1;
    }
    try {
      return url === undefined ? await importIntoStore(run, values) : await importThroughServer(run, url, values['admin-token']);
    } finally {
      run.data.raw.destroy();
    }
  },
};

async function importIntoStore(run: ImportRun, flags: StoreFlags): Promise<number> {
  const { rt, file, data, progress } = run;
  const location = storeLocation(flags, rt);
  const service = await rt.createService({ store: location, pgliteSharedBuffersMb: IMPORT_SHARED_BUFFERS_MB });
  try {
    if (run.sdl !== undefined) {
      try {
        await service.uploadSchema(run.sdl);
      } catch (err) {
        if (!(err instanceof SchemaRejectedError)) throw err;
        rt.stderr(formatSchemaErrors(run.schemaFile!, err.errors));
        return 1;
      }
    }
    if (!service.current()) {
      rt.stderr(`${describeLocation(location)} holds no schema yet: upload one first (--schema FILE, authline serve SCHEMA_FILE, or POST /admin/schema)\n`);
      return 1;
    }
    const figures = (triples: number) => ({ triples, bytes: data.bytesRead(), totalBytes: data.size });
    let result: ImportResult;
    try {
      result = await service.importRecords(readRecords(data.format, textOf(data)), {
        namespace: run.namespace,
        onProgress: ({ triples }) => progress.update(figures(triples)),
      });
    } catch (err) {
      progress.clear();
      rt.stderr(`${file}: ${(err as Error).message}\nnothing was imported\n`);
      return 1;
    }
    report(run, result, figures(result.triples));
    return 0;
  } finally {
    await service.close();
  }
}

/** The answer on stdout, warnings and the summary on stderr. */
function report(run: ImportRun, result: ImportResult, figures: { triples: number; bytes: number; totalBytes?: number }): void {
  const { warnings, ...answer } = result;
  run.progress.finish(figures, `imported ${run.file}`);
  for (const warning of warnings) run.rt.stderr(`warning: ${warning}\n`);
  run.rt.stdout(`${JSON.stringify({ code: 'Success', ...answer })}\n`);
}

async function importThroughServer(run: ImportRun, url: string, flagToken: string | undefined): Promise<number> {
  const { rt, data, progress } = run;
  const token = flagToken ?? (rt.env.AUTHLINE_ADMIN_TOKEN || undefined);
  let base: URL;
  try {
    base = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new UsageError(`--url "${url}" is not a URL such as http://127.0.0.1:8080`);
  }
  const admin: Record<string, string> = token ? { [ADMIN_TOKEN_HEADER]: token } : {};
  if (run.sdl !== undefined) {
    const uploaded = await post(rt, new URL('admin/schema', base), { method: 'POST', headers: admin, body: run.sdl });
    if (!uploaded) return 1;
  }
  const endpoint = new URL('admin/import', base);
  if (run.namespace !== 0n) endpoint.searchParams.set('namespace', String(run.namespace));
  const ticker = setInterval(() => progress.update({ bytes: data.bytesRead(), totalBytes: data.size }), 250);
  let answer: Record<string, unknown> | undefined;
  try {
    answer = await post(rt, endpoint, {
      method: 'POST',
      headers: {
        ...admin,
        'content-type': data.format === 'rdf' ? 'application/n-quads' : 'application/json',
        ...(data.gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      body: Readable.toWeb(data.raw) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
  } finally {
    clearInterval(ticker);
  }
  if (!answer) {
    progress.clear();
    return 1;
  }
  const { code: _code, ...result } = answer as unknown as ImportResult & { code: string };
  report(run, result, { triples: result.triples, bytes: data.bytesRead(), totalBytes: data.size });
  return 0;
}

/** POSTs to an admin endpoint; the answer's data, or undefined once the errors are printed. */
async function post(rt: Runtime, endpoint: URL, init: RequestInit): Promise<Record<string, unknown> | undefined> {
  let res: Response;
  try {
    res = await fetch(endpoint, init);
  } catch (err) {
    rt.stderr(`cannot reach ${endpoint.origin}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}\n`);
    return undefined;
  }
  const answer = (await res.json().catch(() => null)) as { data?: Record<string, unknown>; errors?: { message: string }[] } | null;
  if (res.ok && answer?.data) return answer.data;
  const messages = answer?.errors?.map((e) => e.message) ?? [`HTTP ${res.status}`];
  rt.stderr(messages.map((m) => `${endpoint.origin}${endpoint.pathname}: ${m}\n`).join(''));
  return undefined;
}
