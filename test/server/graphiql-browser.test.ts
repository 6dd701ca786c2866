/**
 * GraphiQL in a real headless Chromium with no network beyond 127.0.0.1:
 * authline serves the page and every asset itself, the header editor starts
 * with the schema's auth Header, and a token pasted there changes what the
 * owner rule lets a query see, without the token ever reaching
 * localStorage. The page's CSP must not get in GraphiQL's way (no violation
 * reported), and no request may leave the machine.
 *
 * The schema is examples/todo with its auth line re-keyed to a fixture key
 * (ES256); the data is the example's. AUTHLINE_GRAPHIQL_SCREENSHOT=<file>
 * saves what the page shows after the token's query (docs/graphiql.png is
 * made that way: `npm run screenshot`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { Locator, Page } from 'playwright-core';
import { key, oneLine } from '../../fixtures/index.js';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer, type IntrospectionPolicy, type RunningServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { browserSkipReason, launchOfflineBrowser, type OfflineBrowser } from '../support/browser.js';

const HEADER = 'X-Todo-Auth';
const NAMESPACE = 'https://todo.example/claims';
const SCHEMA = readFileSync('examples/todo/schema.graphql', 'utf8').replace(
  /^# Dgraph\.Authorization .*$/m,
  `# Dgraph.Authorization ${JSON.stringify({ VerificationKey: oneLine(key('ec-p256').publicPem), Header: HEADER, Namespace: NAMESPACE, Algo: 'ES256' })}`,
);
const DATA = JSON.parse(readFileSync('examples/todo/data.json', 'utf8'));

const QUERY = `{
  queryTodo {
    text
    done
    owner { username }
  }
}`;
const ALICE_SEES = {
  data: {
    queryTodo: [
      { text: 'Buy milk', done: false, owner: { username: 'alice' } },
      { text: 'Write the report', done: true, owner: { username: 'alice' } },
    ],
  },
};

function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ [NAMESPACE]: claims })
    .setProtectedHeader({ alg: 'ES256' })
    .setExpirationTime('5m')
    .sign(key('ec-p256').privateKey);
}

const skip = browserSkipReason();

describe('GraphiQL in a headless browser, offline', () => {
  let service: AuthlineService;
  let browser: OfflineBrowser;
  const servers: RunningServer[] = [];

  before(async () => {
    if (skip) return;
    [service, browser] = await Promise.all([
      (async () => {
        const s = await createService({ store: await openStore() });
        await s.uploadSchema(SCHEMA);
        await s.importData(DATA);
        return s;
      })(),
      launchOfflineBrowser(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    await service?.close();
  });

  async function serve(introspection?: IntrospectionPolicy): Promise<string> {
    const server = await startServer(service, { host: '127.0.0.1', port: 0, introspection, logger: { info() {}, warn() {}, error() {} } });
    servers.push(server);
    return server.url;
  }

  /** Opens /graphql and waits for GraphiQL; collects what the browser complained about. */
  async function open(url: string): Promise<{ page: Page; complaints: string[] }> {
    const page = await browser.context.newPage();
    const complaints: string[] = [];
    page.on('console', (m) => m.type() === 'error' && complaints.push(m.text()));
    page.on('pageerror', (e) => complaints.push(e.message));
    const res = await page.goto(`${url}/graphql`);
    assert.equal(res?.status(), 200);
    await page.locator('.graphiql-container').waitFor();
    return { page, complaints };
  }

  test('the page runs a query with a token pasted into the prefilled header editor', { skip }, async () => {
    const { page, complaints } = await open(await serve());

    assert.equal(await editorText(headerEditor(page)), `{\n  "${HEADER}": ""\n}`, 'the schema Header, waiting for a token');

    await showsGeneratedQueries(page);

    await replaceQuery(page, QUERY);
    assert.deepEqual(await run(page), { data: { queryTodo: [] } }, 'no token: the owner rule lets nothing through');

    const alice = await token({ USER: 'alice', ROLE: 'USER' });
    await pasteToken(page, `Bearer ${alice}`);
    assert.deepEqual(await run(page), ALICE_SEES, "alice's token: alice's todos");
    // GraphiQL keeps its history in localStorage: the queries, never the token.
    const stored = (await page.evaluate('JSON.stringify(Object.entries(localStorage))')) as string;
    assert.ok(!stored.includes(alice), 'the token is nowhere in localStorage');
    const history = JSON.parse((await page.evaluate("localStorage.getItem('graphiql:queries')")) as string);
    const entry = { query: QUERY, variables: '' };
    assert.deepEqual(history, { queries: [entry, entry] }, 'both runs in the history, without their headers');

    // Scrolled back to the start of the line, the header editor shows the Header's name with the token.
    await headerEditor(page).click();
    await page.keyboard.press('Home');
    const screenshot = process.env.AUTHLINE_GRAPHIQL_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot });

    // A dialog adds a <style> element: allowed by the page's nonce, not reported.
    await page.getByRole('button', { name: 'Open settings dialog' }).click();
    await page.getByRole('dialog').waitFor();
    assert.equal(await page.locator('style[nonce]').count(), 1);

    assert.deepEqual(complaints, [], 'no CSP violation, no script error, no failed load');
    assert.deepEqual(browser.refused, [], 'nothing beyond 127.0.0.1 was even attempted');
    await page.close();
  });

  test('--introspection authenticated: the schema loads once a token is in the header editor', { skip }, async () => {
    const { page, complaints } = await open(await serve('authenticated'));
    // The first introspection goes out with the empty header: refused, and GraphiQL shows why.
    await page.locator('.result-window').getByText('introspection requires a valid JWT on this server').waitFor();

    // Queries run without the schema: GraphiQL just cannot help write them.
    await pasteToken(page, await token({ USER: 'bob', ROLE: 'USER' }));
    await replaceQuery(page, '{ queryTodo { text } }');
    assert.deepEqual(await run(page), { data: { queryTodo: [{ text: 'Walk the dog' }] } }, "bob's token: bob's todo");

    await refetchSchemaUntilItLoads(page);
    await showsGeneratedQueries(page);
    assert.deepEqual(complaints, []);
    assert.deepEqual(browser.refused, []);
    await page.close();
  });
});

