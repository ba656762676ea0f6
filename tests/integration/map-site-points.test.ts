/**
 * GET /api/map/sites answers from a per-process copy of the active sites'
 * positions (lib/investigation/site-points-cache.ts): every change to the
 * registry must show in the next answer, and its ETag must change with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { point } from "@/db/postgis";
import { registrations } from "@/db/schema";
import { GET as mapSites } from "@/app/api/map/sites/route";
import { sitePointsJsonInBox } from "@/lib/investigation/map-layers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration, createStaff } from "../support/factories";
import { noParams, request } from "../support/route-handlers";
import { setDbForTests } from "@/db/client";

let t: TestDatabase;
let auth: string;
const BBOX = "-87.9,41.8,-87.8,41.9";

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  auth = (await createStaff(t.db)).authorization;
});

afterAll(async () => {
  await t?.close();
});

async function getSites(bbox = BBOX, etag?: string) {
  const req = request(`/api/map/sites?bbox=${bbox}`, { authorization: auth });
  if (etag) req.headers.set("if-none-match", etag);
  const res = await mapSites(req, noParams);
  const body = res.status === 200 ? ((await res.json()) as { scale: number; coords: number[]; truncated: boolean }) : null;
  return { status: res.status, etag: res.headers.get("etag"), cacheControl: res.headers.get("cache-control"), body };
}

/** [lng, lat] pairs in degrees, sorted, from an answer. */
function positions(body: { scale: number; coords: number[] } | null): string[] {
  const out: string[] = [];
  for (let i = 0; body && i < body.coords.length; i += 2) out.push(`${body.coords[i] / body.scale},${body.coords[i + 1] / body.scale}`);
  return out.sort();
}

describe("map site points", () => {
  it("sends active sites inside the box, and follows every change to the registry", async () => {
    const a = (await createRegistration(t.db, { location: [-87.85, 41.85] })).id;
    await createRegistration(t.db, { location: [-87.84, 41.86], status: "pending_review" });
    await createRegistration(t.db, { location: [-87.7, 41.85] }); // outside the box
    let seen = await getSites();
    expect(seen.status).toBe(200);
    expect(seen.cacheControl).toBe("private, no-cache");
    expect(seen.body!.truncated).toBe(false);
    expect(positions(seen.body)).toEqual(["-87.85,41.85"]);
    // Six decimals survive exactly.
    const b = (await createRegistration(t.db, { location: [-87.812345, 41.876543] })).id;
    seen = await getSites();
    expect(positions(seen.body)).toEqual(["-87.812345,41.876543", "-87.85,41.85"]);

    // Unchanged registry: 304 for the same ETag, and the ETag is stable.
    const unchanged = await getSites(BBOX, seen.etag!);
    expect(unchanged.status).toBe(304);
    expect(unchanged.etag).toBe(seen.etag);

    // A move, a status change out of and back into active, a delete: each shows at once with a new ETag.
    const etags = new Set([seen.etag]);
    await t.db.update(registrations).set({ location: point(-87.83, 41.83) }).where(eq(registrations.id, a));
    seen = await getSites(BBOX, seen.etag!);
    expect(seen.status).toBe(200);
    expect(positions(seen.body)).toEqual(["-87.812345,41.876543", "-87.83,41.83"]);
    etags.add(seen.etag);
    await t.db.update(registrations).set({ status: "inactive" }).where(eq(registrations.id, b));
    seen = await getSites();
    expect(positions(seen.body)).toEqual(["-87.83,41.83"]);
    etags.add(seen.etag);
    await t.db.update(registrations).set({ status: "active" }).where(eq(registrations.id, b));
    seen = await getSites();
    expect(positions(seen.body)).toEqual(["-87.812345,41.876543", "-87.83,41.83"]);
    etags.add(seen.etag);
    await t.db.delete(registrations).where(eq(registrations.id, a));
    seen = await getSites();
    expect(positions(seen.body)).toEqual(["-87.812345,41.876543"]);
    etags.add(seen.etag);
    expect(etags.size).toBe(5);
  });

  it("cuts the box in degrees, edges included", async () => {
    const edge = await getSites("-87.812345,41.876543,-87.8,41.9");
    expect(positions(edge.body)).toEqual(["-87.812345,41.876543"]);
    const justOutside = await getSites("-87.812344,41.876543,-87.8,41.9");
    expect(positions(justOutside.body)).toEqual([]);
  });

  it("queries the box in the database instead when the registry is too large to copy, with the same answer", async () => {
    await createRegistration(t.db, { location: [-87.805, 41.805] });
    await createRegistration(t.db, { location: [-87.805, 41.805], status: "withdrawn" });
    for (const box of [
      { west: -87.9, south: 41.8, east: -87.8, north: 41.9 },
      { west: -88, south: 41, east: -87, north: 42 },
      { west: -87.81, south: 41.8, east: -87.8, north: 41.81 },
    ]) {
      const copied = await sitePointsJsonInBox(t.db, box);
      const queried = await sitePointsJsonInBox(t.db, box, 0);
      expect(copied.version).not.toBeNull();
      expect(queried.version).toBeNull();
      const parse = (body: string) => JSON.parse(body) as { scale: number; coords: number[]; truncated: boolean };
      expect(positions(parse(queried.body))).toEqual(positions(parse(copied.body)));
      expect(parse(queried.body).truncated).toBe(false);
    }
    expect(positions(JSON.parse((await sitePointsJsonInBox(t.db, { west: -87.81, south: 41.8, east: -87.8, north: 41.81 }, 0)).body)))
      .toEqual(["-87.805,41.805"]);
  });

  it("refuses a bad box with a field error", async () => {
    const res = await mapSites(request(`/api/map/sites?bbox=-87.8,41.8,-87.9,41.9`, { authorization: auth }), noParams);
    expect(res.status).toBe(422);
    expect((await res.json()).errors.bbox).toMatch(/west must be less than east/);
  });
});
