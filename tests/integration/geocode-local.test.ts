import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { point } from "@/db/postgis";
import { addressPoints, streetCenterlines } from "@/db/schema";
import { createGeocoder, createLocalGeocoder } from "@/lib/geocode";
import { sql } from "drizzle-orm";
import { parseStreetName } from "@/lib/geocode/street-name";
import { GEOCODE_BATCH_SIZE } from "@/lib/geocode/local";
import { ONE_ADDRESS_SQL, ONE_ADDRESS_STATEMENT, sqlLiteral } from "@/lib/geocode/local/one-address";
import type { AddressInput, GeocodeAnswer, GeocodeMatch } from "@/lib/geocode/types";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Expected positions from a local flat-earth frame, independent of turf and PostGIS.
const LNG0 = -87.88;
const LAT0 = 41.85;
const M_PER_DEG_LAT = 111_320;
const mPerDegLng = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180);
const at = (eastM: number, northM: number): [number, number] => [LNG0 + eastM / mPerDegLng, LAT0 + northM / M_PER_DEG_LAT];
const metresTo = (answer: GeocodeAnswer, expected: [number, number]) => {
  if (!answer.found) throw new Error(`not found: ${answer.reason}`);
  return Math.hypot((answer.lng - expected[0]) * mPerDegLng, (answer.lat - expected[1]) * M_PER_DEG_LAT);
};
const OFFSET_M = 10;

