/**
 * The real authline for black-box tests of one small schema: store (PGlite
 * in memory, or a fresh PostgreSQL database), engine and HTTP server on
 * 127.0.0.1, the schema uploaded and the data imported over HTTP as an
 * operator would. Logs are kept for inspection.
 */
import { createService, type CustomOptions, type EngineObserver } from '../../src/engine/index.js';
import { jsonLogger, startServer, type ServerOptions } from '../../src/server/index.js';
import { openStore, type StoreObserver } from '../../src/store/index.js';
import { createTestDatabase } from './postgres.js';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

export interface Served {
  readonly url: string;
  /** Every log line written so far, parsed. */
  readonly logs: () => Record<string, unknown>[];
  /** POST /admin/*, from loopback (with the admin token when one is configured): status and parsed body. */
  admin(path: string, body: string): Promise<{ status: number; body: any }>;
  /** POST /graphql as JSON: status and parsed body. */
  graphql(query: string, headers?: Record<string, string>, variables?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function serve(
  options: ServerOptions & { backend?: Backend; sdl?: string; data?: unknown; custom?: CustomOptions; observer?: StoreObserver & EngineObserver } = {},
): Promise<Served> {
  const { backend = 'pglite', sdl, data, custom, observer, ...serverOptions } = options;
  const database = backend === 'postgres' ? await createTestDatabase() : undefined;
  const store = await openStore({ ...(database ? { databaseUrl: database.url } : {}), ...(observer ? { observer } : {}) });
  const service = await createService({ store, verifier: { logger: () => {} }, ...(custom ? { custom } : {}), ...(observer ? { observer } : {}) });
  const lines: string[] = [];
  const server = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger((line) => lines.push(line)), ...serverOptions });
  const adminHeaders: Record<string, string> = serverOptions.adminToken ? { 'X-Authline-Admin-Token': serverOptions.adminToken } : {};
  const served: Served = {
    url: server.url,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    async admin(path, body) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', ...adminHeaders }, body });
      return { status: res.status, body: await res.json() };
    },
    async graphql(query, headers = {}, variables) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await server.close();
      await service.close();
      await database?.drop();
    },
  };
  try {
    if (sdl !== undefined) {
      const uploaded = await served.admin('/admin/schema', sdl);
      if (uploaded.status !== 200) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
    }
    if (data !== undefined) {
      const imported = await served.admin('/admin/import', JSON.stringify(data));
      if (imported.status !== 200) throw new Error(`import answered ${imported.status}: ${JSON.stringify(imported.body)}`);
    }
  } catch (error) {
    await served.close();
    throw error;
  }
  return served;
}
