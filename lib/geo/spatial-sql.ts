/**
 * Named spatial SQL fragments on drizzle's `sql`. Every column involved is
 * geography(…, 4326), so distances are metres on the WGS 84 spheroid and the
 * GiST indexes apply: keep the column bare on the left of ST_DWithin (a cast
 * on the column would hide it from the index).
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { LineStringGeometry } from "@/db/ewkb";
import { arcRadiusM, ecefOf } from "./ecef";

/** A constant geography point. */
export function geographyPointSql(lng: number, lat: number): SQL {
  return sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)::geography`;
}

/** A constant geography line from GeoJSON (validated by the caller). */
export function geographyLineSql(line: LineStringGeometry): SQL {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(line)}::text), 4326)::geography`;
}

/** ST_DWithin on geography: true when the two are within `meters` (spheroid), index-assisted. */
export function withinMeters(column: SQLWrapper, other: SQLWrapper, meters: number): SQL {
  return sql`ST_DWithin(${column}, ${other}, ${meters}::float8)`;
}

/** Spheroid distance in metres. */
export function distanceMeters(column: SQLWrapper, other: SQLWrapper): SQL<number> {
  return sql<number>`ST_Distance(${column}, ${other})`;
}

/**
 * The geodesic distance in metres from stored ECEF coordinates (`x`, `y`, `z` columns, e.g. registrations'
 * location_ecef_*, migration 0018) to a point, worked out from the straight line between them
 * (lib/geo/ecef.ts: within ~1 µm of the spheroid ST_Distance up to ARC_FROM_CHORD_MAX_M, nanometres at 500 m).
 * Additions, products, a square root and an arcsine per row instead of a geodesic inverse: the point's own ECEF
 * coordinates and the arc's radius at its latitude are worked out here, once. The chord appears once in the
 * expression (PostgreSQL evaluates a repeated subexpression again), and each difference is squared by
 * multiplying (`^` is dpow, a libm pow call: in PGlite's WebAssembly dearer than a second subtraction).
 */
export function distanceFromEcefMeters(columns: { x: SQLWrapper; y: SQLWrapper; z: SQLWrapper }, point: { lng: number; lat: number }): SQL<number> {
  const at = ecefOf(point.lng, point.lat);
  const radiusM = arcRadiusM(point.lat);
  const squared = (column: SQLWrapper, value: number) => sql`(${column} - ${value}::float8) * (${column} - ${value}::float8)`;
  const chord = sql`sqrt(${squared(columns.x, at.x)} + ${squared(columns.y, at.y)} + ${squared(columns.z, at.z)})`;
  // arcFromChord (lib/geo/ecef.ts) in SQL.
  return sql<number>`${2 * radiusM}::float8 * asin(${chord} * ${1 / (2 * radiusM)}::float8)`;
}

/**
 * A constant geography that carries its bounding box, for the left or right of `&&` against a GiST index:
 * PostGIS's index search works out the query's box at every index entry it tests, and a point geography stores
 * none (a geodetic box from the point each time: ~0.1 ms for one probe of the 2.2M cones' index). `_ST_Expand`
 * by 0 m stores the point's own box (the one worked out per entry), so the probe reads it instead.
 */
export function withStoredBoxSql(geography: SQLWrapper): SQL {
  return sql`_ST_Expand(${geography}, 0::float8)`;
}

/** True when two geographies share any point (e.g. a view cone and a street or the incident point). */
export function intersects(a: SQLWrapper, b: SQLWrapper): SQL<boolean> {
  return sql<boolean>`ST_Intersects(${a}, ${b})`;
}

/** Sites inside a lng/lat box (the map's viewport); && on geography uses the GiST index. */
export function insideBox(column: SQLWrapper, box: { west: number; south: number; east: number; north: number }): SQL {
  return sql`${column} && ST_MakeEnvelope(${box.west}::float8, ${box.south}::float8, ${box.east}::float8, ${box.north}::float8, 4326)::geography`;
}
