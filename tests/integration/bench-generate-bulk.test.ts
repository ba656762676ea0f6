/**
 * The bench's bulk generation (derived: "bulk": migration 0016's camera triggers off for each batch, their SQL
 * run set-based instead) writes exactly the rows the triggers write (derived: "triggers", the cameras inserted
 * as the app inserts them). The same sites and streets are generated both ways on two databases and every
 * registration and camera row is compared whole, search_cameras and cone_crosses_street included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { generateSites } from "../../scripts/bench/generate-sites";
import { generateStreets } from "../../scripts/bench/generate-streets";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SITES = 2000;
let byTriggers: TestDatabase;
let bulk: TestDatabase;

beforeAll(async () => {
  [byTriggers, bulk] = [await createTestDatabase(), await createTestDatabase()];
  for (const [t, derived] of [[byTriggers, "triggers"], [bulk, "bulk"]] as const) {
    // A coarse grid over the whole box (~20k segments): enough cones cross a street, and enough do not.
    await generateStreets(t.db, { blockM: 500 });
    // Several batches, so a batch's triggers going back on is exercised too.
    await generateSites(t.db, { sites: SITES, batchSize: 700, derived });
  }
}, 300_000);

afterAll(async () => {
  await byTriggers?.close();
  await bulk?.close();
});

/** Every row of a table, whole, as jsonb text in id order. */
async function rowsOf(t: TestDatabase, table: "registrations" | "cameras"): Promise<string[]> {
  const result = await t.db.execute(sql`select to_jsonb(x)::text as row from ${sql.raw(table)} x order by id`);
  return (result.rows as { row: string }[]).map((r) => r.row);
}

describe(`bench generation: bulk equals row-by-row triggers (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("writes the same registrations, search_cameras included", async () => {
    const [expected, actual] = [await rowsOf(byTriggers, "registrations"), await rowsOf(bulk, "registrations")];
    expect(actual.length).toBe(SITES);
    expect(actual).toEqual(expected);
  });

  it("writes the same cameras, cone_crosses_street included", async () => {
    const [expected, actual] = [await rowsOf(byTriggers, "cameras"), await rowsOf(bulk, "cameras")];
    expect(actual.length).toBeGreaterThan(SITES);
    expect(actual).toEqual(expected);
  });

  it("compares something: cones that cross a street and cones that do not, every site's cameras in search_cameras", async () => {
    const r = (
      await bulk.db.execute(sql`
        select count(*) filter (where cone_crosses_street)::int as crossing,
          count(*) filter (where not cone_crosses_street and view_cone is not null)::int as not_crossing,
          (select count(*)::int from registrations where json_array_length(search_cameras) <> camera_count) as mismatched
        from cameras`)
    ).rows[0] as { crossing: number; not_crossing: number; mismatched: number };
    expect(r.crossing).toBeGreaterThan(50);
    expect(r.not_crossing).toBeGreaterThan(50);
    expect(r.mismatched).toBe(0);
  });

  it("leaves migration 0016's triggers on", async () => {
    const result = await bulk.db.execute(sql`
      select tgname, tgenabled from pg_trigger where tgrelid = 'cameras'::regclass and not tgisinternal order by tgname`);
    const triggers = result.rows as { tgname: string; tgenabled: string }[];
    expect(triggers.map((t) => t.tgname)).toEqual(expect.arrayContaining(["cameras_cone_crosses_street", "cameras_search_cameras_insert"]));
    for (const t of triggers) expect(t.tgenabled, t.tgname).toBe("O");
  });
});
