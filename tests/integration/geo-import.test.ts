import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressPointsAsOpenAddressesCsv, centerlinesAsNenaGeoJson } from "@/lib/demo/westchester/export";
import { generateDemoDataset } from "@/lib/demo/westchester/generate";
import { createLocalGeocoder } from "@/lib/geocode";
import { ImportRefusedError, importReferenceFile } from "@/lib/geocode/import/load";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let dir: string;
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const count = async (table: "address_points" | "street_centerlines") =>
  ((await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`))).rows[0] as { n: number }).n;
const auditCount = async () =>
  ((await t.db.execute(sql`select count(*)::int as n from audit_log where action = 'reference.imported'`)).rows[0] as { n: number }).n;

const nenaPoint = (props: Record<string, unknown>, coordinates: unknown = [-87.88, 41.85]) => ({
  type: "Feature",
  properties: { Add_Number: 10300, St_PreDir: "West", St_Name: "Roosevelt", St_PosTyp: "Road", Post_Comm: "Westchester", State: "IL", Post_Code: "60154", ...props },
  geometry: { type: "Point", coordinates },
});

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-import-"));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`geo:import (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("refuses a malformed file and loads nothing", async () => {
    await expect(importReferenceFile(t.db, { file: write("broken.geojson", '{"type":"FeatureCollection","features":[') })).rejects.toThrow(ImportRefusedError);
    await expect(importReferenceFile(t.db, { file: write("notfc.geojson", { type: "Feature" }) })).rejects.toThrow(/FeatureCollection/);
    await expect(importReferenceFile(t.db, { file: write("nolonlat.csv", "NUMBER,STREET\n1,Main St\n") })).rejects.toThrow(/LON\/LAT/);
    await expect(importReferenceFile(t.db, { file: write("x.txt", "hello") })).rejects.toThrow(/unsupported format/);
    await expect(importReferenceFile(t.db, { file: path.join(dir, "missing.csv") })).rejects.toThrow(/no such file/);
    expect(await count("address_points")).toBe(0);
  });

  it("rolls back the whole file when one row is bad, and reports every bad row", async () => {
    const file = write("points.geojson", {
      type: "FeatureCollection",
      features: [
        nenaPoint({}),
        nenaPoint({ Add_Number: "ten" }),
        nenaPoint({ Add_Number: 10302 }, [-200, 41.85]),
        nenaPoint({ Add_Number: 10304, St_Name: "" }),
        nenaPoint({ Add_Number: 10306 }),
      ],
    });
    const summary = await importReferenceFile(t.db, { file });
    expect(summary).toMatchObject({ layer: "address_points", read: 5, loaded: 0, committed: false });
    expect(summary.rejected).toEqual([
      { row: 2, reason: 'house number "ten" is not a positive number' },
      { row: 3, reason: "longitude/latitude out of range" },
      { row: 4, reason: "missing street name" },
    ]);
    expect(await count("address_points")).toBe(0);
    expect(await auditCount()).toBe(0);

    const partial = await importReferenceFile(t.db, { file, allowRejects: true });
    expect(partial).toMatchObject({ loaded: 2, committed: true });
    const rows = (await t.db.execute(sql`select add_number, st_predir, st_name, st_postyp, city, zip from address_points order by add_number`)).rows;
    expect(rows).toEqual([
      { add_number: 10300, st_predir: "W", st_name: "ROOSEVELT", st_postyp: "RD", city: "WESTCHESTER", zip: "60154" },
      { add_number: 10306, st_predir: "W", st_name: "ROOSEVELT", st_postyp: "RD", city: "WESTCHESTER", zip: "60154" },
    ]);
    // Re-importing with --replace swaps the source's rows instead of duplicating them.
    const again = await importReferenceFile(t.db, { file, allowRejects: true, replace: true });
    expect(again).toMatchObject({ loaded: 2, replaced: 2 });
    expect(await count("address_points")).toBe(2);
    expect(await auditCount()).toBe(2);
  });

  it("maps other column names with --map and refuses unknown ones", async () => {
    const file = write("county.csv", "house,road,x,y\n10310,W Roosevelt Rd,-87.881,41.851\n");
    await expect(importReferenceFile(t.db, { file, map: { house: "house" } })).rejects.toThrow(/unknown field/);
    await expect(importReferenceFile(t.db, { file, map: { addNumber: "nope" } })).rejects.toThrow(/not in the file/);
    const summary = await importReferenceFile(t.db, { file, map: { Add_Number: "house", street: "road", lon: "x", lat: "y" } });
    expect(summary).toMatchObject({ loaded: 1, committed: true });
    const [row] = (await t.db.execute(sql`select st_name, ST_X(location::geometry) as lng from address_points where add_number = 10310`)).rows as { st_name: string; lng: number }[];
    expect(row.st_name).toBe("ROOSEVELT");
    expect(Number(row.lng)).toBeCloseTo(-87.881, 6);
  });

  it("rolls back rows already written when the load fails halfway", async () => {
    const before = await count("address_points");
    const file = write("halfway.csv", addressPointsAsOpenAddressesCsv(generateDemoDataset()));
    await expect(
      importReferenceFile(t.db, {
        file,
        onProgress: (done) => {
          if (done >= 500) throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    expect(await count("address_points")).toBe(before);
  });

  it("loads NG9-1-1 centerlines (GeoJSON) and OpenAddresses points (CSV) that the geocoder then uses", async () => {
    const dataset = generateDemoDataset();
    const lines = await importReferenceFile(t.db, { file: write("centerlines.geojson", centerlinesAsNenaGeoJson(dataset)) });
    expect(lines).toMatchObject({ layer: "centerlines", read: dataset.blocks.length, loaded: dataset.blocks.length, rejected: [] });
    const pointCount = dataset.houses.filter((h) => h.addressPoint).length;
    const points = await importReferenceFile(t.db, { file: write("oa.csv", addressPointsAsOpenAddressesCsv(dataset)) });
    expect(points).toMatchObject({ layer: "address_points", format: "csv", loaded: pointCount, rejected: [] });

    const house = dataset.houses.find((h) => h.addressPoint && h.street.name === "CERMAK")!;
    const answer = await createLocalGeocoder(t.db).geocode(`${house.number} W Cermak Rd`);
    expect(answer).toMatchObject({ found: true, method: "address_point" });
    if (answer.found) {
      expect(answer.lng).toBeCloseTo(house.addressPoint!.lng, 6);
      expect(answer.lat).toBeCloseTo(house.addressPoint!.lat, 6);
    }
    expect(await createLocalGeocoder(t.db).geocode("Cermak & Hull")).toMatchObject({ found: true, method: "intersection" });
  });
});
