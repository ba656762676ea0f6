/**
 * The searches must use the indexes (ST_DWithin on registrations.location,
 * && on cameras.view_cone for the cones the point falls in, the found sites'
 * cameras by registration for the cones the route crosses), not scan
 * the registry or the cameras, and no longer test streets (migration 0016 keeps
 * cameras.cone_crosses_street): EXPLAIN the exact statement findSites runs over
 * enough rows for the planner to care.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { findSitesQuery } from "@/lib/investigation/find-sites";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // 20 000 active sites over ~12 x 11 km, each with a camera, and 3 000 street segments.
  await t.db.execute(sql`
    insert into registrations (status, needs_review, address_line1, address_city, address_state, address_zip,
                               camera_count, consent_at, terms_version, location)
    select 'active', false, 'plan ' || g, 'Westchester', 'IL', '60154', 1, now(), 'test',
           ST_SetSRID(ST_MakePoint(-87.95 + random() * 0.15, 41.80 + random() * 0.10), 4326)::geography
    from generate_series(1, 20000) g`);
  // Streets before cameras, as reference data comes before the registry: each cone's crossing is decided as it
  // is written (migration 0016), not by re-testing 20 000 cameras after a bulk street insert.
  await t.db.execute(sql`
    insert into street_centerlines (st_name, source, geom)
    select 'PLAN ' || g, 'test', ST_MakeLine(p, ST_Project(p, 120, radians(90))::geometry)::geography
    from (select g, ST_SetSRID(ST_MakePoint(-87.95 + random() * 0.15, 41.80 + random() * 0.10), 4326) as p
          from generate_series(1, 3000) g) s`);
  await t.db.execute(sql`
    insert into cameras (registration_id, position, bearing_deg, fov_deg, range_m, view_cone)
    select r.id, 'front', 90, 90, 30, ST_Expand(r.location::geometry, 0.0002)::geography
    from registrations r`);
  await t.db.execute(sql`analyze registrations`);
  await t.db.execute(sql`analyze cameras`);
  await t.db.execute(sql`analyze street_centerlines`);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

async function plan(statement: ReturnType<typeof findSitesQuery>): Promise<string> {
  const result = await t.db.execute(sql`explain ${statement}`);
  return (result.rows as Record<string, string>[]).map((r) => Object.values(r)[0]).join("\n");
}

describe(`query plans (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("the radius search uses the registrations GiST index and the cones' GiST index, and reads no street", async () => {
    const text = await plan(findSitesQuery({ kind: "point", lng: -87.88, lat: 41.85, radiusM: 250 }));
    expect(text, text).toContain("registrations_location_gist");
    expect(text, text).toContain("cameras_view_cone_gist");
    expect(text, text).not.toMatch(/Seq Scan on (registrations|cameras)/);
    expect(text, text).not.toContain("street_centerlines");
  });

  it("the corridor search uses the registrations GiST index and reads only the found sites' cameras", async () => {
    const text = await plan(
      findSitesQuery({
        kind: "route",
        route: { type: "LineString", coordinates: [[-87.885, 41.848], [-87.88, 41.85], [-87.874, 41.853]] },
        widthM: 100,
      }),
    );
    expect(text, text).toContain("registrations_location_gist");
    // The cones crossing the route are looked for among the found sites' cameras (find-sites.ts), not by the
    // route's bounding box in the cones' index (issue 18: that box reads several times the corridor's cones).
    expect(text, text).toContain("cameras_registration_idx");
    expect(text, text).not.toContain("cameras_view_cone_gist");
    expect(text, text).not.toMatch(/Seq Scan on (registrations|cameras)/);
    expect(text, text).not.toContain("street_centerlines");
  });
});
