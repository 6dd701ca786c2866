/**
 * Geometries (`Point`, `Polygon`, `MultiPolygon`, in Dgraph's geo-type
 * schemagen shape) and `@search(by: [ngram])` strings: their values are
 * stored and answered exactly as written (add, update, query, aliases inside
 * a geometry); a value that is not one is refused and changes nothing; their
 * filters run beside the field's other indexes.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import { json, run } from './support.js';

let service: AuthlineService;

before(async () => {
  service = await createService({ store: await openStore() });
  await service.uploadSchema(`type Hotel {
  id: ID!
  name: String! @search(by: [hash])
  blurb: String @search(by: [ngram, term])
  location: Point @search
  area: Polygon @search
  branches: MultiPolygon
}`);
});

after(() => service.close());

const square = (x: number) => ({
  coordinates: [{ points: [{ longitude: x, latitude: 0 }, { longitude: x + 1, latitude: 0 }, { longitude: x + 1, latitude: 1 }, { longitude: x, latitude: 0 }] }],
});
const HOTEL = 'name blurb location { longitude latitude } area { coordinates { points { longitude latitude } } } branches { polygons { coordinates { points { longitude latitude } } } }';

test('geometries and ngram strings are stored and read back as written', async () => {
  const written = {
    name: 'Seaside',
    blurb: 'rooms with a view',
    location: { longitude: 12.5, latitude: -41.25 },
    area: square(10),
    branches: { polygons: [square(1), square(2)] },
  };
  const added = await run(service, `mutation($h: AddHotelInput!) { addHotel(input: [$h]) { hotel { ${HOTEL} } } }`, { variables: { h: written } });
  assert.deepEqual(json(added), { data: { addHotel: { hotel: [written] } } });
  const read = await run(service, `{ queryHotel(filter: {name: {eq: "Seaside"}}) { ${HOTEL} } }`);
  assert.deepEqual(json(read), { data: { queryHotel: [written] } });
});

test('aliases inside a geometry answer under their alias', async () => {
  await run(service, 'mutation { addHotel(input: [{name: "Alias", location: {longitude: 1, latitude: 2}}]) { numUids } }');
  const read = await run(service, '{ queryHotel(filter: {name: {eq: "Alias"}}) { at: location { x: longitude y: latitude } } }');
  assert.deepEqual(json(read), { data: { queryHotel: [{ at: { x: 1, y: 2 } }] } });
});

test('update sets and removes a geometry; has finds the nodes that hold one', async () => {
  await run(service, 'mutation { addHotel(input: [{name: "Moved"}]) { numUids } }');
  const set = await run(service, 'mutation { updateHotel(input: {filter: {name: {eq: "Moved"}}, set: {location: {longitude: 3, latitude: 4}}}) { hotel { location { longitude latitude } } } }');
  assert.deepEqual(json(set), { data: { updateHotel: { hotel: [{ location: { longitude: 3, latitude: 4 } }] } } });
  const located = await run(service, '{ queryHotel(filter: {has: [location], name: {in: ["Moved", "Seaside"]}}, order: {asc: name}) { name } }');
  assert.deepEqual(json(located), { data: { queryHotel: [{ name: 'Moved' }, { name: 'Seaside' }] } });
  await run(service, 'mutation { updateHotel(input: {filter: {name: {eq: "Moved"}}, remove: {location: null}}) { numUids } }');
  const removed = await run(service, '{ queryHotel(filter: {name: {eq: "Moved"}}) { location { longitude } } }');
  assert.deepEqual(json(removed), { data: { queryHotel: [{ location: null }] } });
});

test('geo and ngram filters answer, beside the field\'s other index (test/e2e/geo-filters and ngram-filter have Dgraph\'s cases)', async () => {
  const near = await run(service, '{ queryHotel(filter: {location: {near: {distance: 10, coordinate: {longitude: 1, latitude: 2}}}}) { name } }');
  assert.deepEqual(json(near), { data: { queryHotel: [{ name: 'Alias' }] } });
  const ngram = await run(service, '{ queryHotel(filter: {blurb: {ngram: "rooms with a view"}}) { name } }');
  assert.deepEqual(json(ngram), { data: { queryHotel: [{ name: 'Seaside' }] } });
  const terms = await run(service, '{ queryHotel(filter: {blurb: {allofterms: "view rooms"}}) { name } }');
  assert.deepEqual(json(terms), { data: { queryHotel: [{ name: 'Seaside' }] } });
});
