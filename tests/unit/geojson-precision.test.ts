import { describe, expect, it } from "vitest";
import { polygonLikeAsGeoJson, roundLikeAsGeoJson } from "@/lib/geo/geojson-precision";
import { seededRandom, testSeed } from "../support/random";

const SEED = testSeed();
const random = seededRandom(SEED);
/** The reference: toFixed rounds the exact binary value to 9 decimals, as PostGIS's printer does. */
const reference = (v: number) => (Math.abs(v) <= 1e-12 ? 0 : Number(v.toFixed(9)));

describe(`rounding like ST_AsGeoJSON (seed ${SEED})`, () => {
  it("equals toFixed(9) on random longitudes and latitudes", () => {
    for (let i = 0; i < 200_000; i++) {
      const v = (random() * 2 - 1) * (i % 2 ? 180 : 90);
      expect(roundLikeAsGeoJson(v)).toBe(reference(v));
    }
  });

  it("equals toFixed(9) next to the halfway points, where value · 10⁹ is inexact", () => {
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const k = Math.floor((random() * 2 - 1) * 180e9);
      const half = (k + 0.5) / 1e9;
      // The doubles around the halfway point: a few ulps either way.
      let below = half;
      let above = half;
      for (let step = 0; step < 4; step++) {
        below = nextDown(below);
        above = nextUp(above);
        for (const v of [below, half, above]) {
          expect(roundLikeAsGeoJson(v), `${v}`).toBe(reference(v));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200_000);
  });

  it("prints tiny magnitudes as 0 and keeps exact values", () => {
    expect(roundLikeAsGeoJson(1e-13)).toBe(0);
    expect(roundLikeAsGeoJson(-4e-10)).toBe(-0);
    expect(roundLikeAsGeoJson(-87.88)).toBe(-87.88);
    expect(polygonLikeAsGeoJson({ type: "Polygon", coordinates: [[[-87.1234567894, 41.0000000006]]] })).toEqual({
      type: "Polygon",
      coordinates: [[[-87.123456789, 41.000000001]]],
    });
  });
});

function nextUp(x: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x >= 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}
function nextDown(x: number): number {
  return -nextUp(-x);
}
