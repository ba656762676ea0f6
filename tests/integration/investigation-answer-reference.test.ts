/**
 * findSites builds its answer from flat rows, parses the cones' GeoJSON in
 * Node, tests cones on planar geometry and works out footage once per retention
 * value (see find-sites.ts). This checks that the answer is the same, field for
 * field, as the straightforward statement it
 * replaced: per-site json_agg of cameras with ST_AsGeoJSON(view_cone), geography
 * ST_Intersects for the point and the streets, the route stretch intersected for
 * every cone, and footage status computed per site. Dense random sites with
 * cameras of every kind (no bearing, fov 360, ranges up to the 500 m cap, own
 * camera points), random streets through them, point and route searches.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { LngLat } from "@/db/ewkb";
import { findSites, searchTargetSql, sitesInAreaCondition } from "@/lib/investigation/find-sites";
import { footageStatus } from "@/lib/investigation/footage-status";
import type { SearchArea } from "@/lib/investigation/search-area";
import { answeredViewCone } from "@/lib/investigation/view-cone";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistrations, createStreet, type CameraSpec } from "../support/factories";
import { seededRandom, testSeed } from "../support/random";

const SEED = testSeed();
const random = seededRandom(SEED);
const TZ = "America/Chicago";
const ORIGIN: LngLat = [-87.9, 41.84];
/** About 1.2 × 1.1 km. */
const SPAN: LngLat = [0.015, 0.01];
const randomPoint = (): LngLat => [ORIGIN[0] + random() * SPAN[0], ORIGIN[1] + random() * SPAN[1]];
let t: TestDatabase;

