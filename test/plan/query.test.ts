/**
 * Query root fields → plans: selections, fragments on abstract types,
 * order, paging, @cascade, aggregates, get and checkPassword.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIBRARY, api, named, planOf, plansOf } from './harness.js';

const env = api(LIBRARY);

async function namedPlan(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return named(env, await planOf(env, query, variables));
}

test('a query: type, filter, order with then, page, and the selection by response key', async () => {
  const plan = await namedPlan(`{
    authors: queryAuthor(filter: {age: {gt: 1}}, order: {asc: name, then: {desc: age, then: {asc: born}}}, first: 10, offset: 5) {
      id
      n: name
      tier
      posts(filter: {title: {anyofterms: "graph"}}, order: {desc: likes}, first: 2) { title }
      pet { name }
    }
  }`);
  assert.deepEqual(plan, {
    kind: 'query',
    field: 'queryAuthor',
    key: 'authors',
    query: {
      type: 'Author',
      concreteTypes: ['Author'],
      filter: { kind: 'compare', field: 'Author.age', op: 'gt', value: 1 },
      order: [
        { field: 'Author.name', desc: false },
        { field: 'Author.age', desc: true },
        { field: 'Author.born', desc: false },
      ],
      first: 10,
      offset: 5,
      cascade: null,
      selection: [
        { kind: 'uid', key: 'id' },
        { kind: 'scalar', key: 'n', field: 'Author.name' },
        { kind: 'scalar', key: 'tier', field: 'Author.tier' },
        {
          kind: 'edge',
          key: 'posts',
          field: 'Author.posts',
          list: true,
          query: {
            type: 'Post',
            concreteTypes: ['Post'],
            filter: { kind: 'terms', field: 'Post.title', mode: 'any', text: 'graph' },
            order: [{ field: 'Post.likes', desc: true }],
            first: 2,
            cascade: null,
            selection: [{ kind: 'scalar', key: 'title', field: 'Post.title' }],
          },
        },
        {
          kind: 'edge',
          key: 'pet',
          field: 'Author.pet',
          list: false,
          query: {
            type: 'Pet',
            concreteTypes: ['Dog', 'Cat'],
            filter: null,
            order: [],
            cascade: null,
            selection: [{ kind: 'scalar', key: 'name', field: 'Pet.name' }],
          },
        },
      ],
    },
  });
});

test('`asc` wins over `desc` in one order object, as in Dgraph', async () => {
  const plan = await namedPlan('{ queryAuthor(order: {desc: age, asc: name}) { id } }');
  assert.deepEqual(plan.query.order, [{ field: 'Author.name', desc: false }]);
});

test('same-key fields merge; @skip and @include apply', async () => {
  const plan = await namedPlan(
    `query($hide: Boolean!, $show: Boolean!) {
      queryAuthor {
        posts { title }
        posts { likes }
        bio @skip(if: $hide)
        nick @include(if: $show)
        ... @include(if: $show) { age }
      }
    }`,
    { hide: true, show: false },
  );
  assert.deepEqual(plan.query.selection.map((s: any) => s.key), ['posts']);
  assert.deepEqual(plan.query.selection[0].query.selection, [
    { kind: 'scalar', key: 'title', field: 'Post.title' },
    { kind: 'scalar', key: 'likes', field: 'Post.likes' },
  ]);
});

test('fragments on an interface: shared fields for every type, fragment fields for their types', async () => {
  const plan = await namedPlan(`
    fragment Names on Pet { name }
    {
      queryPet(filter: {name: {eq: "Rex"}}) {
        __typename
        ...Names
        ... on Dog { breed }
        ... on Cat { lives name }
      }
    }`);
  assert.deepEqual(plan.query.concreteTypes, ['Dog', 'Cat']);
  assert.deepEqual(plan.query.filter, { kind: 'compare', field: 'Pet.name', op: 'eq', value: 'Rex' });
  assert.deepEqual(plan.query.selection, [
    { kind: 'typename', key: '__typename' },
    { kind: 'scalar', key: 'name', field: 'Pet.name' },
    { kind: 'scalar', key: 'breed', field: 'Dog.breed', onTypes: ['Dog'] },
    { kind: 'scalar', key: 'lives', field: 'Cat.lives', onTypes: ['Cat'] },
  ]);
});

test('fragments on a union: a field asked the same way of several members is one selection', async () => {
  const plan = await namedPlan(`{
    queryShelf {
      things {
        __typename
        ... on Pet { id name }
        ... on Bird { name }
        ... on Post { title author { name } }
      }
    }
  }`);
  const things = plan.query.selection[0].query;
  assert.deepEqual(things.concreteTypes, ['Dog', 'Cat', 'Post', 'Bird']);
  assert.deepEqual(things.selection, [
    { kind: 'typename', key: '__typename' },
    { kind: 'uid', key: 'id', onTypes: ['Dog', 'Cat'] },
    { kind: 'scalar', key: 'name', field: 'Pet.name', onTypes: ['Dog', 'Cat'] },
    { kind: 'scalar', key: 'name', field: 'Bird.name', onTypes: ['Bird'] },
    { kind: 'scalar', key: 'title', field: 'Post.title', onTypes: ['Post'] },
    {
      kind: 'edge',
      key: 'author',
      field: 'Post.author',
      list: false,
      onTypes: ['Post'],
      query: {
        type: 'Author',
        concreteTypes: ['Author'],
        filter: null,
        order: [],
        cascade: null,
        selection: [{ kind: 'scalar', key: 'name', field: 'Author.name' }],
      },
    },
  ]);
});

test('a reverse edge is planned on its forward predicate', async () => {
  const plan = await planOf(env, '{ queryMovie { directors { name } } }');
  const edge = plan.kind === 'query' ? plan.query.selection[0] : undefined;
  assert.ok(edge?.kind === 'edge');
  assert.deepEqual([edge.field.predicate, edge.field.reverse], ['directed.movies', true]);
});

test('@cascade: everywhere below the root, or only at a nested level', async () => {
  const root = await namedPlan('{ queryAuthor @cascade { name posts { title } } }');
  assert.deepEqual(root.query.cascade, { kind: 'all' });
  assert.deepEqual(root.query.selection[1].query.cascade, { kind: 'all' });
  const nested = await namedPlan('{ queryAuthor { name posts @cascade { title author { name } } } }');
  assert.equal(nested.query.cascade, null);
  assert.deepEqual(nested.query.selection[1].query.cascade, { kind: 'all' });
  assert.deepEqual(nested.query.selection[1].query.selection[1].query.cascade, { kind: 'all' });
});

test('@cascade(fields:) names the fields that must be present, and is inherited by storage predicate', async () => {
  const plan = await namedPlan(`{
    queryAuthor @cascade(fields: ["name", "id", "posts"]) {
      id
      name
      nick
      posts { title }
      friends { name bio }
    }
  }`);
  // The ID is always present; only selected fields can be required.
  assert.deepEqual(plan.query.cascade, { kind: 'fields', fields: ['name', 'posts'] });
  // Posts store no Author.name; friends (Authors) do.
  assert.equal(plan.query.selection[3].query.cascade, null);
  assert.deepEqual(plan.query.selection[4].query.cascade, { kind: 'fields', fields: ['name'] });
  const overridden = await namedPlan('{ queryAuthor @cascade(fields: ["nick"]) { nick friends @cascade { name } } }');
  assert.deepEqual(overridden.query.selection[1].query.cascade, { kind: 'all' });
});

test('@cascade fields from variables, and unknown fields', async () => {
  const plan = await namedPlan('query($f: [String]) { queryAuthor @cascade(fields: $f) { name age } }', { f: ['age'] });
  assert.deepEqual(plan.query.cascade, { kind: 'fields', fields: ['age'] });
  const empty = await namedPlan('query($f: [String]) { queryAuthor @cascade(fields: $f) { name age } }', { f: [] });
  assert.deepEqual(empty.query.cascade, { kind: 'all' });
  const [error] = await plansOf(env, 'query($f: [String]) { queryAuthor @cascade(fields: $f) { name } }', { f: ['title'] });
  assert.ok(error instanceof Error);
  assert.equal(error.message, 'Field `title` is not present in type `Author`. You can only use fields in cascade which are in type `Author`');
});

test('aggregates at the root and under a field', async () => {
  const root = await namedPlan('{ aggregateAuthor(filter: {verified: true}) { count youngest: ageMin ageMax ageAvg scoreSum bornMax __typename } }');
  assert.deepEqual(root, {
    kind: 'aggregate',
    field: 'aggregateAuthor',
    key: 'aggregateAuthor',
    aggregate: {
      type: 'Author',
      concreteTypes: ['Author'],
      filter: { kind: 'compare', field: 'Author.verified', op: 'eq', value: true },
      fields: [
        { key: 'count', fn: 'count' },
        { key: 'youngest', fn: 'min', field: 'Author.age' },
        { key: 'ageMax', fn: 'max', field: 'Author.age' },
        { key: 'ageAvg', fn: 'avg', field: 'Author.age' },
        { key: 'scoreSum', fn: 'sum', field: 'Author.score' },
        { key: 'bornMax', fn: 'max', field: 'Author.born' },
        { key: '__typename', fn: 'typename', typename: 'AuthorAggregateResult' },
      ],
    },
  });
  const nested = await namedPlan('{ queryAuthor { postsAggregate(filter: {title: {anyofterms: "x"}}) { count likesSum } } }');
  assert.deepEqual(nested.query.selection, [
    {
      kind: 'edgeAggregate',
      key: 'postsAggregate',
      field: 'Author.posts',
      aggregate: {
        type: 'Post',
        concreteTypes: ['Post'],
        filter: { kind: 'terms', field: 'Post.title', mode: 'any', text: 'x' },
        fields: [
          { key: 'count', fn: 'count' },
          { key: 'likesSum', fn: 'sum', field: 'Post.likes' },
        ],
      },
    },
  ]);
  const iface = await namedPlan('{ aggregatePet { count nameMax } }');
  assert.deepEqual(iface.aggregate.concreteTypes, ['Dog', 'Cat']);
  assert.deepEqual(iface.aggregate.fields[1], { key: 'nameMax', fn: 'max', field: 'Pet.name' });
});

test('get: by uid, by @id, by both; nothing given selects nothing', async () => {
  const byId = await namedPlan('{ a: getAuthor(id: "0x2a") { name } }');
  assert.deepEqual([byId.kind, byId.key, byId.query.filter], ['get', 'a', { kind: 'uid', uids: ['42'] }]);
  assert.deepEqual((await namedPlan('{ getAuthor(name: "Ann") { id } }')).query.filter, {
    kind: 'compare',
    field: 'Author.name',
    op: 'eq',
    value: 'Ann',
  });
  assert.deepEqual((await namedPlan('{ getAuthor(id: "0x2", name: "Ann") { id } }')).query.filter, {
    kind: 'and',
    items: [
      { kind: 'uid', uids: ['2'] },
      { kind: 'compare', field: 'Author.name', op: 'eq', value: 'Ann' },
    ],
  });
  assert.deepEqual((await namedPlan('{ getEditor(isbn: 7, code: "x") { name } }')).query.filter, {
    kind: 'and',
    items: [
      { kind: 'compare', field: 'Editor.code', op: 'eq', value: 'x' },
      { kind: 'compare', field: 'Editor.isbn', op: 'eq', value: 7 },
    ],
  });
  assert.deepEqual((await namedPlan('{ getEditor { name } }')).query.filter, { kind: 'const', value: false });
  assert.deepEqual((await namedPlan('{ getPet(id: "0x3") { name } }')).query.concreteTypes, ['Dog', 'Cat']);
});

test('get with an id Dgraph cannot parse: Dgraph\'s error, naming the field (not the alias)', async () => {
  const [bad] = await plansOf(env, '{ a: getAuthor(id: "zz") { name } }');
  assert.ok(bad instanceof Error);
  assert.equal(bad.message, 'ID argument (zz) of getAuthor was not able to be parsed');
  assert.deepEqual((bad as { nodes?: unknown[] }).nodes?.length, 1);
  const [nullXid] = await plansOf(env, '{ getEditor(code: null) { name } }');
  assert.ok(nullXid instanceof Error);
  assert.equal(nullXid.message, 'Argument (code) of getEditor was not able to be parsed as a string');
});

test('checkPassword: the node by its key, with the password to check', async () => {
  const plan = await namedPlan('{ checkAuthorPassword(id: "0x1", pwd: "s3cret") { name } }');
  assert.deepEqual(plan, {
    kind: 'checkPassword',
    field: 'checkAuthorPassword',
    key: 'checkAuthorPassword',
    query: {
      type: 'Author',
      concreteTypes: ['Author'],
      filter: { kind: 'uid', uids: ['1'] },
      order: [],
      cascade: null,
      selection: [{ kind: 'scalar', key: 'name', field: 'Author.name' }],
    },
    passwordField: 'pwd',
    password: 's3cret',
  });
});

test('several root fields plan independently', async () => {
  const plans = await plansOf(env, '{ queryPost { title } getAuthor(id: "0x1") { name } aggregateDog { count } }');
  assert.deepEqual(
    plans.map((p) => (p instanceof Error ? p.message : [p.kind, p.field])),
    [
      ['query', 'queryPost'],
      ['get', 'getAuthor'],
      ['aggregate', 'aggregateDog'],
    ],
  );
});
