/**
 * PostGIS column types for drizzle (which has no geography type).
 * Everything is geography in SRID 4326 so distances are metres and the GiST
 * index is used directly; a `::geography` cast in a WHERE would skip it.
 */
import { customType } from "drizzle-orm/pg-core";
import {
  parseEwkbHex,
  toEwkt,
  type LineStringGeometry,
  type PointGeometry,
  type PolygonGeometry,
} from "./ewkb";

function geographyType<T extends PointGeometry | LineStringGeometry | PolygonGeometry>(pgType: string) {
  return customType<{ data: T; driverData: string }>({
    dataType: () => pgType,
    toDriver: (value) => toEwkt(value),
    fromDriver: (value) => parseEwkbHex(value) as T,
  });
}

export const geographyPoint = geographyType<PointGeometry>("geography(Point,4326)");
export const geographyLineString = geographyType<LineStringGeometry>("geography(LineString,4326)");
export const geographyPolygon = geographyType<PolygonGeometry>("geography(Polygon,4326)");

export const point = (lng: number, lat: number): PointGeometry => ({ type: "Point", coordinates: [lng, lat] });

/** WGS 84, the ellipsoid of SRID 4326 that PostGIS measures geography on. */
export const WGS84_A = 6378137;
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared, f (2 − f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);

/**
 * One axis of a `location` geography's point in Earth-centred, Earth-fixed metres on WGS 84 (height 0), as SQL:
 * the stored generated columns registrations.location_ecef_x/y/z (migration 0018). lib/geo/ecef.ts's `ecefOf` is
 * the same formula in JS. Immutable, as a stored generated column must be.
 */
export function ecefColumnSql(axis: "x" | "y" | "z"): string {
  const lat = "radians(ST_Y(location::geometry))";
  const lng = "radians(ST_X(location::geometry))";
  const n = `${WGS84_A} / sqrt(1 - ${WGS84_E2} * sin(${lat}) ^ 2)`;
  if (axis === "x") return `${n} * cos(${lat}) * cos(${lng})`;
  if (axis === "y") return `${n} * cos(${lat}) * sin(${lng})`;
  return `${n} * ${1 - WGS84_E2} * sin(${lat})`;
}
