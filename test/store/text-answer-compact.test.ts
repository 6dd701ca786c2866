/**
 * A read answered as text (Store.compileJsonRead, store/sql/json-text.ts)
 * returns the text JSON.stringify writes for its answer: compact, no white
 * space outside strings, keys in the selection's order, strings escaped
 * alike; so the server can write it as it comes. On both backends, through
 * nested lists, lists of scalars, strings of every awkward kind, absent
 * values, null edges, a get that finds nothing, paging backwards, @cascade,
 * aliases and the node budget.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import type { ReadPlan } from '../../src/store/index.js';
import { QueryEdgeLimitError } from '../../src/store/errors.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type LoadedStore } from './support/backends.js';
import { modelFromSdl } from './support/model.js';
import { Plans } from './support/plans.js';

after(stopOwnCluster);

const SDL = `
enum Mood { HAPPY SAD }
type Author {
  id: ID!
  name: String! @id
  bio: String
  tags: [String]
  mood: Mood
  born: DateTime
  rating: Float
  favourite: Book
  books: [Book] @hasInverse(field: author)
}
type Book {
  id: ID!
  title: String! @search(by: [exact])
  pages: Int
  inPrint: Boolean
  author: Author
}
`;

const AWKWARD = 'spaces and "quotes", a back\\slash \\" and \\\\, a new\nline, a\ttab, a \u0007 bell, é, 中文, 😀, </script> / slash';
const TAGS = ['x y', 'quote "q"', 'back\\slash', 'new\nline\r\n', 'ünï ☃', ''];

// An import keeps no inverse edges (as Dgraph's): each book names its author itself.
const DATA = [
  {
    uid: '_:ann', 'dgraph.type': 'Author', 'Author.name': 'ann', 'Author.bio': AWKWARD, 'Author.tags': TAGS, 'Author.mood': 'HAPPY',
    'Author.born': '1970-01-02T03:04:05.678Z', 'Author.rating': 4.5, 'Author.favourite': { uid: '_:beta' },
    'Author.books': [
      { uid: '_:alpha', 'dgraph.type': 'Book', 'Book.title': 'Alpha', 'Book.pages': 10, 'Book.inPrint': true, 'Book.author': { uid: '_:ann' } },
      { uid: '_:beta', 'dgraph.type': 'Book', 'Book.title': 'Beta', 'Book.pages': 20, 'Book.inPrint': false, 'Book.author': { uid: '_:ann' } },
      { uid: '_:gamma', 'dgraph.type': 'Book', 'Book.title': 'Gamma', 'Book.author': { uid: '_:ann' } },
    ],
  },
  { uid: '_:bob', 'dgraph.type': 'Author', 'Author.name': 'bob' },
  { uid: '_:cy', 'dgraph.type': 'Author', 'Author.name': 'cy', 'Author.tags': [], 'Author.books': [{ uid: '_:delta', 'dgraph.type': 'Book', 'Book.title': 'Delta', 'Book.pages': 40, 'Book.author': { uid: '_:cy' } }] },
];

const model = modelFromSdl(SDL);
const p = new Plans(model);
const enumValues = (name: string) => (name === 'Mood' ? ['HAPPY', 'SAD'] : undefined);

/** JSON text with its strings emptied: what is left must hold no white space. */
const outsideStrings = (text: string) => text.replace(/"(?:[^"\\]|\\.)*"/g, '""');

