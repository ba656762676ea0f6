/**
 * The radius search's distance to each site (find-sites.ts, siteDistanceSql): since migration 0018 the geodesic
 * worked out from the sites' stored ECEF coordinates (lib/geo/ecef.ts), not PostGIS's spheroid ST_Distance.
 * Held here against ST_Distance on the same database and against GeographicLib in JS, at sites spread over each
 * search's whole circle (the centre itself, centimetres from it, out to the radius) around centres from the equator
 * to within ~1 km of either pole and on both sides of the antimeridian, at the bench's 500 m, the default largest
 * radius (2 km) and ARC_FROM_CHORD_MAX_M; beyond that the search still answers ST_Distance itself. Also: the stored
 * columns follow the location on every write, and migration 0018 fills them for sites that already exist.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { LngLat } from "@/db/ewkb";
import { point } from "@/db/postgis";
import { registrations } from "@/db/schema";
import { ARC_FROM_CHORD_MAX_M, ecefOf } from "@/lib/geo/ecef";
import { findSitesQuery, searchTargetSql } from "@/lib/investigation/find-sites";
import type { SearchArea } from "@/lib/investigation/search-area";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration, createRegistrations } from "../support/factories";
import { destination, geodesicM } from "../support/geodesy";
import { seededRandom, testSeed } from "../support/random";

const SEED = testSeed();
const random = seededRandom(SEED);
const MIGRATION = path.resolve(__dirname, "../../drizzle/0018_location_coordinates.sql");

/** Where searches are made: the bench's county, the equator, mid and high latitudes both sides, the poles, the antimeridian. */
const CENTRES: LngLat[] = [
  [-87.88, 41.85],
  [0.0001, 0.0002],
  [13.4, 52.5],
  [-70.65, -33.45],
  [18.95, 69.65],
  [-68.7, 76.53],
  [139.7, 35.7],
  [179.9999, 64.8],
  [-179.9999, -45.1],
  [30, 89.99],
  [-120, -89.99],
];
const RADII_M = [500, 2000, ARC_FROM_CHORD_MAX_M];
/** Within a micrometre of the spheroid distance (the answer shows whole metres); ecef.ts's bound is ~0.9 µm at 5 km. */
const TOLERANCE_M = 1e-6;

