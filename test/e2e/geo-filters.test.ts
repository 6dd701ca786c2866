/**
 * The geometry filters over HTTP on both backends: `near`, `within`,
 * `contains` and `intersects` on Point, Polygon and MultiPolygon fields,
 * with Dgraph's answers (its e2e test where it has one: the source is quoted
 * in the test's name), combined with and/or/not, pages, counts and an
 * `@auth` rule whose query filters by place.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';

after(stopOwnCluster);

const SECRET = 'a-secret-of-at-least-32-bytes-long!!';

// Dgraph's graphql/e2e/normal/schema.graphql Hotel, with an @auth rule of our own on Resort.
const SDL = `type Hotel {
  id: ID!
  name: String! @search(by: [exact])
  location: Point @search
  area: Polygon @search
  branches: MultiPolygon @search
}
type Resort @auth(query: { or: [
  { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  { rule: "query { queryResort(filter: {location: {within: {polygon: {coordinates: [{points: [{longitude: 0, latitude: 0}, {longitude: 10, latitude: 0}, {longitude: 10, latitude: 10}, {longitude: 0, latitude: 10}, {longitude: 0, latitude: 0}]}]}}}}) { id } }" }
]}) {
  id: ID!
  name: String! @search(by: [exact])
  location: Point @search
}
# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"X-Auth","Namespace":"https://ns","Algo":"HS256"}
`;

type LonLat = readonly [number, number];
const point = ([longitude, latitude]: LonLat) => ({ longitude, latitude });
const ring = (...corners: LonLat[]) => ({ points: [...corners, corners[0]!].map(point) });
/** An axis-aligned square polygon, closed as Dgraph requires. */
const square = (west: number, south: number, east: number, north: number) =>
  ({ coordinates: [ring([west, south], [east, south], [east, north], [west, north])] });

// Places on a small map (longitude, latitude):
//   A: a point at (1, 1), area the square 0..4, branches: squares 0..1 and 20..21
//   B: a point at (5, 5), area the square 3..8
//   C: a point at (50, 50), area the square 40..60 with a hole 45..55
//   D: no location
const HOTELS = [
  { name: 'A', location: point([1, 1]), area: square(0, 0, 4, 4), branches: { polygons: [square(0, 0, 1, 1), square(20, 20, 21, 21)] } },
  { name: 'B', location: point([5, 5]), area: square(3, 3, 8, 8) },
  { name: 'C', location: point([50, 50]), area: { coordinates: [square(40, 40, 60, 60).coordinates[0], square(45, 45, 55, 55).coordinates[0]] } },
  { name: 'D' },
];

