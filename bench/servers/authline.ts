/**
 * authline as `authline serve --memory --port 0` runs it (same store, same
 * server, same request log on stdout), started through the public API so
 * the bench needs no build. Reports its URL to the parent over IPC.
 */
import { createService, openStore, startServer } from '../../src/index.js';

const store = await openStore({});
const service = await createService({ store });
const server = await startServer(service, { host: '127.0.0.1', port: 0 });
process.send?.({ ready: true, url: server.url });

process.on('SIGTERM', () => {
  void server.close().finally(() => service.close().finally(() => process.exit(0)));
});
