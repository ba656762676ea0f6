import * as turf from "@turf/turf";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heldOutAddresses, measureAccuracy } from "@/lib/demo/westchester/accuracy";
import { DEMO_SOURCE, generateDemoDataset } from "@/lib/demo/westchester/generate";
import { DEMO_DATA_AS_OF } from "@/lib/demo/westchester/registrations";
import { isDatabaseEmpty, seedDemo, type DemoSeedResult } from "@/lib/demo/westchester/seed-demo";
import { createLocalGeocoder } from "@/lib/geocode";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let first: DemoSeedResult;
beforeAll(async () => {
  t = await createTestDatabase();
  expect(await isDatabaseEmpty(t.db)).toBe(true);
  first = await seedDemo(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe(`synthetic Westchester demo (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("generates the same dataset every time", () => {
    const a = generateDemoDataset(7);
    const b = generateDemoDataset(7);
    expect(a.houses.map((h) => [h.number, h.street.name, h.truth.lng])).toEqual(b.houses.map((h) => [h.number, h.street.name, h.truth.lng]));
    expect(generateDemoDataset().houses.length).toBeGreaterThan(2000);
  });

  it("places about 300 registrations with the local geocoder, near the buildings they belong to", async () => {
    expect(first.registrations).toBe(300);
    expect(first.notPlaced).toBe(0);
    expect((first.byMethod.address_point ?? 0) + (first.byMethod.interpolated ?? 0)).toBe(300);
    expect(first.byMethod.interpolated).toBeGreaterThan(0);
    const rows = (await t.db.execute(sql`
      select id, address_line1, location_method, ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat
      from registrations where source = ${DEMO_SOURCE}`)).rows as { address_line1: string; lng: number; lat: number }[];
    const truthByLine = new Map(generateDemoDataset().registrations.map((r) => [r.address.line1, r.house.truth]));
    const distances = rows.map((r) => {
      const truth = truthByLine.get(r.address_line1)!;
      return turf.distance([truth.lng, truth.lat], [Number(r.lng), Number(r.lat)], { units: "meters" });
    });
    expect(Math.max(...distances)).toBeLessThan(35);
  });

  it("has a realistic camera mix: 1–6 per site, cones only with a bearing, front cameras facing the street", async () => {
    const perSite = (await t.db.execute(sql`
      select r.camera_count, count(c.id)::int as n from registrations r join cameras c on c.registration_id = r.id group by r.id`)).rows as { camera_count: number; n: number }[];
    expect(perSite).toHaveLength(300);
    for (const s of perSite) expect(s.n).toBe(s.camera_count);
    expect(new Set(perSite.map((s) => s.n))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const cones = (await t.db.execute(sql`
      select count(*) filter (where bearing_deg is null and view_cone is not null)::int as cone_without_bearing,
             count(*) filter (where bearing_deg is not null and view_cone is null)::int as bearing_without_cone,
             count(*) filter (where bearing_deg is null)::int as unknown_bearing
      from cameras`)).rows[0] as Record<string, number>;
    expect(cones).toMatchObject({ cone_without_bearing: 0, bearing_without_cone: 0 });
    expect(cones.unknown_bearing).toBeGreaterThan(0);
    // The cone of a front camera must reach toward its street: check against the generator's side of the street.
    const dataset = generateDemoDataset();
    let checked = 0;
    for (const r of dataset.registrations) {
      for (const c of r.cameras.filter((cam) => cam.position === "front" && cam.bearingDeg !== null)) {
        const towardStreet = (r.house.facingFromStreetDeg + 180) % 360;
        const diff = Math.abs((((c.bearingDeg! - towardStreet) % 360) + 540) % 360 - 180);
        expect(diff).toBeLessThanOrEqual(20);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    const mix = (await t.db.execute(sql`
      select count(*) filter (where retention_days is null)::int as unknown_retention,
             min(retention_days)::int as min_days, max(retention_days)::int as max_days,
             count(distinct playback)::int as playbacks, count(distinct status)::int as statuses,
             count(distinct recording_mode)::int as recording_modes
      from registrations`)).rows[0] as Record<string, number>;
    expect(mix.unknown_retention).toBeGreaterThan(0);
    expect(mix.min_days).toBeGreaterThanOrEqual(3);
    expect(mix.max_days).toBeLessThanOrEqual(90);
    // Continuous, motion-only, scheduled and not sure: the map shows "may not have recorded" on the demo too.
    expect(mix).toMatchObject({ playbacks: 3, statuses: 4, recording_modes: 4 });
  });

  it("has no date after the demo's own today, so nothing seeded is confirmed in the future", async () => {
    const latest = (await t.db.execute(sql`
      select max(consent_at) as consent, max(last_confirmed_at) as confirmed, max(verified_at) as verified,
             max(inactive_since) as inactive, max(updated_at) as updated, count(*) filter (where last_confirmed_at < consent_at)::int as confirmed_before_consent
      from registrations`)).rows[0] as Record<string, string | number>;
    expect(latest.confirmed_before_consent).toBe(0);
    for (const key of ["consent", "confirmed", "verified", "inactive", "updated"]) {
      expect(new Date(latest[key]).getTime(), key).toBeLessThanOrEqual(DEMO_DATA_AS_OF.getTime());
    }
    expect(DEMO_DATA_AS_OF.getTime()).toBeLessThan(Date.now());
    // Still spread out: confirmations over many days, not all pressed against the as-of date.
    const days = new Set(generateDemoDataset().registrations.map((r) => r.lastConfirmedAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThan(150);
  });

  it("is idempotent", async () => {
    const again = await seedDemo(t.db);
    expect(again).toMatchObject({ centerlines: 0, addressPoints: 0, registrations: 0, cameras: 0 });
    const [{ n }] = (await t.db.execute(sql`select count(*)::int as n from registrations`)).rows as { n: number }[];
    expect(n).toBe(300);
  });

  it("geocodes held-out addresses accurately, with and without address points", async () => {
    const addresses = heldOutAddresses(200);
    const withPoints = await measureAccuracy(createLocalGeocoder(t.db), addresses);
    expect(withPoints.matchedShare).toBeGreaterThanOrEqual(0.98);
    expect(withPoints.medianErrorM).toBeLessThan(4);
    expect(withPoints.p95ErrorM).toBeLessThan(12);
    const centerlinesOnly = await measureAccuracy(createLocalGeocoder(t.db, { useAddressPoints: false }), addresses);
    expect(centerlinesOnly.byMethod).toEqual({ interpolated: centerlinesOnly.matched });
    expect(centerlinesOnly.matchedShare).toBeGreaterThanOrEqual(0.98);
    expect(centerlinesOnly.medianErrorM).toBeLessThan(15);
    expect(centerlinesOnly.p95ErrorM).toBeLessThan(30);
    expect(centerlinesOnly.medianErrorM).toBeGreaterThan(withPoints.medianErrorM);
  });
});
