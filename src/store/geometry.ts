/**
 * Geometry values (Dgraph's `Point`, `Polygon`, `MultiPolygon`) as authline
 * stores them: their GraphQL shape, only its fields, so that reading one
 * back answers exactly what was written. Read from the API's inputs
 * (`{longitude, latitude}`, `{coordinates: [{points: [...]}]}`,
 * `{polygons: [...]}`) or from GeoJSON, the form Dgraph exports them in
 * (`{"type": "Point", "coordinates": [lon, lat]}`, as JSON or as the text of
 * an RDF `geo:geojson` literal). Anything else is null: the caller refuses it.
 */
import type { GeoName } from '../model/types.js';

export interface Point { readonly longitude: number; readonly latitude: number }
export interface PointList { readonly points: readonly Point[] }
export interface Polygon { readonly coordinates: readonly PointList[] }
export interface MultiPolygon { readonly polygons: readonly Polygon[] }
export type Geometry = Point | Polygon | MultiPolygon;

type Reader<T> = (value: unknown) => T | null;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Every item read, or null when one cannot be. */
function listOf<T>(value: unknown, read: Reader<T>): T[] | null {
  if (!Array.isArray(value)) return null;
  const items = value.map(read);
  return items.every((item): item is T => item !== null) ? items : null;
}

const point: Reader<Point> = (value) => {
  if (isObject(value)) return isNumber(value.longitude) && isNumber(value.latitude) ? { longitude: value.longitude, latitude: value.latitude } : null;
  // A GeoJSON position: [longitude, latitude].
  return Array.isArray(value) && value.length >= 2 && isNumber(value[0]) && isNumber(value[1]) ? { longitude: value[0], latitude: value[1] } : null;
};

const ring: Reader<PointList> = (value) => {
  const points = listOf(isObject(value) ? value.points : value, point);
  return points ? { points } : null;
};

const polygon: Reader<Polygon> = (value) => {
  const coordinates = listOf(isObject(value) ? value.coordinates : null, ring);
  return coordinates ? { coordinates } : null;
};

const multiPolygon: Reader<MultiPolygon> = (value) => {
  if (!isObject(value)) return null;
  // GeoJSON: coordinates is a list of polygons, each a list of rings.
  const polygons = value.type === 'MultiPolygon' ? listOf(value.coordinates, (p) => polygon({ coordinates: p })) : listOf(value.polygons, polygon);
  return polygons ? { polygons } : null;
};

const READERS: { readonly [K in GeoName]: Reader<Geometry> } = {
  Point: (value) => point(isObject(value) && value.type === 'Point' ? value.coordinates : value),
  Polygon: polygon,
  MultiPolygon: multiPolygon,
};

/** The stored form of a geometry of type `name`, or null when `value` is not one. */
export function readGeometry(name: GeoName, value: unknown): Geometry | null {
  return READERS[name](typeof value === 'string' ? parseJson(value) : value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
