/**
 * `@custom(http: {graphql: ...})` against a remote GraphQL server: the
 * caller's selection is sent on to the remote field, SINGLE and BATCH fields
 * of types, a root query, remote errors passed on, and the upload's check of
 * the remote schema (unless skipIntrospection).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/engine/index.js';
import { SchemaRejectedError } from '../../src/sdl/errors.js';
import { openStore } from '../../src/store/index.js';
import { startAuthline } from './authline.js';
import type { RunningAuthline } from './authline.js';
import { closedPortUrl, startGraphqlServer } from './servers.js';
import type { RunningServer } from './servers.js';

const REMOTE_SDL = `
type Country { code: String name: String capital: City }
type City { name: String }
input AuthorInput { name: String id: ID }
type Query {
  country(code: String!): Country
  countryOf(author: String!): Country
  countriesOf(authors: [AuthorInput]): [Country]
  failing: Country
}`;

const countries: Record<string, { code: string; name: string; capital: { name: string } }> = {
  Ann: { code: 'NZ', name: 'New Zealand', capital: { name: 'Wellington' } },
  Bo: { code: 'NO', name: 'Norway', capital: { name: 'Oslo' } },
};

let remote: RunningServer;
let authline: RunningAuthline;

const schema = (url: string) => `
type Author {
  id: ID!
  name: String! @id
  country: Country @custom(http: {url: "${url}", method: POST, graphql: "query($name: String!) { countryOf(author: $name) }"})
  batched: Country @custom(http: {url: "${url}", method: POST, mode: BATCH, body: "{name: $name, id: $id}", graphql: "query($list: [AuthorInput]) { countriesOf(authors: $list) }"})
}

type Country @remote {
  code: String
  name: String
  capital: City
}

type City @remote {
  name: String
}

type Query {
  country(code: String!): Country @custom(http: {url: "${url}", method: POST, graphql: "query($code: String!) { country(code: $code) }", introspectionHeaders: ["X-Intro:INTRO_KEY"]})
  failing: Country @custom(http: {url: "${url}", method: POST, graphql: "query { failing }"})
}
# Dgraph.Secret INTRO_KEY "intro-123"
`;

before(async () => {
  remote = await startGraphqlServer(REMOTE_SDL, {
    country: ({ code }: { code: string }) => Object.values(countries).find((c) => c.code === code) ?? null,
    countryOf: ({ author }: { author: string }) => countries[author] ?? null,
    countriesOf: ({ authors }: { authors: { name: string }[] }) => authors.map((a) => countries[a.name] ?? null),
    failing: () => {
      throw new Error('the remote is unhappy');
    },
  });
  authline = await startAuthline(schema(`${remote.url}/graphql`));
  const introspections = remote.received.filter((r) => String(r.body.query).includes('__schema'));
  assert.equal(introspections.length, 4, 'the upload asked the remote schema once per graphql field');
  assert.equal(introspections.filter((r) => r.headers['x-intro'] === 'intro-123').length, 1, 'with the introspection header from its secret');
  await authline.graphql('mutation { addAuthor(input: [{name: "Ann"}, {name: "Bo"}]) { numUids } }');
});

after(async () => {
  await authline?.close();
  await remote?.close();
});

test('a root query sends the caller\'s selection on, and aliases come back as asked', async () => {
  remote.received.length = 0;
  const result = await authline.graphql('{ nz: country(code: "NZ") { n: name capital { name } } }');
  assert.deepEqual(result, { data: { nz: { n: 'New Zealand', capital: { name: 'Wellington' } } } });
  const sent = remote.received.at(-1)!.body;
  assert.equal(sent.query.replace(/\s+/g, ' ').trim(), 'query($code: String!) { country(code: $code) { name capital { name } }}');
  assert.deepEqual(sent.variables, { code: 'NZ' });
});

test('a SINGLE field sends each parent\'s variables; a BATCH field sends all parents in its one variable', async () => {
  remote.received.length = 0;
  const result = await authline.graphql('{ queryAuthor(order: {asc: name}) { name country { code } batched { name } } }');
  assert.deepEqual(result, {
    data: {
      queryAuthor: [
        { name: 'Ann', country: { code: 'NZ' }, batched: { name: 'New Zealand' } },
        { name: 'Bo', country: { code: 'NO' }, batched: { name: 'Norway' } },
      ],
    },
  });
  const single = remote.received.filter((r) => r.body.query.includes('countryOf'));
  assert.deepEqual(single.map((r) => r.body.variables).sort((a, b) => a.name.localeCompare(b.name)), [{ name: 'Ann' }, { name: 'Bo' }]);
  const batch = remote.received.filter((r) => r.body.query.includes('countriesOf'));
  assert.equal(batch.length, 1);
  assert.deepEqual(batch[0].body.variables.list.map((p: { name: string }) => p.name), ['Ann', 'Bo']);
});

test('errors of the remote GraphQL server come back on that field only', async () => {
  const result = await authline.graphql('{ failing { name } country(code: "NO") { name } }');
  assert.deepEqual(result.data, { failing: null, country: { name: 'Norway' } });
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].message, 'the remote is unhappy');
  assert.deepEqual(result.errors[0].path, ['failing']);
});

test('the upload checks the remote schema: a missing query, a return type that differs; skipIntrospection skips it', async () => {
  const service = await createService({ store: await openStore() });
  try {
    const url = `${remote.url}/graphql`;
    const bad = `type Country @remote { code: String }
type Query {
  a(code: String!): Country @custom(http: {url: "${url}", method: POST, graphql: "query($code: String!) { nope(code: $code) }"})
  b(code: String!): [Country] @custom(http: {url: "${url}", method: POST, graphql: "query($code: String!) { country(code: $code) }"})
  c(code: String!): Country @custom(http: {url: "${url}", method: POST, graphql: "query($code: String!) { nope(code: $code) }", skipIntrospection: true})
}`;
    const rejected = await service.uploadSchema(bad).then(() => assert.fail('must be rejected'), (e: unknown) => e);
    assert.ok(rejected instanceof SchemaRejectedError);
    assert.deepEqual(rejected.errors.map((e) => [e.message, e.locations[0].line]), [
      ['Type Query; Field a: inside graphql in @custom directive, query `nope` is not present in remote schema.', 3],
      ['Type Query; Field b: inside graphql in @custom directive, found return type mismatch for query `country`, expected `[Country]`, got `Country`.', 4],
    ]);
    const closed = await closedPortUrl();
    const unreachable = `type Country @remote { code: String }
type Query { a(code: String!): Country @custom(http: {url: "${closed}", method: POST, graphql: "query($code: String!) { country(code: $code) }"}) }`;
    const refused = await service.uploadSchema(unreachable).then(() => assert.fail('must be rejected'), (e: unknown) => e);
    assert.ok(refused instanceof SchemaRejectedError);
    assert.equal(refused.errors[0].message.startsWith(`Type Query; Field a: inside graphql in @custom directive, Post "${closed}": `), true);
    assert.match(refused.errors[0].message, /ECONNREFUSED/);
    assert.equal(service.current(), null, 'nothing was stored');
  } finally {
    await service.close();
  }
});