function randomCamera(): CameraSpec {
  const r = random();
  if (r < 0.12) return { bearingDeg: null, recordsStreet: random() < 0.5 };
  const fovDeg = r < 0.17 ? 360 : [60, 90, 110, 160][Math.floor(random() * 4)];
  const rangeM = r < 0.2 ? 100 + random() * 400 : 6 + random() * 40;
  const at: LngLat | undefined = random() < 0.2 ? [randomPoint()[0], randomPoint()[1]] : undefined;
  return { bearingDeg: Math.floor(random() * 360), fovDeg, rangeM, recordsStreet: random() < 0.3, ...(at ? { at } : {}) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const retention = [null, 3, 7, 14, 30, 60, 90];
  await createRegistrations(
    t.db,
    Array.from({ length: 1500 }, () => {
      const location = randomPoint();
      const cameras = Array.from({ length: 1 + Math.floor(random() * 4) }, randomCamera);
      return {
        location,
        cameras: random() < 0.03 ? [] : cameras,
        retentionDays: retention[Math.floor(random() * retention.length)],
        recordsStreetTraffic: random() < 0.2,
        createdAt: new Date(Date.UTC(2026, 0, 1) + random() * 300 * 86_400_000),
      };
    }),
  );
  for (let i = 0; i < 40; i++) {
    const a = randomPoint();
    await createStreet(t.db, { coordinates: [a, [a[0] + (random() - 0.5) * 0.004, a[1] + (random() - 0.5) * 0.003]], name: `REF ${i}` });
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

interface ReferenceCamera {
  id: string;
  viewCone: { coordinates: number[][][] } | null;
  coneOrigin: [number, number] | null;
  coneCrossesStreet: boolean;
  seesPoint: boolean;
  seenRoute?: unknown;
  seenRouteM?: number;
}

/** The replaced statement's camera answers, by site id (cameras in their stored order). */
async function referenceCameras(area: SearchArea): Promise<Map<string, { distanceM: number; cameras: ReferenceCamera[] }>> {
  const target = searchTargetSql(area);
  const route =
    area.kind === "route"
      ? sql`, 'seenRoute', case when seen.g is null or ST_IsEmpty(seen.g) then null else ST_AsGeoJSON(seen.g)::json end,
            'seenRouteM', coalesce(ST_Length(seen.g::geography), 0)`
      : sql``;
  const seenJoin =
    area.kind === "route"
      ? sql`left join lateral (select ST_CollectionExtract(ST_Intersection(c.view_cone::geometry, ${target}::geometry), 2) as g) seen on true`
      : sql``;
  const result = await t.db.execute(sql`
    select r.id, ST_Distance(r.location, ${target}) as distance_m,
      coalesce((select json_agg(json_build_object(
          'id', c.id, 'viewCone', ST_AsGeoJSON(c.view_cone, 6)::json,
          'coneOrigin', case when c.view_cone is null then null
            else json_build_array(ST_X(coalesce(c.location, r.location)::geometry), ST_Y(coalesce(c.location, r.location)::geometry)) end,
          'coneCrossesStreet', c.view_cone is not null and exists (select 1 from street_centerlines s where ST_Intersects(s.geom, c.view_cone)),
          'seesPoint', c.view_cone is not null and ST_Intersects(c.view_cone, ${target}) ${route}) order by c.created_at, c.id)
        from cameras c ${seenJoin} where c.registration_id = r.id), '[]'::json) as cameras
    from registrations r where ${sitesInAreaCondition(area)}`);
  const rows = result.rows as { id: string; distance_m: number; cameras: ReferenceCamera[] | string }[];
  return new Map(
    rows.map((r) => [r.id, { distanceM: Number(r.distance_m), cameras: typeof r.cameras === "string" ? JSON.parse(r.cameras) : r.cameras }]),
  );
}

async function compare(area: SearchArea, at: Date, now: Date) {
  const sites = await findSites(t.db, { area, at, timeZone: TZ, now, cones: true });
  const reference = await referenceCameras(area);
  expect(sites.map((s) => s.registrationId).sort()).toEqual([...reference.keys()].sort());
  const counts = { cameras: 0, sees: 0, crosses: 0, cones: 0 };
  for (const site of sites) {
    const ref = reference.get(site.registrationId)!;
    // Point searches measure from the stored ECEF coordinates since migration 0018 (the geodesic from the chord,
    // lib/geo/ecef.ts: nanometres from ST_Distance at these radii; site-distance.test.ts holds it everywhere), route
    // searches with ST_Distance itself.
    if (area.kind === "point") expect(Math.abs(site.distanceM - ref.distanceM), `site ${site.registrationId}`).toBeLessThan(1e-7);
    else expect(site.distanceM).toBe(ref.distanceM);
    expect(site.footage).toEqual(footageStatus(at, site.retentionDays, TZ, now));
    expect(site.cameras.map((c) => c.id)).toEqual(ref.cameras.map((c) => c.id));
    site.cameras.forEach((camera, i) => {
      const r = ref.cameras[i];
      // The cone exactly as ST_AsGeoJSON printed it to 6 decimals (the answer's precision since migration 0015),
      // once through JSON.
      expect(JSON.parse(JSON.stringify(camera.viewCone))).toEqual(r.viewCone);
      // What the map draws without polygons: the cone built from the answer's apex and parameters is the stored
      // one, vertex for vertex, within the stored text's rounding (half of 1e-6 degree, and the binary noise of that decimal).
      expect(camera.coneOrigin).toEqual(r.coneOrigin);
      const drawn = answeredViewCone({ ...camera, viewCone: undefined });
      if (r.viewCone === null) expect(drawn).toBeNull();
      else {
        const ring = drawn!.coordinates[0];
        expect(ring.length).toBe(r.viewCone.coordinates[0].length);
        r.viewCone.coordinates[0].forEach(([lng, lat], k) => {
          expect(Math.abs(ring[k][0] - lng)).toBeLessThanOrEqual(5.1e-7);
          expect(Math.abs(ring[k][1] - lat)).toBeLessThanOrEqual(5.1e-7);
        });
      }
      expect(camera.coneCrossesStreet).toBe(r.coneCrossesStreet);
      if (area.kind === "point") {
        expect(camera.seesPoint).toBe(r.seesPoint);
      } else {
        const expected = r.seenRoute && Number(r.seenRouteM) > 0 ? { geometry: r.seenRoute, lengthM: Number(r.seenRouteM) } : null;
        expect(JSON.parse(JSON.stringify(camera.seesRoute))).toEqual(expected);
        expect(camera.seesPoint).toBe(expected !== null);
      }
      counts.cameras++;
      if (camera.seesPoint) counts.sees++;
      if (camera.coneCrossesStreet) counts.crosses++;
      if (camera.viewCone) counts.cones++;
    });
  }
  return counts;
}

describe(`the answer equals the reference statement's (seed ${SEED}, ${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  const at = new Date("2026-11-01T12:00:00-05:00");
  const now = new Date("2026-11-20T12:00:00-06:00");

  it("point searches: cones, sees-the-point, street crossing, footage", async () => {
    const total = { cameras: 0, sees: 0, crosses: 0, cones: 0 };
    for (let i = 0; i < 30; i++) {
      const [lng, lat] = randomPoint();
      const counts = await compare({ kind: "point", lng, lat, radiusM: 50 + random() * 300 }, at, now);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += counts[k];
    }
    // The comparison covered every kind of answer.
    expect(total.cameras).toBeGreaterThan(1000);
    expect(total.cones).toBeGreaterThan(800);
    expect(total.sees).toBeGreaterThan(20);
    expect(total.crosses).toBeGreaterThan(50);
  }, 120_000);

  it("route searches: the stretch of the route each cone sees", async () => {
    let seen = 0;
    for (let i = 0; i < 15; i++) {
      const route = { type: "LineString" as const, coordinates: [randomPoint(), randomPoint(), randomPoint()] };
      seen += (await compare({ kind: "route", route, widthM: 20 + random() * 100 }, at, now)).sees;
    }
    expect(seen).toBeGreaterThan(20);
  }, 120_000);
});