for (const backend of BACKENDS) {
  describe(`text answers are compact JSON on ${backend.name}`, () => {
    let opened: LoadedStore;
    before(async () => { opened = await openLoaded(backend, model, SDL, DATA); });
    after(() => opened.close());

    /** The read's text answer, asserted compact and JSON.stringify's text of `expected`. */
    async function assertText(plan: ReadPlan, expected: unknown): Promise<void> {
      const read = opened.store.compileJsonRead(plan, ALLOW_ALL, false, enumValues);
      assert.ok(read, 'answered as text');
      const text = await opened.store.runRead(read);
      assert.equal(typeof text, 'string');
      assert.doesNotMatch(outsideStrings(text as string), /\s/, `white space outside strings: ${text as string}`);
      assert.deepEqual(JSON.parse(text as string), expected);
      assert.equal(text, JSON.stringify(expected));
    }

    const books = p.edge('Author.books', { order: [p.asc('Book.title')], select: ['title', 'pages', 'inPrint', p.edge('Book.author', { select: ['name'] })] });
    const favourite = p.edge('Author.favourite', { select: ['title'] });

    test('nested lists, lists of scalars, awkward strings, absent values, null edges', async () => {
      const plan = p.query('Author', { order: [p.asc('Author.name')], select: ['name', 'bio', 'tags', 'mood', 'born', 'rating', favourite, books] }) as ReadPlan;
      await assertText(plan, [
        {
          name: 'ann', bio: AWKWARD, tags: TAGS, mood: 'HAPPY', born: '1970-01-02T03:04:05Z', rating: 4.5, favourite: { title: 'Beta' },
          books: [
            { title: 'Alpha', pages: 10, inPrint: true, author: { name: 'ann' } },
            { title: 'Beta', pages: 20, inPrint: false, author: { name: 'ann' } },
            { title: 'Gamma', pages: null, inPrint: null, author: { name: 'ann' } },
          ],
        },
        { name: 'bob', bio: null, tags: [], mood: null, born: null, rating: null, favourite: null, books: [] },
        { name: 'cy', bio: null, tags: [], mood: null, born: null, rating: null, favourite: null, books: [{ title: 'Delta', pages: 40, inPrint: null, author: { name: 'cy' } }] },
      ]);
    });

    test('get: the object with its id and __typename, or null', async () => {
      const ann = opened.uids.ann;
      await assertText(p.get('Author', p.uids(ann), ['id', '__typename', 'tags', favourite]) as ReadPlan,
        { id: ann, __typename: 'Author', tags: TAGS, favourite: { title: 'Beta' } });
      await assertText(p.get('Author', p.uids('0xfffffff'), ['name', 'bio']) as ReadPlan, null);
      await assertText(p.query('Author', { filter: p.eq('Author.name', 'nobody'), select: ['name'] }) as ReadPlan, []);
    });

    test('a negative first reads backwards and answers in order; @cascade; aliases', async () => {
      await assertText(p.query('Book', { order: [p.asc('Book.title')], first: -2, select: ['t:title'] }) as ReadPlan, [{ t: 'Delta' }, { t: 'Gamma' }]);
      await assertText(p.query('Author', { order: [p.asc('Author.name')], cascade: { kind: 'all' }, select: ['name', 'bio'] }) as ReadPlan, [{ name: 'ann', bio: AWKWARD }]);
      const nested = p.edge('works:Author.books', { order: [p.desc('Book.title')], first: -1, select: ['title'] });
      await assertText(p.query('Author', { order: [p.asc('Author.name')], select: ['n:name', nested] }) as ReadPlan,
        [{ n: 'ann', works: [{ title: 'Alpha' }] }, { n: 'bob', works: [] }, { n: 'cy', works: [{ title: 'Delta' }] }]);
    });

    test('the node budget counts the objects as text and fails the statement past it', async () => {
      const plan = p.query('Author', { order: [p.asc('Author.name')], select: ['name', books] }) as ReadPlan;
      const read = opened.store.compileJsonRead(plan, ALLOW_ALL, true, enumValues);
      assert.ok(read);
      let spent = 0;
      const budget = (limit: number) => ({ limit, remaining: limit, spend: (n: number) => { spent += n; } });
      const text = await opened.store.runRead(read, budget(100));
      assert.equal(JSON.parse(text as string).length, 3);
      // 3 authors, 4 books, each book's author once.
      assert.equal(spent, 3 + 4 + 4);
      await assert.rejects(opened.store.runRead(read, budget(10)), (e: unknown) => e instanceof QueryEdgeLimitError && e.limit === 10);
    });
  });
}
