/**
 * Earth-centred, Earth-fixed (ECEF) coordinates on the WGS 84 ellipsoid, and the geodesic distance between two
 * nearby points worked out from the straight line (chord) between them.
 *
 * Why: the radius search reports every found site's distance from the incident point. PostGIS's spheroid
 * ST_Distance solves the geodesic inverse problem per site (GeographicLib's geod_inverse, after building a tree
 * for each argument): ~1 µs per site, the largest part of the search's own time over its floor (issue 18). Each
 * registration stores its location's ECEF coordinates (migration 0018, worked out by PostgreSQL with the formula of
 * `ecefOf`), so the search needs only the chord c between the site and the point, a few additions, products and a
 * square root per site, and the arc from it:
 *
 *   s = c + c³ / (24 ρ²) + O(c⁵ / ρ⁴), worked out as the arc of a circle of radius ρ: s = 2ρ · asin(c / 2ρ)
 *
 * where 1/ρ is the curvature of the geodesic (the ellipsoid's normal curvature along it: cos²α/M + sin²α/N by
 * Euler's theorem, M and N the meridian and prime-vertical radii). `arcRadiusM` takes ρ² = M·N at the
 * search point's latitude. The circle's arc, 2ρ · asin(c / 2ρ) = c + c³ / (24 ρ²) + 3c⁵ / (640 ρ⁴) + …, has the
 * same first two terms and needs the chord once: in SQL, where nothing computed is reused within a row, the
 * form c · (1 + c² / 24ρ²) worked out the chord twice (issue 18: 21 operator calls per site against 15).
 * M and N differ by at most e² ≈ 0.67 %, so that choice is off by at most 0.67 % of the c³/(24ρ²) term: 0.9 nm at 500 m, 55 nm at 2 km (the default largest radius), 0.9 µm at 5 km
 * (ARC_FROM_CHORD_MAX_M); the c⁵ terms are ~1e-11 m there, and the double-precision arithmetic on coordinates of
 * ~6.4e6 m adds a few nanometres. So within ARC_FROM_CHORD_MAX_M the distance is the geodesic's to about a
 * micrometre (nanometres at the bench's 500 m), anywhere on Earth: ECEF has no poles or antimeridian to treat
 * apart. tests/integration/site-distance.test.ts holds it against ST_Distance at many points and latitudes.
 */

import { WGS84_A, WGS84_E2 } from "@/db/postgis";

export { WGS84_A, WGS84_E2, WGS84_F } from "@/db/postgis";

/** Up to this distance (metres) the arc from the chord is within ~1 µm of the geodesic; further, ST_Distance is used. */
export const ARC_FROM_CHORD_MAX_M = 5000;

export interface Ecef {
  x: number;
  y: number;
  z: number;
}

const RAD = Math.PI / 180;

/**
 * A point on the ellipsoid's surface (height 0) in ECEF metres. The same formula as the stored columns
 * registrations.location_ecef_x/y/z (migration 0018, db/postgis.ts's ecefColumnSql).
 */
export function ecefOf(lng: number, lat: number): Ecef {
  const phi = lat * RAD;
  const lambda = lng * RAD;
  const sinPhi = Math.sin(phi);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinPhi * sinPhi);
  return { x: n * Math.cos(phi) * Math.cos(lambda), y: n * Math.cos(phi) * Math.sin(lambda), z: n * (1 - WGS84_E2) * sinPhi };
}

/** √(M N) at `lat`, metres: the radius of the circle whose arc over the chord is the geodesic (see the file's comment). */
export function arcRadiusM(lat: number): number {
  const sinPhi = Math.sin(lat * RAD);
  const w2 = 1 - WGS84_E2 * sinPhi * sinPhi;
  const m = (WGS84_A * (1 - WGS84_E2)) / (w2 * Math.sqrt(w2));
  const n = WGS84_A / Math.sqrt(w2);
  return Math.sqrt(m * n);
}

/** The geodesic distance in metres between two points `chordM` apart in a straight line, near the latitude of `radiusM` (arcRadiusM). */
export function arcFromChord(chordM: number, radiusM: number): number {
  return 2 * radiusM * Math.asin(chordM / (2 * radiusM));
}
