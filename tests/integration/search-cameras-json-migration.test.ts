/**
 * Migration 0017 on a database that already holds sites: search_cameras becomes json holding exactly the text
 * the search answered before (jsonb's own `::text`), and faces_street is filled for every existing row from the
 * row itself (the owner's records_street_traffic, a camera recording the street, a cone crossing a street).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration, createStreet } from "../support/factories";
import { destination } from "../support/geodesy";
import type { LngLat } from "@/db/ewkb";

const MIGRATION = path.resolve(__dirname, "../../drizzle/0017_search_cameras_json_faces_street.sql");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe(`migration 0017: search_cameras as json, faces_street stored (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("keeps every site's cameras text and fills faces_street for the rows it finds", async () => {
    const origin: LngLat = [-87.8, 41.86];
    const at = (east: number): LngLat => destination(origin, 90, east);
    // A street 15 m north of the "crossing" site, across its north-facing cone.
    const crossing = at(300);
    const north15 = destination(crossing, 0, 15);
    await createStreet(t.db, { coordinates: [destination(north15, 270, 30), destination(north15, 90, 30)], name: "MIGRATION ST" });
    const sites = {
      byOwner: await createRegistration(t.db, { location: at(0), recordsStreetTraffic: true, cameras: [{ position: "front", bearingDeg: 180, fovDeg: 60, rangeM: 10 }] }),
      byCamera: await createRegistration(t.db, { location: at(100), cameras: [{ position: "rear", bearingDeg: null }, { position: "front", recordsStreet: true, bearingDeg: 180, fovDeg: 60, rangeM: 10 }] }),
      none: await createRegistration(t.db, { location: at(200), cameras: [{ position: "front", bearingDeg: 180, fovDeg: 60, rangeM: 10, note: "yard \"gate\"" }] }),
      byCone: await createRegistration(t.db, { location: crossing, cameras: [{ position: "front", bearingDeg: 0, fovDeg: 90, rangeM: 30 }] }),
      noCameras: await createRegistration(t.db, { location: at(400), cameras: [] }),
    };
    // Back to the schema of 0016 (search_cameras jsonb, no faces_street), the sites kept (the factory writes through
    // drizzle's current schema, so they are made first).
    await t.db.execute(sql.raw(`alter table registrations drop column faces_street`));
    await t.db.execute(sql.raw(`alter table registrations alter column search_cameras drop default,
        alter column search_cameras set data type jsonb using search_cameras::jsonb,
        alter column search_cameras set default '[]'::jsonb`));
    expect(((await t.db.execute(sql`select pg_typeof(search_cameras)::text as type from registrations limit 1`)).rows[0] as { type: string }).type).toBe("jsonb");
    const before = new Map(
      ((await t.db.execute(sql`select id, search_cameras::text as text from registrations`)).rows as { id: string; text: string }[]).map((r) => [r.id, r.text]),
    );
    expect(before.get(sites.byCone.id)).toContain(`"coneCrossesStreet": true`);
    expect(before.get(sites.noCameras.id)).toBe("[]");

    for (const statement of fs.readFileSync(MIGRATION, "utf8").split("--> statement-breakpoint")) await t.db.execute(sql.raw(statement));

    const after = (await t.db.execute(sql`
      select id, search_cameras::text as text, faces_street, pg_typeof(search_cameras)::text as type from registrations`)).rows as {
      id: string;
      text: string;
      faces_street: boolean;
      type: string;
    }[];
    expect(after).toHaveLength(before.size);
    for (const row of after) {
      expect(row.type).toBe("json");
      expect(row.text).toBe(before.get(row.id));
    }
    const faces = new Map(after.map((r) => [r.id, r.faces_street]));
    expect(Object.fromEntries(Object.entries(sites).map(([name, site]) => [name, faces.get(site.id)]))).toEqual({
      byOwner: true,
      byCamera: true,
      none: false,
      byCone: true,
      noCameras: false,
    });
  });
});
