/**
 * Two authline processes on one PostgreSQL: this test's own, and an
 * `authline serve` spawned as users run it (bin/authline.js on the built
 * dist/). A mutation committed through either reaches the subscribers of
 * the other, over both protocols, within a second of its answer.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';
import { HEADER, NOTES, PROTOCOLS, authLine, startAuthline, subscribe, token } from './support.js';

after(stopOwnCluster);

const COUNT = 'subscription($owner: String!) { aggregateNote(filter: { owner: { eq: $owner } }) { count } }';

test('a mutation through another process on the same PostgreSQL reaches subscribers within 1 s, both ways', async () => {
  assert.ok(existsSync('dist/cli/main.js'), 'dist/ is missing: run npm run build (npm test does)');
  const db = await createTestDatabase();
  const here = await startAuthline(NOTES + authLine(), { store: { databaseUrl: db.url } });
  const child = spawn(process.execPath, [resolve('bin/authline.js'), 'serve', '--database-url', db.url, '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const thereUrl = await listeningUrl(child.stdout);
    child.stdout.resume(); // its request log lines must not fill the pipe
    const admin = await token({ ROLE: 'ADMIN' });
    const post = (url: string, owner: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HEADER]: admin },
        body: JSON.stringify({ query: 'mutation($o: String!) { addNote(input: [{ owner: $o, text: "t" }]) { numUids } }', variables: { o: owner } }),
      }).then((response) => response.json());

    const routes = [
      { subscribeAt: here.wsUrl, writeAt: thereUrl, name: 'written there, pushed here' },
      { subscribeAt: `${thereUrl.replace(/^http/, 'ws')}/graphql`, writeAt: here.url, name: 'written here, pushed there' },
    ];
    for (const route of routes) {
      for (const protocol of PROTOCOLS) {
        const owner = `${protocol}:${route.name}`;
        const subscriber = subscribe(protocol, route.subscribeAt, COUNT, { [HEADER]: admin }, { owner });
        try {
          assert.deepEqual(await subscriber.received.next(), { data: { aggregateNote: { count: 0 } } });
          assert.deepEqual(await post(route.writeAt, owner), { data: { addNote: { numUids: 1 } } });
          const answered = Date.now();
          assert.deepEqual(await subscriber.received.next(5000), { data: { aggregateNote: { count: 1 } } });
          const latency = Date.now() - answered;
          assert.ok(latency <= 1000, `${protocol}, ${route.name}: the push came ${latency} ms after the mutation's answer`);
        } finally {
          await subscriber.stop();
        }
      }
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    await here.close();
    await db.drop();
  }
});

/** The URL `authline serve` logs once it listens. */
async function listeningUrl(stdout: NodeJS.ReadableStream): Promise<string> {
  for await (const line of createInterface({ input: stdout })) {
    if (line.includes('"msg":"listening"')) return (JSON.parse(line) as { url: string }).url;
  }
  throw new Error('authline serve exited before listening');
}
