/**
 * Named spatial SQL fragments on drizzle's `sql`. Every column involved is
 * geography(…, 4326), so distances are metres on the WGS 84 spheroid and the
 * GiST indexes apply: keep the column bare on the left of ST_DWithin (a cast
 * on the column would hide it from the index).
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { LineStringGeometry } from "@/db/ewkb";

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

/** True when two geographies share any point (e.g. a view cone and a street or the incident point). */
export function intersects(a: SQLWrapper, b: SQLWrapper): SQL<boolean> {
  return sql<boolean>`ST_Intersects(${a}, ${b})`;
}

/** Sites inside a lng/lat box (the map's viewport); && on geography uses the GiST index. */
export function insideBox(column: SQLWrapper, box: { west: number; south: number; east: number; north: number }): SQL {
  return sql`${column} && ST_MakeEnvelope(${box.west}::float8, ${box.south}::float8, ${box.east}::float8, ${box.north}::float8, 4326)::geography`;
}
