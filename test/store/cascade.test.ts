/**
 * @cascade is resolved once, by the plan builder (plan/cascade.ts): each
 * level of a plan carries the cascade in force there, and the store reads
 * it without inheriting anything itself. These run real plans (from GraphQL
 * requests and from a graph rule's text) through the store, pinning that the
 * plan's resolution gives the answers the store's own inheritance used to:
 * cascade flows down from the level that sets it, and a graph rule's
 * traversal is read with cascade on every level.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseTolerant } from '../../src/sdl/index.js';
import { planRuleQuery } from '../../src/plan/index.js';
import type { NodeQuery } from '../../src/plan/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { api, planOf } from '../plan/harness.js';
import { ALLOW_ALL } from '../../src/rules/policy.js';
import { filter, policy } from './support/plans.js';

const SDL = `
type Author { id: ID! name: String! @search(by: [hash]) nick: String country: String friends: [Author] books: [Book] }
type Book { id: ID! title: String! @search(by: [hash]) author: Author }
`;
const env = api(SDL);
let store: Store;

before(async () => {
  store = await openStore();
  await store.applySchema(env.model, SDL);
  await store.importData(env.model, [
    {
      uid: '_:ursula', 'dgraph.type': 'Author', 'Author.name': 'Ursula', 'Author.country': 'US',
      'Author.friends': [{ uid: '_:carl' }], 'Author.books': [{ uid: '_:earthsea' }],
    },
    { uid: '_:carl', 'dgraph.type': 'Author', 'Author.name': 'Carl', 'Author.nick': 'Sagan', 'Author.books': [{ uid: '_:cosmos' }] },
    { uid: '_:nobody', 'dgraph.type': 'Author', 'Author.friends': [{ uid: '_:carl' }] },
    { uid: '_:earthsea', 'dgraph.type': 'Book', 'Book.title': 'Earthsea', 'Book.author': { uid: '_:ursula' } },
    { uid: '_:cosmos', 'dgraph.type': 'Book', 'Book.title': 'Cosmos', 'Book.author': { uid: '_:carl' } },
    { 'dgraph.type': 'Book', 'Book.title': 'Anonymous' },
  ]);
});
after(() => store.close());

async function read(request: string): Promise<unknown> {
  return store.run(await planOf(env, request), ALLOW_ALL);
}

test('a root @cascade flows down: the author of a kept book must have every selected field too', async () => {
  assert.deepEqual(await read('{ queryBook(order: { asc: title }) @cascade { title author { name country } } }'), [
    { title: 'Earthsea', author: { name: 'Ursula', country: 'US' } },
  ]);
});

test('a nested @cascade applies from its level down, not above', async () => {
  assert.deepEqual(await read('{ queryBook(order: { asc: title }) { title author @cascade { name country } } }'), [
    { title: 'Anonymous', author: null },
    { title: 'Cosmos', author: null },
    { title: 'Earthsea', author: { name: 'Ursula', country: 'US' } },
  ]);
});

test('@cascade(fields:) is inherited by predicate: friends (Authors) need a name, books need nothing', async () => {
  assert.deepEqual(
    await read('{ queryAuthor(order: { asc: name }) @cascade(fields: ["name"]) { name friends { name nick } books { title } } }'),
    [
      { name: 'Carl', friends: [], books: [{ title: 'Cosmos' }] },
      { name: 'Ursula', friends: [{ name: 'Carl', nick: 'Sagan' }], books: [{ title: 'Earthsea' }] },
    ],
  );
});

test('a level with its own @cascade(fields:) replaces the inherited cascade, even naming no selected field', async () => {
  // friends require only `nick`, which they do not select: nothing. The root's @cascade would have required `country`.
  assert.deepEqual(
    await read('{ queryAuthor(order: { asc: name }) @cascade { name friends @cascade(fields: ["nick"]) { name country } } }'),
    [{ name: 'Ursula', friends: [{ name: 'Carl', country: null }] }],
  );
  assert.deepEqual(
    await read('{ queryAuthor(order: { asc: name }) @cascade { name friends @cascade(fields: ["nick"]) { name nick country } } }'),
    [{ name: 'Ursula', friends: [{ name: 'Carl', nick: 'Sagan', country: null }] }],
  );
});

test('a graph rule is read with cascade on every level: a node passes only if the whole traversal finds something', async () => {
  const rule = planRuleQuery(env.model, env.schema, parseTolerant(
    'query($USER: String!) { queryBook { author { friends(filter: { name: { eq: $USER } }) { __typename } } } }',
  ), { USER: 'Carl' });
  const levels = (q: NodeQuery): NodeQuery[] => [q, ...q.selection.flatMap((s) => (s.kind === 'edge' ? levels(s.query) : []))];
  assert.deepEqual(levels(rule).map((level) => level.cascade), [{ kind: 'all' }, { kind: 'all' }, { kind: 'all' }]);
  const books = await store.run(await planOf(env, '{ queryBook(order: { asc: title }) { title } }'),
    policy({ Book: { query: filter({ kind: 'reach', query: rule }) } }));
  // Cosmos's author has no friends and Anonymous has no author: only Earthsea's author is Carl's friend.
  assert.deepEqual(books, [{ title: 'Earthsea' }]);
});
