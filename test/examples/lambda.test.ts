/**
 * examples/lambda, run the way its README says: the lambda server and
 * authline started with the README's commands (each on a port of its own;
 * the lambda URL and the lambda's DGRAPH_URL follow), then every curl in one
 * bash session, each answer compared with the JSON block after it, and the
 * webhook line the README shows looked for in the lambda server's output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { blocks, runSteps, startBackground, steps, withPorts } from './support/readme.js';
import type { Background } from './support/readme.js';
import { eventually } from '../support/eventually.js';

const README = readFileSync('examples/lambda/README.md', 'utf8');

/**
 * A port held for the lambda server: authline must know it before the lambda
 * server, which needs authline's URL, can start. Held until `release`, so
 * authline (on port 0) cannot take it meanwhile.
 */
async function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('the lambda example answers every command of its README as the README shows', { timeout: 180_000 }, async () => {
  const all = blocks(README);
  const lambdaStart = all.filter((b) => b.lang === 'sh' && b.text.includes('lambda-server.mjs'));
  const authlineStart = all.filter((b) => b.lang === 'sh' && b.text.includes('bin/authline.js serve'));
  assert.equal(lambdaStart.length, 1, 'the README says once how to start the lambda server');
  assert.equal(authlineStart.length, 1, 'the README says once how to start authline');
  assert.match(authlineStart[0].text, /--lambda-url http:\/\/127\.0\.0\.1:8686\/graphql-worker/);

  const servers: Background[] = [];
  try {
    const held = await holdPort();
    const lambdaPort = held.port;
    const authline = await startBackground(withPorts(authlineStart[0].text, { 8686: lambdaPort }), { cwd: process.cwd() }).finally(held.release);
    servers.push(authline);
    const lambda = await startBackground(lambdaStart[0].text, { cwd: process.cwd(), env: { PORT: String(lambdaPort), DGRAPH_URL: authline.url } });
    servers.push(lambda);

    const rest = all.filter((b) => b !== lambdaStart[0] && b !== authlineStart[0]);
    const { answers } = await runSteps(steps(rest), { cwd: process.cwd(), ports: { 8080: authline.port, 8686: lambdaPort } });
    assert.equal(answers, 3, 'the README shows three answers');

    const webhookLine = rest.find((b) => b.lang === '' && b.text.startsWith('webhook:'))?.text.trim();
    assert.ok(webhookLine, 'the README shows the webhook line');
    await eventually(() => (lambda.output().includes(webhookLine) ? true : undefined));
  } finally {
    for (const s of servers.reverse()) await s.stop();
  }
});
