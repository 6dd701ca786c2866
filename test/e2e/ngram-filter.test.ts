/**
 * `@search(by: [ngram])` and its `ngram` filter over HTTP on both backends,
 * with Dgraph's answers: every case of graphql/e2e/common/query.go's
 * ngramFilters, ngramStemming, ngramStopWords, ngramCaseInsensitive,
 * ngramCompoundWords, ngramArrayFields and ngramLinguisticVariations, on the
 * Articles of Dgraph's graphql/e2e/normal/test_data.json.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';

after(stopOwnCluster);

// Dgraph's graphql/e2e/normal/schema.graphql Article.
const SDL = `type Article {
  id: ID!
  title: String! @search(by: [ngram, regexp])
  summaries: [String] @search(by: [ngram])
}`;

const RUNNING = 'Running for Cardiovascular Health';
const WEIGHTS = 'Weight Training and Muscle Building';
const NUTRITION = 'Nutrition and Healthy Eating Habits';

// graphql/e2e/normal/test_data.json
const ARTICLES = [
  { title: RUNNING, summaries: ['Running is the best exercise for heart health and fitness', 'Cardiovascular benefits of regular running routines', 'How running strengthens your heart and improves circulation'] },
  { title: WEIGHTS, summaries: ['Strength training builds muscle mass and bone density', 'Weight lifting techniques for beginners and advanced athletes', 'Building stronger muscles through progressive resistance training'] },
  { title: NUTRITION, summaries: ['Proper nutrition fuels your body for optimal performance', 'Healthy eating patterns that support long-term wellness', 'Nutritional guidelines for maintaining a balanced diet', 'How to eat: nutrition and healthy eating habits'] },
];

/** [field, search text, the titles Dgraph answers], in the order of Dgraph's test functions. */
const CASES: readonly (readonly [field: 'title' | 'summaries', text: string, titles: readonly string[]])[] = [
  // ngramFilters
  ['title', 'Running', [RUNNING]], ['title', 'Training', [WEIGHTS]], ['title', 'Nutrition', [NUTRITION]],
  ['title', 'Cardiovascular Health', [RUNNING]], ['title', 'Muscle Building', [WEIGHTS]], ['title', 'Eating Habits', [NUTRITION]],
  ['title', 'Weight Training and', [WEIGHTS]],
  // ngramStemming
  ['title', 'run', [RUNNING]], ['title', 'train', [WEIGHTS]], ['title', 'eat', [NUTRITION]],
  ['summaries', 'strengthen', [RUNNING]], ['summaries', 'build', [WEIGHTS]], ['summaries', 'maintain', [NUTRITION]],
  // ngramStopWords
  ['title', 'for Health', [RUNNING]], ['title', 'and Muscle', [WEIGHTS]], ['title', 'and Healthy', [NUTRITION]],
  ['summaries', 'is the best', [RUNNING]], ['summaries', 'for beginners and', [WEIGHTS]], ['summaries', 'that support long-term', [NUTRITION]],
  // ngramCaseInsensitive
  ['title', 'RUNNING', [RUNNING]], ['title', 'weight training', [WEIGHTS]], ['title', 'NUTRITION AND HEALTHY', [NUTRITION]],
  ['summaries', 'CARDIOVASCULAR BENEFITS', [RUNNING]], ['summaries', 'strength training', [WEIGHTS]],
  // ngramCompoundWords
  ['summaries', 'long-term', [NUTRITION]], ['title', 'Cardiovascular', [RUNNING]],
  ['summaries', 'bone density', [WEIGHTS]], ['summaries', 'heart health', [RUNNING]],
  // ngramArrayFields
  ['summaries', 'exercise', [RUNNING]], ['summaries', 'muscle mass', [WEIGHTS]], ['summaries', 'optimal performance', [NUTRITION]],
  ['summaries', 'progressive resistance', [WEIGHTS]],
  // ngramLinguisticVariations
  ['title', 'nonexistent', []], ['summaries', 'swimming', []], ['summaries', 'wellness', [NUTRITION]],
  ['summaries', 'nutritional guideline', [NUTRITION]], ['summaries', 'advanced athletes', [WEIGHTS]],
  ['summaries', ' beginners advanced', [WEIGHTS]], ['summaries', 'eat nutrition healthy', [NUTRITION]],
];

for (const backend of BACKENDS) {
  describe(`ngram filter (${backend})`, () => {
    let served: Served;
    const titles = async (field: string, text: string, args = ''): Promise<string[]> => {
      const { body } = await served.graphql(`query ($text: String!) { queryArticle(filter: { ${field}: { ngram: $text } }${args}) { title } }`, {}, { text });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return body.data.queryArticle.map((a: { title: string }) => a.title);
    };
    before(async () => {
      served = await serve({ backend, sdl: SDL });
      const added = await served.graphql('mutation ($a: [AddArticleInput!]!) { addArticle(input: $a) { numUids } }', {}, { a: ARTICLES });
      assert.equal(added.body.data?.addArticle.numUids, 3, JSON.stringify(added.body));
    });
    after(() => served.close());

    test('every case of Dgraph\'s ngram e2e tests (graphql/e2e/common/query.go)', async () => {
      for (const [field, text, expected] of CASES) {
        assert.deepEqual(await titles(field, text), expected, `${field}: ngram ${JSON.stringify(text)}`);
      }
    });

    test('only runs of consecutive words match; an empty or all-stop-word text matches nothing (tok/tok.go QueryTokens)', async () => {
      // "Running Health" are two words of the title, but not next to each other once "for" is dropped.
      assert.deepEqual(await titles('title', 'Cardiovascular Running'), []);
      assert.deepEqual(await titles('title', ''), []);
      assert.deepEqual(await titles('title', 'and the for'), []);
      // Three query words look for that run of three, in that order; a fourth adds a second run, and either is enough.
      assert.deepEqual(await titles('title', 'Training Muscle Building'), [WEIGHTS]);
      assert.deepEqual(await titles('title', 'Training Building Muscle'), []);
      assert.deepEqual(await titles('title', 'Training Muscle Building Running'), [WEIGHTS]);
    });

    test('with not and or, a page and a count', async () => {
      const { body } = await served.graphql(`{
        queryArticle(filter: { not: { title: { ngram: "health" } } }, order: { asc: title }) { title }
        page: queryArticle(filter: { or: [{ title: { ngram: "running" } }, { summaries: { ngram: "balanced diet" } }] }, order: { asc: title }, first: 1, offset: 1) { title }
        aggregateArticle(filter: { summaries: { ngram: "heart" } }) { count }
      }`);
      assert.deepEqual(body.data, {
        queryArticle: [{ title: NUTRITION }, { title: WEIGHTS }],
        page: [{ title: RUNNING }],
        aggregateArticle: { count: 1 },
      });
    });
  });
}
