/**
 * registrations.search_cameras and cameras.cone_crosses_street (migration 0016),
 * and registrations.faces_street (migration 0017, generated from the row),
 * are kept by the database in the transaction of every camera and street write,
 * so the search can answer from them. Each write path here changes what they must
 * say, and the expected value is worked out independently: the cameras' own
 * rows, and turf's line/polygon intersection for the street test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import { eq, sql } from "drizzle-orm";
import { cameras, registrations, streetCenterlines } from "@/db/schema";
import type { LngLat } from "@/db/ewkb";
import { relocateCameras, replaceCameras, sitePoint } from "@/lib/registration/cameras";
import type { CameraInput } from "@/lib/registration/schema";
import { buildViewCone } from "@/lib/investigation/view-cone";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration, createStreet } from "../support/factories";
import { destination } from "../support/geodesy";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const SITE: LngLat = [-87.7, 41.9];

async function searchCameras(id: string) {
  const [row] = await t.db.select({ v: registrations.searchCameras }).from(registrations).where(eq(registrations.id, id));
  return row.v;
}

/** What search_cameras must hold, from the camera rows themselves. */
async function expected(id: string) {
  const rows = await t.db.select().from(cameras).where(eq(cameras.registrationId, id)).orderBy(cameras.createdAt, cameras.id);
  const [site] = await t.db.select({ location: registrations.location }).from(registrations).where(eq(registrations.id, id));
  return rows.map((c) => ({
    id: c.id,
    position: c.position,
    bearingDeg: c.bearingDeg,
    fovDeg: c.fovDeg,
    rangeM: c.rangeM,
    recordsStreet: c.recordsStreet,
    coneCrossesStreet: c.coneCrossesStreet,
    note: c.note,
    coneOrigin: c.viewCone ? (c.location ?? site.location)!.coordinates : null,
  }));
}

/**
 * registrations.faces_street against what it must say, from the camera rows and the registration's own answer;
 * and search_cameras stored as jsonb's own text (what the search answered before migration 0017). Returns it.
 */
async function checkFacesStreet(id: string): Promise<boolean> {
  const [site] = await t.db
    .select({ faces: registrations.facesStreet, traffic: registrations.recordsStreetTraffic, text: sql<string>`search_cameras::text`, canonical: sql<string>`search_cameras::jsonb::text` })
    .from(registrations)
    .where(eq(registrations.id, id));
  const rows = await t.db.select().from(cameras).where(eq(cameras.registrationId, id));
  expect(site.faces).toBe(site.traffic || rows.some((c) => c.recordsStreet || c.coneCrossesStreet));
  expect(site.text).toBe(site.canonical);
  return site.faces;
}

/** Independently: does the cone cross any of these street lines (turf, planar on lng/lat)? */
function crosses(cone: { coordinates: number[][][] } | null, streets: LngLat[][]): boolean {
  if (!cone) return false;
  const polygon = turf.polygon(cone.coordinates);
  return streets.some((line) => turf.booleanIntersects(turf.lineString(line), polygon));
}

