/**
 * The geometry filters (`near`, `within`, `contains`, `intersects`) as SQL,
 * with Dgraph's meaning (types/geofilter.go, GeoQueryData.MatchesFilter):
 *
 * - `within: {polygon}`: a Point inside the polygon's outline; a Polygon
 *   whose outline it contains; a MultiPolygon all of whose outlines it does;
 * - `contains: {point}`: a Polygon or MultiPolygon with the point inside one
 *   of its rings; `contains: {polygon}`: one whose outline (one of whose
 *   outlines) contains it; a Point contains nothing;
 * - `intersects: {polygon | multiPolygon}`: a Point inside one of the
 *   query's outlines, a shape whose outline meets one of them;
 * - `near: {coordinate, distance}`: a Point at most `distance` metres away
 *   (great-circle), a shape whose outline meets the circle, which Dgraph
 *   draws as a regular 100-gon (s2.RegularLoop) and so does this module.
 *
 * As in Dgraph, holes are left out of outlines, and a ring of fewer than 4
 * points or not closed is no loop (it matches nothing). Unlike Dgraph's S2
 * loops, whose edges are great-circle arcs, edges here are straight in
 * (longitude, latitude): the two agree except for shapes that span many
 * degrees or cross the antimeridian (docs/api.md).
 *
 * Every condition starts with a test of bounding boxes that the field's GiST
 * index (indexes.ts) answers; the exact test runs on what it leaves. A list
 * field (`[Point]`, `[Polygon]`) matches when one of its geometries does;
 * its index holds the box of them all (see GeoTest.someOf).
 */
import type { FieldDef } from '../../model/types.js';
import type { Value } from '../../plan/types.js';
import { ValueError } from '../errors.js';
import { readGeometry, type MultiPolygon, type Point, type Polygon } from '../geometry.js';
import { param, sql, type Sql } from './fragment.js';
import { rawValue } from './values.js';

/** Dgraph's Earth radius in metres (types/earth.go: EarthRadiusMeters; search-functions.ts uses the same). */
const EARTH_RADIUS_METRES = 6_371_000;

/** The vertices of Dgraph's near circle (types/geofilter.go: s2.RegularLoop(point, angle, 100)). */
const CIRCLE_VERTICES = 100;

export type GeoRelation = 'near' | 'within' | 'contains' | 'intersects';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A box in (longitude, latitude) as the `box` type reads it. */
interface Box { readonly west: number; readonly south: number; readonly east: number; readonly north: number }

const boxParam = (b: Box): Sql => sql`${param(`(${b.west},${b.south}),(${b.east},${b.north})`, 'box')}`;
const pointText = (p: Point): string => `(${p.longitude},${p.latitude})`;
const polygonText = (points: readonly Point[]): string => `(${points.map(pointText).join(',')})`;

function boxOf(points: readonly Point[]): Box {
  const xs = points.map((p) => p.longitude);
  const ys = points.map((p) => p.latitude);
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) };
}

/**
 * The outline of a polygon of a request, checked as Dgraph checks it
 * (types/s2.go convertToGeom, types/s2index.go loopFromPolygon), with its texts.
 */
function outline(polygon: Polygon): readonly Point[] {
  const ring = polygon.coordinates[0]?.points;
  if (!ring || ring.length === 0) throw new ValueError('Got empty polygon.');
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  if (first.longitude !== last.longitude || first.latitude !== last.latitude) throw new ValueError('Last coord not same as first');
  if (ring.length < 4) throw new ValueError("Can't convert ring with less than 4 pts");
  return ring;
}

function read<T>(name: 'Point' | 'Polygon' | 'MultiPolygon', value: unknown, what: string): T {
  const geometry = readGeometry(name, value);
  if (!geometry) throw new ValueError(`${what} is not a valid ${name}: ${JSON.stringify(value)}`);
  return geometry as T;
}

/**
 * The 100-gon Dgraph searches near `center` with: vertices `distance`
 * metres away (great-circle) at even bearings, and its bounding box, widened
 * to every longitude when the circle reaches a pole or the antimeridian.
 */
function circle(center: Point, distance: number): { points: Point[]; box: Box } {
  const angle = distance / EARTH_RADIUS_METRES;
  const [lat, lon] = [center.latitude * Math.PI / 180, center.longitude * Math.PI / 180];
  const points: Point[] = [];
  for (let k = 0; k <= CIRCLE_VERTICES; k += 1) {
    const bearing = (2 * Math.PI * (k % CIRCLE_VERTICES)) / CIRCLE_VERTICES;
    const vertexLat = Math.asin(Math.sin(lat) * Math.cos(angle) + Math.cos(lat) * Math.sin(angle) * Math.cos(bearing));
    const vertexLon = lon + Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(lat), Math.cos(angle) - Math.sin(lat) * Math.sin(vertexLat));
    points.push({ longitude: vertexLon * 180 / Math.PI, latitude: vertexLat * 180 / Math.PI });
  }
  const degrees = angle * 180 / Math.PI;
  const [south, north] = [center.latitude - degrees, center.latitude + degrees];
  // How far east and west the circle reaches, when it does not reach a pole.
  const spread = Math.sin(angle) < Math.cos(lat) ? Math.asin(Math.sin(angle) / Math.cos(lat)) * 180 / Math.PI : Infinity;
  const [west, east] = [center.longitude - spread, center.longitude + spread];
  const everyLongitude = south <= -90 || north >= 90 || west < -180 || east > 180 || angle >= Math.PI;
  return {
    points,
    box: everyLongitude
      ? { west: -Infinity, south: Math.max(south, -90), east: Infinity, north: Math.min(north, 90) }
      : { west, south, east, north },
  };
}

