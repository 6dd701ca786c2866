/**
 * `@embedding` fields and Dgraph's similarity queries over HTTP on both
 * backends: querySimilarTByEmbedding and querySimilarTById with each metric
 * (distances computed here, independently, with Dgraph's formulas from
 * graphql/resolve/query_rewriter.go), topK, distance_threshold, the query's
 * filter applied to the topK (as Dgraph's @filter on its similar_to block),
 * the @auth query rule (a hidden node never appears and never takes a place),
 * vector writes, and Dgraph's errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';

after(stopOwnCluster);

const SECRET = 'a-secret-of-at-least-32-bytes-long!!';

const SDL = `type Doc @auth(query: { or: [
  { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  { rule: "query { queryDoc(filter: {public: true}) { id } }" }
]}) {
  id: ID!
  key: String! @id
  public: Boolean @search
  vec: [Float!] @embedding @search(by: ["hnsw(metric: euclidean, exponent: 4)"])
  cos: [Float!] @embedding @search(by: ["hnsw(metric: cosine)"])
  dot: [Float!] @embedding @search(by: ["hnsw(metric: dotproduct)"])
  plain: [Float!] @embedding
  secret: [Float!] @embedding @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" })
}
# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"X-Auth","Namespace":"https://ns","Algo":"HS256"}
`;

type Vector = readonly number[];
type Metric = 'euclidean' | 'cosine' | 'dotproduct';

/** A fixed pseudo-random sequence, so the data is the same on every run and backend. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.round((state / 2_147_483_648) * 2000 - 1000) / 1000;
  };
}

const next = numbers(7);
const vector = (): number[] => [next(), next(), next(), next()];
const DOCS = Array.from({ length: 12 }, (_, i) => ({ key: `d${i}`, public: i % 3 !== 0, vec: vector(), cos: vector(), dot: vector(), plain: vector(), secret: vector() }));

const dot = (a: Vector, b: Vector) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
/** Dgraph's distances (query_rewriter.go rewriteAsSimilarByEmbeddingQuery). */
function distance(metric: Metric, a: Vector, b: Vector): number {
  if (metric === 'dotproduct') return 1 - dot(a, b);
  if (metric === 'cosine') return 1 - dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  return Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0));
}

type Field = 'vec' | 'cos' | 'dot' | 'plain' | 'secret';
const METRIC: Record<Field, Metric> = { vec: 'euclidean', cos: 'cosine', dot: 'dotproduct', plain: 'euclidean', secret: 'euclidean' };

/** The answer expected: the visible docs nearest first (ties by insertion order, which is uid order), topK of them. */
function nearest(field: Field, query: Vector, topK: number, visible: (d: (typeof DOCS)[number]) => boolean) {
  return DOCS.filter(visible)
    .map((d) => ({ key: d.key, vector_distance: distance(METRIC[field], d[field], query) }))
    .sort((a, b) => a.vector_distance - b.vector_distance)
    .slice(0, topK);
}

function assertNearest(actual: { key: string; vector_distance: number }[], expected: { key: string; vector_distance: number }[]): void {
  assert.deepEqual(actual.map((d) => d.key), expected.map((d) => d.key));
  actual.forEach((d, i) => assert.ok(Math.abs(d.vector_distance - expected[i]!.vector_distance) < 1e-9, `${d.key}: ${d.vector_distance} vs ${expected[i]!.vector_distance}`));
}

const everyone = () => true;
const publicOnly = (d: { public: boolean }) => d.public;