describe(`search_cameras and cone_crosses_street stay true to the rows (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("follow camera inserts, replacement, relocation, street inserts, changes and deletes", async () => {
    const { id } = await createRegistration(t.db, {
      location: SITE,
      cameras: [
        { position: "front", bearingDeg: 90, fovDeg: 60, rangeM: 30, recordsStreet: true, note: "porch" },
        { position: "rear", bearingDeg: null },
      ],
    });
    // The factory's two cameras share a creation time: their order is by id, so they are found by position.
    const camera = async (position: string) => (await searchCameras(id)).find((c) => c.position === position)!;
    let list = await searchCameras(id);
    expect(list).toEqual(await expected(id));
    expect(await checkFacesStreet(id)).toBe(true); // the front camera records the street
    expect((await camera("front")).coneOrigin).toEqual(SITE);
    expect((await camera("rear")).coneOrigin).toBeNull();
    expect((await camera("front")).coneCrossesStreet).toBe(false);

    // A street through the front cone (east of the site, 20 m out), then one far away.
    const east20 = destination(SITE, 90, 20);
    const through: LngLat[] = [destination(east20, 180, 20), destination(east20, 0, 20)];
    const far: LngLat[] = [destination(SITE, 270, 500), destination(SITE, 270, 600)];
    const cone = buildViewCone({ lng: SITE[0], lat: SITE[1], bearingDeg: 90, fovDeg: 60, rangeM: 30 });
    expect(crosses(cone, [through])).toBe(true);
    expect(crosses(cone, [far])).toBe(false);
    await createStreet(t.db, { coordinates: far, name: "FAR" });
    expect((await camera("front")).coneCrossesStreet).toBe(false);
    const throughId = (await createStreet(t.db, { coordinates: through, name: "THROUGH" })).id;
    list = await searchCameras(id);
    expect((await camera("front")).coneCrossesStreet).toBe(true);
    expect(list).toEqual(await expected(id));
    expect(await checkFacesStreet(id)).toBe(true);

    // The street moves away (an UPDATE), comes back, is deleted.
    const moved: LngLat[] = through.map((p) => destination(p, 0, 300));
    await t.db.update(streetCenterlines).set({ geom: { type: "LineString", coordinates: moved } }).where(eq(streetCenterlines.id, throughId));
    expect((await camera("front")).coneCrossesStreet).toBe(crosses(cone, [moved, far]));
    await t.db.update(streetCenterlines).set({ geom: { type: "LineString", coordinates: through } }).where(eq(streetCenterlines.id, throughId));
    expect((await camera("front")).coneCrossesStreet).toBe(true);
    await t.db.delete(streetCenterlines).where(eq(streetCenterlines.id, throughId));
    expect((await camera("front")).coneCrossesStreet).toBe(false);
    await checkFacesStreet(id);
    await createStreet(t.db, { coordinates: through, name: "THROUGH AGAIN" });

    // The owner's new list, through the app's own write path, in one transaction.
    await t.db.transaction(async (tx) => {
      await replaceCameras(
        tx,
        id,
        [
          { position: "side", bearingDeg: 270, fovDeg: 90, rangeM: 25, recordsStreet: false, note: undefined },
          { position: "front", bearingDeg: 80, fovDeg: 60, rangeM: 30, recordsStreet: false, note: "new" },
        ] satisfies CameraInput[],
        sitePoint(SITE[1], SITE[0]),
        new Date(),
      );
      // Inside the transaction already: nobody can read a stale list.
      const inside = await tx.select({ v: registrations.searchCameras }).from(registrations).where(eq(registrations.id, id));
      expect(inside[0].v.map((c) => c.position)).toEqual(["side", "front"]);
    });
    list = await searchCameras(id);
    expect(list).toEqual(await expected(id));
    expect(list.map((c) => [c.position, c.coneCrossesStreet])).toEqual([
      ["side", false],
      ["front", true],
    ]);
    // No camera records the street now; the front cone crosses one.
    expect(await checkFacesStreet(id)).toBe(true);

    // The site moves 1 km north with its cameras: the apexes move, the street is no longer crossed.
    const north = destination(SITE, 0, 1000);
    await t.db.transaction(async (tx) => {
      await tx.update(registrations).set({ location: sitePoint(north[1], north[0]) }).where(eq(registrations.id, id));
      await relocateCameras(tx, id, sitePoint(north[1], north[0]), new Date());
    });
    list = await searchCameras(id);
    expect(list).toEqual(await expected(id));
    expect(list.every((c) => c.coneOrigin![1] > SITE[1] + 0.008 && !c.coneCrossesStreet)).toBe(true);
    // Away from the street, no camera records it, the owner has not said the site records traffic: not facing.
    expect(await checkFacesStreet(id)).toBe(false);
    // The owner's answer alone makes it face the street, and taking it back undoes that.
    await t.db.update(registrations).set({ recordsStreetTraffic: true }).where(eq(registrations.id, id));
    expect(await checkFacesStreet(id)).toBe(true);
    await t.db.update(registrations).set({ recordsStreetTraffic: false }).where(eq(registrations.id, id));
    expect(await checkFacesStreet(id)).toBe(false);
    // A camera that records the street (an UPDATE of the camera row).
    await t.db.update(cameras).set({ recordsStreet: true }).where(eq(cameras.id, list[0].id));
    expect(await checkFacesStreet(id)).toBe(true);

    // Cameras deleted: an empty list.
    await t.db.delete(cameras).where(eq(cameras.registrationId, id));
    expect(await searchCameras(id)).toEqual([]);
    expect(await checkFacesStreet(id)).toBe(false);
  });

  it("TRUNCATE of the street table leaves no cone crossing a street", async () => {
    const origin: LngLat = [SITE[0] + 0.05, SITE[1]];
    const { id } = await createRegistration(t.db, { location: origin, cameras: [{ position: "front", bearingDeg: 0, fovDeg: 90, rangeM: 30 }] });
    await createStreet(t.db, { coordinates: [destination(destination(origin, 0, 15), 270, 30), destination(destination(origin, 0, 15), 90, 30)], name: "CROSS" });
    expect((await searchCameras(id))[0].coneCrossesStreet).toBe(true);
    expect(await checkFacesStreet(id)).toBe(true);
    await t.db.execute(sql`truncate street_centerlines`);
    expect((await searchCameras(id))[0].coneCrossesStreet).toBe(false);
    expect(await checkFacesStreet(id)).toBe(false);
  });
});