/** How a geometry's bounding box must meet the query's box for the geometry to pass. */
type BoxRelation = 'overlaps' | 'inside' | 'holds';

const BOX_OPERATORS: { readonly [R in BoxRelation]: Sql } = { overlaps: sql`&&`, inside: sql`<@`, holds: sql`@>` };

/** A relation's test of one geometry: a bounding-box prefilter, then the exact test. */
interface Relation {
  readonly box: Box;
  readonly boxRelation: BoxRelation;
  readonly exact: (g: Sql) => Sql;
}

/** The test `relation` sets for the operand of a request. */
const RELATIONS: { readonly [R in GeoRelation]: (operand: unknown) => Relation } = {
  near: (operand) => {
    if (!isObject(operand)) throw new ValueError(`near needs {coordinate, distance}, got: ${JSON.stringify(operand)}`);
    const center = read<Point>('Point', operand.coordinate, 'near coordinate');
    const distance = operand.distance;
    if (typeof distance !== 'number' || !Number.isFinite(distance)) throw new ValueError(`near distance must be a number, got: ${JSON.stringify(distance)}`);
    // types/geofilter.go's texts, in its order.
    if (distance < 0) throw new ValueError('Distance cannot be negative');
    if (distance === 0) throw new ValueError('Invalid max distance specified for a near query');
    const around = circle(center, distance);
    return {
      box: around.box,
      boxRelation: 'overlaps',
      exact: (g) => sql`authline.geo_distance(authline.geo_point(${g}), ${param(pointText(center), 'point')}) <= ${param(distance, 'float8')}
        OR authline.geo_overlap(authline.geo_outlines(${g}), ARRAY[${param(polygonText(around.points), 'polygon')}])`,
    };
  },
  within: (operand) => {
    const ring = outline(read<Polygon>('Polygon', isObject(operand) ? operand.polygon : undefined, 'within polygon'));
    const area = param(polygonText(ring), 'polygon');
    return {
      box: boxOf(ring),
      boxRelation: 'inside',
      exact: (g) => sql`authline.geo_point(${g}) <@ ${area} OR ${area} @> ALL(authline.geo_outlines(${g}))`,
    };
  },
  contains: (operand) => {
    const given = isObject(operand) ? operand : {};
    // As Dgraph's rewriter: a polygon when one is given, else the point.
    if (given.polygon != null) {
      const ring = outline(read<Polygon>('Polygon', given.polygon, 'contains polygon'));
      return { box: boxOf(ring), boxRelation: 'holds', exact: (g) => sql`${param(polygonText(ring), 'polygon')} <@ ANY(authline.geo_outlines(${g}))` };
    }
    if (given.point == null) throw new ValueError('contains needs a point or a polygon');
    const point = read<Point>('Point', given.point, 'contains point');
    return { box: boxOf([point]), boxRelation: 'holds', exact: (g) => sql`${param(pointText(point), 'point')} <@ ANY(authline.geo_rings(${g}))` };
  },
  intersects: (operand) => {
    const given = isObject(operand) ? operand : {};
    // As Dgraph's rewriter: a polygon when one is given, else the multi-polygon.
    const polygons = given.polygon != null
      ? [read<Polygon>('Polygon', given.polygon, 'intersects polygon')]
      : given.multiPolygon != null ? read<MultiPolygon>('MultiPolygon', given.multiPolygon, 'intersects multiPolygon').polygons : [];
    if (polygons.length === 0) throw new ValueError('intersects needs a polygon or a multiPolygon');
    const rings = polygons.map(outline);
    const areas = param(rings.map(polygonText), 'polygon[]');
    return {
      box: boxOf(rings.flat()),
      boxRelation: 'overlaps',
      exact: (g) => sql`authline.geo_point(${g}) <@ ANY(${areas}) OR authline.geo_overlap(authline.geo_outlines(${g}), ${areas})`,
    };
  },
};

/** A geometry filter as SQL, on one geometry or on a list of them. */
export interface GeoTest {
  /** The condition on one geometry (jsonb): the bounding-box prefilter the field's index serves, then the exact test. */
  readonly one: (g: Sql) => Sql;
  /**
   * A prefilter on the bounding box of a list of geometries (jsonb) that
   * holds when one of them passes, for the field's index: the list matches
   * when one of its geometries does (`one`).
   */
  readonly someOf: (list: Sql) => Sql;
}

export function geoTest(relation: GeoRelation, operand: Value): GeoTest {
  const { box, boxRelation, exact } = RELATIONS[relation](operand);
  const boxSql = boxParam(box);
  return {
    one: (g) => sql`(authline.geo_box(${g}) ${BOX_OPERATORS[boxRelation]} ${boxSql} AND (${exact(g)}))`,
    // A list's box holds each geometry's: inside the query's box, one geometry's box leaves the list's only overlapping it.
    someOf: (list) => sql`authline.geo_box(${list}) ${BOX_OPERATORS[boxRelation === 'inside' ? 'overlaps' : boxRelation]} ${boxSql}`,
  };
}

/** The index the geometry filters of `field` use: a GiST index on its bounding box (of all its geometries, for a list). */
export function geoIndex(field: FieldDef): Sql {
  return sql`gist ((authline.geo_box(${rawValue(null, field)})))`;
}
