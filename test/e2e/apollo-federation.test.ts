/**
 * Apollo federation over HTTP on both backends, as Dgraph answers it:
 * `_service { sdl }` (the SDL for a gateway), and `_entities` for keys of
 * every kind Dgraph takes (uid, external ID stored as a string, String and
 * Int `@id`), in the order of the representations (duplicates repeated, as
 * graphql/e2e/common/query.go's entitiesQueryWithKeyFieldOfType* expect),
 * under the type's query rule, in one SQL statement, and Dgraph's errors for
 * representations it cannot read.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_REPRESENTATIONS } from '../../src/plan/index.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';
import { createSigner, HEADER, NAMESPACE, type Signer } from './support/tokens.js';

after(stopOwnCluster);

const SCHEMA = (key: string) => `
type Mission @key(fields: "id") {
  id: String! @id
  designation: String!
  crew: [Astronaut] @provides(fields: "name")
}

extend type Astronaut @key(fields: "id") {
  id: ID! @external
  name: String! @external
  age: Int @external
  missions: [Mission]
}

type SpaceShip @key(fields: "id") @extends @auth(query: { rule: """
  query($USER: String!) { querySpaceShip(filter: { owner: { eq: $USER } }) { id } }""" }) {
  id: String! @id @external
  owner: String @search(by: [hash])
  missions: [Mission]
}

type Planet @key(fields: "id") @extends {
  id: Int! @id @external
  missions: [Mission]
}

"A station, described here."
type Station @key(fields: "id") {
  id: ID!
  name: String
}

type Country {
  code: String! @id
}

# Dgraph.Authorization {"VerificationKey":"${key}","Header":"${HEADER}","Namespace":"${NAMESPACE}","Algo":"HS256"}
`;

const missions = (n: number) => [{ id: `Mission${n}`, designation: `Apollo${n}` }];

for (const backend of BACKENDS) {
  describe(`Apollo federation on ${backend}`, () => {
    let served: Served;
    let signer: Signer;
    /** Statements the store has sent since last reset. */
    const sent = { statements: 0 };
    let stations: string[] = [];
    const graphql = async (query: string, variables?: Record<string, unknown>, user?: string) => {
      const headers: Record<string, string> = user ? { [HEADER]: await signer.token({ USER: user }) } : {};
      const { body } = await served.graphql(query, headers, variables);
      return body as { data?: any; errors?: { message: string; path?: unknown[] }[] };
    };
    const entities = (representations: unknown, selection: string, user?: string) =>
      graphql(`query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations }, user);

    before(async () => {
      signer = await createSigner('HS256', 'apollo-federation-test-secret-32b!');
      served = await serve({ backend, sdl: SCHEMA(signer.verificationKey), observer: { statementDone: () => void sent.statements++ } });
      const added = await graphql(
        `mutation ($ships: [AddSpaceShipInput!]!, $planets: [AddPlanetInput!]!, $astronauts: [AddAstronautInput!]!, $stations: [AddStationInput!]!) {
          addSpaceShip(input: $ships) { numUids }
          addPlanet(input: $planets) { numUids }
          addAstronaut(input: $astronauts) { numUids }
          addStation(input: $stations) { station { id name } }
        }`,
        {
          ships: [1, 2, 3, 4].map((n) => ({ id: `SpaceShip${n}`, owner: n === 4 ? 'bob' : 'alice', missions: missions(n) })),
          planets: [1, 2, 3, 4].map((n) => ({ id: n, missions: missions(n + 4) })),
          astronauts: [1, 2].map((n) => ({ id: `A${n}`, name: `Astronaut ${n}`, missions: missions(n + 8) })),
          stations: [{ name: 'first' }, { name: 'second' }, { name: 'third' }],
        },
        'alice',
      );
      assert.equal(added.errors, undefined, JSON.stringify(added.errors));
      stations = added.data.addStation.station.map((s: { id: string }) => s.id);
    });
    after(() => served?.close());

    test('_service answers the SDL for a gateway, under the response keys asked for, to anyone', async () => {
      const answer = await graphql('{ _service { s: sdl __typename ... on _Service { sdl } } }');
      assert.equal(answer.errors, undefined);
      const sdl: string = answer.data._service.s;
      assert.equal(answer.data._service.sdl, sdl);
      assert.equal(answer.data._service.__typename, '_Service');
      // The upload's types as Dgraph gives them to a gateway: the extension written as @extends, after the
      // other types, its description and the @auth rule left out; no queries of extended types.
      assert.match(sdl, /\ntype Station @key\(fields: "id"\) \{\n\tid: ID!\n\tname: String\n\}\n\ntype Country \{\n\tcode: String! @id\n\}\n\ntype Astronaut @key\(fields: "id"\) @extends \{\n\tid: ID! @external\n\tname: String! @external\n\tage: Int @external\n/);
      assert.match(sdl, /\ntype SpaceShip @key\(fields: "id"\) @extends \{\n/);
      for (const absent of ['_entities', '_Entity', '_Any', 'directive @auth', '@auth(', 'getAstronaut', 'querySpaceShip', 'described here']) {
        assert.ok(!sdl.includes(absent), `${absent} in the SDL for the gateway`);
      }
      assert.match(sdl, /\n\tgetStation\(id: ID!\): Station\n/);
      // Fields returning an extended type take no arguments there.
      assert.match(sdl, /\n\tcrew: \[Astronaut\] @provides\(fields: "name"\)\n/);
    });

    test('the API itself has the federation definitions and fields', async () => {
      const answer = await graphql('{ __type(name: "_Entity") { possibleTypes { name } } q: __type(name: "Query") { fields { name } } }');
      assert.deepEqual(answer.data.__type.possibleTypes.map((t: { name: string }) => t.name), ['Mission', 'SpaceShip', 'Planet', 'Station', 'Astronaut']);
      assert.deepEqual(answer.data.q.fields.slice(0, 3).map((f: { name: string }) => f.name), ['_entities', '_service', 'getMission']);
    });

    test('a String @id key: in the order of the representations, duplicates repeated, in one statement', async () => {
      sent.statements = 0;
      const ids = ['SpaceShip3', 'SpaceShip2', 'SpaceShip1', 'SpaceShip3', 'SpaceShip1'];
      const answer = await entities(ids.map((id) => ({ __typename: 'SpaceShip', id })), '... on SpaceShip { id missions(order: { asc: id }) { id designation } }', 'alice');
      assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
      assert.deepEqual(answer.data._entities, ids.map((id) => ({ id, missions: missions(Number(id.slice(-1))) })));
      assert.equal(sent.statements, 1);
    });

    test("the type's query rule applies: a node it hides is not returned, and the others stay in key order", async () => {
      const reps = ['SpaceShip4', 'SpaceShip2', 'SpaceShip1'].map((id) => ({ __typename: 'SpaceShip', id }));
      const alice = await entities(reps, '... on SpaceShip { id owner }', 'alice');
      assert.equal(alice.errors, undefined);
      // Fewer nodes than keys: Dgraph leaves them as read, ascending by key.
      assert.deepEqual(alice.data._entities, [{ id: 'SpaceShip1', owner: 'alice' }, { id: 'SpaceShip2', owner: 'alice' }]);
      const bob = await entities(reps, '... on SpaceShip { id owner }', 'bob');
      assert.deepEqual(bob.data._entities, [{ id: 'SpaceShip4', owner: 'bob' }]);
      const anonymous = await entities(reps, '... on SpaceShip { id }');
      assert.deepEqual(anonymous.data._entities, []);
    });

    test('an Int @id key, and a uid key, in the order of the representations', async () => {
      const planets = await entities([4, 2, 1, 3, 1].map((id) => ({ __typename: 'Planet', id })), '__typename ... on Planet { id missions { id } }');
      assert.equal(planets.errors, undefined, JSON.stringify(planets.errors));
      assert.deepEqual(planets.data._entities, [4, 2, 1, 3, 1].map((id) => ({ __typename: 'Planet', id, missions: [{ id: `Mission${id + 4}` }] })));
      const order = [2, 0, 1, 2];
      const found = await entities(order.map((i) => ({ __typename: 'Station', id: stations[i] })), '... on Station { id name }');
      assert.deepEqual(found.data._entities, order.map((i) => ({ id: stations[i], name: ['first', 'second', 'third'][i] })));
    });

    test('an external ID key is a stored string; external fields nobody provides read as null', async () => {
      const answer = await entities([{ __typename: 'Astronaut', id: 'A2' }, { __typename: 'Astronaut', id: 'A1' }], '... on Astronaut { id name age missions { id } }');
      assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
      assert.deepEqual(answer.data._entities, [
        { id: 'A2', name: 'Astronaut 2', age: null, missions: [{ id: 'Mission10' }] },
        { id: 'A1', name: 'Astronaut 1', age: null, missions: [{ id: 'Mission9' }] },
      ]);
    });

    test("representations Dgraph cannot read: its message, an empty list, nothing read", async () => {
      const cases: [unknown, string][] = [
        [[], 'expecting at least one item in `representations` argument'],
        [['SpaceShip1'], 'error parsing 0th item in the `_representations` argument'],
        [[{ id: 'SpaceShip1' }], 'unable to extract __typename from 0th item in the `_representations` argument'],
        [[{ __typename: 'Rocket', id: '1' }], 'type Rocket not found in the schema'],
        [[{ __typename: 'Country', code: 'FR' }], "type Country doesn't have a key Directive"],
        [[{ __typename: 'SpaceShip', id: 'SpaceShip1' }, { __typename: 'Planet', id: 1 }], 'expected only one unique typename in `_representations` argument, got: [SpaceShip, Planet]'],
        [[{ __typename: 'Planet', id: 1 }, { __typename: 'Planet' }], 'unable to extract value for key field `id` from 1th item in the `_representations` argument'],
        [
          Array.from({ length: MAX_REPRESENTATIONS + 1 }, (_, i) => ({ __typename: 'Planet', id: i })),
          `at most ${MAX_REPRESENTATIONS} items are accepted in \`representations\` argument, got ${MAX_REPRESENTATIONS + 1}`,
        ],
      ];
      for (const [representations, message] of cases) {
        sent.statements = 0;
        const answer = await entities(representations, '__typename');
        assert.deepEqual(answer.errors?.map((e) => [e.message, e.path]), [[`couldn't rewrite query _entities because ${message}`, ['_entities']]], message);
        assert.deepEqual(answer.data, { _entities: [] });
        assert.equal(sent.statements, 0, message);
      }
    });
  });
}
