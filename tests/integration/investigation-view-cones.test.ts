/**
 * Sees-the-point, faces-the-street and seen-route answers from PostGIS,
 * checked against geometry computed independently: camera-to-point distance
 * and bearing on the sphere (the model the cones are built in), and turf's
 * own polygon/line predicates. Cases within a few centimetres of a cone's
 * boundary are left out (the stored cone's arc is a polygon of chords).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import { eq } from "drizzle-orm";
import { cameras } from "@/db/schema";
import type { LngLat } from "@/db/ewkb";
import { findSites, type CameraResult } from "@/lib/investigation/find-sites";
import { refreshViewCones } from "@/lib/investigation/refresh-view-cones";
import { buildViewCone } from "@/lib/investigation/view-cone";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration, createRegistrations, createStreet } from "../support/factories";
import { angleBetweenDeg, destination, haversineM, sphereBearingDeg } from "../support/geodesy";
import { seededRandom, testSeed } from "../support/random";

const SEED = testSeed();
const random = seededRandom(SEED);
const TZ = "America/Chicago";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** Independent containment: within range and within half the field of view of the bearing. Null when too close to call. */
interface ConeSpec {
  bearingDeg: number;
  fovDeg: number;
  rangeM: number;
}

function expectedSees(camera: LngLat, spec: ConeSpec, p: LngLat): boolean | null {
  const d = haversineM(camera, p);
  const rangeM = spec.rangeM;
  const fovDeg = spec.fovDeg;
  // Near the arc the stored polygon is a chain of chords: arcs get as few edges as keep every chord within 0.1 m of
  // the true arc (at most 32 edges, 64 for a full circle, where a chord may sit further in). Points that close to
  // the range are not decided.
  const sagittaAtMostEdges = rangeM * (1 - Math.cos(((fovDeg >= 360 ? 360 / 64 : fovDeg / 32) * Math.PI) / 360));
  const radialBand = 0.05 + Math.max(0.1, sagittaAtMostEdges) + rangeM * 1e-4;
  if (Math.abs(d - rangeM) < radialBand) return null;
  if (d > rangeM) return false;
  if (fovDeg >= 360) return true;
  if (d < 0.05) return null;
  const off = angleBetweenDeg(sphereBearingDeg(camera, p), spec.bearingDeg) - fovDeg / 2;
  if (Math.abs(d * Math.sin((off * Math.PI) / 180)) < 0.05) return null;
  return off <= 0;
}

