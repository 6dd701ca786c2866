/**
 * Answers that follow Dgraph's code rather than the GraphQL defaults, over
 * HTTP, each with the Dgraph source it matches:
 * - a list with nothing stored answers [] (graphql/schema/wrappers.go, NullValue);
 * - __typename asked in a fragment on one member of an interface leaves the
 *   others resolvable (graphql/e2e/common/fragment.go, fragmentInQueryOnInterface, qc1);
 * - Int64 beyond 2^53 is a JSON number with every digit (json.Marshal of the int64);
 * - @default(add:, update:) is written as the mutation rewriter writes it
 *   (graphql/resolve/mutation_rewriter.go; update_mutation_test.yaml
 *   "Update with @default directive");
 * - a missing non-null value in Dgraph's completion words (graphql/schema/completion.go);
 * - the operation-name texts of graphql/schema/request.go (query.go, queryWithOperationName cases).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, type Served } from '../support/served.js';
import { COMMON_SDL } from './dgraph/common-schema.js';

/** POST /graphql; the body as text too, to see numbers as written. */
async function post(served: Served, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${served.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  return { text, body: JSON.parse(text) as any };
}

describe('lists with nothing stored answer [] (Dgraph: field.NullValue in graphql/schema/wrappers.go)', () => {
  let served: Served;
  before(async () => {
    served = await serve({ sdl: COMMON_SDL });
  });
  after(() => served.close());

  test('never set, set to [], emptied by remove: [] at the root, nested and in a payload', async () => {
    const added = await post(served, `mutation {
      addPost(input: [{title: "never", author: {name: "A"}}, {title: "empty", tags: [], author: {name: "B"}}, {title: "emptied", tags: ["x"], author: {name: "C"}}]) {
        post { title tags }
      }
    }`);
    assert.deepEqual(added.body, { data: { addPost: { post: [{ title: 'never', tags: [] }, { title: 'empty', tags: [] }, { title: 'emptied', tags: ['x'] }] } } });
    const removed = await post(served, 'mutation { updatePost(input: {filter: {title: {anyofterms: "emptied"}}, remove: {tags: ["x"]}}) { post { tags } } }');
    assert.deepEqual(removed.body, { data: { updatePost: { post: [{ tags: [] }] } } });
    const read = await post(served, '{ queryPost(order: {asc: title}) { title tags } queryAuthor(order: {asc: name}) { name posts { tags } } }');
    assert.deepEqual(read.body.data.queryPost, [{ title: 'emptied', tags: [] }, { title: 'empty', tags: [] }, { title: 'never', tags: [] }]);
    assert.deepEqual(read.body.data.queryAuthor, [{ name: 'A', posts: [{ tags: [] }] }, { name: 'B', posts: [{ tags: [] }] }, { name: 'C', posts: [{ tags: [] }] }]);
  });

  test('Int64 beyond 2^53 is a JSON number with every digit, alone and in a list (Dgraph writes the int64 with json.Marshal)', async () => {
    const big = '9007199254740993';
    const added = await post(served, `mutation { addpost1(input: [{title: "big", numLikes: ${big}, likesByMonth: [${big}, 5, -9223372036854775808]}]) { post1 { numLikes likesByMonth } } }`);
    assert.ok(added.text.includes(`"numLikes":${big}`), added.text);
    assert.ok(added.text.includes(`"likesByMonth":[${big},5,-9223372036854775808]`), added.text);
    const read = await post(served, '{ getpost1(title: "big") { numLikes } aggregatepost1 { numLikesMax } }');
    assert.equal(read.text, `{"data":{"getpost1":{"numLikes":${big}},"aggregatepost1":{"numLikesMax":${big}}}}`);
  });

  test('operation names as Dgraph words them (graphql/schema/request.go)', async () => {
    const two = 'query a { queryBook { name } } query b { queryBook { name } }';
    assert.equal((await post(served, two)).body.errors[0].message, 'Operation name must by supplied when query has more than 1 operation.');
    const named = await fetch(`${served.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: two, operationName: 'c' }) });
    assert.equal(((await named.json()) as any).errors[0].message, "Supplied operation name c isn't present in the request.");
  });
});

describe('__typename in a fragment on one member (Dgraph: fragmentInQueryOnInterface in graphql/e2e/common/fragment.go)', () => {
  let served: Served;
  before(async () => {
    served = await serve({
      sdl: `interface Character { id: ID! name: String! @search(by: [exact]) }
        type Human implements Character { totalCredits: Int }
        type Droid implements Character { primaryFunction: String }
        type Starship { id: ID! name: String! }
        union Thing = Human | Starship
        type Box { id: ID! label: String things: [Thing] }`,
    });
    await post(served, `mutation {
      addHuman(input: [{name: "Han", totalCredits: 10}]) { numUids }
      addDroid(input: [{name: "R2-D2", primaryFunction: "Robot"}]) { numUids }
      addBox(input: [{label: "b", things: [{starshipRef: {name: "Falcon"}}]}]) { numUids }
    }`);
  });
  after(() => served.close());

  test('qc1: the Droid answers its id, without __typename and without an error', async () => {
    const { body } = await post(served, '{ qc1: queryCharacter(order: {asc: name}) { ... on Human { __typename name } ... on Droid { name } } }');
    assert.deepEqual(body, { data: { qc1: [{ __typename: 'Human', name: 'Han' }, { name: 'R2-D2' }] } });
  });

  test('in a union, a member without the fragment answers {}', async () => {
    const { body } = await post(served, '{ queryBox { things { ... on Starship { __typename name } } } }');
    assert.deepEqual(body, { data: { queryBox: [{ things: [{ __typename: 'Starship', name: 'Falcon' }] }] } });
    const { body: both } = await post(served, '{ queryHuman { name } queryBox { things { ... on Human { __typename } } } }');
    assert.deepEqual(both.data.queryBox, [{ things: [{}] }]);
  });
});

describe("@default, as Dgraph's mutation rewriter applies it (graphql/resolve/mutation_rewriter.go)", () => {
  let served: Served;
  before(async () => {
    // Booking as in Dgraph's graphql/resolve/schema.graphql.
    served = await serve({
      sdl: `enum Status { ACTIVE INACTIVE }
        type Booking {
          id: ID!
          name: String!
          created: DateTime! @default(add: {value: "$now"})
          updated: DateTime! @default(add: {value: "$now"}, update: {value: "$now"})
          count: Int! @default(add: {value: "1"}, update: {value: "2"})
          length: Float! @default(add: {value: "1.1"}, update: {value: "1.2"})
          hotel: String! @default(add: {value: "add"}, update: {value: "update"})
          active: Boolean! @default(add: {value: "false"}, update: {value: "true"})
          status: Status! @default(add: {value: "ACTIVE"}, update: {value: "INACTIVE"})
          guest: Guest
        }
        type Guest { gid: String! @id level: Int @default(add: {value: "3"}) }`,
    });
  });
  after(() => served.close());

  const fields = 'name count length hotel active status created updated';

  test('add: every default the input leaves out, on new nodes at any depth; given values win', async () => {
    const before = Date.now() - 1000;
    const { body } = await post(served, `mutation {
      addBooking(input: [{name: "a", guest: {gid: "g1"}}, {name: "b", count: 7, hotel: "given"}]) { booking(order: {asc: name}) { ${fields} guest { gid level } } }
    }`);
    const [a, b] = body.data.addBooking.booking;
    assert.deepEqual({ ...a, created: undefined, updated: undefined }, {
      name: 'a', count: 1, length: 1.1, hotel: 'add', active: false, status: 'ACTIVE', created: undefined, updated: undefined, guest: { gid: 'g1', level: 3 },
    });
    assert.equal(b.count, 7);
    assert.equal(b.hotel, 'given');
    // $now: the mutation's time, RFC 3339 to the second.
    assert.match(a.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Date.parse(a.created) >= before && Date.parse(a.created) <= Date.now() + 1000);
    // Non-null fields with a default read fine afterwards.
    assert.equal((await post(served, `{ queryBooking { ${fields} } }`)).body.errors, undefined);
  });

  test('update: the update defaults of the fields set leaves out (update_mutation_test.yaml "Update with @default directive")', async () => {
    const ids = (await post(served, '{ queryBooking(order: {asc: name}) { id name } }')).body.data.queryBooking as { id: string; name: string }[];
    const a = ids.find((x) => x.name === 'a')!;
    const updated = await post(served, `mutation { updateBooking(input: {filter: {id: ["${a.id}"]}, set: {name: "a2", active: false}}) { booking { name count length hotel active status guest { level } } } }`);
    assert.deepEqual(updated.body, {
      data: { updateBooking: { booking: [{ name: 'a2', count: 2, length: 1.2, hotel: 'update', active: false, status: 'INACTIVE', guest: { level: 3 } }] } },
    });
  });

  test('remove: the update defaults go into the delete, so fields still holding them lose them (mutation_rewriter.go rewriteObject, UpdateWithRemove)', async () => {
    // rewriteObject sets action "update" for a top-level remove and adds each field's update default to the
    // object it returns; updateRewriter sends that object as the deletejson, which deletes a value only where it matches.
    const { body: added } = await post(served, 'mutation { addBooking(input: [{name: "r"}]) { booking { id } } }');
    const id = added.data.addBooking.booking[0].id as string;
    const where = `id: ["${id}"]`;
    // set: count 2, length 1.2, hotel "update", status INACTIVE (their update defaults); active given as false.
    await post(served, `mutation { updateBooking(input: {filter: {${where}}, set: {active: false}}) { numUids } }`);
    const removed = await post(served, `mutation { updateBooking(input: {filter: {${where}}, remove: {name: "not its name"}}) { numUids } }`);
    assert.deepEqual(removed.body, { data: { updateBooking: { numUids: 1 } } });
    const holds = ['name', 'count', 'length', 'hotel', 'active', 'status', 'created']
      .map((f) => `${f}: queryBooking(filter: {${where}, has: ${f}}) { id }`).join(' ');
    const { body } = await post(served, `{ ${holds} }`);
    const still = Object.entries(body.data as Record<string, unknown[]>).filter(([, nodes]) => nodes.length === 1).map(([f]) => f);
    // name differs from the value removed, active holds false (not its default true), created has no update default.
    assert.deepEqual(still, ['name', 'active', 'created']);
  });

  test('a non-null field with nothing stored fails in Dgraph\'s words (graphql/schema/completion.go, ErrExpectedNonNull)', async () => {
    const { body } = await post(served, 'mutation { addBooking(input: [{name: "c", hotel: null}]) { booking { name hotel } } }');
    assert.deepEqual(body.errors.map(({ extensions: _, ...e }: any) => e), [{
      message: "Non-nullable field 'hotel' (type String!) was not present in result from Dgraph.  GraphQL error propagation triggered.",
      locations: [{ line: 1, column: 75 }],
      path: ['addBooking', 'booking', 0, 'hotel'],
    }]);
    assert.deepEqual(body.data, { addBooking: { booking: [null] } });
  });
});
