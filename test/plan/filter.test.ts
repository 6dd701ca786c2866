/**
 * Filters mean what they mean in Dgraph (graphql/resolve/query_rewriter.go
 * buildFilter; the fact sheet §5.2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIBRARY, api, named, planOf, plansOf } from './harness.js';

const env = api(LIBRARY);

/** The root filter of `queryAuthor(filter: ...)`, with field names. */
async function filterOf(filter: string, variables: Record<string, unknown> = {}, declarations = ''): Promise<unknown> {
  const plan = await planOf(env, `query${declarations} { queryAuthor(filter: ${filter}) { id } }`, variables);
  assert.equal(plan.kind, 'query');
  return named(env, plan.kind === 'query' ? plan.query.filter : undefined);
}

test('each index offers its functions', async () => {
  assert.deepEqual(await filterOf('{name: {eq: "Ann"}}'), { kind: 'compare', field: 'Author.name', op: 'eq', value: 'Ann' });
  assert.deepEqual(await filterOf('{name: {in: ["Ann", "Bo"]}}'), { kind: 'in', field: 'Author.name', values: ['Ann', 'Bo'] });
  assert.deepEqual(await filterOf('{name: {anyofterms: "Ann Bo"}}'), { kind: 'terms', field: 'Author.name', mode: 'any', text: 'Ann Bo' });
  assert.deepEqual(await filterOf('{name: {allofterms: "Ann Bo"}}'), { kind: 'terms', field: 'Author.name', mode: 'all', text: 'Ann Bo' });
  assert.deepEqual(await filterOf('{name: {regexp: "/^An+.*$/i"}}'), { kind: 'regexp', field: 'Author.name', pattern: '^An+.*$', flags: 'i' });
  assert.deepEqual(await filterOf('{bio: {alloftext: "graph databases"}}'), { kind: 'fulltext', field: 'Author.bio', mode: 'all', text: 'graph databases' });
  assert.deepEqual(await filterOf('{bio: {anyoftext: "graph"}}'), { kind: 'fulltext', field: 'Author.bio', mode: 'any', text: 'graph' });
  assert.deepEqual(await filterOf('{nick: {lt: "m"}}'), { kind: 'compare', field: 'Author.nick', op: 'lt', value: 'm' });
  assert.deepEqual(await filterOf('{nick: {between: {min: "a", max: "c"}}}'), { kind: 'between', field: 'Author.nick', min: 'a', max: 'c' });
  assert.deepEqual(await filterOf('{age: {ge: 18}}'), { kind: 'compare', field: 'Author.age', op: 'ge', value: 18 });
  assert.deepEqual(await filterOf('{age: {between: {min: 1, max: 5}}}'), { kind: 'between', field: 'Author.age', min: 1, max: 5 });
  assert.deepEqual(await filterOf('{score: {gt: 2.5}}'), { kind: 'compare', field: 'Author.score', op: 'gt', value: 2.5 });
  assert.deepEqual(await filterOf('{views: {le: "9007199254740993"}}'), { kind: 'compare', field: 'Author.views', op: 'le', value: '9007199254740993' });
  assert.deepEqual(await filterOf('{born: {eq: "2001-02-03"}}'), { kind: 'compare', field: 'Author.born', op: 'eq', value: '2001-02-03T00:00:00Z' });
  assert.deepEqual(await filterOf('{verified: false}'), { kind: 'compare', field: 'Author.verified', op: 'eq', value: false });
  assert.deepEqual(await filterOf('{tier: {in: [GOLD]}}'), { kind: 'in', field: 'Author.tier', values: ['GOLD'] });
  assert.deepEqual(await filterOf('{rank: {le: SILVER}}'), { kind: 'compare', field: 'Author.rank', op: 'le', value: 'SILVER' });
});

test('keys of one object are ANDed in name order; `and` adds to the conjunction; `not` negates', async () => {
  assert.deepEqual(await filterOf('{name: {eq: "A"}, age: {gt: 3}}'), {
    kind: 'and',
    items: [
      { kind: 'compare', field: 'Author.age', op: 'gt', value: 3 },
      { kind: 'compare', field: 'Author.name', op: 'eq', value: 'A' },
    ],
  });
  assert.deepEqual(await filterOf('{nick: {lt: "m"}, and: [{age: {le: 5}}, {age: {ge: 1}}]}'), {
    kind: 'and',
    items: [
      { kind: 'compare', field: 'Author.age', op: 'le', value: 5 },
      { kind: 'compare', field: 'Author.age', op: 'ge', value: 1 },
      { kind: 'compare', field: 'Author.nick', op: 'lt', value: 'm' },
    ],
  });
  assert.deepEqual(await filterOf('{not: {verified: true}}'), {
    kind: 'not',
    item: { kind: 'compare', field: 'Author.verified', op: 'eq', value: true },
  });
});

