/**
 * authline as `authline serve` runs it: the built code (dist/, as `npm
 * start` runs it, which `npm run bench` builds first), the same store, the
 * same server, the same request log on stdout, the same metrics wired to the
 * store and the engine. On PostgreSQL when DATABASE_URL is set (as `serve`
 * reads it), else embedded PGlite in memory (`serve --memory`). Reports its
 * URL to the parent over IPC.
 */
import { existsSync } from 'node:fs';
import type * as Public from '../../src/index.js';

// tsx would run src/ as it transforms it (every function wrapped to keep its
// name, for one), not as it ships: the built code is what users run.
const built = new URL('../../dist/index.js', import.meta.url);
if (!existsSync(built)) throw new Error('dist/ is missing: npm run build');
const { AuthlineMetrics, createService, openStore, startServer } = (await import(built.href)) as typeof Public;

const metrics = new AuthlineMetrics();
const store = await openStore({ observer: metrics, databaseUrl: process.env.DATABASE_URL || undefined });
const service = await createService({ store, observer: metrics });
// The import streams its body into the store, so the whole request lasts as
// long as the import: on a busy machine 110,000 nodes outlast the default
// 60 s request timeout. An operator importing that much sets
// --request-timeout the same way.
// bench/text-answer.ts sets an admin token, to ask for graphql-js's answers (X-Authline-Text-Answers: 0).
const adminToken = process.env.BENCH_ADMIN_TOKEN || undefined;
const server = await startServer(service, { host: '127.0.0.1', port: 0, metrics, requestTimeoutMs: 600_000, ...(adminToken ? { adminToken } : {}) });
process.send?.({ ready: true, url: server.url });

process.on('SIGTERM', () => {
  void server.close().finally(() => service.close().finally(() => process.exit(0)));
});
