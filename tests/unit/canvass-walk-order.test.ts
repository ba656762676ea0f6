import { describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import type { LngLat } from "@/db/ewkb";
import { blockFaceFor } from "@/lib/canvass/block-face";
import { StreetGraph } from "@/lib/canvass/street-graph";
import { seededRandom as rng } from "../support/random";
import { bestOpenPath, distanceSortedOrder, pathLength, planWalk } from "@/lib/canvass/walk-order";

const ORIGIN: LngLat = [-87.878, 41.8674];
const offset = ([lng, lat]: LngLat, e: number, n: number): LngLat => [lng + e / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + n / 110_540];
const straight = (a: LngLat, b: LngLat) => turf.distance(a, b, { units: "meters" });

/** Straight-line length of visiting the stops in this order from the start, computed independently. */
function independentLength(start: LngLat, stops: LngLat[]) {
  let total = 0;
  let prev = start;
  for (const s of stops) {
    total += straight(prev, s);
    prev = s;
  }
  return total;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** A street grid 100 m apart, split at every intersection. */
function gridStreets(size: number, spacingM: number): LngLat[][] {
  const lines: LngLat[][] = [];
  for (let i = 0; i <= size; i++)
    for (let j = 0; j < size; j++) {
      lines.push([offset(ORIGIN, j * spacingM, i * spacingM), offset(ORIGIN, (j + 1) * spacingM, i * spacingM)]);
      lines.push([offset(ORIGIN, i * spacingM, j * spacingM), offset(ORIGIN, i * spacingM, (j + 1) * spacingM)]);
    }
  return lines;
}

describe("walk order", () => {
  it("is never longer than the distance-sorted order, straight line, 200 random sets", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = rng(seed);
      const n = 2 + Math.floor(random() * 30);
      const stops = Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        location: offset(ORIGIN, (random() - 0.5) * 800, (random() - 0.5) * 800),
        addressLine1: `${10000 + Math.floor(random() * 900)} W Test St`,
      }));
      const plan = planWalk(ORIGIN, stops);
      const byId = new Map(stops.map((s) => [s.id, s.location]));
      const ordered = plan.stops.map((s) => byId.get(s.id)!);
      const sorted = [...stops].sort((a, b) => straight(ORIGIN, a.location) - straight(ORIGIN, b.location)).map((s) => s.location);
      const walk = independentLength(ORIGIN, ordered);
      expect(new Set(plan.stops.map((s) => s.id)).size, `seed ${seed}`).toBe(n);
      expect(plan.stops.map((s) => s.walkOrder)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(walk, `seed ${seed}`).toBeLessThanOrEqual(independentLength(ORIGIN, sorted) + 1e-6);
      expect(Math.abs(walk - plan.totalM), `seed ${seed}`).toBeLessThan(1e-6);
    }
  });

  it("is never longer than the distance-sorted order along streets, 60 random sets", () => {
    const streets = gridStreets(6, 100);
    const graph = new StreetGraph(streets);
    for (let seed = 1; seed <= 60; seed++) {
      const random = rng(1000 + seed);
      const n = 2 + Math.floor(random() * 20);
      const points: LngLat[] = [ORIGIN, ...Array.from({ length: n }, () => offset(ORIGIN, random() * 600, random() * 600))];
      const matrix = graph.distanceMatrix(points);
      const { order, lengthM, distanceSortedM } = bestOpenPath(matrix, points);
      expect(lengthM).toBeLessThanOrEqual(distanceSortedM + 1e-6);
      expect(pathLength(matrix, distanceSortedOrder(points))).toBeCloseTo(distanceSortedM, 6);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it("finds the optimum on small sets (brute force over all orders)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(5000 + seed);
      const points: LngLat[] = [ORIGIN, ...Array.from({ length: 6 }, () => offset(ORIGIN, (random() - 0.5) * 500, (random() - 0.5) * 500))];
      const best = Math.min(...permutations([1, 2, 3, 4, 5, 6]).map((p) => independentLength(ORIGIN, p.map((i) => points[i]))));
      const plan = planWalk(ORIGIN, points.slice(1).map((location, i) => ({ id: String(i + 1), location, addressLine1: "1 A St" })));
      // 2-opt + Or-opt is a heuristic; on six stops it should be within 5% of optimal.
      expect(plan.totalM).toBeLessThanOrEqual(best * 1.05 + 1e-6);
    }
  });

  it("puts stops without a location last and groups consecutive stops by block face", () => {
    const plan = planWalk(ORIGIN, [
      { id: "far", location: offset(ORIGIN, 300, 0), addressLine1: "10100 W Roosevelt Rd" },
      { id: "none", location: null, addressLine1: "5 Nowhere Ct" },
      { id: "a", location: offset(ORIGIN, 20, -15), addressLine1: "10298 W Roosevelt Rd" },
      { id: "b", location: offset(ORIGIN, 40, -15), addressLine1: "10290 W Roosevelt Rd" },
    ]);
    expect(plan.stops.map((s) => s.id)).toEqual(["a", "b", "far", "none"]);
    expect(plan.stops[3].legM).toBeNull();
    expect(plan.stops[0].group).toBe(plan.stops[1].group);
    expect(plan.stops[0].blockFaceLabel).toBe("10200 block W Roosevelt Rd, even side");
    expect(plan.stops[2].group).toBe(plan.stops[1].group + 1);
  });
});

