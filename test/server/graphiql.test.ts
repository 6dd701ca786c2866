/**
 * GraphiQL over HTTP: the page on GET /graphql for browsers, its assets on
 * /graphiql/<hash>/<name>, all from this server (no CDN), with the caching
 * and Content-Security-Policy docs/http.md promises. What the page does in a
 * browser is graphiql-browser.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';
import { AUTH_HEADER, authLine, TEST_SDL } from './support/test-service.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let server: TestServer;
before(async () => {
  server = await startTestServer({ sdl: `${TEST_SDL}\n${authLine()}\n` });
});
after(() => server.close());

async function getPage(url = server.url): Promise<{ res: Response; html: string }> {
  const res = await fetch(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  return { res, html: await res.text() };
}

/** The value of every `attribute="..."` on the page's `tag` elements. */
function attributes(html: string, tag: string, attribute: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

/** An installed package's file, found as Node finds the package. */
function installed(pkg: string, file: string): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

/** GET through node:http, which (unlike fetch) leaves the body as sent: compressed or not. */
function getBytes(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

test('a browser gets the page: no other origin, no inline script, header editor pre-filled', async () => {
  const { res, html } = await getPage();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(html, /<title>authline · GraphiQL<\/title>/);
  assert.doesNotMatch(html, /https?:\/\//, 'nothing names another origin');
  const scripts = attributes(html, 'script', 'src');
  assert.deepEqual(
    scripts.map((s) => s.replace(/^\/graphiql\/[0-9a-f]{16}\//, '')),
    ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql-start.js'],
  );
  assert.equal((html.match(/<script\b/g) ?? []).length, scripts.length, 'every script is a file: none inline');
  assert.doesNotMatch(html, /<style\b|\sstyle=/, 'no inline style either');
  assert.deepEqual(
    attributes(html, 'div', 'data-default-headers'),
    [JSON.stringify({ [AUTH_HEADER]: '' }, null, 2).replace(/"/g, '&quot;')],
    "the schema's Header, empty, for the header editor",
  );
});

test('the page: a CSP that allows this origin only, a fresh nonce each time, never cached', async () => {
  const first = await getPage();
  const second = await getPage();
  const csp = first.res.headers.get('content-security-policy') ?? '';
  const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  const nonce = attributes(first.html, 'div', 'nonce')[0];
  assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '128 random bits');
  assert.deepEqual(Object.fromEntries(directives), {
    'default-src': "'none'",
    'script-src': "'self'",
    'style-src': `'self' 'nonce-${nonce}'`,
    'font-src': "'self' data:",
    'img-src': "'self' data:",
    'connect-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  });
  assert.notEqual(attributes(second.html, 'div', 'nonce')[0], nonce);
  assert.notEqual(second.res.headers.get('content-security-policy'), csp);
  assert.equal(first.res.headers.get('cache-control'), 'no-store');
  assert.equal(first.res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(first.res.headers.get('referrer-policy'), 'no-referrer');
  assert.match(first.res.headers.get('vary') ?? '', /\bAccept\b/, 'HTML or JSON by Accept: caches must key on it');
});

test('assets: the installed packages\' bytes, cached forever under their hash, gzipped when accepted, 304 on revalidation', async () => {
  const { html } = await getPage();
  const paths = [...attributes(html, 'link', 'href').filter((h) => h.startsWith('/graphiql/')), ...attributes(html, 'script', 'src')];
  assert.equal(paths.length, 6, 'two stylesheets, four scripts');
  const expected: Record<string, Buffer> = {
    'graphiql.min.css': installed('graphiql', 'graphiql.min.css'),
    'graphiql-page.css': readFileSync('browser/graphiql-page.css'),
    'react.production.min.js': installed('react', 'umd/react.production.min.js'),
    'react-dom.production.min.js': installed('react-dom', 'umd/react-dom.production.min.js'),
    'graphiql.min.js': installed('graphiql', 'graphiql.min.js'),
    'graphiql-start.js': readFileSync('browser/graphiql-start.js'),
  };
  for (const path of paths) {
    const [, , hash, name] = path.split('/');
    const bytes = expected[name];
    assert.ok(bytes, `${name} is expected`);
    assert.equal(hash, createHash('sha256').update(bytes).digest('hex').slice(0, 16), `${name}: the URL carries its content hash`);

    const plain = await getBytes(path, { 'accept-encoding': 'identity' });
    assert.equal(plain.status, 200, path);
    assert.equal(plain.headers['content-type'], name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(plain.headers['x-content-type-options'], 'nosniff');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.etag, `"${hash}"`);
    assert.ok(plain.body.equals(bytes), `${name}: served as installed`);

    const zipped = await getBytes(path, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.etag, `"${hash}.gz"`, 'each encoding has its own ETag');
    assert.match(zipped.headers.vary ?? '', /Accept-Encoding/);
    assert.ok(gunzipSync(zipped.body).equals(bytes), `${name}: gzip of the same bytes`);

    const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('cache-control'), 'public, max-age=31536000, immutable');

    const revalidated = await getBytes(path, { 'accept-encoding': 'identity', 'if-none-match': `"${hash}"` });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.body.length, 0);
  }
});

test('an asset path with a stale hash or an unknown name is a 404', async () => {
  const { html } = await getPage();
  const path = attributes(html, 'script', 'src')[0];
  for (const wrong of [path.replace(/\/[0-9a-f]{16}\//, '/0000000000000000/'), path.replace(/[^/]+$/, 'package.json'), '/graphiql/x/../../package.json']) {
    const res = await fetch(`${server.url}${wrong}`);
    assert.equal(res.status, 404, wrong);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    await res.arrayBuffer();
  }
});

test('the page is served before any schema too, with nothing in the header editor', async () => {
  const empty = await startTestServer({ sdl: null });
  try {
    const { res, html } = await getPage(empty.url);
    assert.equal(res.status, 200);
    assert.deepEqual(attributes(html, 'div', 'data-default-headers'), ['']);
  } finally {
    await empty.close();
  }
});

test('clients that do not prefer HTML get GraphQL, not the page', async () => {
  for (const accept of ['*/*', 'application/json', 'application/graphql-response+json, text/html;q=0.5']) {
    const res = await fetch(`${server.url}/graphql?query=%7Bversion%7D`, { headers: { accept } });
    assert.match(res.headers.get('content-type') ?? '', /json/, accept);
    assert.match(res.headers.get('vary') ?? '', /\bAccept\b/, accept);
    await res.arrayBuffer();
  }
});

test('a schema Header cannot break out of its attribute', async () => {
  // The line's JSON carries `X-"><script>alert(1)</script>&`.
  await server.service.uploadSchema(`${TEST_SDL}\n${authLine('X-\\"><script>alert(1)</script>&')}\n`);
  try {
    const { html } = await getPage();
    assert.ok(!html.includes('<script>alert(1)'));
    assert.deepEqual(attributes(html, 'div', 'data-default-headers'), [
      '{\n  &quot;X-\\&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;: &quot;&quot;\n}',
    ]);
  } finally {
    await server.service.uploadSchema(`${TEST_SDL}\n${authLine()}\n`);
  }
});