test('`or` is ORed with the conjunction of all its siblings', async () => {
  // (name AND age) OR (bio OR NOT verified)
  assert.deepEqual(await filterOf('{name: {eq: "A"}, age: {gt: 3}, or: [{bio: {anyoftext: "x"}}, {not: {verified: true}}]}'), {
    kind: 'or',
    items: [
      {
        kind: 'and',
        items: [
          { kind: 'compare', field: 'Author.age', op: 'gt', value: 3 },
          { kind: 'compare', field: 'Author.name', op: 'eq', value: 'A' },
        ],
      },
      {
        kind: 'or',
        items: [
          { kind: 'fulltext', field: 'Author.bio', mode: 'any', text: 'x' },
          { kind: 'not', item: { kind: 'compare', field: 'Author.verified', op: 'eq', value: true } },
        ],
      },
    ],
  });
  // An `or` object is one alternative; alone, it is the whole filter.
  assert.deepEqual(await filterOf('{or: {age: {gt: 3}}}'), { kind: 'compare', field: 'Author.age', op: 'gt', value: 3 });
  assert.deepEqual(await filterOf('{name: {eq: "A"}, or: {age: {gt: 3}, nick: {eq: "n"}}}'), {
    kind: 'or',
    items: [
      { kind: 'compare', field: 'Author.name', op: 'eq', value: 'A' },
      {
        kind: 'and',
        items: [
          { kind: 'compare', field: 'Author.age', op: 'gt', value: 3 },
          { kind: 'compare', field: 'Author.nick', op: 'eq', value: 'n' },
        ],
      },
    ],
  });
});

test('has: every listed field present', async () => {
  assert.deepEqual(await filterOf('{has: [bio, posts]}'), {
    kind: 'and',
    items: [
      { kind: 'has', field: 'Author.bio' },
      { kind: 'has', field: 'Author.posts' },
    ],
  });
  assert.deepEqual(await filterOf('{has: pet}'), { kind: 'has', field: 'Author.pet' });
});

test('nulls: eq null means absent, other nulls are ignored', async () => {
  assert.deepEqual(await filterOf('{nick: {eq: null}}'), { kind: 'not', item: { kind: 'has', field: 'Author.nick' } });
  assert.equal(await filterOf('{nick: {le: null}}'), null);
  assert.deepEqual(await filterOf('{name: {eq: "A"}, not: null, or: null, and: null}'), { kind: 'compare', field: 'Author.name', op: 'eq', value: 'A' });
  assert.equal(await filterOf('{}'), null);
  assert.deepEqual(await filterOf('{name: {in: []}}'), { kind: 'const', value: false });
});

test('id lists keep the ids Dgraph parses; none parsable matches nothing', async () => {
  assert.deepEqual(await filterOf('{id: ["0x1f", "31", "037", "bob", "0x2"]}'), { kind: 'uid', uids: ['31', '2'] });
  assert.deepEqual(await filterOf('{id: ["alice", "bob"], and: {name: {eq: "A"}}}'), {
    kind: 'and',
    items: [
      { kind: 'compare', field: 'Author.name', op: 'eq', value: 'A' },
      { kind: 'uid', uids: [] },
    ],
  });
  assert.deepEqual(await filterOf('{id: "0x5"}'), { kind: 'uid', uids: ['5'] });
});

test('several functions in one field object all apply (Dgraph would pick one at random)', async () => {
  assert.deepEqual(await filterOf('$f', { f: { age: { ge: 1, le: 5 } } }, '($f: AuthorFilter)'), {
    kind: 'and',
    items: [
      { kind: 'compare', field: 'Author.age', op: 'ge', value: 1 },
      { kind: 'compare', field: 'Author.age', op: 'le', value: 5 },
    ],
  });
});

