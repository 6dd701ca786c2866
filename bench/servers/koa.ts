/**
 * The ceiling: bare Koa answering every request with one constant JSON
 * body (argv[2]), so the HTTP stack, the load generator and the machine set
 * the pace and nothing else.
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';

const body = process.argv[2] ?? '{}';
const app = new Koa();
app.use((ctx) => {
  ctx.type = 'application/json';
  ctx.body = body;
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
