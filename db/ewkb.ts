/**
 * Minimal (E)WKB reader for the three geometry kinds Sightline stores:
 * Point, LineString and Polygon (2D, optional SRID). PostgreSQL hands PostGIS
 * values to the driver as hex EWKB; decoding here keeps the drizzle column
 * types honest without a GeoJSON round trip in every SELECT.
 */
export type LngLat = [number, number];
export type PointGeometry = { type: "Point"; coordinates: LngLat };
export type LineStringGeometry = { type: "LineString"; coordinates: LngLat[] };
export type PolygonGeometry = { type: "Polygon"; coordinates: LngLat[][] };
export type SimpleGeometry = PointGeometry | LineStringGeometry | PolygonGeometry;

const WKB_POINT = 1;
const WKB_LINESTRING = 2;
const WKB_POLYGON = 3;
const EWKB_SRID_FLAG = 0x20000000;
const EWKB_Z_FLAG = 0x80000000;
const EWKB_M_FLAG = 0x40000000;

export function parseEwkbHex(hex: string): SimpleGeometry {
  // Buffer.from stops at the first character that is not hex, so a short result means bad input
  // (checked this way rather than with a regular expression: search answers decode hundreds of cones).
  const bytes = Buffer.from(hex, "hex");
  if (hex.length < 10 || hex.length % 2 !== 0 || bytes.length * 2 !== hex.length) {
    throw new Error("not a hex EWKB value");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const littleEndian = view.getUint8(offset) === 1;
  offset += 1;
  const rawType = view.getUint32(offset, littleEndian);
  offset += 4;
  if (rawType & EWKB_Z_FLAG || rawType & EWKB_M_FLAG) throw new Error("3D/measured geometries are not supported");
  if (rawType & EWKB_SRID_FLAG) offset += 4; // SRID: always 4326 for geography here
  const type = rawType & 0xffff;

  const readPoint = (): LngLat => {
    const x = view.getFloat64(offset, littleEndian);
    const y = view.getFloat64(offset + 8, littleEndian);
    offset += 16;
    return [x, y];
  };
  const readRing = (): LngLat[] => {
    const n = view.getUint32(offset, littleEndian);
    offset += 4;
    const ring: LngLat[] = [];
    for (let i = 0; i < n; i++) ring.push(readPoint());
    return ring;
  };

  switch (type) {
    case WKB_POINT:
      return { type: "Point", coordinates: readPoint() };
    case WKB_LINESTRING:
      return { type: "LineString", coordinates: readRing() };
    case WKB_POLYGON: {
      const rings = view.getUint32(offset, littleEndian);
      offset += 4;
      const coordinates: LngLat[][] = [];
      for (let i = 0; i < rings; i++) coordinates.push(readRing());
      return { type: "Polygon", coordinates };
    }
    default:
      throw new Error(`unsupported WKB geometry type ${type}`);
  }
}

const fmt = (n: number) => {
  if (!Number.isFinite(n)) throw new Error("coordinate is not a finite number");
  return String(n);
};
const ring = (pts: LngLat[]) => pts.map(([x, y]) => `${fmt(x)} ${fmt(y)}`).join(",");

/** EWKT with SRID 4326, the form PostGIS accepts for a geography literal. */
export function toEwkt(geometry: SimpleGeometry): string {
  switch (geometry.type) {
    case "Point":
      return `SRID=4326;POINT(${ring([geometry.coordinates])})`;
    case "LineString":
      return `SRID=4326;LINESTRING(${ring(geometry.coordinates)})`;
    case "Polygon":
      return `SRID=4326;POLYGON(${geometry.coordinates.map((r) => `(${ring(r)})`).join(",")})`;
  }
}
