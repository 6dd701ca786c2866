/**
 * Geometry values as the store keeps them: the API's shape, from the API's
 * inputs or from GeoJSON (Dgraph's export form); anything else refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGeometry } from '../../src/store/geometry.js';
import { toStored } from '../../src/store/scalars.js';

const ring = [[0, 0], [1, 0], [1, 1], [0, 0]];
const ringPoints = { points: ring.map(([longitude, latitude]) => ({ longitude, latitude })) };

test('API inputs keep their shape and only their fields', () => {
  assert.deepEqual(readGeometry('Point', { longitude: 1.5, latitude: -2, extra: true }), { longitude: 1.5, latitude: -2 });
  assert.deepEqual(readGeometry('Polygon', { coordinates: [ringPoints] }), { coordinates: [ringPoints] });
  assert.deepEqual(readGeometry('MultiPolygon', { polygons: [{ coordinates: [ringPoints] }] }), { polygons: [{ coordinates: [ringPoints] }] });
});

test('GeoJSON, as Dgraph exports geometries, reads as the same values', () => {
  assert.deepEqual(readGeometry('Point', { type: 'Point', coordinates: [1.5, -2] }), { longitude: 1.5, latitude: -2 });
  assert.deepEqual(readGeometry('Point', '{"type":"Point","coordinates":[1.5,-2]}'), { longitude: 1.5, latitude: -2 });
  assert.deepEqual(readGeometry('Polygon', { type: 'Polygon', coordinates: [ring] }), { coordinates: [ringPoints] });
  assert.deepEqual(readGeometry('MultiPolygon', { type: 'MultiPolygon', coordinates: [[ring]] }), { polygons: [{ coordinates: [ringPoints] }] });
});

test('anything else is refused with the predicate named', () => {
  for (const value of [{ longitude: 1 }, { longitude: '1', latitude: 2 }, [1], 'near here', null, { latitude: 1, longitude: Infinity }]) {
    assert.equal(readGeometry('Point', value), null);
  }
  assert.equal(readGeometry('Polygon', { coordinates: [{ points: [{ longitude: 1 }] }] }), null);
  assert.throws(() => toStored('Point', { longitude: 1 }, 'Hotel.location'), {
    message: 'Input for predicate "Hotel.location" of type Point is not valid: {"longitude":1}',
  });
});
