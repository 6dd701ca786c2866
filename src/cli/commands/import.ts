/**
 * `authline import FILE`: loads Dgraph JSON data (an array of nodes or
 * {"set": [...]}), bypassing @auth. Straight into the store (--data,
 * --database-url, or the environment, as for serve), or through a running
 * server's /admin/import with --url, which is the way while a server holds
 * an embedded data directory.
 */
import { parseArgs } from 'node:util';
import { ADMIN_TOKEN_HEADER } from '../../server/index.js';
import { onePositional, readInput, UsageError } from '../args.js';
import type { Command } from '../command.js';
import type { Runtime } from '../runtime.js';
import { DEFAULT_DATA_DIR, describeLocation, storeLocation, type StoreFlags } from '../store-location.js';

const usage = `Usage: authline import FILE [options]

Loads Dgraph JSON data from FILE (- for stdin): an array of nodes or
{"set": [...]}, with "uid": "_:name" for new nodes. @auth rules are not
applied. Prints {"code":"Success","uids":{...}} with the uid of each new node.

Options (environment variable in brackets; flags win):
      --url URL          send the data to a running server's /admin/import [AUTHLINE_URL]
      --admin-token T    the server's admin token, with --url [AUTHLINE_ADMIN_TOKEN]
      --data DIR         import into embedded PGlite in DIR [AUTHLINE_DATA_DIR]
                         (default ./${DEFAULT_DATA_DIR}; not while a server uses it: use --url)
      --pglite-fsync V   on (default) or off: flush every commit in DIR to disk [AUTHLINE_PGLITE_FSYNC]
      --database-url URL import into a PostgreSQL server [DATABASE_URL]
  -h, --help             show this help

The store must already hold a schema (authline serve SCHEMA_FILE, or POST /admin/schema).
`;

const OPTIONS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'pglite-fsync': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'load Dgraph JSON data, bypassing @auth',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    const file = onePositional(positionals, 'FILE', true) as string;
    const url = values.url ?? (rt.env.AUTHLINE_URL || undefined);
    if (url !== undefined && (values.data !== undefined || values['database-url'] !== undefined)) {
      throw new UsageError('--url sends the data to a server; --data and --database-url open a store directly: choose one');
    }
    const text = await readInput(rt, file);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      rt.stderr(`${file}: not valid JSON: ${(err as Error).message}\n`);
      return 1;
    }
    return url === undefined ? importIntoStore(rt, file, data, values) : importThroughServer(rt, url, text, values['admin-token']);
  },
};

async function importIntoStore(rt: Runtime, file: string, data: unknown, flags: StoreFlags): Promise<number> {
  const location = storeLocation(flags, rt);
  const service = await rt.createService({ store: location });
  try {
    if (!service.current()) {
      rt.stderr(`${describeLocation(location)} holds no schema yet: upload one first (authline serve SCHEMA_FILE, or POST /admin/schema)\n`);
      return 1;
    }
    let uids: Readonly<Record<string, string>>;
    try {
      ({ uids } = await service.importData(data));
    } catch (err) {
      rt.stderr(`${file}: ${(err as Error).message}\n`);
      return 1;
    }
    rt.stdout(`${JSON.stringify({ code: 'Success', uids })}\n`);
    return 0;
  } finally {
    await service.close();
  }
}

async function importThroughServer(rt: Runtime, url: string, body: string, flagToken: string | undefined): Promise<number> {
  const token = flagToken ?? (rt.env.AUTHLINE_ADMIN_TOKEN || undefined);
  let endpoint: URL;
  try {
    endpoint = new URL('admin/import', url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new UsageError(`--url "${url}" is not a URL such as http://127.0.0.1:8080`);
  }
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [ADMIN_TOKEN_HEADER]: token } : {}) },
      body,
    });
  } catch (err) {
    rt.stderr(`cannot reach ${endpoint.origin}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}\n`);
    return 1;
  }
  const answer = (await res.json().catch(() => null)) as { data?: unknown; errors?: { message: string }[] } | null;
  if (res.ok && answer?.data) {
    rt.stdout(`${JSON.stringify(answer.data)}\n`);
    return 0;
  }
  const messages = answer?.errors?.map((e) => e.message) ?? [`HTTP ${res.status}`];
  rt.stderr(messages.map((m) => `${endpoint.href}: ${m}\n`).join(''));
  return 1;
}
