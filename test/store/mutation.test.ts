/**
 * Mutations with Dgraph's semantics and texts: add (nested new and
 * referenced nodes), @id duplicates, upsert, update set/remove of values and
 * edges with @hasInverse kept both ways, delete, passwords, interfaces and
 * unions; every failure leaves nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AuthorizationError, MutationFailedError, MutationInputError } from '../../src/store/errors.js';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import type { RootPlan } from '../../src/plan/types.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, openLoaded, type LoadedStore } from './support/backends.js';
import { inputError } from './support/errors.js';
import { LIBRARY_DATA, LIBRARY_SDL, libraryModel } from './support/library.js';
import { Plans, deny, policy } from './support/plans.js';

const model = libraryModel();
const p = new Plans(model);
after(stopOwnCluster);

for (const backend of BACKENDS) {
  describe(`mutations on ${backend.name}`, () => {
    let opened: LoadedStore;
    const run = (plan: RootPlan) => opened.store.run(plan, ALLOW_ALL) as Promise<Record<string, unknown>>;
    const book = (isbn: string) => opened.store.run(p.get('Book', p.eq('Book.isbn', isbn),
      ['title', 'pages', 'rating', 'tags', 'inPrint', p.edge('Book.author', { select: ['name'] })]), ALLOW_ALL);
    const booksOf = async (name: string) => ((await opened.store.run(p.get('Author', p.eq('Author.name', name),
      [p.edge('Author.books', { order: [p.asc('Book.isbn')], select: ['isbn'] })]), ALLOW_ALL)) as { books: { isbn: string }[] } | null)
      ?.books.map((b) => b.isbn);
    const count = async (type: string) => ((await opened.store.run(p.aggregateRoot(type, [{ key: 'count', fn: 'count' }]), ALLOW_ALL)) as { count: number }).count;

    before(async () => { opened = await openLoaded(backend, model, LIBRARY_SDL, LIBRARY_DATA); });
    after(() => opened.close());

    test('add with nested new nodes and references by @id and by id; inverses both ways; numUids counts every new node', async () => {
      const result = await run(p.add('Book', [
        { isbn: 'b10', title: 'New', author: { name: 'New Author', country: 'NZ' }, reviews: [{ stars: 2 }] },
        { isbn: 'b11', title: 'Linked', author: { name: 'Carl Sagan' } },
        { isbn: 'b12', title: 'By id', author: { id: opened.uids.tuchman } },
      ], ['isbn', p.edge('Book.author', { select: ['name'] }), p.edge('Book.reviews', { select: ['stars'] })]));
      assert.equal(result.numUids, 5);
      assert.deepEqual(result.book, [
        { isbn: 'b10', author: { name: 'New Author' }, reviews: [{ stars: 2 }] },
        { isbn: 'b11', author: { name: 'Carl Sagan' }, reviews: [] },
        { isbn: 'b12', author: { name: 'Barbara Tuchman' }, reviews: [] },
      ]);
      assert.deepEqual(await booksOf('New Author'), ['b10']);
      assert.deepEqual(await booksOf('Carl Sagan'), ['b11', 'b3']);
      assert.deepEqual(await booksOf('Barbara Tuchman'), ['b12']);
    });

    test('an existing @id is refused with Dgraph\'s text, concealed for types with a query rule; the whole batch is rolled back', async () => {
      const books = await count('Book');
      const plan = p.add('Book', [{ isbn: 'b20', title: 'Would be new' }, { isbn: 'b1', title: 'Clash' }]);
      await assert.rejects(run(plan), (e: unknown) => {
        inputError('id b1 already exists for field isbn inside type Book')(e);
        assert.equal((e as MutationInputError).code, 'MUTATION_INPUT_INVALID');
        return true;
      });
      const concealing = policy({ Book: { query: { kind: 'allow' } } });
      await assert.rejects(opened.store.run(plan, concealing), inputError('GraphQL debug: id b1 already exists for field isbn inside type Book'));
      assert.equal(await count('Book'), books);
      assert.equal(await book('b20'), null);
    });

    test('input errors: duplicates, missing references, unparsable ids, missing required values', async () => {
      await assert.rejects(run(p.add('Book', [{ isbn: 'b21', title: 'x' }, { isbn: 'b21', title: 'y' }])), inputError('duplicate XID found: b21'));
      await assert.rejects(run(p.add('Book', [{ isbn: 'b22', title: 'x', author: { id: '0x99999' } }])), inputError('ID "0x99999" isn\'t a Author'));
      await assert.rejects(run(p.add('Book', [{ isbn: 'b23', title: 'x', author: { id: 'zz' } }])), inputError('ID argument (zz) was not able to be parsed'));
      await assert.rejects(run(p.add('Book', [{ isbn: 'b24', title: 'x', author: { country: 'FR' } }])), inputError('field name cannot be empty'));
      await assert.rejects(run(p.add('Author', [{ name: 'Someone', books: [{ isbn: 'b25' }] }])),
        inputError('type Book requires a value for field title, but no value present'));
      await assert.rejects(run(p.add('Book', [{ isbn: '', title: 'x' }])), inputError('encountered an empty value for @id field `Book.isbn`'));
      assert.equal(await book('b22'), null);
    });

    test('a new @id node defined once and referenced again is one node', async () => {
      const result = await run(p.add('Book', [
        { isbn: 'b26', title: 'One', author: { name: 'Shared Author' } },
        { isbn: 'b27', title: 'Two', author: { name: 'Shared Author' } },
      ]));
      assert.equal(result.numUids, 3);
      assert.deepEqual(await booksOf('Shared Author'), ['b26', 'b27']);
    });

    test('upsert updates the node with that @id (numUids counts only new nodes) or creates it', async () => {
      const updated = await run(p.add('Book', [{ isbn: 'b1', title: 'Earthsea', pages: 200 }], ['isbn', 'title', 'pages', 'rating'], true));
      assert.deepEqual(updated, { book: [{ isbn: 'b1', title: 'Earthsea', pages: 200, rating: 4.5 }], numUids: 0 });
      const created = await run(p.add('Book', [{ isbn: 'b40', title: 'Fresh' }], ['title'], true));
      assert.deepEqual(created, { book: [{ title: 'Fresh' }], numUids: 1 });
    });

    test('update: set values, append to lists, re-point a singular edge (old inverse removed), remove values', async () => {
      const result = await run(p.update('Book', p.eq('Book.isbn', 'b2'), { pages: 400, tags: ['new', 'classic'], author: { name: 'Carl Sagan' } }, null, ['pages']));
      assert.deepEqual(result, { book: [{ pages: 400 }], numUids: 1 });
      assert.deepEqual(await book('b2'), { title: 'The Dispossessed', pages: 400, rating: 4.25, tags: ['classic', 'politics', 'new'], inPrint: false, author: { name: 'Carl Sagan' } });
      assert.ok(!(await booksOf('Ursula K. Le Guin'))!.includes('b2'));
      assert.ok((await booksOf('Carl Sagan'))!.includes('b2'));

      await run(p.update('Book', p.eq('Book.isbn', 'b2'), null, { tags: ['classic'], rating: 1, inPrint: null }));
      assert.deepEqual(await book('b2'), { title: 'The Dispossessed', pages: 400, rating: 4.25, tags: ['politics', 'new'], inPrint: null, author: { name: 'Carl Sagan' } });

      // Removing an edge removes its inverse too.
      await run(p.update('Author', p.eq('Author.name', 'Carl Sagan'), null, { books: [{ isbn: 'b2' }] }));
      assert.deepEqual((await book('b2') as { author: unknown }).author, null);
    });

    test('update: nested new nodes link to every selected node; remove null drops every edge of a field', async () => {
      const result = await run(p.update('Author', p.in('Author.name', ['Barbara Tuchman']), { books: [{ isbn: 'b50', title: 'The Proud Tower' }] }, null, ['name']));
      assert.equal(result.numUids, 1);
      assert.deepEqual((await book('b50') as { author: unknown }).author, { name: 'Barbara Tuchman' });
      await run(p.update('Author', p.eq('Author.name', 'Barbara Tuchman'), null, { books: null }));
      assert.deepEqual(await booksOf('Barbara Tuchman'), []);
      assert.deepEqual((await book('b50') as { author: unknown }).author, null);
    });

    test('update: @id rules and Dgraph\'s empty cases', async () => {
      const many = p.update('Book', p.in('Book.isbn', ['b3', 'b4']), { isbn: 'b99' }, null);
      await assert.rejects(run(many), (e: unknown) => e instanceof MutationFailedError
        && e.message === 'only one node is allowed in the filter while updating fields with @id directive' && e.code === 'MUTATION_FAILED');
      await assert.rejects(run(p.update('Book', p.eq('Book.isbn', 'b4'), { isbn: 'b3' }, null)), inputError('id b3 already exists for field isbn inside type Book'));
      await assert.rejects(run(p.update('Book', p.eq('Book.isbn', 'b4'), {}, { pages: null })), (e: unknown) => e instanceof MutationFailedError
        && e.message === 'not able to find set args in update mutation');
      assert.deepEqual(await run(p.update('Book', p.eq('Book.isbn', 'b4'), {}, null)), { book: [], numUids: 0 });
      assert.deepEqual(await run(p.update('Book', p.eq('Book.isbn', 'none'), { pages: 1 }, null)), { book: [], numUids: 0 });
    });

    test('singular self-inverse edges: re-pointing unpairs the old partner', async () => {
      await run(p.add('Person', [{ handle: 'cara', password: 'pw-cara', partner: { handle: 'ann' }, friends: [{ handle: 'bob' }] }]));
      const partners = await opened.store.run(p.query('Person', { order: [p.asc('Person.handle')], select: ['handle',
        p.edge('Person.partner', { select: ['handle'] }), p.edge('Person.friends', { order: [p.asc('Person.handle')], select: ['handle'] })] }), ALLOW_ALL);
      assert.deepEqual(partners, [
        { handle: 'ann', partner: { handle: 'cara' }, friends: [{ handle: 'bob' }] },
        { handle: 'bob', partner: null, friends: [{ handle: 'ann' }, { handle: 'cara' }] },
        { handle: 'cara', partner: { handle: 'ann' }, friends: [{ handle: 'bob' }] },
      ]);
      assert.deepEqual(await opened.store.run(p.checkPassword('Person', p.eq('Person.handle', 'cara'), 'pw-cara', ['handle']), ALLOW_ALL), { handle: 'cara' });
      await run(p.update('Person', p.eq('Person.handle', 'cara'), { password: 'changed' }, null));
      assert.equal(await opened.store.run(p.checkPassword('Person', p.eq('Person.handle', 'cara'), 'pw-cara', ['handle']), ALLOW_ALL), null);
      assert.deepEqual(await opened.store.run(p.checkPassword('Person', p.eq('Person.handle', 'cara'), 'changed', ['handle']), ALLOW_ALL), { handle: 'cara' });
    });

    test('unions and interfaces in mutations', async () => {
      await run(p.add('Person', [{ handle: 'dan', pets: [{ dogRef: { name: 'Spot', breed: 'lab' } }, { catRef: { id: opened.uids.tom } }] }]));
      const dan = await opened.store.run(p.get('Person', p.eq('Person.handle', 'dan'), [p.edge('Person.pets', { select: [{ on: ['Dog', 'Cat'], select: ['name'] }] })]), ALLOW_ALL);
      assert.deepEqual(dan, { pets: [{ name: 'Tom', __typename: 'Cat' }, { name: 'Spot', __typename: 'Dog' }] });
      await assert.rejects(run(p.add('Person', [{ handle: 'eve', pets: [{ dogRef: { name: 'A' }, catRef: { name: 'B' } }] }])),
        inputError('value for field `pets` in type `Person` index `0` must have exactly one child, found 2 children'));
      assert.equal((await run(p.update('Animal', p.eq('Animal.name', 'Rex'), { name: 'Rexy' }, null, []))).numUids, 1);
      assert.deepEqual(await run(p.delete('Animal', p.eq('Animal.name', 'Spot'), ['name'])),
        { animal: [{ name: 'Spot', __typename: 'Dog' }], numUids: 1, msg: 'Deleted' });
    });

    test('delete: payload read before deletion, inverse edges cleaned up, msg as Dgraph', async () => {
      const result = await run(p.delete('Author', p.eq('Author.name', 'Ursula K. Le Guin'), ['name', p.edge('Author.books', { select: ['isbn'] })]));
      assert.deepEqual(result, { author: [{ name: 'Ursula K. Le Guin', books: [{ isbn: 'b1' }] }], numUids: 1, msg: 'Deleted' });
      assert.deepEqual((await book('b1') as { author: unknown }).author, null);
      assert.deepEqual(await run(p.delete('Author', p.eq('Author.name', 'Nobody'), ['name'])), { author: [], numUids: 0, msg: 'No nodes were deleted' });
    });

    test('a failure after writing (a new node failing its add rule) leaves nothing written', async () => {
      const books = await count('Book');
      const reviews = await count('Review');
      const noReviews = policy({ Review: { add: deny } });
      await assert.rejects(opened.store.run(p.add('Book', [{ isbn: 'b60', title: 'Reviewed', reviews: [{ stars: 1 }] }]), noReviews),
        (e: unknown) => e instanceof AuthorizationError && e.stage === 'newNodes' && e.message === 'authorization failed');
      await assert.rejects(opened.store.run(p.update('Book', p.eq('Book.isbn', 'b3'), { pages: 1, reviews: [{ stars: 1 }] }, null), noReviews), AuthorizationError);
      assert.equal(await count('Book'), books);
      assert.equal(await count('Review'), reviews);
      assert.equal((await book('b3') as { pages: number }).pages, 365);
    });
  });
}
