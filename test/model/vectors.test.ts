/**
 * `@embedding` fields in the model: the metric their hnsw index names (as
 * Dgraph's EmbeddingSearchMetric reads it), whether they are indexed, and
 * how index options are read (Dgraph's rules.go parseSearchOptions).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdl } from '../../src/sdl/index.js';
import { buildModel } from '../../src/model/index.js';
import { hasSimilarQueries, metricOf, searchOptions } from '../../src/model/vectors.js';

function typeOf(sdl: string, name: string) {
  const { document } = parseSdl(sdl);
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors.map((e) => e.message), []);
  const type = model.types.get(name);
  assert.ok(type);
  return type;
}

test('an @embedding field records its metric (euclidean unless its index names another) and whether it is indexed', () => {
  const type = typeOf(`type P {
    id: ID!
    a: [Float!] @embedding @search(by: ["hnsw(metric: cosine, exponent: 4)"])
    b: [Float!] @embedding @search(by: ["hnsw"])
    c: [Float!] @embedding
    d: [Float!] @embedding @search(by: ["hnsw(exponent: 6, metric: dotproduct)"])
    e: [Float]
  }`, 'P');
  assert.deepEqual(type.fields.map((f) => [f.name, f.embedding, f.search, f.declaredSearch]), [
    ['id', undefined, [], undefined],
    ['a', { metric: 'cosine', indexed: true }, [], undefined],
    ['b', { metric: 'euclidean', indexed: true }, [], undefined],
    ['c', { metric: 'euclidean', indexed: false }, [], undefined],
    ['d', { metric: 'dotproduct', indexed: true }, [], undefined],
    ['e', undefined, [], undefined],
  ]);
  assert.equal(hasSimilarQueries(type), true);
  assert.equal(hasSimilarQueries(typeOf('type Q @generate(query: {get: false}) { id: ID! v: [Float!] @embedding }', 'Q')), false);
  assert.equal(hasSimilarQueries(typeOf('type R { id: ID! v: [Float!] }', 'R')), false);
});

test('index options as Dgraph reads them: a YAML flow mapping whose values must all be given', () => {
  assert.deepEqual(searchOptions('hnsw'), new Map());
  assert.deepEqual(searchOptions('hnsw(metric: euclidean, exponent: 4)'), new Map([['metric', 'euclidean'], ['exponent', '4']]));
  assert.deepEqual(searchOptions("hnsw(metric: 'cosine')"), new Map([['metric', 'cosine']]));
  for (const malformed of ['hnsw()', 'hnsw(metric:dotproduct)', 'hnsw(metric: )', 'hnsw(metric: a', 'hnsw metric: a)', 'hnsw(metric: a, metric: b)']) {
    assert.equal(searchOptions(malformed), undefined, malformed);
  }
  assert.equal(metricOf('hnsw(metric: cosine)'), 'cosine');
  assert.equal(metricOf('hnsw'), 'euclidean');
  assert.equal(metricOf(undefined), 'euclidean');
});
