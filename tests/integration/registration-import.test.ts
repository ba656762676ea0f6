import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cameras, registrations } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit";
import { normalizeAddressKey, registrationGeocoder } from "@/lib/registration/geocoder";
import { importRegistrationsCsv } from "@/lib/registration/import";
import { rekeyRegistrationAddresses } from "@/lib/registration/rekey-addresses";
import { DEFAULT_COLUMNS, parseColumnMap } from "@/lib/registration/import-rows";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createAddressPoint(t.db);
});
afterAll(async () => {
  await t?.close();
});

const CSV = [
  "Owner,Business,Phone,E-mail,Street,City,State,Zip,Locations,Cameras,Days kept,WMP compliant,Street traffic,What it shows,Notes",
  'Pat Doe,Doe Hardware,(708) 555-0134,pat@example.com,10300 W Roosevelt Rd,Westchester,IL,60154,"front; rear",2,30,yes,yes,The roadway at 10300 Roosevelt,',
  "Lee Roe,,708.555.0100,lee@example.com,10999 W Nowhere St,Westchester,IL,60154,garage,1,,no,no,,alley camera",
  "Bad Email,,708-555-0101,not-an-email,10400 W Roosevelt Rd,Westchester,IL,60154,front,1,,,no,,",
  "Bad State,,708-555-0102,bs@example.com,10401 W Roosevelt Rd,Westchester,XX,6015,roof,1,,,maybe,,",
  'Script,,708-555-0103,s@example.com,10402 W Roosevelt Rd,Westchester,IL,60154,front,1,,,no,,"<script>alert(1)</script>"',
  'Pat Doe again,,708-555-0134,PAT@example.com,"10300 West Roosevelt Road",Westchester,IL,60154,front,1,,,no,,',
].join("\n");

const columns = parseColumnMap([
  "ownerName=Owner", "businessName=Business", "phone=Phone", "email=E-mail", "address=Street", "city=City", "state=State",
  "zip=Zip", "cameraLocations=Locations", "cameraCount=Cameras", "retentionDays=Days kept", "playback=WMP compliant",
  "recordsStreetTraffic=Street traffic", "streetView=What it shows", "notes=Notes",
]);
const run = () =>
  importRegistrationsCsv(t.db, CSV, {
    columns,
    geocoder: registrationGeocoder(t.db),
    normalizeAddressKey,
    actor: systemActor("cli:test"),
    baseUrl: "http://sightline.test",
    geocodeTimeoutMs: 1000,
    termsVersion: "imported",
  });

describe(`bulk import (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("imports valid rows through the public schema and reports every rejected row and why", async () => {
    const report = await run();
    expect(report.inserted.map((r) => r.line)).toEqual([2, 3]);
    expect(report.inserted.map((r) => r.status)).toEqual(["active", "pending_review"]);
    expect(report.rejected.map((r) => r.line)).toEqual([4, 5, 6]);
    expect(report.rejected[0].errors["owner.email"]).toBeTruthy();
    expect(Object.keys(report.rejected[1].errors)).toEqual(expect.arrayContaining(["address.state", "address.zip", "cameraLocations.0", "recordsStreetTraffic"]));
    expect(report.rejected[2].errors.notes).toMatch(/HTML or script/);
    // Line 7 is line 2 again, written differently: skipped, not duplicated.
    expect(report.skipped.map((s) => s.line)).toEqual([7]);

    const [pat] = await t.db.select().from(registrations).where(eq(registrations.id, report.inserted[0].id));
    expect(pat).toMatchObject({ source: "import", playback: "standard", retentionDays: 30, recordsStreetTraffic: true, ownerPhone: "708-555-0134" });
    expect(pat.cameraLocations).toEqual(["front", "rear"]);
    const cams = await t.db.select().from(cameras).where(eq(cameras.registrationId, pat.id));
    expect(cams.map((c) => c.position).sort()).toEqual(["front", "rear"]);
    expect(cams.every((c) => c.bearingDeg === null)).toBe(true);
  });

  it("duplicates nothing when run twice", async () => {
    const before = (await t.db.select().from(registrations)).length;
    const again = await run();
    expect(again.inserted).toEqual([]);
    expect(again.skipped.map((s) => s.line)).toEqual([2, 3, 7]);
    expect((await t.db.select().from(registrations)).length).toBe(before);
  });

  it("finds rows stored under an older address key once the keys are recomputed", async () => {
    const unitCsv = (unit: string) =>
      [
        "Owner,Phone,E-mail,Street,Unit,City,State,Zip,Locations,Cameras,Street traffic",
        `Kim Lee,708-555-0150,kim@example.com,10300 W Roosevelt Rd,${unit},Westchester,IL,60154,front,1,no`,
      ].join("\n");
    const importUnit = (unit: string) =>
      importRegistrationsCsv(t.db, unitCsv(unit), {
        columns: parseColumnMap(["unit=Unit", "ownerName=Owner", "phone=Phone", "email=E-mail", "address=Street", "city=City", "state=State", "zip=Zip", "cameraLocations=Locations", "cameraCount=Cameras", "recordsStreetTraffic=Street traffic"]),
        geocoder: registrationGeocoder(t.db),
        normalizeAddressKey,
        actor: systemActor("cli:test"),
        baseUrl: "http://sightline.test",
        geocodeTimeoutMs: 1000,
        termsVersion: "imported",
      });
    const first = await importUnit("Apt 2");
    expect(first.inserted).toHaveLength(1);
    const id = first.inserted[0].id;
    // "#2" is the same door: skipped.
    expect((await importUnit("#2")).skipped.map((s) => s.id)).toEqual([id]);
    // A row written with registration's former key is invisible to the current key …
    await t.db.update(registrations).set({ addressNormalized: "10300 W ROOSEVELT RD|2|60154" }).where(eq(registrations.id, id));
    expect((await rekeyRegistrationAddresses(t.db)).rekeyed).toBe(1);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.addressNormalized).toBe("10300 W ROOSEVELT RD #2, 60154");
    // … and found again once recomputed; a second run changes nothing.
    expect((await importUnit("Unit 2")).skipped.map((s) => s.id)).toEqual([id]);
    expect((await rekeyRegistrationAddresses(t.db)).rekeyed).toBe(0);
  });

  it("refuses an unknown --map field and reports an unreadable file", async () => {
    expect(() => parseColumnMap(["colour=Color"])).toThrow(/expected field=column/);
    expect(parseColumnMap([]).email).toBe(DEFAULT_COLUMNS.email);
    const report = await importRegistrationsCsv(t.db, 'a,b\n"unterminated', {
      columns: parseColumnMap([]),
      geocoder: registrationGeocoder(t.db),
      normalizeAddressKey,
      actor: systemActor("cli:test"),
      baseUrl: "http://x",
      geocodeTimeoutMs: 1000,
      termsVersion: "imported",
    });
    expect(report.rejected[0].errors.file).toMatch(/not a readable CSV/);
  });
});
