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