describe("street graph", () => {
  it("measures along the streets around a block, not across it", () => {
    // An L: east 200 m, then north 200 m. Stops near both far ends.
    const corner = offset(ORIGIN, 200, 0);
    const graph = new StreetGraph([[ORIGIN, corner], [corner, offset(ORIGIN, 200, 200)]]);
    const a = offset(ORIGIN, 0, -10); // 10 m south of the start of the L
    const b = offset(ORIGIN, 210, 200); // 10 m east of the end of the L
    const [[, d]] = graph.distanceMatrix([a, b]);
    const expected = 10 + straight(ORIGIN, corner) + straight(corner, offset(ORIGIN, 200, 200)) + 10;
    expect(d).toBeGreaterThan(straight(a, b) * 1.3);
    expect(Math.abs(d - expected) / expected).toBeLessThan(0.01);
  });

  it("falls back to the straight line without centerlines or across disconnected streets", () => {
    const a = offset(ORIGIN, 0, 0);
    const b = offset(ORIGIN, 100, 300);
    expect(new StreetGraph([]).distanceMatrix([a, b])[0][1]).toBeCloseTo(straight(a, b), 6);
    const disconnected = new StreetGraph([[offset(ORIGIN, -50, 0), offset(ORIGIN, 50, 0)], [offset(ORIGIN, 50, 300), offset(ORIGIN, 150, 300)]]);
    expect(disconnected.distanceMatrix([a, b])[0][1]).toBeCloseTo(straight(a, b), 6);
    expect(planWalk(a, [{ id: "x", location: b, addressLine1: "1 A St" }], []).distanceBasis).toBe("straight_line");
  });
});

describe("block face", () => {
  it.each([
    ["10300 W Roosevelt Rd", "W ROOSEVELT RD|10300|even", "10300 block W Roosevelt Rd, even side"],
    ["10301 W Roosevelt Rd", "W ROOSEVELT RD|10300|odd", "10300 block W Roosevelt Rd, odd side"],
    ["1112 S Mannheim Rd", "S MANNHEIM RD|1100|even", "1100 block S Mannheim Rd, even side"],
  ])("%s", (address, key, label) => {
    expect(blockFaceFor(address)).toMatchObject({ key, label });
  });
  it("keeps an address without a number as its own face", () => {
    expect(blockFaceFor("Westchester Park").hundredBlock).toBeNull();
  });
});
