import { describe, expect, it } from "vitest";
import { effectiveParity, interpolateOnSegment, sidesHolding, type RangedSegment } from "@/lib/geocode/interpolate";

// Independent of turf: a local flat-earth frame, exact enough over 200 m.
const LNG0 = -87.88;
const LAT0 = 41.85;
const M_PER_DEG_LAT = 111_320;
const mPerDegLng = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180);
const at = (eastM: number, northM: number): [number, number] => [LNG0 + eastM / mPerDegLng, LAT0 + northM / M_PER_DEG_LAT];
const metresBetween = (a: { lng: number; lat: number }, b: [number, number]) =>
  Math.hypot((a.lng - b[0]) * mPerDegLng, (a.lat - b[1]) * M_PER_DEG_LAT);

// A westward block: numbers 10300..10399 over 200 m; walking west, north (even) is on the right.
const westward: RangedSegment = {
  coordinates: [at(0, 0), at(-200, 0)],
  fromAddrL: 10301, toAddrL: 10399, parityL: "O",
  fromAddrR: 10300, toAddrR: 10398, parityR: "E",
};

describe("address-range interpolation", () => {
  it("picks the side by parity, and none when parity or range exclude the number", () => {
    expect(sidesHolding(westward, 10350).map((s) => s.side)).toEqual(["R"]);
    expect(sidesHolding(westward, 10351).map((s) => s.side)).toEqual(["L"]);
    expect(sidesHolding(westward, 10400)).toEqual([]);
    expect(sidesHolding({ ...westward, parityL: "Z" }, 10351)).toEqual([]);
    expect(sidesHolding({ ...westward, parityL: "B" }, 10350).map((s) => s.side)).toEqual(["L", "R"]);
    expect(effectiveParity(null, 10300, 10398)).toBe("E");
    expect(effectiveParity(null, 10301, 10398)).toBe("B");
  });

  it.each([
    // number, expected east/north in metres: range ends land on the segment ends, 10 m to the side
    [10300, 0, 10],
    [10398, -200, 10],
    [10350, (-200 * 50) / 98, 10],
    [10301, 0, -10],
    [10399, -200, -10],
    [10351, (-200 * 50) / 98, -10],
  ])("places %i", (n, east, north) => {
    const [range] = sidesHolding(westward, n);
    const placed = interpolateOnSegment(westward.coordinates, range, n, 10);
    expect(metresBetween(placed, at(east, north))).toBeLessThan(0.3);
  });

  it("uses the digitized direction: the same block drawn eastward swaps left and right", () => {
    const eastward: RangedSegment = {
      coordinates: [at(-200, 0), at(0, 0)],
      fromAddrL: 10398, toAddrL: 10300, parityL: "E",
      fromAddrR: 10399, toAddrR: 10301, parityR: "O",
    };
    for (const [n, east, north] of [[10300, 0, 10], [10398, -200, 10], [10301, 0, -10], [10399, -200, -10], [10350, (-200 * 50) / 98, 10]]) {
      const [range] = sidesHolding(eastward, n);
      expect(range.side).toBe(n % 2 === 0 ? "L" : "R");
      expect(metresBetween(interpolateOnSegment(eastward.coordinates, range, n, 10), at(east, north))).toBeLessThan(0.3);
    }
  });

  it("offsets from the piece of a bent line the number falls on", () => {
    // 100 m south, then 100 m west: number 60 of 0..100 is 20 m along the second piece.
    const bent: [number, number][] = [at(0, 0), at(0, -100), at(-100, -100)];
    const placed = interpolateOnSegment(bent, { side: "L", from: 0, to: 100 }, 60, 8);
    // Walking west, left is south.
    expect(metresBetween(placed, at(-20, -108))).toBeLessThan(0.5);
  });
});