describe(`view cones vs independent geometry (seed ${SEED}, ${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("seesPoint matches range + bearing containment, bearings across 0/360 and fov 360 included", async () => {
    // Sites 600 m apart so each search sees exactly one site.
    const origin: LngLat = [-87.9, 41.84];
    const specs: { at: LngLat; camera: ConeSpec }[] = [];
    const fixed = [
      { bearingDeg: 350, fovDeg: 40, rangeM: 30 }, // spans north: 330..10
      { bearingDeg: 5, fovDeg: 60, rangeM: 25 }, // spans north: 335..35
      { bearingDeg: 0, fovDeg: 90, rangeM: 40 },
      { bearingDeg: 359.9, fovDeg: 10, rangeM: 50 },
      { bearingDeg: 180, fovDeg: 360, rangeM: 20 },
      { bearingDeg: 90, fovDeg: 1, rangeM: 60 },
      { bearingDeg: 270, fovDeg: 180, rangeM: 15 },
    ];
    for (let i = 0; i < 28; i++) {
      const camera = fixed[i] ?? { bearingDeg: random() * 360, fovDeg: 5 + random() * 355, rangeM: 5 + random() * 80 };
      specs.push({ at: destination(origin, 90, 600 * i), camera });
    }
    await createRegistrations(
      t.db,
      specs.map((s) => ({ location: s.at, recordsStreetTraffic: false, cameras: [{ ...s.camera, recordsStreet: false }] })),
    );
    let decided = 0;
    let seen = 0;
    for (const s of specs) {
      for (let k = 0; k < 25; k++) {
        // Probe points around the camera, denser near the cone, with some exactly along the bearing.
        const probeBearing = k < 5 ? s.camera.bearingDeg + (k - 2) * (s.camera.fovDeg / 5) : random() * 360;
        const p = destination(s.at, probeBearing, s.camera.rangeM * 1.4 * random());
        const expected = expectedSees(s.at, s.camera, p);
        if (expected === null) continue;
        const [site] = await findSites(t.db, { area: { kind: "point", lng: p[0], lat: p[1], radiusM: 200 }, at: new Date(), timeZone: TZ, cones: true });
        expect(site, "the site is within 200 m").toBeDefined();
        const cam = site.cameras[0];
        expect(cam.seesPoint, `camera ${JSON.stringify(s.camera)} point at ${haversineM(s.at, p).toFixed(2)} m bearing ${sphereBearingDeg(s.at, p).toFixed(2)}`).toBe(expected);
        expect(site.seesPoint).toBe(expected);
        // turf's planar point-in-polygon over the stored cone agrees as well.
        expect(turf.booleanPointInPolygon(p, turf.polygon(cam.viewCone!.coordinates))).toBe(expected);
        decided++;
        if (expected) seen++;
      }
    }
    expect(decided).toBeGreaterThan(500);
    expect(seen).toBeGreaterThan(100);
  }, 300_000);

  it("facesStreet: the cone crosses a street centerline (turf booleanIntersects), or the registrant said so", async () => {
    const origin: LngLat = [-87.9, 41.83];
    const cases: { at: LngLat; camera: ConeSpec & { recordsStreet: boolean }; street: LngLat[] }[] = [];
    for (let i = 0; i < 40; i++) {
      const at = destination(origin, 90, 700 * i);
      const camera = { bearingDeg: random() * 360, fovDeg: 10 + random() * 350, rangeM: 10 + random() * 60, recordsStreet: false };
      const a = destination(at, random() * 360, camera.rangeM * 2 * random());
      const street = [a, destination(a, random() * 360, 10 + random() * 80)];
      cases.push({ at, camera, street });
    }
    for (const c of cases) await createStreet(t.db, { coordinates: c.street });
    const ids = (await createRegistrations(
      t.db,
      cases.map((c) => ({ location: c.at, recordsStreetTraffic: false, cameras: [c.camera] })),
    )).map((site) => site.id);
    let decided = 0;
    let crossing = 0;
    for (const [i, c] of cases.entries()) {
      const cone = turf.polygon(buildViewCone({ lng: c.at[0], lat: c.at[1], ...c.camera })!.coordinates);
      const line = turf.lineString(c.street);
      const outline = turf.polygonToLine(cone) as GeoJSON.Feature<GeoJSON.LineString>;
      const gap = Math.min(
        ...turf.coordAll(cone).map((v) => turf.pointToLineDistance(v, line, { units: "meters" })),
        ...c.street.map((v) => turf.pointToLineDistance(v, outline, { units: "meters" })),
      );
      if (gap < 0.05) continue;
      const expected = turf.booleanIntersects(cone, line);
      const [site] = await findSites(t.db, { area: { kind: "point", lng: c.at[0], lat: c.at[1], radiusM: 5 }, at: new Date(), timeZone: TZ, cones: true });
      expect(site.registrationId).toBe(ids[i]);
      expect(site.cameras[0].coneCrossesStreet, `case ${i}`).toBe(expected);
      expect(site.cameras[0].facesStreet).toBe(expected);
      expect(site.facesStreet).toBe(expected);
      decided++;
      if (expected) crossing++;
    }
    expect(decided).toBeGreaterThan(30);
    expect(crossing).toBeGreaterThan(3);
    expect(decided - crossing).toBeGreaterThan(3);
  }, 300_000);

  it("a camera without a bearing is 'direction unknown': no cone, never sees the point, faces the street only if the registrant said so", async () => {
    const at: LngLat = [-87.7, 41.9];
    await createRegistration(t.db, {
      location: at,
      recordsStreetTraffic: false,
      cameras: [{ position: "rear", recordsStreet: true }, { position: "side", recordsStreet: false }],
    });
    const [site] = await findSites(t.db, { area: { kind: "point", lng: at[0], lat: at[1], radiusM: 10 }, at: new Date(), timeZone: TZ, cones: true });
    const byPosition = Object.fromEntries(site.cameras.map((c) => [c.position, c])) as Record<string, CameraResult>;
    expect(byPosition.rear).toMatchObject({ direction: "unknown", viewCone: null, seesPoint: false, facesStreet: true, coneCrossesStreet: false });
    expect(byPosition.side).toMatchObject({ direction: "unknown", viewCone: null, seesPoint: false, facesStreet: false });
    expect(site.seesPoint).toBe(false);
    expect(site.facesStreet).toBe(true);
    expect(site.cameraSummary).toContain("direction unknown");
  });

  it("a route search reports the stretch of the route each cone sees, with its length", async () => {
    const at: LngLat = [-87.6, 41.95];
    // Camera facing east, 90° wide, 40 m: a north-south route 20 m east crosses the cone.
    await createRegistration(t.db, { location: at, cameras: [{ bearingDeg: 90, fovDeg: 90, rangeM: 40 }, { position: "rear", bearingDeg: 270, fovDeg: 60, rangeM: 15 }] });
    const mid = destination(at, 90, 20);
    const route: LngLat[] = [destination(mid, 0, 200), destination(mid, 180, 200)];
    const [site] = await findSites(t.db, { area: { kind: "route", route: { type: "LineString", coordinates: route }, widthM: 60 }, at: new Date(), timeZone: TZ, cones: true });
    expect(site.distanceM).toBeCloseTo(haversineM(at, mid), 0);
    const front = site.cameras.find((c) => c.position === "front")!;
    const rear = site.cameras.find((c) => c.position === "rear")!;
    expect(front.seesPoint).toBe(true);
    expect(rear.seesPoint).toBe(false);
    expect(rear.seesRoute).toBeNull();
    // Independently: the part of the route inside turf's cone polygon.
    const cone = turf.polygon(front.viewCone!.coordinates);
    const pieces = turf.lineSplit(turf.lineString(route), cone).features;
    const insideM = pieces
      .filter((piece) => turf.booleanPointInPolygon(turf.along(piece, turf.length(piece) / 2), cone))
      .reduce((sum, piece) => sum + turf.length(piece, { units: "meters" }), 0);
    expect(insideM).toBeGreaterThan(30);
    expect(Math.abs(front.seesRoute!.lengthM - insideM) / insideM).toBeLessThan(0.01);
    expect(["LineString", "MultiLineString"]).toContain(front.seesRoute!.geometry.type);
    expect(site.seesPoint).toBe(true);
  });

  it("refreshViewCones rebuilds missing cones from the camera's own point or the site's", async () => {
    const site: LngLat = [-87.65, 41.97];
    const ownPoint = destination(site, 0, 12);
    const { id } = await createRegistration(t.db, {
      location: site,
      cameras: [
        { position: "front", bearingDeg: 45, fovDeg: 70, rangeM: 25, withoutCone: true },
        { position: "rear", bearingDeg: 200, fovDeg: 90, rangeM: 20, at: ownPoint, withoutCone: true },
        { position: "side", withoutCone: true },
      ],
    });
    const rows = await t.db.select().from(cameras).where(eq(cameras.registrationId, id));
    expect(rows.every((r) => r.viewCone === null)).toBe(true);
    const { updated } = await refreshViewCones(t.db, rows.map((r) => r.id));
    expect(updated).toBe(3);
    const after = Object.fromEntries((await t.db.select().from(cameras).where(eq(cameras.registrationId, id))).map((r) => [r.position, r]));
    const near = (a: number[][], b: number[][]) => a.every((p, i) => Math.abs(p[0] - b[i][0]) < 1e-9 && Math.abs(p[1] - b[i][1]) < 1e-9);
    expect(near(after.front.viewCone!.coordinates[0], buildViewCone({ lng: site[0], lat: site[1], bearingDeg: 45, fovDeg: 70, rangeM: 25 })!.coordinates[0])).toBe(true);
    expect(near(after.rear.viewCone!.coordinates[0], buildViewCone({ lng: ownPoint[0], lat: ownPoint[1], bearingDeg: 200, fovDeg: 90, rangeM: 20 })!.coordinates[0])).toBe(true);
    expect(after.side.viewCone).toBeNull();

    // onlyMissing touches just the cameras with a bearing and no cone.
    expect(await refreshViewCones(t.db, undefined, { onlyMissing: true })).toEqual({ updated: 0 });
    await t.db.update(cameras).set({ viewCone: null }).where(eq(cameras.id, after.front.id));
    expect(await refreshViewCones(t.db, undefined, { onlyMissing: true })).toEqual({ updated: 1 });
    const [refilled] = await t.db.select().from(cameras).where(eq(cameras.id, after.front.id));
    expect(refilled.viewCone?.type).toBe("Polygon");
  });
});
