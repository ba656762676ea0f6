import { describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import type { LngLat } from "@/db/ewkb";
import { snapRouteToStreets } from "@/lib/investigation/route-snap";

const ORIGIN: LngLat = [-87.878, 41.8674];
const offset = ([lng, lat]: LngLat, e: number, n: number): LngLat => [lng + e / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + n / 110_540];
const metres = (a: LngLat, b: LngLat) => turf.distance(a, b, { units: "meters" });

/** Streets every 100 m both ways over 400 × 400 m; `cutShortM` stops each block's line that far from both crossings. */
function grid(cutShortM = 0): LngLat[][] {
  const lines: LngLat[][] = [];
  for (let i = 0; i <= 4; i++)
    for (let j = 0; j < 4; j++) {
      lines.push([offset(ORIGIN, i * 100, j * 100 + cutShortM), offset(ORIGIN, i * 100, (j + 1) * 100 - cutShortM)]);
      lines.push([offset(ORIGIN, j * 100 + cutShortM, i * 100), offset(ORIGIN, (j + 1) * 100 - cutShortM, i * 100)]);
    }
  return lines;
}

describe("snapping a route to the streets", () => {
  it("goes round the block along the streets: the length is the walk along the grid, not the diagonal", () => {
    // Clicked 10 m inside blocks, diagonally apart: the street way is 50 + 200 + 150 m (Manhattan), the diagonal shorter.
    const from = offset(ORIGIN, 50, 10);
    const to = offset(ORIGIN, 250, 190);
    const snapped = snapRouteToStreets(grid(), [from, to]);
    expect(snapped.legs).toEqual([{ from: 0, viaStreets: true, lengthM: expect.any(Number), startsAt: 0, endsAt: snapped.coordinates.length - 1 }]);
    // Snapped onto the street 10 m away at each end: (50,0) and (250,200).
    expect(metres(snapped.coordinates[0], offset(ORIGIN, 50, 0))).toBeLessThan(0.5);
    expect(metres(snapped.coordinates.at(-1)!, offset(ORIGIN, 250, 200))).toBeLessThan(0.5);
    expect(snapped.lengthM).toBeGreaterThan(398);
    expect(snapped.lengthM).toBeLessThan(402);
    // Every turn is at a crossing of the grid (a multiple of 100 m both ways from the origin).
    for (const p of snapped.coordinates.slice(1, -1)) {
      const e = metres(ORIGIN, [p[0], ORIGIN[1]]);
      const n = metres(ORIGIN, [ORIGIN[0], p[1]]);
      expect(Math.min(e % 100, 100 - (e % 100), n % 100, 100 - (n % 100))).toBeLessThan(0.5);
    }
  });

  it("joins streets a source stopped short of the crossing", () => {
    const from = offset(ORIGIN, 50, 10);
    const to = offset(ORIGIN, 250, 190);
    const cut = snapRouteToStreets(grid(15), [from, to]);
    expect(cut.legs[0].viaStreets).toBe(true);
    // The joins cut each corner (15 m each way becomes a 21 m diagonal), still far longer than the 269 m diagonal.
    expect(cut.lengthM).toBeGreaterThan(340);
    expect(cut.lengthM).toBeLessThan(410);
    // With the gaps wider than the join distance, nothing connects: the straight segment, and why.
    const apart = snapRouteToStreets(grid(40), [from, to]);
    expect(apart.legs).toEqual([{ from: 0, viaStreets: false, reason: "not_connected", lengthM: expect.any(Number), startsAt: 0, endsAt: 1 }]);
    expect(apart.coordinates).toHaveLength(2);
  });

  it("keeps clicks far from streets and long detours straight", () => {
    const field = offset(ORIGIN, 900, 900);
    const snapped = snapRouteToStreets(grid(), [offset(ORIGIN, 50, 5), field]);
    expect(snapped.legs[0]).toMatchObject({ viaStreets: false, reason: "no_street_near" });
    expect(snapped.coordinates.at(-1)).toEqual(field);
    // A street leg after a straight one starts on the straight leg's end.
    const mixed = snapRouteToStreets(grid(), [field, offset(ORIGIN, 50, 5), offset(ORIGIN, 250, 195)]);
    expect(mixed.legs.map((l) => [l.viaStreets, l.startsAt])).toEqual([
      [false, 0],
      [true, 1],
    ]);
    expect(mixed.coordinates[mixed.legs[0].endsAt]).toEqual(mixed.coordinates[mixed.legs[1].startsAt]);
    expect(mixed.legs[1].endsAt).toBe(mixed.coordinates.length - 1);
    // Two dead ends 20 m apart across a creek, joined only 1 km upstream.
    const west = [offset(ORIGIN, 0, 0), offset(ORIGIN, 0, 1000), offset(ORIGIN, 30, 1000)];
    const east = [offset(ORIGIN, 60, 0), offset(ORIGIN, 60, 1000), offset(ORIGIN, 30, 1000)];
    const detour = snapRouteToStreets([west, east], [offset(ORIGIN, -5, 10), offset(ORIGIN, 65, 10)]);
    expect(detour.legs[0]).toMatchObject({ viaStreets: false, reason: "detour" });
    // Without streets at all every leg is straight.
    expect(snapRouteToStreets([], [ORIGIN, offset(ORIGIN, 100, 0)]).legs[0]).toMatchObject({ viaStreets: false, reason: "no_street_near" });
  });

  it("follows a single street between two clicks on it and keeps a later leg's start where the last one ended", () => {
    const a = offset(ORIGIN, 20, 3);
    const b = offset(ORIGIN, 80, -3);
    const c = offset(ORIGIN, 100, 60);
    const snapped = snapRouteToStreets(grid(), [a, b, c]);
    expect(snapped.legs.map((l) => l.viaStreets)).toEqual([true, true]);
    expect(snapped.legs[0].lengthM).toBeCloseTo(60, 0);
    expect(snapped.legs[1].lengthM).toBeCloseTo(20 + 60, 0);
    // The legs cover the line end to end, each starting where the last one ended.
    expect(snapped.legs[0].startsAt).toBe(0);
    expect(snapped.legs[1].startsAt).toBe(snapped.legs[0].endsAt);
    expect(snapped.legs[1].endsAt).toBe(snapped.coordinates.length - 1);
    // No repeated vertex where the legs meet.
    for (let i = 1; i < snapped.coordinates.length; i++) expect(snapped.coordinates[i]).not.toEqual(snapped.coordinates[i - 1]);
  });
});
