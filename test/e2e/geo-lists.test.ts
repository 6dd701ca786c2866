/**
 * The geometry filters on list fields (`[Point]`, `[Polygon!]`), over HTTP
 * on both backends: a node matches when one of its geometries does, and the
 * field's GiST index (on the box of all its geometries) serves the filter.
 *
 * Dgraph gives such a field the DQL type of one geometry, `geo`, not
 * `[geo]` (graphql/schema/schemagen.go: a geo type's typStr has no list
 * brackets), and a predicate that is not a list keeps one untagged value
 * (posting/list.go, fingerprintEdge): a Dgraph node holds one geometry
 * there, and a filter tests it. authline keeps every geometry of the list,
 * and matches a node when one of them passes; for a node of one geometry
 * the answers are Dgraph's (node B below: as a `Point` field's would be).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Backend as Database } from '../../src/store/backend/types.js';
import type { SqlStore } from '../../src/store/store.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';
import { explain, openExplained } from '../store/support/explain.js';
import { modelFromSdl } from '../store/support/model.js';
import { Plans, policy } from '../store/support/plans.js';

after(stopOwnCluster);

const SDL = `type Shop {
  id: ID!
  name: String! @search(by: [exact])
  spots: [Point] @search
  zones: [Polygon!] @search
}
`;

type LonLat = readonly [number, number];
const point = ([longitude, latitude]: LonLat) => ({ longitude, latitude });
/** An axis-aligned square polygon, closed as Dgraph requires. */
const square = (west: number, south: number, east: number, north: number) =>
  ({ coordinates: [{ points: ([[west, south], [east, south], [east, north], [west, north], [west, south]] as LonLat[]).map(point) }] });

// A: spots at (1, 1) and (50, 50), zones the squares 0..2 and 40..60
// B: one spot at (5, 5), one zone the square 3..8
// C: neither
const SHOPS = [
  { name: 'A', spots: [point([1, 1]), point([50, 50])], zones: [square(0, 0, 2, 2), square(40, 40, 60, 60)] },
  { name: 'B', spots: [point([5, 5])], zones: [square(3, 3, 8, 8)] },
  { name: 'C' },
];

const near = (lonLat: LonLat, distance: number) => `{ near: { distance: ${distance}, coordinate: { longitude: ${lonLat[0]}, latitude: ${lonLat[1]} } } }`;
const polygon = (w: number, s: number, e: number, n: number) =>
  `{ coordinates: [{ points: [${([[w, s], [e, s], [e, n], [w, n], [w, s]] as LonLat[]).map(([x, y]) => `{ longitude: ${x}, latitude: ${y} }`).join(', ')}] }] }`;

for (const backend of BACKENDS) {
  describe(`geometry filters on list fields (${backend})`, () => {
    let served: Served;
    const names = async (filter: string): Promise<string[]> => {
      const { body } = await served.graphql(`{ queryShop(filter: ${filter}, order: {asc: name}) { name } }`);
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return body.data.queryShop.map((s: { name: string }) => s.name);
    };
    before(async () => {
      served = await serve({ backend, sdl: SDL });
      const added = await served.graphql(`mutation ($shops: [AddShopInput!]!) { addShop(input: $shops) { numUids } }`, {}, { shops: SHOPS });
      assert.equal(added.body.data?.addShop.numUids, SHOPS.length, JSON.stringify(added.body));
    });
    after(() => served.close());

    test('near: a node matches when one of its points is near, whichever it is in the list', async () => {
      assert.deepEqual(await names(`{ spots: ${near([50, 50], 1000)} }`), ['A']);
      assert.deepEqual(await names(`{ spots: ${near([1, 1], 1000)} }`), ['A']);
      assert.deepEqual(await names(`{ spots: ${near([5, 5], 1000)} }`), ['B']);
      assert.deepEqual(await names(`{ spots: ${near([30, 30], 1000)} }`), []);
      // A zone's outline meets the circle.
      assert.deepEqual(await names(`{ zones: ${near([60.001, 50], 1000)} }`), ['A']);
    });

    test('within: one geometry inside is enough, though the list as a whole reaches beyond the polygon', async () => {
      assert.deepEqual(await names(`{ spots: { within: { polygon: ${polygon(0, 0, 10, 10)} } } }`), ['A', 'B']);
      assert.deepEqual(await names(`{ zones: { within: { polygon: ${polygon(0, 0, 10, 10)} } } }`), ['A', 'B']);
      assert.deepEqual(await names(`{ zones: { within: { polygon: ${polygon(2.5, 2.5, 10, 10)} } } }`), ['B']);
    });

    test('contains and intersects on a list of polygons', async () => {
      assert.deepEqual(await names(`{ zones: { contains: { point: { longitude: 50, latitude: 50 } } } }`), ['A']);
      assert.deepEqual(await names(`{ zones: { contains: { polygon: ${polygon(4, 4, 5, 5)} } } }`), ['B']);
      assert.deepEqual(await names(`{ zones: { intersects: { polygon: ${polygon(7, 7, 9, 9)} } } }`), ['B']);
      assert.deepEqual(await names(`{ zones: { intersects: { polygon: ${polygon(1, 1, 45, 45)} } } }`), ['A', 'B']);
    });

    test('combined with not and or: a node without the field fails the filter, and passes its negation', async () => {
      assert.deepEqual(await names(`{ not: { spots: ${near([50, 50], 1000)} } }`), ['B', 'C']);
      assert.deepEqual(await names(`{ or: [{ spots: ${near([50, 50], 1000)} }, { zones: { contains: { point: { longitude: 5, latitude: 5 } } } }] }`), ['A', 'B']);
    });
  });
}

describe('the index of a list of geometries, on PGlite with 3,000 shops', () => {
  const model = modelFromSdl(SDL);
  const p = new Plans(model);
  let db: Database;
  let store: SqlStore;

  before(async () => {
    ({ db, store } = await openExplained(model, SDL, Array.from({ length: 3000 }, (_, i) => ({
      'dgraph.type': 'Shop', 'Shop.name': `shop ${i}`,
      // As a Dgraph export writes geometries: GeoJSON.
      'Shop.spots': [{ type: 'Point', coordinates: [i % 60, Math.floor(i / 60)] }, { type: 'Point', coordinates: [-(i % 60), -Math.floor(i / 60)] }],
    }))));
  });
  after(() => store.close());

  test('a GiST index on the box of all the geometries of the list serves near and within', async () => {
    const [index] = await db.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'authline' AND strpos(indexdef, 'gist') > 0 AND strpos(indexdef, '''Shop.spots''') > 0`);
    assert.ok(index, 'a GiST index on Shop.spots');
    const filters = [
      p.geo('Shop.spots', 'near', { coordinate: { longitude: 10, latitude: 10 }, distance: 1000 }),
      p.geo('Shop.spots', 'within', { polygon: square(9.5, 9.5, 10.5, 10.5) }),
    ];
    for (const filter of filters) {
      const nodes = await explain(db, p.node('Shop', { filter, select: ['name'] }), policy({}));
      assert.ok(nodes.some((n) => n['Index Name'] === index.indexname), `uses ${String(index.indexname)}: ${nodes.map((n) => n['Node Type']).join(', ')}`);
      const shops = (await store.run(p.query('Shop', { filter, select: ['name'] }), policy({}))) as { name: string }[];
      assert.deepEqual(shops.map((s) => s.name), ['shop 610']);
    }
  });
});