const street = { stPreDir: "W", stName: "TESTING", stPosTyp: "RD", source: "test" };
const hull = { stPreDir: "S", stName: "HULL", stPosTyp: "AVE", source: "test" };

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(streetCenterlines).values([
    // 10300 block, digitized westward (with the numbering): right = north = even.
    { ...street, fromAddrL: 10301, toAddrL: 10399, parityL: "O", fromAddrR: 10300, toAddrR: 10398, parityR: "E", zipL: "60154", zipR: "60154",
      geom: { type: "LineString", coordinates: [at(0, 0), at(-200, 0)] } },
    // 10400 block, digitized eastward (against the numbering): left = north = even.
    { ...street, fromAddrL: 10498, toAddrL: 10400, parityL: "E", fromAddrR: 10499, toAddrR: 10401, parityR: "O",
      geom: { type: "LineString", coordinates: [at(-400, 0), at(-200, 0)] } },
    // Hull Ave crosses at the origin.
    { ...hull, fromAddrL: 2101, toAddrL: 2199, parityL: "O", fromAddrR: 2100, toAddrR: 2198, parityR: "E",
      geom: { type: "LineString", coordinates: [at(0, 150), at(0, 0)] } },
    { ...hull, fromAddrL: 2201, toAddrL: 2299, parityL: "O", fromAddrR: 2200, toAddrR: 2298, parityR: "E",
      geom: { type: "LineString", coordinates: [at(0, 0), at(0, -150)] } },
    // A differently named street nearby, for suggestions.
    { stPreDir: "W", stName: "TRAFALGAR", stPosTyp: "ST", fromAddrL: 10301, toAddrL: 10399, fromAddrR: 10300, toAddrR: 10398,
      geom: { type: "LineString", coordinates: [at(0, -150), at(-200, -150)] }, source: "test" },
  ]);
  await t.db.insert(addressPoints).values([
    { ...street, addNumber: 10350, city: "WESTCHESTER", state: "IL", zip: "60154", location: point(...at(-95, 22)) },
    { ...street, addNumber: 10350, unit: "APT 2", city: "WESTCHESTER", state: "IL", zip: "60154", location: point(...at(-97, 24)) },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe(`local geocoder (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("answers from an address point first", async () => {
    const geocoder = createLocalGeocoder(t.db);
    const answer = (await geocoder.geocode("10350 W Testing Rd, Westchester, IL 60154")) as GeocodeMatch;
    expect(answer).toMatchObject({ found: true, method: "address_point", confidence: 1, matchedAddress: "10350 W TESTING RD, WESTCHESTER, IL 60154" });
    expect(metresTo(answer, at(-95, 22))).toBeLessThan(0.05);
    const unit = await geocoder.geocode({ line1: "10350 West Testing Road", unit: "Apt 2", city: "Westchester", state: "IL", zip: "60154" });
    expect(metresTo(unit, at(-97, 24))).toBeLessThan(0.05);
    // A contradicting street type is not a match: the building is offered as a candidate, with the reason.
    const wrongType = await geocoder.geocode("10350 W Testing Ave");
    expect(wrongType).toMatchObject({ status: "not_found", found: false });
    if (!wrongType.found) {
      expect(wrongType.candidates?.[0]).toMatchObject({ method: "address_point", address: "10350 W TESTING RD, WESTCHESTER, IL 60154" });
      expect(wrongType.candidates?.[0].reason).toContain("street type differs (asked AVE, reference RD)");
    }
    // Leaving out the direction still finds it, a little less sure, and says why.
    const noDirection = (await geocoder.geocode("10350 Testing Rd, 60154")) as GeocodeMatch;
    expect(noDirection).toMatchObject({ status: "found", method: "address_point", confidence: 0.95 });
    expect(noDirection.reasons).toEqual(["no direction given; reference has W"]);
  });

  it.each([
    // number, expected east/north (m): ranges' ends, both parities, both digitizing directions
    [10300, 0, OFFSET_M],
    [10398, -200, OFFSET_M],
    [10301, 0, -OFFSET_M],
    [10399, -200, -OFFSET_M],
    [10351, (-200 * 50) / 98, -OFFSET_M],
    [10400, -200, OFFSET_M],
    [10498, -400, OFFSET_M],
    [10401, -200, -OFFSET_M],
    [10499, -400, -OFFSET_M],
    [10450, -200 - (200 * 50) / 98, OFFSET_M],
  ])("interpolates %i W Testing Rd onto its side of the block", async (n, east, north) => {
    const answer = (await createLocalGeocoder(t.db).geocode(`${n} W Testing Rd`)) as GeocodeMatch;
    expect(answer.method).toBe("interpolated");
    expect(answer.confidence).toBeGreaterThan(0.5);
    expect(answer.confidence).toBeLessThan(1);
    expect(metresTo(answer, at(east, north))).toBeLessThan(0.5);
  });

  it("interpolates a north–south street: even west, odd east", async () => {
    const geocoder = createLocalGeocoder(t.db);
    expect(metresTo(await geocoder.geocode("2150 S Hull Ave"), at(-OFFSET_M, 150 - (150 * 50) / 98))).toBeLessThan(0.5);
    expect(metresTo(await geocoder.geocode("2201 S Hull Ave"), at(OFFSET_M, 0))).toBeLessThan(0.5);
  });

  it("skips address points when asked to (centerlines-only measurement)", async () => {
    const answer = (await createLocalGeocoder(t.db, { useAddressPoints: false }).geocode("10350 W Testing Rd")) as GeocodeMatch;
    expect(answer.method).toBe("interpolated");
  });

  it.each(["Testing & Hull", "corner of Testing Rd and Hull Ave", "W Testing Rd & S Hull Ave, Westchester, IL"])(
    "finds the intersection %j",
    async (query) => {
      const answer = (await createLocalGeocoder(t.db).geocode(query)) as GeocodeMatch;
      expect(answer.method).toBe("intersection");
      expect(answer.matchedAddress).toMatch(/^W TESTING RD & S HULL AVE/);
      expect(metresTo(answer, at(0, 0))).toBeLessThan(0.5);
    },
  );

  it("does not stand a directional street in for a street of its own that was asked without the directional", async () => {
    // Held out of the reference data: NORTHINGTON ST's own segment for the 300 block; S NORTHINGTON ST (another street) has it.
    await t.db.insert(streetCenterlines).values([
      { stPreDir: "S", stName: "NORTHINGTON", stPosTyp: "ST", fromAddrL: 301, toAddrL: 399, parityL: "O", fromAddrR: 300, toAddrR: 398, parityR: "E",
        geom: { type: "LineString", coordinates: [at(2000, 0), at(2200, 0)] }, source: "test" },
      { stName: "NORTHINGTON", stPosTyp: "ST", fromAddrL: 101, toAddrL: 199, parityL: "O", fromAddrR: 100, toAddrR: 198, parityR: "E",
        geom: { type: "LineString", coordinates: [at(2000, 1500), at(2200, 1500)] }, source: "test" },
    ]);
    const geocoder = createLocalGeocoder(t.db);
    const asked = await geocoder.geocode("322 Northington St");
    expect(asked).toMatchObject({ status: "not_found", found: false, suggestions: ["322 S NORTHINGTON ST"] });
    if (!asked.found) expect(asked.candidates?.[0].reason).toContain("NORTHINGTON ST is a street of its own");
    const [batched] = await geocoder.geocodeMany(["322 Northington St", "10350 W Testing Rd"]);
    expect(batched).toMatchObject({ status: "not_found" });
    expect(await geocoder.geocode("322 S Northington St")).toMatchObject({ status: "found", matchedAddress: "322 S NORTHINGTON ST" });
    expect(await geocoder.geocode("122 Northington St")).toMatchObject({ status: "found", matchedAddress: "122 NORTHINGTON ST" });
    // With no street of its own by that name, leaving out the directional is only a relaxation.
    expect(await geocoder.geocode("10350 Testing Rd")).toMatchObject({ status: "found", matchedAddress: expect.stringMatching(/^10350 W TESTING RD/) });
  });

  it("says not found with the closest street names", async () => {
    const geocoder = createLocalGeocoder(t.db);
    const typo = await geocoder.geocode("10350 W Tseting Rd");
    expect(typo.found).toBe(false);
    if (!typo.found) {
      expect(typo.suggestions[0]).toMatch(/^10350 W TESTING RD/);
      expect(typo.candidates?.[0].reason).toContain("similar street name (2 letters differ)");
    }
    const outOfRange = await geocoder.geocode("99999 W Testing Rd");
    expect(outOfRange).toMatchObject({ found: false });
    if (!outOfRange.found) expect(outOfRange.suggestions[0]).toBe("W TESTING RD");
    expect(await geocoder.geocode("Testing & Trafalgar")).toMatchObject({ found: false });
    expect(await geocoder.geocode("PO Box 12, Westchester IL")).toMatchObject({ found: false, suggestions: [] });
    expect(await geocoder.geocode("")).toMatchObject({ found: false });
    expect(await geocoder.geocode("x".repeat(10_240))).toMatchObject({ found: false });
    expect(await geocoder.geocode("'; drop table address_points; --")).toMatchObject({ found: false });
    expect(await geocoder.geocode("10350 W Testing Rd")).toMatchObject({ found: true });
  });

  it("answers a batch (geocodeMany) exactly as one address at a time, in order", async () => {
    const queries: (string | AddressInput)[] = [
      "10350 W Testing Rd, Westchester, IL 60154", // address point
      { line1: "10350 West Testing Road", unit: "Apt 2", city: "Westchester", state: "IL", zip: "60154" }, // the unit's point
      "10351 W Testing Rd", // no point for this number: interpolated
      "10450 W Testing Rd", // the other segment, digitized the other way
      "2150 S Hull Ave",
      "Testing & Hull", // intersection
      "10350 W Tseting Rd", // miss with suggestions
      "99999 W Testing Rd", // street known, number out of range
      "PO Box 12, Westchester IL",
      "",
      "10350 W Testing Rd", // the first one again
    ];
    for (const useAddressPoints of [true, false]) {
      const geocoder = createLocalGeocoder(t.db, { useAddressPoints });
      const one: GeocodeAnswer[] = [];
      for (const q of queries) one.push(await geocoder.geocode(q));
      expect(await geocoder.geocodeMany(queries)).toEqual(one);
    }
    const methods = (await createLocalGeocoder(t.db).geocodeMany(queries)).map((a) => (a.found ? a.method : "miss"));
    expect(methods).toEqual([
      "address_point", "address_point", "interpolated", "interpolated", "interpolated", "intersection", "miss", "miss", "miss", "miss", "address_point",
    ]);
    expect(await createLocalGeocoder(t.db).geocodeMany([])).toEqual([]);
  });

  it("splits a batch larger than one statement takes, keeping the order", async () => {
    const numbers = Array.from({ length: GEOCODE_BATCH_SIZE + 7 }, (_, i) => 10300 + (i % 198));
    const queries = numbers.map((n) => `${n} W Testing Rd`);
    const answers = await createLocalGeocoder(t.db, { useAddressPoints: false }).geocodeMany(queries);
    expect(answers).toHaveLength(queries.length);
    for (const [i, answer] of answers.entries()) {
      expect(answer).toMatchObject({ found: true, method: "interpolated" });
      if (answer.found) expect(answer.matchedAddress.startsWith(`${numbers[i]} W TESTING RD`)).toBe(true);
    }
  });

  it("sends one address's text to the database as the same text (the embedded statement takes literals)", async () => {
    for (const text of ["O'HARE", "''", "A\\B", "\\'; select 1; --", "E'X'", "$1", "ÉCOLE", ""]) {
      const [row] = (await t.db.execute(sql.raw(`select ${sqlLiteral(text)} as v`))).rows as { v: string }[];
      expect(row.v).toBe(text);
    }
    expect(sqlLiteral(null)).toBe("null");
    expect(() => sqlLiteral("A\u0000B")).toThrow();
  });

  it("answers one address inside a transaction as outside it", async () => {
    const queries = ["10350 W Testing Rd, Westchester, IL 60154", "10351 W Testing Rd", "322 Northington St", "10350 W Tseting Rd"];
    const outside: GeocodeAnswer[] = [];
    for (const q of queries) outside.push(await createLocalGeocoder(t.db).geocode(q));
    const inside = await t.db.transaction(async (tx) => {
      const answers: GeocodeAnswer[] = [];
      for (const q of queries) answers.push(await createLocalGeocoder(tx).geocode(q));
      return answers;
    });
    expect(inside).toEqual(outside);
  });

  it("never answers one address from inside another caller's open transaction", async () => {
    // An address point written in a transaction that is then rolled back: a geocode asked meanwhile must not see it.
    await createLocalGeocoder(t.db).geocode("10350 W Testing Rd"); // the statement is prepared before the transaction opens
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const pointWritten = new Promise<void>((resolve) => (written = resolve));
    const rolledBack = t.db
      .transaction(async (tx) => {
        await tx.insert(addressPoints).values({ ...street, addNumber: 10452, zip: "60154", location: point(...at(-300, 22)) });
        written();
        await gate;
        throw new Error("roll back");
      })
      .catch((err: Error) => err.message);
    await pointWritten;
    const asked = createLocalGeocoder(t.db).geocode("10452 W Testing Rd, Westchester, IL 60154");
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    expect(await rolledBack).toBe("roll back");
    expect(await asked).toMatchObject({ found: true, method: "interpolated" });
  });

  it("runs one address on the statement's generic plan after its five trial plans: no planning per call", async () => {
    // The arguments reach the statement only through its `q` row: a parameter used directly (`$7 and exists (...)`)
    // lets each custom plan fold it away, look cheaper than the generic plan, and the statement is planned at every
    // call (measured: 1.8x the server's CPU per address). One session: a transaction's connection.
    const plans = await t.db.transaction(async (tx) => {
      const withPoints = createLocalGeocoder(tx);
      const linesOnly = createLocalGeocoder(tx, { useAddressPoints: false });
      for (let i = 0; i < 10; i++) {
        await withPoints.geocode(`${10350 + 2 * i} W Testing Rd, Westchester, IL 60154`);
        await linesOnly.geocode(`${10301 + 2 * i} Testing Rd`);
      }
      return (await tx.execute(sql`select generic_plans::int as generic, custom_plans::int as custom
        from pg_prepared_statements where name = ${ONE_ADDRESS_STATEMENT}`)).rows as { generic: number; custom: number }[];
    });
    expect(plans).toHaveLength(1);
    expect(plans[0].custom).toBe(5);
    expect(plans[0].generic).toBeGreaterThanOrEqual(15);
    // On this small table the folded parts cost too little to tip the choice; on real data they do (the bench's
    // reference data: every call custom-planned). So the statement itself: parameters only in the arguments' row.
    expect(ONE_ADDRESS_SQL.arguments.match(/\$\d/g)).toHaveLength(7);
    expect(ONE_ADDRESS_SQL.body).not.toMatch(/\$\d/);
  });

  it.skipIf(!process.env.DATABASE_URL)("keeps one pooled connection for addresses asked one after another, and gives it back after them", async () => {
    const pool = (t.db as unknown as { session: { client: { totalCount: number; idleCount: number } } }).session.client;
    const checkedOut = () => pool.totalCount - pool.idleCount;
    expect(checkedOut()).toBe(0);
    const geocoder = createLocalGeocoder(t.db);
    const held: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await geocoder.geocode("10350 W Testing Rd, Westchester, IL 60154")).toMatchObject({ found: true, method: "address_point" });
      held.push(checkedOut());
    }
    // Between calls that follow each other the connection stays checked out (pool.query would have returned it)...
    expect(held).toEqual([1, 1, 1, 1]);
    // ...and goes back to the pool once an event-loop turn passes without a statement on it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(checkedOut()).toBe(0);
    // Concurrent callers find it busy and go through the pool: every answer is still its own.
    const answers = await Promise.all([10350, 10302, 10304, 10351].map((n) => geocoder.geocode(`${n} W Testing Rd, Westchester, IL 60154`)));
    expect(answers.map((a) => (a.found ? a.method : a.status))).toEqual(["address_point", "interpolated", "interpolated", "interpolated"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(checkedOut()).toBe(0);
  });

  it("finds an address on a name with an apostrophe, stored as the import stores it, however the apostrophe is typed", async () => {
    const stored = parseStreetName("W O'Hare Ave")!; // the import's full-name path (normalizeStreetParts gives the same)
    await t.db.insert(addressPoints).values({ stPreDir: stored.preDir, stName: stored.name, stPosTyp: stored.type, addNumber: 10350,
      city: "WESTCHESTER", state: "IL", zip: "60154", location: point(...at(-95, 300)), source: "test" });
    for (const q of ["10350 W O'Hare Ave, Westchester, IL 60154", "10350 W O\u2019Hare Avenue", "10350 w o'hare ave"]) {
      expect(await createLocalGeocoder(t.db).geocode(q)).toMatchObject({ found: true, method: "address_point", matchedAddress: expect.stringMatching(/^10350 W OHARE AVE/) });
    }
  });

  it("is the default chain (local only) behind createGeocoder", async () => {
    const answer = await createGeocoder(t.db, { config: { GEOCODER_PROVIDERS: ["local"] } }).geocode({ line1: "10300 W Testing Rd" });
    expect(answer).toMatchObject({ found: true, method: "interpolated", source: "local:street_centerlines" });
  });
});
