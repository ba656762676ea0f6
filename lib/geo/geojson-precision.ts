/**
 * GeoJSON coordinates at the precision PostGIS's ST_AsGeoJSON prints by
 * default (9 decimal places, trailing zeros dropped: about 0.1 mm). Geometries
 * decoded from (E)WKB carry full doubles; rounding them here makes them equal,
 * number for number, to what ST_AsGeoJSON(…)::json used to hand the API.
 * PostGIS rounds the exact binary value correctly (ryu's fixed notation), and
 * so does Number.prototype.toFixed, so both give the same decimal string and
 * hence the same double once parsed.
 */
import type { LngLat, PolygonGeometry } from "./ewkb";

export const ST_ASGEOJSON_DECIMALS = 9;

/** ST_AsGeoJSON treats magnitudes up to 1e-12 as zero (FP_TOLERANCE); toFixed would print "-0" or "0". */
const ZERO_TOLERANCE = 1e-12;

const SCALE = 10 ** ST_ASGEOJSON_DECIMALS;

/**
 * `value` rounded to 9 decimals, the way ST_AsGeoJSON prints it. Fast path:
 * round(value · 10⁹) / 10⁹. The division is exact-rounded by IEEE 754, so it
 * is the double nearest to the decimal k·10⁻⁹, i.e. what parsing the printed
 * text gives. Only the product value · 10⁹ is inexact (by at most an ulp, ~10⁻⁵
 * for a longitude), which can pick the wrong k only when the exact product is
 * that close to a half; those rare values take toFixed, which rounds the exact
 * binary value as PostGIS does.
 */
export function roundLikeAsGeoJson(value: number): number {
  if (Math.abs(value) <= ZERO_TOLERANCE) return 0;
  const scaled = value * SCALE;
  if (Math.abs(scaled) < 2 ** 52) {
    const fraction = Math.abs(scaled - Math.trunc(scaled));
    if (Math.abs(fraction - 0.5) > 1e-3) return Math.round(scaled) / SCALE;
  }
  return Number(value.toFixed(ST_ASGEOJSON_DECIMALS));
}

export function polygonLikeAsGeoJson(polygon: PolygonGeometry): PolygonGeometry {
  return {
    type: "Polygon",
    coordinates: polygon.coordinates.map((ring) => ring.map(([x, y]): LngLat => [roundLikeAsGeoJson(x), roundLikeAsGeoJson(y)])),
  };
}
