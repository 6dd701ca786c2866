/** GraphiQL for browsers on GET /graphql, with the schema's Header ready in the header editor. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { AUTH_HEADER, authLine, TEST_SDL } from './support/test-service.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let server: TestServer;
before(async () => {
  server = await startTestServer({ sdl: `${TEST_SDL}\n${authLine()}\n` });
});
after(() => server.close());

test('a browser gets the GraphiQL page, pinned with integrity hashes, headers editor pre-filled', async () => {
  const res = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  const html = await res.text();
  assert.match(html, /<title>authline · GraphiQL<\/title>/);
  const scripts = [...html.matchAll(/<script src="(https:\/\/unpkg\.com\/[^"]+@\d+\.\d+\.\d+\/[^"]+)" integrity="(sha384-[A-Za-z0-9+/=]+)"/g)];
  assert.equal(scripts.length, 3, 'react, react-dom and graphiql, each pinned');
  assert.match(html, /graphiql@3\.8\.3\/graphiql\.min\.css" integrity="sha384-/);
  assert.match(html, /isHeadersEditorEnabled: true/);
  assert.ok(html.includes(JSON.stringify(JSON.stringify({ [AUTH_HEADER]: '' }, null, 2))), 'default headers name the schema Header');
});

test('the page is served before any schema too', async () => {
  const empty = await startTestServer({ sdl: null });
  try {
    const res = await fetch(`${empty.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /defaultHeaders: "\{\}"/);
  } finally {
    await empty.close();
  }
});

test('clients that do not prefer HTML get GraphQL, not the page', async () => {
  for (const accept of ['*/*', 'application/json', 'application/graphql-response+json, text/html;q=0.5']) {
    const res = await fetch(`${server.url}/graphql?query=%7Bversion%7D`, { headers: { accept } });
    assert.match(res.headers.get('content-type') ?? '', /json/, accept);
  }
});

test('a schema Header cannot break out of the page script', async () => {
  await server.service.uploadSchema(`${TEST_SDL}\n${authLine('X-</script><script>alert(1)</script>')}\n`);
  const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text();
  assert.ok(!html.includes('</script><script>alert(1)'));
  assert.match(html, /\\u003c\/script>/);
});