test('union filters pick member types and filter each member', async () => {
  const plan = await planOf(env, '{ queryShelf { things(filter: {memberTypes: [Dog, Post], dogFilter: {breed: {anyofterms: "lab"}}, postFilter: {}}) { __typename } } }');
  assert.equal(plan.kind, 'query');
  const edge = plan.kind === 'query' ? plan.query.selection[0] : undefined;
  assert.equal(edge?.kind, 'edge');
  assert.deepEqual(named(env, edge?.kind === 'edge' ? edge.query.filter : undefined), {
    kind: 'or',
    items: [
      { kind: 'and', items: [{ kind: 'type', types: ['Dog'] }, { kind: 'terms', field: 'Dog.breed', mode: 'any', text: 'lab' }] },
      { kind: 'type', types: ['Post'] },
    ],
  });
  const none = await planOf(env, '{ queryShelf { things(filter: {memberTypes: []}) { __typename } } }');
  const noneEdge = none.kind === 'query' ? none.query.selection[0] : undefined;
  assert.deepEqual(noneEdge?.kind === 'edge' ? noneEdge.query.filter : undefined, { kind: 'const', value: false });
  const all = await planOf(env, '{ queryShelf { best(filter: {catFilter: {has: lives}}) { __typename } } }');
  const allEdge = all.kind === 'query' ? all.query.selection[0] : undefined;
  assert.deepEqual(named(env, allEdge?.kind === 'edge' ? allEdge.query.filter : undefined), {
    kind: 'or',
    items: [
      { kind: 'type', types: ['Dog'] },
      { kind: 'and', items: [{ kind: 'type', types: ['Cat'] }, { kind: 'has', field: 'Cat.lives' }] },
      { kind: 'type', types: ['Post'] },
      { kind: 'type', types: ['Bird'] },
    ],
  });
});

test('filters a variable could carry but the field cannot serve are plan errors', async () => {
  const [bad] = await plansOf(env, 'query($f: AuthorFilter) { queryAuthor(filter: $f) { id } }', { f: { name: { regexp: 'no slashes' } } });
  assert.ok(bad instanceof Error);
  assert.equal(bad.name, 'PlanError');
  assert.equal(bad.message, 'regexp filter expects a /pattern/flags literal, got: "no slashes"');
});

test('a function the field does not offer, or that does not exist, is a plan error, never a regexp', async () => {
  // Rule variables are claims, not coerced against the filter inputs: anything can arrive.
  const { planRuleQuery } = await import('../../src/plan/index.js');
  const { parseTolerant } = await import('../../src/sdl/index.js');
  const rule = parseTolerant('query($F: AuthorFilter) { queryAuthor(filter: $F) { id } }');
  const refused = (filter: unknown) => assert.throws(() => planRuleQuery(env.model, env.schema, rule, { F: filter }), { name: 'PlanError' });
  refused({ name: { matches: '/A.*/' } });
  refused({ age: { regexp: '/1/' } });
  refused({ bio: { eq: 'x' } });
  refused({ verified: { eq: true } });
  assert.throws(() => planRuleQuery(env.model, env.schema, rule, { F: { name: { matches: '/A.*/' } } }),
    { message: 'matches is not a filter function of Author.name (searchable by hash, term, trigram)' });
  assert.deepEqual(named(env, planRuleQuery(env.model, env.schema, rule, { F: { name: { regexp: '/A.*/' } } }).filter),
    { kind: 'regexp', field: 'Author.name', pattern: 'A.*', flags: '' });
});

test('ngram and the geometry functions become their filters; the store reads their operands', async () => {
  const env = api('type Note { id: ID! text: String @search(by: [ngram, hash]) at: Point @search }');
  const filter = async (query: string) => {
    const plan = await planOf(env, query);
    return plan.kind === 'query' ? named(env, plan.query.filter) : undefined;
  };
  assert.deepEqual(await filter('{ queryNote(filter: {text: {ngram: "graph data"}}) { id } }'), { kind: 'ngram', field: 'Note.text', text: 'graph data' });
  assert.deepEqual(await filter('{ queryNote(filter: {at: {near: {distance: 5, coordinate: {longitude: 1, latitude: 2}}}}) { id } }'), {
    kind: 'geo', relation: 'near', field: 'Note.at', value: { distance: 5, coordinate: { longitude: 1, latitude: 2 } },
  });
});
