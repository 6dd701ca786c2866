/**
 * A stand-in for an identity provider's JWKS endpoint: serves jwks.json (the
 * public keys of this example) at http://127.0.0.1:8090/.well-known/jwks.json.
 * Run from the repository root:
 *
 *   node examples/jwks/serve-jwks.mjs
 *
 * PORT sets the port. The file is read on every request, so editing it is
 * a key rotation. Each fetch is logged, to show when authline asks.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const file = new URL('./jwks.json', import.meta.url);
const PATH = '/.well-known/jwks.json';

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' || req.url !== PATH) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`only GET ${PATH} here\n`);
    return;
  }
  const body = await readFile(file);
  console.log(`${new Date().toISOString()} GET ${PATH}`);
  // Providers say how long a set may be cached; authline refreshes it when this runs out.
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }).end(body);
});

server.listen(Number(process.env.PORT ?? 8090), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`serving http://127.0.0.1:${port}${PATH}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close());
