/**
 * Snapping a hand-drawn route of travel to the street centerlines
 * (POST /api/map/snap-route), on real streets: the TIGER/Line address-range
 * segments of downtown Prattville, Autauga County, AL (public domain; see
 * tests/support/fixtures/geocoding/README.md). That source stops every segment
 * 5–20 m short of the cross street and leaves out unaddressed pieces, so the
 * graph has to join loose ends, and some points really are not connected.
 * Expectations are checked with turf against the loaded lines themselves,
 * not with the graph that produced the answer.
 */
import * as turf from "@turf/turf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as snapRoute } from "@/app/api/map/snap-route/route";
import type { LngLat } from "@/db/ewkb";
import { readReferenceSegments } from "@/lib/geocode/accuracy/reference-accuracy";
import { JOIN_ENDS_WITHIN_M, MAX_SNAP_M } from "@/lib/investigation/route-snap";
import { setDbForTests } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff, createStreet } from "../support/factories";
import { destination } from "../support/geodesy";
import { noParams, request } from "../support/route-handlers";

const AUTAUGA = new URL("../support/fixtures/geocoding/autauga-al-tiger-ranges.csv.gz", import.meta.url).pathname;
const BOX = { west: -86.475, south: 32.455, east: -86.455, north: 32.475 };
const segments = readReferenceSegments(AUTAUGA).filter((s) => s.coordinates.every(([lng, lat]) => lng > BOX.west && lng < BOX.east && lat > BOX.south && lat < BOX.north));
const lines = segments.map((s) => turf.lineString(s.coordinates));

/** The middle of the fixture's segment on CSV line `n`, and its street name. */
function middleOf(csvLine: number): { at: LngLat; street: string } {
  const s = segments.find((x) => x.line === csvLine)!;
  const line = turf.lineString(s.coordinates);
  return { at: turf.along(line, turf.length(line, { units: "meters" }) / 2, { units: "meters" }).geometry.coordinates as LngLat, street: s.street };
}
const fromCenterlineM = (p: LngLat) => Math.min(...lines.map((l) => turf.pointToLineDistance(p, l, { units: "meters" })));

let t: TestDatabase;
let auth: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  auth = (await createStaff(t.db)).authorization;
  for (const s of segments) await createStreet(t.db, { coordinates: s.coordinates, name: s.street });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

type Answer = { route: { type: string; coordinates: LngLat[] }; legs: { from: number; viaStreets: boolean; reason?: string; lengthM: number }[]; lengthM: number };
async function snap(points: unknown, { signedIn = true } = {}) {
  return snapRoute(request("/api/map/snap-route", { authorization: signedIn ? auth : undefined, body: { points } }), noParams);
}

describe(`route snapping on real streets (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("loads a real street network", () => {
    expect(segments.length).toBeGreaterThan(250);
    expect(new Set(segments.map((s) => s.street)).size).toBeGreaterThan(50);
  });

  it("joins two clicks beside different streets along the centerlines, not through the blocks", async () => {
    const a = middleOf(7);
    const b = middleOf(1853);
    expect([a.street, b.street]).toEqual(["Northington St", "Newby St"]);
    // Clicked 15 m off each street, as a hand does.
    const clicks: LngLat[] = [destination(a.at, 90, 15), destination(b.at, 0, 15)];
    const res = await snap(clicks);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.route.type).toBe("LineString");
    expect(body.legs).toEqual([{ from: 0, viaStreets: true, lengthM: expect.any(Number), startsAt: 0, endsAt: body.route.coordinates.length - 1 }]);
    const route = body.route.coordinates;
    expect(route.length).toBeGreaterThan(5);
    // The ends are moved onto the street next to each click.
    expect(turf.distance(route[0], clicks[0], { units: "meters" })).toBeLessThanOrEqual(15.5);
    expect(turf.distance(route[route.length - 1], clicks[1], { units: "meters" })).toBeLessThanOrEqual(15.5);
    // Every vertex is on a loaded centerline, and every piece either runs along one (its middle is on it too)
    // or is a short join across a crossing the source cut short.
    for (const p of route) expect(fromCenterlineM(p)).toBeLessThan(0.5);
    for (let i = 1; i < route.length; i++) {
      const pieceM = turf.distance(route[i - 1], route[i], { units: "meters" });
      const middle = turf.midpoint(route[i - 1], route[i]).geometry.coordinates as LngLat;
      if (pieceM > JOIN_ENDS_WITHIN_M) expect(fromCenterlineM(middle), `piece ${i} (${Math.round(pieceM)} m)`).toBeLessThan(0.5);
    }
    // The length it reports is the line's own, and a street way is never shorter than the straight line.
    const drawnM = turf.length(turf.lineString(route), { units: "meters" });
    expect(body.lengthM).toBeCloseTo(drawnM, -1);
    expect(body.lengthM).toBeGreaterThan(turf.distance(route[0], route[route.length - 1], { units: "meters" }));
    // The straight line between the clicks would have crossed blocks, far from any street.
    const straight = turf.lineString(clicks);
    const straightM = turf.length(straight, { units: "meters" });
    const offStreetM = Array.from({ length: 21 }, (_, i) => fromCenterlineM(turf.along(straight, (straightM * i) / 20, { units: "meters" }).geometry.coordinates as LngLat));
    expect(Math.max(...offStreetM)).toBeGreaterThan(40);
  });

  it("keeps the straight segment, and says why, where the known streets do not connect or no street is near", async () => {
    const a = middleOf(7);
    const apart = middleOf(2671); // N Court St: no addressed segment joins it to Northington St in this data
    const res = await snap([a.at, apart.at]);
    const body = (await res.json()) as Answer;
    expect(body.legs).toEqual([{ from: 0, viaStreets: false, reason: "not_connected", lengthM: expect.any(Number), startsAt: 0, endsAt: 1 }]);
    expect(body.legs[0].lengthM).toBeCloseTo(turf.distance(body.route.coordinates[0], body.route.coordinates[1], { units: "meters" }), 0);

    // A click in a field 2 km from any loaded street stays where it was clicked; the leg before it still follows streets.
    const field = destination(middleOf(1853).at, 90, 2000);
    expect(fromCenterlineM(field)).toBeGreaterThan(MAX_SNAP_M);
    const mixed = (await (await snap([destination(a.at, 90, 15), destination(middleOf(1853).at, 0, 15), field])).json()) as Answer;
    expect(mixed.legs.map((l) => [l.from, l.viaStreets, l.reason ?? null])).toEqual([
      [0, true, null],
      [1, false, "no_street_near"],
    ]);
    expect(mixed.route.coordinates[mixed.route.coordinates.length - 1]).toEqual(field);
  });

  it("answers 422 with the field for bad points and 401 without credentials", async () => {
    // One point, a bad coordinate, 101 points, not a list, and two points 12 km apart (the graph would be a county's).
    const far = [[-86.46, 32.46], destination([-86.46, 32.46], 90, 12_000)];
    for (const points of [[[-86.46, 32.46]], [[-86.46, 32.46], [-200, 32.46]], Array.from({ length: 101 }, (_, i) => [-86.46 + i * 1e-4, 32.46]), "route", far]) {
      const res = await snap(points);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { code: string; errors: Record<string, string> };
      expect(body.code).toBe("validation");
      expect(Object.keys(body.errors).some((k) => k.startsWith("points"))).toBe(true);
    }
    expect((await snap([[-86.46, 32.46], [-86.461, 32.461]], { signedIn: false })).status).toBe(401);
  });
});
