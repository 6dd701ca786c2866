/**
 * Issue 12, item 2, the query-cost cases: each request that used to cost
 * seconds, gigabytes or a blocked event loop is now refused with its code,
 * or answered in bounded time, while a simple query run alongside keeps
 * answering within 500 ms. Through the real server and engine, on embedded
 * PGlite and on PostgreSQL. The limits are set low so that the data stays
 * small and the suite fast; each refusal before SQL is checked to have sent
 * no statement at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { createTestDatabase, stopOwnCluster, type TestDatabase } from '../support/postgres.js';

after(stopOwnCluster);

const SDL = `type Author {
  id: ID!
  name: String! @search(by: [hash, regexp])
  posts: [Post] @hasInverse(field: author)
}
type Post {
  id: ID!
  title: String @search(by: [regexp])
  author: Author
}
`;
const AUTHORS = 40;
const POSTS_EACH = 40;
/** 40 authors + 1,600 posts: 1,640 nodes. */
const LIMITS = { queryEdgeLimit: 1000, maxAliases: 20, maxFilterDepth: 16, maxRegexpLength: 200, maxResponseBytes: 48 * 1024 };

function data() {
  const nodes: Record<string, unknown>[] = [];
  for (let a = 0; a < AUTHORS; a++) {
    const posts = Array.from({ length: POSTS_EACH }, (_, p) => ({ uid: `_:p${a}_${p}` }));
    nodes.push({ uid: `_:a${a}`, 'dgraph.type': 'Author', 'Author.name': `author${String(a).padStart(2, '0')}`, 'Author.posts': posts });
    for (let p = 0; p < POSTS_EACH; p++) {
      nodes.push({ uid: `_:p${a}_${p}`, 'dgraph.type': 'Post', 'Post.title': `post ${a} ${p}`, 'Post.author': { uid: `_:a${a}` } });
    }
  }
  return nodes;
}

