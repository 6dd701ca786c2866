/**
 * Reads: every filter kind, order, pagination, nesting, interfaces, unions,
 * aggregates, cascade, get and checkPassword, on both backends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ValueError } from '../../src/store/errors.js';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import type { Filter, RootPlan } from '../../src/plan/types.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type LoadedStore } from './support/backends.js';
import { LIBRARY_DATA, LIBRARY_SDL, libraryModel } from './support/library.js';
import { Plans, type Level } from './support/plans.js';

const model = libraryModel();
const p = new Plans(model);
after(stopOwnCluster);

for (const backend of BACKENDS) {
  describe(`queries on ${backend.name}`, () => {
    let opened: LoadedStore;
    const run = (plan: RootPlan) => opened.store.run(plan, ALLOW_ALL);
    const titles = async (filter: Filter | null, order = [p.asc('Book.title')]) =>
      ((await run(p.query('Book', { filter, order, select: ['title'] }))) as { title: string }[]).map((b) => b.title);

    before(async () => { opened = await openLoaded(backend, model, LIBRARY_SDL, LIBRARY_DATA); });
    after(() => opened.close());

    test('hash and exact: eq, in, lt, le, ge, gt, between', async () => {
      assert.deepEqual(await titles(p.eq('Book.isbn', 'b2')), ['The Dispossessed']);
      assert.deepEqual(await titles(p.in('Book.isbn', ['b1', 'b3', 'nope'])), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.cmp('Book.title', 'lt', 'Cosmos')), ['A Wizard of Earthsea']);
      assert.deepEqual(await titles(p.cmp('Book.title', 'le', 'Cosmos')), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.cmp('Book.title', 'gt', 'The Dispossessed')), ['The Guns of August']);
      assert.deepEqual(await titles(p.cmp('Book.title', 'ge', 'The Dispossessed')), ['The Dispossessed', 'The Guns of August']);
      assert.deepEqual(await titles(p.between('Book.title', 'B', 'T')), ['Cosmos']);
    });

    test('numbers, DateTime (instants, whatever the zone), Boolean, enum', async () => {
      assert.deepEqual(await titles(p.cmp('Book.pages', 'gt', 300)), ['Cosmos', 'The Dispossessed']);
      assert.deepEqual(await titles(p.cmp('Book.pages', 'le', 183)), ['A Wizard of Earthsea']);
      assert.deepEqual(await titles(p.between('Book.pages', 100, 366)), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.cmp('Book.rating', 'ge', 4.5)), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.cmp('Book.published', 'ge', '1974-05-01T08:00:00Z')), ['Cosmos', 'The Dispossessed']);
      assert.deepEqual(await titles(p.cmp('Book.published', 'lt', '1974-05-01T08:00:00Z')), ['A Wizard of Earthsea']);
      assert.deepEqual(await titles(p.cmp('Book.published', 'eq', '1980-10-01')), ['Cosmos']);
      assert.deepEqual(await titles(p.eq('Book.inPrint', true)), ['A Wizard of Earthsea', 'Cosmos']);
      // Dgraph converts rule variables to the predicate's type: "true" is true.
      assert.deepEqual(await titles(p.eq('Book.inPrint', 'true')), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.eq('Book.genre', 'SCIENCE')), ['Cosmos']);
      assert.deepEqual(await titles(p.in('Book.genre', ['FICTION'])), ['A Wizard of Earthsea', 'The Dispossessed']);
    });

    test('Int64 keeps every digit: compared exactly, beyond 2^53 answered as decimal text', async () => {
      assert.deepEqual(await titles(p.cmp('Book.copies', 'gt', '9007199254740992')), ['Cosmos']);
      assert.deepEqual(await run(p.query('Book', { filter: p.has('Book.copies'), order: [p.asc('Book.copies')], select: ['copies'] })),
        [{ copies: 12 }, { copies: '9007199254740993' }]);
      assert.deepEqual(await run(p.aggregateRoot('Book', [{ key: 'sum', fn: 'sum', field: p.field('Book.copies') }, { key: 'min', fn: 'min', field: p.field('Book.copies') }])),
        { sum: '9007199254741005', min: 12 });
    });

    test('a value that cannot be converted is refused, not guessed', async () => {
      await assert.rejects(run(p.query('Book', { filter: p.eq('Book.pages', 'many'), select: ['title'] })), (e: unknown) =>
        e instanceof ValueError && /Book\.pages/.test(e.message) && e.code === 'BAD_USER_INPUT');
    });

    test('lists of scalars: any element matches', async () => {
      assert.deepEqual(await titles(p.eq('Book.tags', 'classic')), ['A Wizard of Earthsea', 'The Dispossessed']);
      assert.deepEqual(await titles(p.in('Book.tags', ['politics', 'nothing'])), ['The Dispossessed']);
    });

    test('term, fulltext (stemming, stop words) and regexp', async () => {
      assert.deepEqual(await titles(p.terms('Book.title', 'all', 'WIZARD earthsea')), ['A Wizard of Earthsea']);
      assert.deepEqual(await titles(p.terms('Book.title', 'all', 'wizard cosmos')), []);
      assert.deepEqual(await titles(p.terms('Book.title', 'any', 'cosmos, guns!')), ['Cosmos', 'The Guns of August']);
      assert.deepEqual(await titles(p.terms('Book.title', 'any', '  ')), []);
      const reviews = async (filter: Filter | null) =>
        ((await run(p.query('Review', { filter, order: [p.asc('Review.stars')], select: ['stars'] }))) as { stars: number }[]).map((r) => r.stars);
      assert.deepEqual(await reviews(p.fulltext('Review.text', 'all', 'run wizard')), [5]);
      assert.deepEqual(await reviews(p.fulltext('Review.text', 'any', 'wizards slow')), [3, 4, 5]);
      assert.deepEqual(await reviews(p.fulltext('Review.text', 'all', 'the of')), []);
      assert.deepEqual(await reviews(p.not(p.fulltext('Review.text', 'all', 'the of'))), [3, 4, 5]);
      assert.deepEqual(await titles(p.regexp('Book.title', 'earth', 'i')), ['A Wizard of Earthsea']);
      assert.deepEqual(await titles(p.regexp('Book.title', '^The')), ['The Dispossessed', 'The Guns of August']);
      await assert.rejects(run(p.query('Book', { filter: p.regexp('Book.title', '(unclosed'), select: ['title'] })), ValueError);
    });

    test('has, uid, and/or/not with Dgraph two-valued semantics', async () => {
      assert.deepEqual(await titles(p.has('Book.pages')), ['A Wizard of Earthsea', 'Cosmos', 'The Dispossessed']);
      assert.deepEqual(await titles(p.not(p.has('Book.author'))), ['The Guns of August']);
      assert.deepEqual(await titles(p.uids(opened.uids.earthsea, opened.uids.cosmos, '0xffffffffffffffff')), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.or(p.eq('Book.genre', 'SCIENCE'), p.cmp('Book.pages', 'lt', 200))), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await titles(p.and(p.eq('Book.genre', 'FICTION'), p.eq('Book.inPrint', true))), ['A Wizard of Earthsea']);
      // A book without the value is not excluded by "not": no value is not equal.
      assert.deepEqual(await titles(p.not(p.eq('Book.inPrint', true))), ['The Dispossessed', 'The Guns of August']);
      assert.deepEqual(await titles(p.not(p.cmp('Book.pages', 'gt', 200))), ['A Wizard of Earthsea', 'The Guns of August']);
    });

    test('order with then, nodes without the value last, pagination', async () => {
      assert.deepEqual(await titles(null, [p.asc('Book.pages')]), ['A Wizard of Earthsea', 'Cosmos', 'The Dispossessed', 'The Guns of August']);
      assert.deepEqual(await titles(null, [p.desc('Book.pages')]), ['The Dispossessed', 'Cosmos', 'A Wizard of Earthsea', 'The Guns of August']);
      assert.deepEqual(await titles(null, [p.asc('Book.genre'), p.desc('Book.title')]), ['The Dispossessed', 'A Wizard of Earthsea', 'The Guns of August', 'Cosmos']);
      const page = await run(p.query('Book', { order: [p.asc('Book.title')], first: 2, offset: 1, select: ['title'] }));
      assert.deepEqual(page, [{ title: 'Cosmos' }, { title: 'The Dispossessed' }]);
      assert.deepEqual(await run(p.query('Book', { order: [p.asc('Book.title')], first: 0, select: ['title'] })), []);
      assert.deepEqual(await run(p.query('Book', { order: [p.asc('Book.title')], offset: 10, select: ['title'] })), []);
      // DQL's negative first: the last nodes, still in order.
      assert.deepEqual(await run(p.query('Book', { order: [p.asc('Book.title')], first: -2, select: ['title'] })),
        [{ title: 'The Dispossessed' }, { title: 'The Guns of August' }]);
    });

    test('nesting two levels with nested filter, order and first; singular edges; ids and values as stored', async () => {
      const authors = await run(p.query('Author', {
        order: [p.asc('Author.name')],
        select: ['name', p.edge('Author.books', {
          order: [p.asc('Book.title')], first: 1,
          select: ['title', p.edge('Book.reviews', { filter: p.cmp('Review.stars', 'ge', 4), select: ['stars'] })],
        })],
      }));
      assert.deepEqual(authors, [
        { name: 'Barbara Tuchman', books: [] },
        { name: 'Carl Sagan', books: [{ title: 'Cosmos', reviews: [{ stars: 4 }] }] },
        { name: 'Ursula K. Le Guin', books: [{ title: 'A Wizard of Earthsea', reviews: [{ stars: 5 }] }] },
      ]);
      const books = await run(p.query('Book', {
        order: [p.asc('Book.isbn')],
        select: ['id', 'published', 'rating', 'tags', 'inPrint', 'genre', p.edge('Book.author', { select: ['name'] })],
      }));
      assert.deepEqual(books, [
        { id: opened.uids.earthsea, published: '1968-11-01T00:00:00Z', rating: 4.5, tags: ['magic', 'classic'], inPrint: true, genre: 'FICTION', author: { name: 'Ursula K. Le Guin' } },
        { id: opened.uids.dispossessed, published: '1974-05-01T10:00:00+02:00', rating: 4.25, tags: ['classic', 'politics'], inPrint: false, genre: 'FICTION', author: { name: 'Ursula K. Le Guin' } },
        { id: opened.uids.cosmos, published: '1980-10-01T00:00:00Z', rating: 4.75, tags: null, inPrint: true, genre: 'SCIENCE', author: { name: 'Carl Sagan' } },
        { id: opened.uids.guns, published: null, rating: null, tags: null, inPrint: null, genre: 'HISTORY', author: null },
      ]);
    });

    test('interfaces: each node with its concrete type and its fragment fields', async () => {
      const animals = await run(p.query('Animal', {
        order: [p.asc('Animal.name')],
        select: ['name', { on: ['Dog'], select: ['breed'] }, { on: ['Cat'], select: ['lives'] }],
      }));
      assert.deepEqual(animals, [
        { name: 'Fido', breed: null, lives: null, __typename: 'Dog' },
        { name: 'Rex', breed: 'collie', lives: null, __typename: 'Dog' },
        { name: 'Tom', breed: null, lives: 9, __typename: 'Cat' },
      ]);
      assert.deepEqual(await run(p.query('Animal', { filter: p.eq('Animal.name', 'Tom'), select: ['kind:__typename'] })),
        [{ kind: 'Cat', __typename: 'Cat' }]);
    });

    test('unions: memberTypes filter, fragments, singular union edge', async () => {
      const people = await run(p.query('Person', {
        filter: p.eq('Person.handle', 'ann'),
        select: [
          'handle',
          p.edge('Person.pets', { select: [{ on: ['Dog'], select: ['name', 'breed'] }, { on: ['Cat'], select: ['name'] }] }),
          p.edge('dogs:Person.pets', { filter: p.types('Dog'), select: [{ on: ['Dog'], select: ['name'] }] }),
          p.edge('Person.favourite', { select: ['__typename', { on: ['Cat'], select: ['lives'] }] }),
        ],
      }));
      assert.deepEqual(people, [{
        handle: 'ann',
        pets: [{ name: 'Rex', breed: 'collie', __typename: 'Dog' }, { name: 'Tom', breed: null, __typename: 'Cat' }],
        dogs: [{ name: 'Rex', __typename: 'Dog' }],
        favourite: { __typename: 'Cat', lives: 9 },
      }]);
    });

    test('aggregates at the root and nested, empty sets as Dgraph answers them', async () => {
      const fields = [
        { key: 'count', fn: 'count' }, { key: 'pagesMin', fn: 'min', field: p.field('Book.pages') },
        { key: 'pagesMax', fn: 'max', field: p.field('Book.pages') }, { key: 'pagesSum', fn: 'sum', field: p.field('Book.pages') },
        { key: 'ratingAvg', fn: 'avg', field: p.field('Book.rating') }, { key: 'titleMin', fn: 'min', field: p.field('Book.title') },
        { key: 'titleMax', fn: 'max', field: p.field('Book.title') }, { key: 'publishedMax', fn: 'max', field: p.field('Book.published') },
        { key: 'publishedMin', fn: 'min', field: p.field('Book.published') }, { key: 'type', fn: 'typename', typename: 'BookAggregateResult' },
      ] as const;
      assert.deepEqual(await run(p.aggregateRoot('Book', fields)), {
        count: 4, pagesMin: 183, pagesMax: 387, pagesSum: 935, ratingAvg: 4.5, titleMin: 'A Wizard of Earthsea',
        titleMax: 'The Guns of August', publishedMax: '1980-10-01T00:00:00Z', publishedMin: '1968-11-01T00:00:00Z', type: 'BookAggregateResult',
      });
      assert.deepEqual(await run(p.aggregateRoot('Book', fields, p.eq('Book.isbn', 'none'))), {
        count: 0, pagesMin: null, pagesMax: null, pagesSum: null, ratingAvg: null, titleMin: null, titleMax: null,
        publishedMax: null, publishedMin: null, type: 'BookAggregateResult',
      });
      const nested = await run(p.query('Author', {
        order: [p.asc('Author.name')],
        select: ['name', p.edgeAggregate('Author.books', 'booksAggregate', [{ key: 'count', fn: 'count' }, { key: 'pagesMax', fn: 'max', field: p.field('Book.pages') }]),
          p.edgeAggregate('Author.books', 'fiction', [{ key: 'count', fn: 'count' }], p.eq('Book.genre', 'FICTION'))],
      }));
      assert.deepEqual(nested, [
        { name: 'Barbara Tuchman', booksAggregate: { count: 0, pagesMax: null }, fiction: { count: 0 } },
        { name: 'Carl Sagan', booksAggregate: { count: 1, pagesMax: 365 }, fiction: { count: 0 } },
        { name: 'Ursula K. Le Guin', booksAggregate: { count: 2, pagesMax: 387 }, fiction: { count: 2 } },
      ]);
    });

    test('cascade: all fields, named fields, nested, inherited downwards, pagination after cascade', async () => {
      const cascaded = async (level: Level) => ((await run(p.query('Book', { order: [p.asc('Book.title')], ...level }))) as { title: string }[]).map((b) => b.title);
      const reviews = p.edge('Book.reviews', { select: ['stars'] });
      assert.deepEqual(await cascaded({ cascade: { kind: 'all' }, select: ['title', reviews] }), ['A Wizard of Earthsea', 'Cosmos']);
      assert.deepEqual(await cascaded({ cascade: { kind: 'all' }, select: ['title', p.edge('Book.reviews', { filter: p.cmp('Review.stars', 'ge', 5), select: ['stars'] })] }), ['A Wizard of Earthsea']);
      assert.deepEqual(await cascaded({ cascade: { kind: 'fields', fields: ['pages'] }, select: ['title', 'pages', reviews] }), ['A Wizard of Earthsea', 'Cosmos', 'The Dispossessed']);
      assert.deepEqual(await cascaded({ cascade: { kind: 'all' }, first: 1, offset: 1, select: ['title', reviews] }), ['Cosmos']);
      // The cascade flows down: the author must have a country too.
      const author = p.edge('Book.author', { select: ['name', 'country'] });
      assert.deepEqual(await cascaded({ cascade: { kind: 'all' }, select: ['title', author] }), ['A Wizard of Earthsea', 'The Dispossessed']);
      assert.deepEqual(await cascaded({ cascade: { kind: 'fields', fields: ['author'] }, select: ['title', author] }), ['A Wizard of Earthsea', 'Cosmos', 'The Dispossessed']);
      // Cascade on a nested level prunes that level only.
      const books = await run(p.query('Book', { filter: p.eq('Book.isbn', 'b1'), select: ['title', p.edge('Book.reviews', { cascade: { kind: 'all' }, filter: p.cmp('Review.stars', 'lt', 5), select: ['stars', 'text'] })] }));
      assert.deepEqual(books, [{ title: 'A Wizard of Earthsea', reviews: [{ stars: 3, text: 'Slow start' }] }]);
    });

    test('get by uid and by @id; absent, unparsable or other-type ids answer null', async () => {
      assert.deepEqual(await run(p.get('Book', p.uids(opened.uids.cosmos), ['title'])), { title: 'Cosmos' });
      assert.deepEqual(await run(p.get('Book', p.eq('Book.isbn', 'b2'), ['title', 'id'])), { title: 'The Dispossessed', id: opened.uids.dispossessed });
      assert.equal(await run(p.get('Book', p.eq('Book.isbn', 'b9'), ['title'])), null);
      assert.equal(await run(p.get('Book', p.uids(opened.uids.sagan), ['title'])), null);
      assert.equal(await run(p.get('Book', { kind: 'uid', uids: [] }, ['title'])), null);
    });

    test('checkPassword: the hash is never read out, a wrong or missing password answers null', async () => {
      assert.deepEqual(await run(p.checkPassword('Person', p.eq('Person.handle', 'ann'), 'secret-ann', ['handle'])), { handle: 'ann' });
      assert.equal(await run(p.checkPassword('Person', p.eq('Person.handle', 'ann'), 'wrong', ['handle'])), null);
      assert.equal(await run(p.checkPassword('Person', p.eq('Person.handle', 'bob'), '', ['handle'])), null);
    });

    test('terms know Unicode case and punctuation on every backend (runs last: it adds a book)', async () => {
      await opened.store.importData(model, [{ 'dgraph.type': 'Book', 'Book.isbn': 'b5', 'Book.title': 'Über die Brücke—Geschichten' }]);
      assert.deepEqual(await titles(p.terms('Book.title', 'all', 'ÜBER brücke')), ['Über die Brücke—Geschichten']);
      assert.deepEqual(await titles(p.terms('Book.title', 'any', 'geschichten')), ['Über die Brücke—Geschichten']);
    });
  });
}
