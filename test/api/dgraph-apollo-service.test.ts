/**
 * What `_service { sdl }` answers, character for character against Dgraph's
 * expected answers, read from where the variables say
 * (`eval "$(node --import tsx scripts/dgraph-testdata.ts)"` exports them
 * from a mirror of Dgraph's repository); skipped, saying so, when unset:
 *
 * - graphql/schema/testdata/apolloservice (AUTHLINE_DGRAPH_APOLLO_SERVICE):
 *   inputs and Dgraph's GQLSchemaWithoutApolloExtras for each;
 * - graphql/e2e/schema/apollo_service_response.graphql
 *   (AUTHLINE_DGRAPH_APOLLO_SERVICE_RESPONSE): the answer to
 *   TestApolloServiceResolver (graphql/e2e/schema/schema_test.go), whose
 *   schema is written below.
 *
 * test/e2e/apollo-federation.test.ts serves it over HTTP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileSchema } from '../../src/engine/compile-schema.js';

const UNSET = 'set by `eval "$(node --import tsx scripts/dgraph-testdata.ts)"` from a mirror of Dgraph\'s repository';

function gatewaySdl(input: string): string {
  const result = compileSchema(input);
  assert.ok(result.ok, result.ok ? '' : result.errors.map((e) => e.message).join('\n'));
  return result.schema.api.gatewaySdl;
}

const corpus = process.env.AUTHLINE_DGRAPH_APOLLO_SERVICE;
if (!corpus || !existsSync(join(corpus, 'input'))) {
  test("Dgraph's apolloservice test data", { skip: `AUTHLINE_DGRAPH_APOLLO_SERVICE is not set or has no input/: ${UNSET}` }, () => {});
} else {
  for (const file of readdirSync(join(corpus, 'input')).filter((f) => f.endsWith('.graphql')).sort()) {
    test(`Dgraph's apolloservice: ${file}`, () => {
      const want = readFileSync(join(corpus, 'output', file), 'utf8');
      assert.equal(gatewaySdl(readFileSync(join(corpus, 'input', file), 'utf8')), want);
    });
  }
}

// The schema TestApolloServiceResolver uploads.
const E2E_SCHEMA = `
type Mission {
  id: ID!
  crew: [Astronaut]
  designation: String!
  startDate: String
  endDate: String
}

type Astronaut @key(fields: "id") @extends {
  id: ID! @external
  missions: [Mission]
}

type User @remote {
  id: ID!
  name: String!
}

type Car @auth(
  password: { rule: "{$ROLE: { eq: \\"Admin\\" } }"}
){
  id: ID!
  name: String!
}

type Query {
  getMyFavoriteUsers(id: ID!): [User] @custom(http: {
    url: "http://my-api.com",
    method: "GET"
  })
}
`;

const response = process.env.AUTHLINE_DGRAPH_APOLLO_SERVICE_RESPONSE;
test(
  "Dgraph's e2e answer to _service (TestApolloServiceResolver)",
  !response || !existsSync(response) ? { skip: `AUTHLINE_DGRAPH_APOLLO_SERVICE_RESPONSE is not set or missing: ${UNSET}` } : {},
  () => {
    assert.equal(gatewaySdl(E2E_SCHEMA), readFileSync(response!, 'utf8'));
  },
);

test('the SDL for a gateway: what Dgraph drops from each definition, and nothing else', () => {
  const sdl = gatewaySdl(`
"A person."
interface Person { id: ID! "the name" name: String @search(by: [hash]) }
"""A user."""
type User implements Person @key(fields: "id") @auth(query: { rule: "{$ROLE: { eq: \\"ADMIN\\" } }" }) @generate(query: { aggregate: false }) {
  posts: [Post]
}
union Item = User | Post
enum Tag { "on time" PUNCTUAL LATE }
type Post { id: ID! text: String @search(by: [term]) tags: [Tag] }
`);
  const input = sdl.slice(0, sdl.indexOf('# Extended Definitions'));
  assert.match(input, /\ninterface Person \{\n\tid: ID!\n\tname: String @search\(by: \[hash\]\)\n\}\n/);
  assert.match(input, /\ntype User @key\(fields: "id"\) \{\n\tid: ID!\n\tname: String @search\(by: \[hash\]\)\n\tposts\(filter: PostFilter, order: PostOrder, first: Int, offset: Int\): \[Post\]\n\tpostsAggregate\(filter: PostFilter\): PostAggregateResult\n\}\n/);
  assert.match(input, /\nunion Item = \n/);
  assert.match(input, /\nenum Tag \{\n\t"on time"\n\tPUNCTUAL\n\tLATE\n\}\n/);
  assert.ok(!sdl.includes('A person') && !sdl.includes('A user') && !sdl.includes('the name'));
  assert.ok(!/@auth|@generate|@custom|@cascade|@cacheControl|_entities|_service|_Entity|_Any/.test(sdl));
  assert.match(sdl, /\n\tqueryUser\(filter: UserFilter, order: UserOrder, first: Int, offset: Int\): \[User\]\n/);
});