/** The header editor: GraphiQL's visible tool editor (the page opens it on Headers). */
function headerEditor(page: Page): Locator {
  return page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
}

/** Replaces the query editor's text (GraphiQL's welcome comment at first). */
async function replaceQuery(page: Page, query: string): Promise<void> {
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(query);
}

/** Puts a token into the header's empty value (line 2, just before the closing quote), as a paste: one input event. */
async function pasteToken(page: Page, value: string): Promise<void> {
  await headerEditor(page).click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText(value);
}

/** GraphiQL has the schema (by introspection): its documentation explorer lists the generated queryTodo. */
async function showsGeneratedQueries(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const explorer = page.locator('.graphiql-doc-explorer');
  await explorer.getByText('Query', { exact: true }).click();
  await explorer.getByText('queryTodo', { exact: true }).first().waitFor();
}

/** CodeMirror 5 (GraphiQL 3's editor) hangs its instance on its wrapper element. */
interface CodeMirrorElement {
  readonly CodeMirror: { getValue(): string };
}

/** The whole text of a CodeMirror editor (also the lines scrolled out of view). */
function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((el) => (el as unknown as CodeMirrorElement).CodeMirror.getValue());
}

/**
 * Clicks GraphiQL's re-fetch button until its introspection is answered with
 * a schema. GraphiQL takes an edit of the header editor in 100 ms after the
 * last keystroke (debounced), so a click right after the paste may still
 * send the old headers; a person never clicks that fast, a test may.
 */
async function refetchSchemaUntilItLoads(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Re-fetch GraphQL schema' }).click();
    const text = await (await answer).text();
    if (text.includes('"__schema"')) return;
    assert.ok(attempt < 5, `the re-fetched introspection kept failing: ${text}`);
    await page.waitForTimeout(200);
  }
}

/** Runs the query in the editor and answers the result pane's JSON, once a new one is shown. */
async function run(page: Page): Promise<unknown> {
  const result = page.locator('.result-window .CodeMirror');
  const before = await editorText(result);
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(
    ({ editor, previous }) => {
      const text = (editor as unknown as CodeMirrorElement).CodeMirror.getValue();
      return text !== '' && text !== previous;
    },
    { editor: await result.elementHandle(), previous: before },
  );
  return JSON.parse(await editorText(result));
}