for (const backend of BACKENDS) {
  describe(`vector search (${backend})`, () => {
    let served: Served;
    let admin: Record<string, string>;
    const query = async (text: string, headers: Record<string, string> = admin, variables?: Record<string, unknown>) => {
      const { body } = await served.graphql(text, headers, variables);
      return body;
    };
    const similar = async (field: Field, vector: Vector, topK: number, headers = admin, extra = '') => {
      const body = await query(`query ($v: [Float!]!) { querySimilarDocByEmbedding(by: ${field}, topK: ${topK}, vector: $v${extra}) { key vector_distance } }`, headers, { v: vector });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return body.data.querySimilarDocByEmbedding as { key: string; vector_distance: number }[];
    };
    before(async () => {
      served = await serve({ backend, sdl: SDL });
      admin = { 'X-Auth': await token('ADMIN') };
      const added = await served.graphql('mutation ($docs: [AddDocInput!]!) { addDoc(input: $docs) { numUids } }', admin, { docs: DOCS });
      assert.equal(added.body.data?.addDoc.numUids, DOCS.length, JSON.stringify(added.body));
    });
    after(() => served.close());

    test('ByEmbedding ranks by each field\'s metric, nearest first, topK of them, with the distance', async () => {
      const probe = [0.25, -0.5, 0.75, 0.1];
      for (const field of ['vec', 'cos', 'dot', 'plain'] as const) {
        assertNearest(await similar(field, probe, 4), nearest(field, probe, 4, everyone));
      }
      assertNearest(await similar('vec', probe, 100), nearest('vec', probe, 100, everyone));
      assert.deepEqual(await similar('vec', probe, 0), []);
    });

    test('stored vectors read back as written; vector_distance is null outside a similarity query', async () => {
      const body = await query('{ queryDoc(filter: {has: vec}) { key vec vector_distance } getDoc(key: "d1") { vec } }');
      assert.equal(body.errors, undefined);
      assert.deepEqual(body.data.queryDoc.map((d: { vec: number[] }) => d.vec), DOCS.map((d) => d.vec));
      assert.ok(body.data.queryDoc.every((d: { vector_distance: unknown }) => d.vector_distance === null));
      assert.deepEqual(body.data.getDoc.vec, DOCS[1]!.vec);
      // No node has the distance stored (Dgraph's has(Doc.vector_distance)).
      assert.deepEqual((await query('{ queryDoc(filter: {has: vector_distance}) { key } }')).data.queryDoc, []);
    });

    test('the @auth query rule: a hidden node never appears and never takes one of the topK places', async () => {
      const probe = DOCS[0]!.vec; // d0 is not public: nearest to itself, hidden from a caller without ADMIN
      const anonymous = await similar('vec', probe, 3, {});
      assertNearest(anonymous, nearest('vec', probe, 3, publicOnly));
      assert.equal(anonymous.length, 3);
      assert.ok(!anonymous.some((d) => DOCS.find((x) => x.key === d.key)!.public === false));
    });

    test('beyond Dgraph, a field\'s own query rule: a vector the caller may not read ranks nothing, and is searched from by nobody', async () => {
      const probe = [0.5, 0.5, 0.5, 0.5];
      assertNearest(await similar('secret', probe, 3), nearest('secret', probe, 3, everyone));
      assert.deepEqual(await similar('secret', probe, 3, {}), []);
      const { data } = await query('{ querySimilarDocById(key: "d1", by: secret, topK: 3) { key } }', {});
      assert.deepEqual(data.querySimilarDocById, []);
    });

    test('ById searches from the node\'s own vector (itself first, at distance 0), read as getDoc reads it', async () => {
      const body = await query('{ querySimilarDocById(key: "d4", by: cos, topK: 3) { key vector_distance } }');
      assert.equal(body.errors, undefined);
      assertNearest(body.data.querySimilarDocById, nearest('cos', DOCS[4]!.cos, 3, everyone));
      assert.equal(body.data.querySimilarDocById[0].key, 'd4');
      // d3 is hidden from anonymous callers: nothing to search from.
      assert.deepEqual((await query('{ querySimilarDocById(key: "d3", by: vec, topK: 3) { key } }', {})).data.querySimilarDocById, []);
      assert.deepEqual((await query('{ querySimilarDocById(key: "nope", by: vec, topK: 3) { key } }')).data.querySimilarDocById, []);
      const { data } = await query('{ querySimilarDocById(key: "d4", by: vec, topK: 2) { key } }', {});
      assert.deepEqual(data.querySimilarDocById.map((d: { key: string }) => d.key), nearest('vec', DOCS[4]!.vec, 2, publicOnly).map((d) => d.key));
    });

    test('the filter applies to the topK nearest, as Dgraph filters its similar_to block', async () => {
      const probe = [0.1, 0.2, 0.3, 0.4];
      const top = nearest('vec', probe, 3, everyone);
      const outside = nearest('vec', probe, DOCS.length, everyone).at(-1)!.key;
      assertNearest(await similar('vec', probe, 3, admin, `, filter: {key: {in: ["${top[1]!.key}", "${outside}"]}}`), [top[1]!]);
    });

    test('distance_threshold bounds euclidean and cosine distances (inclusive) and is ignored for dotproduct', async () => {
      const probe = [0.3, 0.3, -0.3, 0.3];
      const all = nearest('vec', probe, DOCS.length, everyone);
      const threshold = all[4]!.vector_distance;
      assertNearest(await similar('vec', probe, 10, admin, `, distance_threshold: ${threshold}`), all.slice(0, 5));
      const cosine = nearest('cos', probe, DOCS.length, everyone);
      assertNearest(await similar('cos', probe, 10, admin, `, distance_threshold: ${cosine[2]!.vector_distance}`), cosine.slice(0, 3));
      assertNearest(await similar('dot', probe, 4, admin, ', distance_threshold: 0'), nearest('dot', probe, 4, everyone));
      assertNearest(await similar('vec', probe, 3, admin, ', ef: 64'), all.slice(0, 3));
    });

    test('update sets a vector whole; remove drops it only when it is the stored vector', async () => {
      const set = await query('mutation { updateDoc(input: {filter: {key: {eq: "d11"}}, set: {plain: [1, 2, 3, 4]}}) { doc { plain } } }');
      assert.deepEqual(set.data.updateDoc.doc, [{ plain: [1, 2, 3, 4] }]);
      const other = await query('mutation { updateDoc(input: {filter: {key: {eq: "d11"}}, remove: {plain: [1, 2, 3, 5]}}) { doc { plain } } }');
      assert.deepEqual(other.data.updateDoc.doc, [{ plain: [1, 2, 3, 4] }]);
      const same = await query('mutation { updateDoc(input: {filter: {key: {eq: "d11"}}, remove: {plain: [1, 2, 3, 4]}}) { doc { plain } } }');
      // As Dgraph answers a list field without values.
      assert.deepEqual(same.data.updateDoc.doc, [{ plain: [] }]);
      // A node without the vector is not ranked.
      const ranked = await similar('plain', [0, 0, 0, 0], 100);
      assert.deepEqual(ranked.map((d) => d.key).sort(), DOCS.filter((d) => d.key !== 'd11').map((d) => d.key).sort());
      await query(`mutation { updateDoc(input: {filter: {key: {eq: "d11"}}, set: {plain: [${DOCS[11]!.plain.join(', ')}]}}) { numUids } }`);
    });

    test('an import sets each vector whole, from a list or from Dgraph\'s float32vector text', async () => {
      const data = [
        { 'dgraph.type': 'Doc', 'Doc.key': 'i1', 'Doc.public': true, 'Doc.plain': [0.5, 0.5, 0.5, 0.1] },
        { 'dgraph.type': 'Doc', 'Doc.key': 'i2', 'Doc.public': true, 'Doc.plain': '[0.25, -1, 0.25, 2e-1]' },
      ];
      const imported = await served.admin('/admin/import', JSON.stringify(data));
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      const { data: read } = await query('{ i1: getDoc(key: "i1") { plain } i2: getDoc(key: "i2") { plain } }');
      assert.deepEqual(read, { i1: { plain: [0.5, 0.5, 0.5, 0.1] }, i2: { plain: [0.25, -1, 0.25, 0.2] } });
      const ranked = await similar('plain', [0.5, 0.5, 0.5, 0.1], 1);
      assert.deepEqual(ranked, [{ key: 'i1', vector_distance: 0 }]);
      await query('mutation { deleteDoc(filter: {key: {in: ["i1", "i2"]}}) { numUids } }');
    });

    test('Dgraph\'s errors: vectors of different lengths, ef, distance_threshold; authline\'s limits', async () => {
      const message = async (text: string) => {
        const body = await query(text);
        assert.deepEqual(body.data, { [Object.keys(body.data)[0]!]: [] });
        return body.errors?.[0]?.message as string;
      };
      assert.equal(await message('{ querySimilarDocByEmbedding(by: vec, topK: 3, vector: [1, 2]) { key } }'),
        'Dgraph query failed because Dgraph execution failed because can not compute euclidean distance on vectors of different lengths');
      assert.equal(await message('{ querySimilarDocByEmbedding(by: cos, topK: 3, vector: [1, 2]) { key } }'),
        'Dgraph query failed because Dgraph execution failed because can not compute cosine distance on vectors of different lengths');
      assert.equal(await message('{ querySimilarDocByEmbedding(by: dot, topK: 3, vector: [1, 2, 3, 4, 5]) { key } }'),
        'Dgraph query failed because Dgraph execution failed because can not compute dot product on vectors of different lengths');
      assert.equal(await message('{ querySimilarDocByEmbedding(by: vec, topK: 3, vector: [1, 2, 3, 4], ef: 0) { key } }'),
        "Dgraph query failed because Dgraph execution failed because Value for 'ef' must be positive, got: 0");
      assert.equal(await message('{ querySimilarDocById(key: "d1", by: vec, topK: 3, distance_threshold: -0.5) { key } }'),
        "Dgraph query failed because Dgraph execution failed because Value for 'distance_threshold' must be non-negative, got: -0.5");
      assert.equal(await message('{ querySimilarDocByEmbedding(by: vec, topK: 1001, vector: [1, 2, 3, 4]) { key } }'),
        "couldn't rewrite query querySimilarDocByEmbedding because topK of querySimilarDocByEmbedding is 1001, more than authline's limit of 1000");
      // Dgraph asks its index for k neighbours without checking k: none or fewer than none finds nothing.
      for (const topK of [0, -2]) {
        const none = await query(`{ querySimilarDocByEmbedding(by: vec, topK: ${topK}, vector: [1, 2, 3, 4]) { key } }`, admin);
        assert.deepEqual(none, { data: { querySimilarDocByEmbedding: [] } }, `topK: ${topK}`);
      }
      const long = Array.from({ length: 4097 }, () => 0.5);
      const body = await query('query ($v: [Float!]!) { querySimilarDocByEmbedding(by: vec, topK: 1, vector: $v) { key } }', admin, { v: long });
      assert.equal(body.errors?.[0]?.message,
        "couldn't rewrite query querySimilarDocByEmbedding because the vector of querySimilarDocByEmbedding has 4097 numbers, more than authline's limit of 4096");
      const add = await query('mutation ($v: [Float!]) { addDoc(input: [{key: "long", vec: $v}]) { numUids } }', admin, { v: long });
      assert.match(add.errors?.[0]?.message ?? '', /Doc\.vec is given 4097 numbers, more than authline's limit of 4096 for a vector/);
    });

    test('Dgraph refuses a vector of another length than the indexed ones (its HNSW insert compares them); an unindexed field takes it', async () => {
      const add = async (input: string) => (await query(`mutation { addDoc(input: [${input}]) { numUids } }`)).errors?.[0]?.message;
      assert.equal(await add('{key: "short", vec: [1, 2, 3]}'),
        'mutation addDoc failed because Dgraph execution failed because can not compute euclidean distance on vectors of different lengths');
      assert.equal(await add('{key: "short", dot: [1, 2, 3, 4]}, {key: "short2", dot: [1, 2, 3]}'),
        'mutation addDoc failed because Dgraph execution failed because can not compute dot product on vectors of different lengths');
      const update = await query('mutation { updateDoc(input: {filter: {key: {eq: "d2"}}, set: {cos: [1]}}) { numUids } }');
      assert.equal(update.errors?.[0]?.message,
        'mutation updateDoc failed because Dgraph execution failed because can not compute cosine distance on vectors of different lengths');
      assert.equal((await query('{ queryDoc(filter: {key: {in: ["short", "short2"]}}) { key } }')).data.queryDoc.length, 0);
      // Without @search there is no index to refuse it; the query that meets it fails instead.
      assert.equal(await add('{key: "short", plain: [1, 2, 3]}'), undefined);
      const body = await query('{ querySimilarDocByEmbedding(by: plain, topK: 3, vector: [1, 2, 3, 4]) { key } }');
      assert.equal(body.errors?.[0]?.message,
        'Dgraph query failed because Dgraph execution failed because can not compute euclidean distance on vectors of different lengths');
      await query('mutation { deleteDoc(filter: {key: {eq: "short"}}) { numUids } }');
    });
  });
}

function token(role: string): Promise<string> {
  return new SignJWT({ 'https://ns': { ROLE: role } }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}
