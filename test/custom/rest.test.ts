/**
 * `@custom(http: ...)` against a REST server: root queries and mutations
 * with URL and body templating, fields of types in SINGLE and BATCH mode
 * (parents made distinct by ID), forwardHeaders and `# Dgraph.Secret`
 * secretHeaders, and failures that null only their own field.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthline } from './authline.js';
import type { RunningAuthline } from './authline.js';
import { startJsonServer } from './servers.js';
import type { Received, RunningServer } from './servers.js';

let rest: RunningServer;
let authline: RunningAuthline;

const schema = (url: string) => `
type Author {
  id: ID!
  name: String! @search(by: [hash])
  reputation: Int @custom(http: {url: "${url}/reputation/$id?name=$name", method: GET, forwardHeaders: ["X-Tenant"]})
  books: [String] @custom(http: {url: "${url}/books", method: POST, body: "{authorId: $id, n: $name}", mode: BATCH, secretHeaders: ["X-Api-Key:API_KEY"]})
}

type Quote @remote {
  text: String
  by: String
  byline: String @remoteResponse(name: "by")
}

type Query {
  quote(topic: String!, limit: Int): [Quote] @custom(http: {url: "${url}/quotes/$topic?limit=$limit", method: GET, secretHeaders: ["Authorization:QUOTES_TOKEN"], forwardHeaders: ["X-Tenant:X-Org"]})
  broken: String @custom(http: {url: "${url}/broken", method: GET})
  slow: String @custom(http: {url: "${url}/slow", method: GET})
  huge: [String] @custom(http: {url: "${url}/huge", method: GET})
}

type Mutation {
  publish(title: String!, tags: [String!]): Quote @custom(http: {url: "${url}/publish", method: POST, body: "{t: $title, meta: {tags: $tags, fixed: 1}}"})
  unpublish(title: String!): Quote @custom(http: {url: "${url}/broken", method: POST, body: "{t: $title}"})
}
# Dgraph.Secret API_KEY "key-123"
# Dgraph.Secret QUOTES_TOKEN "Bearer quotes"
`;

function answer(request: Received) {
  const url = new URL(request.url, 'http://x');
  if (url.pathname.startsWith('/reputation/')) return { body: url.pathname.length + Number(url.searchParams.get('name')?.length ?? 0) };
  if (url.pathname === '/books') return { body: (request.body as { authorId: string; n: string }[]).map((p) => [`${p.n}'s first`]) };
  if (url.pathname.startsWith('/quotes/')) {
    return { body: [{ text: `about ${decodeURIComponent(url.pathname.slice(8))}`, by: url.searchParams.get('limit') ?? 'none' }] };
  }
  if (url.pathname === '/publish') return { body: { text: request.body.t, by: JSON.stringify(request.body.meta) } };
  if (url.pathname === '/slow') return { body: 'late', delay: 5000 };
  if (url.pathname === '/huge') return { body: Array.from({ length: 2000 }, () => 'x'.repeat(40)) };
  return { status: 503, text: 'down' };
}

before(async () => {
  rest = await startJsonServer(answer);
  authline = await startAuthline(schema(rest.url), { timeoutMs: 2000, maxResponseBytes: 64 * 1024 });
  const added = await authline.graphql('mutation { addAuthor(input: [{name: "Ann"}, {name: "Bo"}]) { numUids } }');
  assert.deepEqual(added, { data: { addAuthor: { numUids: 2 } } });
});

after(async () => {
  await authline?.close();
  await rest?.close();
});

test('a root query fills the URL from its arguments and sends secrets and forwarded headers', async () => {
  rest.received.length = 0;
  const result = await authline.graphql('{ q: quote(topic: "life/death", limit: 3) { by text } }', { headers: { 'X-Org': 'acme' } });
  assert.deepEqual(result, { data: { q: [{ by: '3', text: 'about life/death' }] } });
  const [call] = rest.received;
  assert.equal(call.method, 'GET');
  assert.equal(call.url, '/quotes/life%2Fdeath?limit=3');
  assert.equal(call.headers.authorization, 'Bearer quotes');
  assert.equal(call.headers['x-tenant'], 'acme');
});

test('a query argument left out drops its URL parameter; the caller\'s other headers are not forwarded', async () => {
  rest.received.length = 0;
  const result = await authline.graphql('{ quote(topic: "x") { by } }', { headers: { 'X-Secret-Of-Caller': 'no' } });
  assert.deepEqual(result, { data: { quote: [{ by: 'none' }] } });
  assert.equal(rest.received[0].url, '/quotes/x');
  assert.equal(rest.received[0].headers['x-secret-of-caller'], undefined);
  assert.equal(rest.received[0].headers['x-tenant'], undefined, 'a header the caller did not send is not invented');
});

test('a mutation sends its body template filled in, nested values and constants kept', async () => {
  const result = await authline.graphql('mutation { publish(title: "Hi", tags: ["a", "b"]) { text by } }');
  assert.deepEqual(result, { data: { publish: { text: 'Hi', by: JSON.stringify({ tags: ['a', 'b'], fixed: 1 }) } } });
});

test('a failed @custom mutation stops the mutations after it, as any failed mutation does', async () => {
  rest.received.length = 0;
  const result = await authline.graphql('mutation { unpublish(title: "a") { text } after: publish(title: "b") { text } }');
  assert.deepEqual(result.data, { unpublish: null, after: null });
  assert.deepEqual(result.errors.map((e: { path: string[]; extensions: { code: string } }) => [e.path[0], e.extensions.code]), [
    ['unpublish', 'REMOTE_CALL_FAILED'],
    ['after', 'MUTATION_NOT_EXECUTED'],
  ]);
  assert.deepEqual(rest.received.map((r) => r.url), ['/broken'], 'the second was never sent');
});

test('SINGLE fields call once per distinct parent with its fields; BATCH fields call once for all parents', async () => {
  rest.received.length = 0;
  const result = await authline.graphql('{ queryAuthor(order: {asc: name}) { name reputation books } again: queryAuthor(filter: {name: {eq: "Ann"}}) { books } }', {
    headers: { 'X-Tenant': 't1' },
  });
  const ann = result.data.queryAuthor[0];
  assert.equal(ann.name, 'Ann');
  assert.deepEqual(ann.books, ["Ann's first"]);
  assert.deepEqual(result.data.again, [{ books: ["Ann's first"] }]);
  assert.equal(typeof ann.reputation, 'number');
  const reputation = rest.received.filter((r) => r.url.startsWith('/reputation/'));
  assert.equal(reputation.length, 2, 'one GET per author');
  assert.ok(reputation.every((r) => r.headers['x-tenant'] === 't1'));
  assert.ok(reputation.some((r) => r.url.endsWith('?name=Ann')));
  const books = rest.received.filter((r) => r.url === '/books');
  assert.equal(books.length, 2, 'one POST per place in the answer (queryAuthor, again)');
  // The two root fields resolve concurrently, so their POSTs may arrive in either order.
  const sent = books.map((b) => b.body.map((p: { n: string }) => p.n)).sort((a, b) => b.length - a.length);
  assert.deepEqual(sent, [['Ann', 'Bo'], ['Ann']]);
  assert.ok(books.every((b) => b.headers['x-api-key'] === 'key-123'));
  assert.ok(books.every((b) => b.body.every((p: { authorId: string }) => /^0x[0-9a-f]+$/.test(p.authorId))));
});

test('@remoteResponse reads a field of a remote answer under the name the remote uses', async () => {
  const result = await authline.graphql('{ quote(topic: "names", limit: 2) { byline by } }');
  assert.deepEqual(result, { data: { quote: [{ byline: '2', by: '2' }] } });
});

test('a failing endpoint nulls only its own field, with Dgraph\'s message', async () => {
  const result = await authline.graphql('{ broken quote(topic: "ok") { by } }');
  assert.deepEqual(result.data, { broken: null, quote: [{ by: 'none' }] });
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].message, 'Evaluation of custom field failed because external request returned an error: unexpected error with: 503 for field: broken within type: Query.');
  assert.deepEqual(result.errors[0].path, ['broken']);
  assert.equal(result.errors[0].extensions.code, 'REMOTE_CALL_FAILED');
});

test('the generated schema keeps the custom fields and the remote type, as Dgraph prints them', async () => {
  const sdl = authline.service.current()!.apiSdl;
  assert.match(sdl, /\treputation: Int @custom\(http: \{url:"http:\/\/127\.0\.0\.1:\d+\/reputation\/\$id\?name=\$name",method:GET,forwardHeaders:\["X-Tenant"\]\}\)\n/);
  assert.match(sdl, /type Quote @remote \{\n\ttext: String\n\tby: String\n\tbyline: String @remoteResponse\(name: "by"\)\n\}/);
  assert.match(sdl, /type Query \{\n\tquote\(topic: String!, limit: Int\): \[Quote\] @custom/);
  assert.doesNotMatch(sdl, /input AuthorPatch \{[^}]*reputation/, 'custom fields are not stored, so not in inputs');
});

test('a call over the timeout or the answer size limit fails its field, and nothing else', async () => {
  const result = await authline.graphql('{ slow huge quote(topic: "t") { by } }');
  assert.deepEqual(result.data, { slow: null, huge: [], quote: [{ by: 'none' }] });
  const message = (field: string) => result.errors.find((e: { path: string[] }) => e.path[0] === field)?.message;
  assert.equal(result.errors.length, 2);
  assert.match(message('slow'), /^Evaluation of custom field failed because external request returned an error: Get "http:\/\/127\.0\.0\.1:\d+\/slow": context deadline exceeded \(timeout 2000 ms\) for field: slow within type: Query\.$/);
  assert.match(message('huge'), /^Evaluation of custom field failed because external request returned an error: response body larger than 65536 bytes for field: huge within type: Query\.$/);
});