const BACKENDS: readonly { name: string; store(): Promise<{ options: StoreOptions; drop(): Promise<void> }> }[] = [
  { name: 'PGlite', store: async () => ({ options: {}, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    store: async () => {
      const db: TestDatabase = await createTestDatabase();
      return { options: { databaseUrl: db.url }, drop: () => db.drop() };
    },
  },
];

interface Answer {
  readonly status: number;
  readonly body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  readonly text: string;
  readonly ms: number;
}

for (const backend of BACKENDS) {
  describe(`request limits on ${backend.name}`, () => {
    let service: AuthlineService;
    let server: RunningServer;
    let drop: () => Promise<void>;
    let statements = 0;

    before(async () => {
      const opened = await backend.store();
      drop = opened.drop;
      service = await createService({ store: await openStore({ ...opened.options, onStatement: () => statements++ }) });
      server = await startServer(service, { host: '127.0.0.1', port: 0, logger: { info() {}, warn() {}, error() {} }, ...LIMITS });
      await service.uploadSchema(SDL);
      await service.importData(data());
    });
    after(async () => {
      await server?.close();
      await service?.close();
      await drop?.();
    });

    /** `variables` may come as JSON text already (too deep for JSON.stringify, or built before the clock starts). */
    async function graphql(query: string, variables?: Record<string, unknown> | string, accept = 'application/json'): Promise<Answer> {
      const body = typeof variables === 'string' ? `{"query":${JSON.stringify(query)},"variables":${variables}}` : JSON.stringify({ query, variables });
      const started = performance.now();
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text), text, ms: performance.now() - started };
    }

    /**
     * Runs `heavy` while a simple read is sent again and again: each must
     * answer within 500 ms. Client and server share this process and the
     * machine may be busy with other work: a run with a slow probe is tried
     * once more before it counts.
     */
    async function alongside(heavy: () => Promise<Answer>): Promise<Answer> {
      for (let attempt = 1; ; attempt++) {
        let done = false;
        const running = heavy().finally(() => { done = true; });
        const probes: number[] = [];
        do {
          const probe = await graphql('{ getAuthor(id: "0x1") { name } queryAuthor(first: 1) { name } }');
          assert.deepEqual(probe.body.errors, undefined);
          probes.push(probe.ms);
        } while (!done);
        const slowest = Math.max(...probes);
        if (slowest < 500 || attempt === 2) {
          assert.ok(slowest < 500, `a simple query took ${slowest} ms alongside`);
          return running;
        }
        await running;
      }
    }

    /** The request is refused with `code` and no statement reaches the database. */
    async function refusedBeforeSql(query: string, variables: Record<string, unknown> | string | undefined, code: string): Promise<Answer> {
      const before = statements;
      const answer = await graphql(query, variables, 'application/graphql-response+json');
      assert.equal(statements, before, 'no SQL ran');
      assert.equal(answer.status, 400, answer.text.slice(0, 300));
      assert.equal(answer.body.data, undefined);
      assert.deepEqual(answer.body.errors?.map((e) => e.extensions?.code), [code], answer.text.slice(0, 300));
      return answer;
    }

    test('a list with no first over more nodes than the edge limit fails in the database, quickly', async () => {
      const answer = await alongside(() => graphql('{ queryPost { title } }'));
      assert.deepEqual(answer.body.data, { queryPost: [] });
      assert.equal(answer.body.errors?.[0].extensions?.code, 'QUERY_EDGE_LIMIT');
      assert.match(answer.body.errors![0].message, /^Dgraph query failed because Exceeded query edge limit = 1000\. The request returns more than 1000 nodes/);
      // Within the limit, the same read answers in full.
      const within = await graphql('{ queryPost(first: 1000) { title } }');
      assert.equal(within.body.data.queryPost.length, 1000);
    });

    test('nodes at every level count: 24 authors with their 40 posts each are 984 nodes, 25 are 1,025', async () => {
      const read = (n: number) => graphql(`{ queryAuthor(first: ${n}, order: { asc: name }) { name posts { title } } }`);
      const within = await read(24);
      assert.equal(within.body.errors, undefined);
      assert.equal(within.body.data.queryAuthor.length, 24);
      assert.equal(within.body.data.queryAuthor.reduce((sum: number, a: any) => sum + a.posts.length, 0), 960);
      const over = await alongside(() => read(25));
      assert.deepEqual(over.body, { data: { queryAuthor: [] }, errors: [{ ...over.body.errors![0], extensions: { code: 'QUERY_EDGE_LIMIT' } }] });
    });

    test('aliases share one limit: of 10 aliases reading 150 nodes each, the first 6 answer and the rest fail', async () => {
      const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: queryPost(first: 150, offset: ${i}) { title }`).join('\n');
      const answer = await alongside(() => graphql(`{ ${aliases} }`));
      for (let i = 0; i < 10; i++) assert.equal(answer.body.data[`a${i}`].length, i < 6 ? 150 : 0, `a${i}`);
      assert.deepEqual(answer.body.errors?.map((e) => e.extensions?.code), ['QUERY_EDGE_LIMIT', 'QUERY_EDGE_LIMIT', 'QUERY_EDGE_LIMIT', 'QUERY_EDGE_LIMIT']);
    });

    test('a getT and a singular edge count one node each; an aggregate counts none', async () => {
      const answer = await graphql('{ getPost(id: "0x2") { title author { name } } aggregatePost { count } }');
      assert.equal(answer.body.errors, undefined);
      assert.equal(answer.body.data.aggregatePost.count, AUTHORS * POSTS_EACH);
      assert.equal(typeof answer.body.data.getPost.author.name, 'string');
    });

    test('more root fields than --max-aliases are refused before any SQL', async () => {
      const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: queryAuthor(first: 1) { name }`).join(' ');
      const answer = await refusedBeforeSql(`query Many { ${aliases} }`, undefined, 'TOO_MANY_ALIASES');
      assert.equal(answer.body.errors![0].message, 'Operation "Many" selects more than 20 root fields (aliases count each), the limit (--max-aliases).');
    });

    test('first and offset beyond the edge limit, and a negative offset, are refused before any SQL', async () => {
      await refusedBeforeSql('{ queryPost(first: 1000000000) { title } }', undefined, 'PAGE_OUT_OF_RANGE');
      const negative = await refusedBeforeSql('query ($n: Int) { queryPost(first: $n) { title } }', { n: -1000000000 }, 'PAGE_OUT_OF_RANGE');
      assert.equal(negative.body.errors![0].message, '"first" of Query.queryPost is -1000000000; it may be at most 1000 either way, the query edge limit (--query-edge-limit).');
      await refusedBeforeSql('{ queryAuthor { posts(offset: -1) { title } } }', undefined, 'PAGE_OUT_OF_RANGE');
      // A text without variables is judged once and its verdict kept: it is refused again, and so is every
      // over-limit value of an operation with variables, after a value within the limit was let through.
      await refusedBeforeSql('{ queryPost(first: 1000000000) { title } }', undefined, 'PAGE_OUT_OF_RANGE');
      const page = 'query ($n: Int) { queryPost(first: $n) { title } }';
      assert.equal((await graphql(page, { n: 2 })).body.data.queryPost.length, 2);
      await refusedBeforeSql(page, { n: 1001 }, 'PAGE_OUT_OF_RANGE');
      // A negative first within the limit takes the last nodes, as in Dgraph.
      const last = await graphql('{ queryAuthor(first: -2, order: { asc: name }) { name } }');
      assert.deepEqual(last.body, { data: { queryAuthor: [{ name: 'author38' }, { name: 'author39' }] } });
    });

    test('a 1,000-deep and is refused with 400 before any SQL, in the query text and in a variable', async () => {
      let filter = '{ name: { eq: "author01" } }';
      for (let i = 0; i < 1000; i++) filter = `{ and: [${filter}] }`;
      const literal = await refusedBeforeSql(`{ queryAuthor(filter: ${filter}) { name } }`, undefined, 'FILTER_TOO_DEEP');
      assert.equal(literal.body.errors![0].message, 'An argument of the query nests more than 16 levels deep, the limit (--max-filter-depth).');
      const value = `${'{"and":['.repeat(100_000)}{"name":{"eq":"author01"}}${']}'.repeat(100_000)}`;
      const variable = await refusedBeforeSql('query ($f: AuthorFilter) { queryAuthor(filter: $f) { name } }', `{"f":${value}}`, 'FILTER_TOO_DEEP');
      assert.equal(variable.body.errors![0].message, 'Variable "$f" nests input objects more than 16 levels deep, the limit (--max-filter-depth).');
      // application/json clients get Dgraph's 200 with the same error.
      const json = await graphql(`{ queryAuthor(filter: ${filter}) { name } }`);
      assert.equal(json.status, 200);
      assert.equal(json.body.errors?.[0].extensions?.code, 'FILTER_TOO_DEEP');
      // Within the limit, nesting works.
      let shallow = '{ name: { eq: "author01" } }';
      for (let i = 0; i < 10; i++) shallow = `{ and: [${shallow}] }`;
      assert.deepEqual((await graphql(`{ queryAuthor(filter: ${shallow}) { name } }`)).body, { data: { queryAuthor: [{ name: 'author01' }] } });
    });

    test('a 4.9 MB regexp is refused before it is compiled, without blocking the server or being echoed', async () => {
      const huge = JSON.stringify({ r: `/${'a'.repeat(4_900_000)}/` });
      const answer = await alongside(() => graphql('query ($r: String!) { queryPost(filter: { title: { regexp: $r } }) { title } }', huge));
      assert.equal(answer.body.errors?.[0].extensions?.code, 'REGEXP_TOO_LONG');
      assert.equal(answer.body.errors![0].message, 'A regexp in "filter" of Query.queryPost is 4900002 characters long, more than the limit of 200 (--max-regexp-length).');
      assert.ok(answer.text.length < 1000, 'the pattern is not echoed');
      assert.ok(answer.ms < 2000, `answered in ${answer.ms} ms`);
      await refusedBeforeSql(`{ queryAuthor { posts(filter: { title: { regexp: "/${'b'.repeat(300)}/" } }) { title } } }`, undefined, 'REGEXP_TOO_LONG');
      // At the limit it runs.
      const at = await graphql(`{ queryPost(filter: { title: { regexp: "/^post 3 3${'.?'.repeat(94)}$/" } }) { title } }`);
      assert.equal(at.body.errors, undefined, at.text);
      assert.ok(at.body.data.queryPost.length > 0);
    });

    test('245,556 __typename aliases are refused by size, 20,000 by tokens, quickly, without blocking the server', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      const big = await refusedBeforeSql(aliases(245_556), undefined, 'QUERY_TOO_LARGE');
      assert.match(big.body.errors![0].message, /^The query is \d+ bytes, more than the limit of 1048576 \(--max-document-size\)\.$/);
      const many = await refusedBeforeSql(aliases(20_000), undefined, 'QUERY_TOO_LARGE');
      assert.equal(many.body.errors![0].message, 'The query has more than 50000 tokens, the limit (--max-tokens).');
      // Again, with simple queries alongside: the refusals hold nothing up.
      for (const n of [245_556, 20_000]) {
        const query = aliases(n);
        const answer = await alongside(() => graphql(query));
        assert.equal(answer.body.errors?.[0].extensions?.code, 'QUERY_TOO_LARGE');
        assert.ok(answer.ms < 1000, `answered in ${answer.ms} ms`);
      }
    });

    test('an answer over --max-response-bytes is replaced by an error', async () => {
      const answer = await graphql('{ queryPost(first: 1000) { __typename id title } }');
      assert.equal(answer.status, 200);
      assert.equal(answer.body.data, null);
      assert.equal(answer.body.errors?.[0].extensions?.code, 'RESPONSE_TOO_LARGE');
      assert.match(answer.body.errors![0].message, /^The answer is \d+ bytes, more than the limit of 49152 \(--max-response-bytes\); ask for fewer nodes or fields\.$/);
    });

    test('a mutation payload counts against the limit: over it, the mutation fails and changes nothing', async () => {
      const over = await graphql('mutation { updatePost(input: { filter: { title: { regexp: "/^post 1/" } }, set: { title: "changed" } }) { post { title } } }');
      // 40 posts of author 1 and 40 of authors 10..19: 440 nodes, within the limit; all of them changed.
      assert.equal(over.body.errors, undefined, over.text.slice(0, 300));
      assert.equal(over.body.data.updatePost.post.length, 440);
      const tooMany = await graphql('mutation { updatePost(input: { filter: { title: { regexp: "/^(post|changed)/" } }, set: { title: "again" } }) { post { title } } }');
      assert.equal(tooMany.body.errors?.[0].extensions?.code, 'QUERY_EDGE_LIMIT');
      assert.match(tooMany.body.errors![0].message, /^mutation updatePost failed because Exceeded query edge limit = 1000\./);
      const again = await graphql('{ aggregatePost(filter: { title: { regexp: "/^again$/" } }) { count } }');
      assert.deepEqual(again.body, { data: { aggregatePost: { count: 0 } } });
    });
  });
}
