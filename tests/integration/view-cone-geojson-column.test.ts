/**
 * cameras.view_cone_geojson (migration 0005, 6 decimals since 0015) is
 * PostgreSQL's own ST_AsGeoJSON(view_cone, 6), stored: filled for the rows a database already
 * held when the migration ran, and kept in step by every later write without
 * any write path knowing about it. The search answers this text, so it must
 * never drift from the cone.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { cameras } from "@/db/schema";
import { buildViewCone } from "@/lib/investigation/view-cone";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration } from "../support/factories";

const MIGRATIONS = ["0005_cameras_view_cone_geojson.sql", "0015_cone_geojson_6_decimals.sql"].map((f) => path.resolve(__dirname, "../../drizzle", f));
const SITE = { lng: -87.8831, lat: 41.8503 };
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const mismatches = async () =>
  Number(
    ((await t.db.execute(sql`select count(*)::int as n from cameras where view_cone_geojson is distinct from ST_AsGeoJSON(view_cone, 6)`)).rows[0] as { n: number }).n,
  );

describe(`cameras.view_cone_geojson (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("migrations 0005 and 0015 fill the column for cameras that existed before them", async () => {
    // Back to the schema before 0005, with rows in it, then apply 0005 and 0015 as the migrator would.
    await t.db.execute(sql`alter table cameras drop column view_cone_geojson`);
    await createRegistration(t.db, {
      location: [SITE.lng, SITE.lat],
      cameras: [{ bearingDeg: 90, fovDeg: 90, rangeM: 30 }, { bearingDeg: 350, fovDeg: 60, rangeM: 45, position: "rear" }, { withoutCone: true, position: "side" }],
    });
    for (const migration of MIGRATIONS) {
      // Only the column's statements (0015 also adds a street index the database already has).
      const statements = fs.readFileSync(migration, "utf8").split("--> statement-breakpoint").filter((s) => s.includes("view_cone_geojson"));
      for (const statement of statements) await t.db.execute(sql.raw(statement));
    }
    const rows = (await t.db.execute(sql`select view_cone is null as no_cone, view_cone_geojson from cameras order by position`)).rows as { no_cone: boolean; view_cone_geojson: string | null }[];
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.view_cone_geojson !== null)).toHaveLength(2);
    expect(rows.every((r) => (r.view_cone_geojson === null) === r.no_cone)).toBe(true);
    expect(JSON.parse(rows[0].view_cone_geojson!).type).toBe("Polygon");
    // 6 decimals: no coordinate prints more.
    expect(rows[0].view_cone_geojson).not.toMatch(/\.\d{7}/);
    expect(await mismatches()).toBe(0);
  });

  it("follows every later write of the cone (new camera, changed bearing, cone removed)", async () => {
    const id = (await createRegistration(t.db, { location: [SITE.lng, SITE.lat], cameras: [{ bearingDeg: 10, fovDeg: 110, rangeM: 20 }] })).id;
    const [camera] = await t.db.select().from(cameras).where(eq(cameras.registrationId, id));
    expect(camera.viewConeGeojson).not.toBeNull();
    const before = camera.viewConeGeojson;
    await t.db
      .update(cameras)
      .set({ bearingDeg: 200, viewCone: buildViewCone({ ...SITE, bearingDeg: 200, fovDeg: 110, rangeM: 20 }) })
      .where(eq(cameras.id, camera.id));
    const [turned] = await t.db.select().from(cameras).where(eq(cameras.id, camera.id));
    expect(turned.viewConeGeojson).not.toBe(before);
    expect(await mismatches()).toBe(0);
    await t.db.update(cameras).set({ viewCone: null }).where(eq(cameras.id, camera.id));
    const [cleared] = await t.db.select().from(cameras).where(eq(cameras.id, camera.id));
    expect(cleared.viewConeGeojson).toBeNull();
  });
});