for (const backend of BACKENDS) {
  describe(`geometry filters (${backend})`, () => {
    let served: Served;
    const names = async (filter: string, args = ''): Promise<string[]> => {
      const { body } = await served.graphql(`{ queryHotel(filter: ${filter}, order: {asc: name}${args}) { name } }`);
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return body.data.queryHotel.map((h: { name: string }) => h.name);
    };
    before(async () => {
      served = await serve({ backend, sdl: SDL });
      const added = await served.graphql(`mutation ($hotels: [AddHotelInput!]!) { addHotel(input: $hotels) { numUids } }`, {}, { hotels: HOTELS });
      assert.equal(added.body.data?.addHotel.numUids, HOTELS.length, JSON.stringify(added.body));
    });
    after(() => served.close());

    test('near: Dgraph\'s queryGeoNearFilter (graphql/e2e/common/query.go)', async () => {
      const hotels = [
        { name: 'Taj Hotel 1', location: { latitude: 11.11, longitude: 22.22 } },
        { name: 'Taj Hotel 2', location: { latitude: 33.33, longitude: 22.22 } },
        { name: 'Taj Hotel 3', location: { latitude: 11.11, longitude: 33.33 } },
      ];
      await served.graphql(`mutation ($hotels: [AddHotelInput!]!) { addHotel(input: $hotels) { numUids } }`, {}, { hotels });
      const { body } = await served.graphql(`query {
        queryHotel(filter: { location: { near: { distance: 100, coordinate: { latitude: 11.11, longitude: 22.22} } } }) {
          name
          location { latitude longitude }
        }
      }`);
      assert.deepEqual(body, { data: { queryHotel: [{ name: 'Taj Hotel 1', location: { latitude: 11.11, longitude: 22.22 } }] } });
      await served.graphql(`mutation { deleteHotel(filter: {name: {in: ["Taj Hotel 1", "Taj Hotel 2", "Taj Hotel 3"]}}) { numUids } }`);
    });

    test('near on points: great-circle metres (one degree of latitude is 111,195 m on Dgraph\'s 6371 km sphere)', async () => {
      const near = (distance: number) => names(`{ location: { near: { distance: ${distance}, coordinate: { latitude: 2, longitude: 1 } } } }`);
      assert.deepEqual(await near(111_000), []);
      assert.deepEqual(await near(111_300), ['A']);
      // B is at (5, 5): 4 degrees east and 3 north of (1, 2): about 555 km.
      assert.deepEqual(await near(600_000), ['A', 'B']);
    });

    test('near on shapes: those whose outline meets the circle', async () => {
      // (9, 5) is 1 degree east of B's area (about 110 km at latitude 5).
      const near = (field: string, distance: number) => names(`{ ${field}: { near: { distance: ${distance}, coordinate: { latitude: 5, longitude: 9 } } } }`);
      assert.deepEqual(await near('area', 100_000), []);
      assert.deepEqual(await near('area', 120_000), ['B']);
      assert.deepEqual(await near('branches', 120_000), []);
    });

    test('within: points, polygons and every polygon of a multi-polygon inside the outline', async () => {
      assert.deepEqual(await names(`{ location: { within: { polygon: ${gql(square(0, 0, 6, 6))} } } }`), ['A', 'B']);
      assert.deepEqual(await names(`{ area: { within: { polygon: ${gql(square(-1, -1, 5, 5))} } } }`), ['A']);
      assert.deepEqual(await names(`{ branches: { within: { polygon: ${gql(square(-1, -1, 5, 5))} } } }`), []);
      assert.deepEqual(await names(`{ branches: { within: { polygon: ${gql(square(-1, -1, 22, 22))} } } }`), ['A']);
    });

    test('contains: a point in any ring (holes too, as Dgraph), a polygon inside an outline', async () => {
      assert.deepEqual(await names(`{ area: { contains: { point: { longitude: 3.5, latitude: 3.5 } } } }`), ['A', 'B']);
      // Inside C's hole: Dgraph's polygonContainsCoord looks at every ring, the hole's too.
      assert.deepEqual(await names(`{ area: { contains: { point: { longitude: 50, latitude: 50 } } } }`), ['C']);
      assert.deepEqual(await names(`{ area: { contains: { polygon: ${gql(square(1, 1, 2, 2))} } } }`), ['A']);
      assert.deepEqual(await names(`{ branches: { contains: { point: { longitude: 20.5, latitude: 20.5 } } } }`), ['A']);
    });

    test('intersects: a polygon or a multi-polygon meeting the value', async () => {
      assert.deepEqual(await names(`{ area: { intersects: { polygon: ${gql(square(3.5, 3.5, 3.6, 3.6))} } } }`), ['A', 'B']);
      assert.deepEqual(await names(`{ area: { intersects: { multiPolygon: { polygons: [${gql(square(0, 0, 2, 2))}, ${gql(square(49, 49, 51, 51))}] } } } }`), ['A', 'C']);
      assert.deepEqual(await names(`{ branches: { intersects: { polygon: ${gql(square(20.5, 20.5, 30, 30))} } } }`), ['A']);
    });

    test('with not, or and has, pages and counts, all in SQL', async () => {
      const inSquare = `{ location: { within: { polygon: ${gql(square(0, 0, 6, 6))} } } }`;
      // not: D has no location, so it passes (Dgraph's two-valued filters).
      assert.deepEqual(await names(`{ not: ${inSquare} }`), ['C', 'D']);
      assert.deepEqual(await names(`{ or: [${inSquare}, { name: { eq: "C" } }] }`), ['A', 'B', 'C']);
      assert.deepEqual(await names(`{ has: [area], not: ${inSquare} }`), ['C']);
      assert.deepEqual(await names(inSquare, ', first: 1, offset: 1'), ['B']);
      const { body } = await served.graphql(`{ aggregateHotel(filter: ${inSquare}) { count nameMax } }`);
      assert.deepEqual(body.data, { aggregateHotel: { count: 2, nameMax: 'B' } });
    });

    test('an @auth rule that filters by place', async () => {
      await served.graphql(`mutation { addResort(input: [{name: "in", location: {longitude: 5, latitude: 5}}, {name: "out", location: {longitude: 15, latitude: 5}}]) { numUids } }`,
        { 'X-Auth': await token('ADMIN') });
      const seen = async (role: string) => {
        const { body } = await served.graphql('{ queryResort(order: {asc: name}) { name } }', { 'X-Auth': await token(role) });
        return body.data.queryResort.map((r: { name: string }) => r.name);
      };
      assert.deepEqual(await seen('ADMIN'), ['in', 'out']);
      assert.deepEqual(await seen('GUEST'), ['in']);
    });

    test('Dgraph\'s refusals of bad geometries (types/geofilter.go, types/s2.go, types/s2index.go)', async () => {
      const error = async (filter: string) => {
        const { body } = await served.graphql(`{ queryHotel(filter: ${filter}) { name } }`);
        return body.errors?.[0]?.message as string;
      };
      assert.match(await error('{ location: { near: { distance: -1, coordinate: { latitude: 1, longitude: 1 } } } }'), /Distance cannot be negative/);
      assert.match(await error('{ location: { near: { distance: 0, coordinate: { latitude: 1, longitude: 1 } } } }'), /Invalid max distance specified for a near query/);
      const open = '{ coordinates: [{ points: [{longitude: 0, latitude: 0}, {longitude: 1, latitude: 0}, {longitude: 1, latitude: 1}] }] }';
      assert.match(await error(`{ location: { within: { polygon: ${open} } } }`), /Last coord not same as first/);
      const short = '{ coordinates: [{ points: [{longitude: 0, latitude: 0}, {longitude: 1, latitude: 0}, {longitude: 0, latitude: 0}] }] }';
      assert.match(await error(`{ location: { within: { polygon: ${short} } } }`), /Can't convert ring with less than 4 pts/);
    });
  });
}

function token(role: string): Promise<string> {
  return new SignJWT({ 'https://ns': { ROLE: role } }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

/** A value as a GraphQL literal (object keys unquoted). */
function gql(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(gql).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${gql(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}