let t: TestDatabase;
const searches: { area: SearchArea & { kind: "point" }; placed: { id: string; at: LngLat }[] }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [i, centre] of CENTRES.entries()) {
    for (const radiusM of RADII_M) {
      const at: LngLat[] = [centre, destination(centre, random() * 360, 0.01)];
      // Uniform over the disc, kept a centimetre inside the radius (the differential test covers the edge itself).
      for (let k = 0; k < 28; k++) at.push(destination(centre, random() * 360, Math.sqrt(random()) * (radiusM - 0.01)));
      at.push(destination(centre, random() * 360, radiusM - 0.01));
      const rows = await createRegistrations(t.db, at.map((location) => ({ location, addressLine1: `${i} ${radiusM} distance` })));
      searches.push({ area: { kind: "point", lng: centre[0], lat: centre[1], radiusM }, placed: rows.map((r, k) => ({ id: r.id, at: at[k] })) });
    }
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

interface Row {
  id: string;
  lng: number;
  lat: number;
  distance_m: number;
  st_distance_m: number;
  st_x: number;
  st_y: number;
}

/** The search's own rows, each beside what PostGIS says for the same site. */
async function searchWithReference(area: SearchArea): Promise<Map<string, Row>> {
  const result = await t.db.execute(sql`
    select f.id, f.lng, f.lat, f.distance_m, ST_Distance(r.location, ${searchTargetSql(area)}) as st_distance_m,
      ST_X(r.location::geometry) as st_x, ST_Y(r.location::geometry) as st_y
    from (${findSitesQuery(area)}) f join registrations r on r.id = f.id`);
  return new Map((result.rows as unknown as Row[]).map((r) => [r.id, r]));
}

describe(`the search's distance to each site (seed ${SEED}, ${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("is the spheroid ST_Distance to within a micrometre, from the equator to the poles and across the antimeridian", async () => {
    let compared = 0;
    for (const { area, placed } of searches) {
      const rows = await searchWithReference(area);
      for (const site of placed) {
        const row = rows.get(site.id);
        expect(row, `site at ${site.at} in ${area.radiusM} m of ${area.lng},${area.lat}`).toBeDefined();
        const distanceM = Number(row!.distance_m);
        const stDistanceM = Number(row!.st_distance_m);
        expect(Math.abs(distanceM - stDistanceM), `site at ${site.at}, ${stDistanceM} m from ${area.lng},${area.lat}: search says ${distanceM}`).toBeLessThan(TOLERANCE_M);
        // And the independent geodesic (GeographicLib in JS), which ST_Distance itself agrees with to nanometres.
        expect(Math.abs(distanceM - geodesicM([area.lng, area.lat], [Number(row!.lng), Number(row!.lat)]))).toBeLessThan(TOLERANCE_M);
        // The stored longitude and latitude are the location's own, not a rounding of them.
        expect(Number(row!.lng)).toBe(Number(row!.st_x));
        expect(Number(row!.lat)).toBe(Number(row!.st_y));
        compared++;
      }
    }
    expect(compared).toBe(CENTRES.length * RADII_M.length * 31);
  });

  it("is ST_Distance itself beyond ARC_FROM_CHORD_MAX_M", async () => {
    const [lng, lat] = CENTRES[0];
    const rows = await searchWithReference({ kind: "point", lng, lat, radiusM: ARC_FROM_CHORD_MAX_M + 1000 });
    expect(rows.size).toBeGreaterThan(60);
    for (const row of rows.values()) expect(Number(row.distance_m)).toBe(Number(row.st_distance_m));
  });

  it("ranks sites a few millimetres apart in distance as ST_Distance does", async () => {
    // Five sites 2 mm apart in distance, on different bearings, at 400 m from a new centre.
    const centre: LngLat = [-87.6, 41.7];
    const sites = await createRegistrations(
      t.db,
      [0, 1, 2, 3, 4].map((k) => ({ location: destination(centre, 70 * k, 400 + 0.002 * k), addressLine1: `${k} mm ranking` })),
    );
    const rows = await searchWithReference({ kind: "point", lng: centre[0], lat: centre[1], radiusM: 500 });
    const byOurs = [...rows.values()].sort((a, b) => Number(a.distance_m) - Number(b.distance_m)).map((r) => r.id);
    const bySt = [...rows.values()].sort((a, b) => Number(a.st_distance_m) - Number(b.st_distance_m)).map((r) => r.id);
    expect(byOurs).toEqual(bySt);
    expect(byOurs).toEqual(sites.map((s) => s.id));
  });
});

describe(`registrations' stored coordinates (migration 0018, ${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  const stored = async (id: string) =>
    (
      await t.db.execute(sql`select location_lng, location_lat, location_ecef_x, location_ecef_y, location_ecef_z,
        ST_X(location::geometry) as x, ST_Y(location::geometry) as y from registrations where id = ${id}`)
    ).rows[0] as Record<string, number | null>;
  const expectEcef = (row: Record<string, number | null>, at: LngLat) => {
    const e = ecefOf(at[0], at[1]);
    expect(Math.abs(Number(row.location_ecef_x) - e.x)).toBeLessThan(1e-6);
    expect(Math.abs(Number(row.location_ecef_y) - e.y)).toBeLessThan(1e-6);
    expect(Math.abs(Number(row.location_ecef_z) - e.z)).toBeLessThan(1e-6);
  };

  it("follow the location when it moves, and are null without one", async () => {
    const first: LngLat = [-87.9, 41.9];
    const site = await createRegistration(t.db, { location: first });
    expectEcef(await stored(site.id), first);
    const moved: LngLat = [-87.91, 41.91];
    await t.db.update(registrations).set({ location: point(moved[0], moved[1]) }).where(eq(registrations.id, site.id));
    const after = await stored(site.id);
    expect(Number(after.location_lng)).toBe(Number(after.x));
    expect(Number(after.location_lat)).toBe(Number(after.y));
    expectEcef(after, moved);
    await t.db.update(registrations).set({ location: null }).where(eq(registrations.id, site.id));
    const none = await stored(site.id);
    expect([none.location_lng, none.location_lat, none.location_ecef_x, none.location_ecef_y, none.location_ecef_z]).toEqual([null, null, null, null, null]);
  });

  it("are filled by the migration for the sites that already exist", async () => {
    const before = Number(((await t.db.execute(sql`select count(*) as n from registrations where location is not null`)).rows[0] as { n: string }).n);
    expect(before).toBeGreaterThan(1000);
    await t.db.execute(sql.raw(`alter table registrations drop column location_lng, drop column location_lat,
      drop column location_ecef_x, drop column location_ecef_y, drop column location_ecef_z`));
    for (const statement of fs.readFileSync(MIGRATION, "utf8").split("--> statement-breakpoint")) await t.db.execute(sql.raw(statement));
    const rows = (
      await t.db.execute(sql`select location_lng, location_lat, location_ecef_x, location_ecef_y, location_ecef_z,
        ST_X(location::geometry) as x, ST_Y(location::geometry) as y from registrations where location is not null`)
    ).rows as Record<string, number>[];
    expect(rows.length).toBe(before);
    for (const row of rows) {
      expect(Number(row.location_lng)).toBe(Number(row.x));
      expect(Number(row.location_lat)).toBe(Number(row.y));
      expectEcef(row, [Number(row.x), Number(row.y)]);
    }
  });
});
