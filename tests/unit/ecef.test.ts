/**
 * lib/geo/ecef.ts: ECEF coordinates on WGS 84 and the geodesic worked out from the chord, held against
 * GeographicLib's geodesic inverse (Karney, what PostGIS's spheroid ST_Distance runs) at random pairs of points
 * anywhere on Earth, poles and antimeridian included, up to ARC_FROM_CHORD_MAX_M apart.
 */
import { describe, expect, it } from "vitest";
import type { LngLat } from "@/db/ewkb";
import { ARC_FROM_CHORD_MAX_M, arcFromChord, arcRadiusM, ecefOf, WGS84_A, WGS84_F } from "@/lib/geo/ecef";
import { destination, geodesicM } from "../support/geodesy";
import { seededRandom, testSeed } from "../support/random";

const SEED = testSeed();
const random = seededRandom(SEED);

function arcM(a: LngLat, b: LngLat): number {
  const p = ecefOf(a[0], a[1]);
  const q = ecefOf(b[0], b[1]);
  return arcFromChord(Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2 + (p.z - q.z) ** 2), arcRadiusM(a[1]));
}

describe(`ECEF and the arc from the chord (seed ${SEED})`, () => {
  it("places the equator, the poles and the axes where WGS 84 has them", () => {
    const b = WGS84_A * (1 - WGS84_F);
    const close = (p: { x: number; y: number; z: number }, x: number, y: number, z: number) => {
      expect(Math.abs(p.x - x)).toBeLessThan(1e-6);
      expect(Math.abs(p.y - y)).toBeLessThan(1e-6);
      expect(Math.abs(p.z - z)).toBeLessThan(1e-6);
    };
    close(ecefOf(0, 0), WGS84_A, 0, 0);
    close(ecefOf(90, 0), 0, WGS84_A, 0);
    close(ecefOf(180, 0), -WGS84_A, 0, 0);
    close(ecefOf(0, 90), 0, 0, b);
    close(ecefOf(123, -90), 0, 0, -b);
  });

  it("gives the geodesic to within a micrometre up to ARC_FROM_CHORD_MAX_M, nanometres at 500 m", () => {
    let worst500 = 0;
    let worstMax = 0;
    for (let i = 0; i < 20_000; i++) {
      // Latitudes spread over the sphere's area and crowded near the poles and the equator's extremes.
      const lat = i % 10 === 0 ? (random() < 0.5 ? -1 : 1) * (89 + random()) : (Math.asin(2 * random() - 1) * 180) / Math.PI;
      const lng = i % 7 === 0 ? 180 - random() * 1e-3 : random() * 360 - 180;
      const a: LngLat = [lng, lat];
      const limit = i % 2 === 0 ? 500 : ARC_FROM_CHORD_MAX_M;
      const b = destination(a, random() * 360, random() * limit);
      const error = Math.abs(arcM(a, b) - geodesicM(a, b));
      if (limit === 500) worst500 = Math.max(worst500, error);
      else worstMax = Math.max(worstMax, error);
    }
    expect(worst500).toBeLessThan(2e-8);
    expect(worstMax).toBeLessThan(1e-6);
  });

  it("is 0 at the point itself and the same either way round", () => {
    const a: LngLat = [-87.88, 41.85];
    expect(arcM(a, a)).toBe(0);
    const b = destination(a, 33, 499.5);
    expect(Math.abs(arcM(a, b) - arcM(b, a))).toBeLessThan(1e-8);
  });
});
