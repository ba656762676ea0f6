/**
 * A search ranks every site on a lean key and builds the full result only for the page's sites
 * (lib/investigation/find-sites.ts, rankRows; issue 18). These fail if that drops a site, puts one in another
 * order than ranking the full results would, or miscounts: every answer here is checked against the full
 * results ranked with compareRanked (the order every answer had before), against a count of the sites in range
 * worked out here from where they were put, and page by page against the whole answer. The sites include
 * cameras aimed at the search point (seesPoint, decided from the cameras for those sites only), street-facing
 * ones (facesStreet, decided in SQL), every footage status and ties at the same spot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as near } from "@/app/api/cameras/near/route";
import { POST as along } from "@/app/api/cameras/along/route";
import type { LngLat } from "@/db/ewkb";
import { setDbForTests } from "@/db/client";
import { findSites } from "@/lib/investigation/find-sites";
import { compareRanked } from "@/lib/investigation/rank-sites";
import type { SiteFeature, SiteFeatureCollection } from "@/lib/investigation/site-features";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistrations, createStaff, type TestStaff } from "../support/factories";
import { bearingDeg, destination, distanceToRouteM, geodesicM } from "../support/geodesy";
import { noParams, request } from "../support/route-handlers";

let t: TestDatabase;
let detective: TestStaff;
const CENTER: LngLat = [-87.87, 41.87];
const RADIUS_M = 300;
const AT = "2026-11-20T12:00:00-06:00";
const ROUTE: LngLat[] = [destination(CENTER, 200, 250), destination(CENTER, 20, 250)];
const WIDTH_M = 160;
const placed: LngLat[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  detective = await createStaff(t.db);
  const specs = Array.from({ length: 90 }, (_, i) => {
    const location = destination(CENTER, (i * 137) % 360, 20 + ((i * 53) % 270));
    // Every fifth site has a camera aimed at the centre and long enough to reach it: it sees the point.
    const aimed = i % 5 === 0 ? [{ bearingDeg: bearingDeg(location, CENTER), fovDeg: 60, rangeM: Math.min(500, geodesicM(location, CENTER) + 20) }] : [];
    const other = i % 4 === 1 ? [{ bearingDeg: (i * 29) % 360, fovDeg: 90, rangeM: 25, recordsStreet: i % 8 === 1 }] : [];
    return {
      location,
      retentionDays: [null, 1, 3, 7, 30, 365][i % 6],
      recordingMode: (["continuous", "motion", "scheduled", "unknown"] as const)[i % 4],
      recordsStreetTraffic: i % 9 === 0,
      cameras: [...aimed, ...other],
    };
  });
  // Pairs at the very same spot, alike in everything: the registration id decides.
  for (let i = 0; i < 6; i++) specs.push({ ...specs[i * 7 + 2], cameras: [...specs[i * 7 + 2].cameras] });
  await createRegistrations(t.db, specs);
  placed.push(...specs.map((s) => s.location));
});

afterAll(async () => {
  await t?.close();
});

const nearUrl = (limit: string | number) =>
  `/api/cameras/near?${new URLSearchParams({ lat: String(CENTER[1]), lng: String(CENTER[0]), radius: String(RADIUS_M), at: AT, limit: String(limit) })}`;

async function call(route: typeof near, url: string, body?: unknown): Promise<SiteFeatureCollection> {
  const res = await route(request(url, { authorization: detective.authorization, ...(body ? { method: "POST", body } : {}) }), noParams);
  const json = (await res.json()) as SiteFeatureCollection;
  expect(res.status, JSON.stringify(json).slice(0, 300)).toBe(200);
  return json;
}

/** Every page from the first, following `next`. */
async function pages(first: (after?: string) => Promise<SiteFeatureCollection>) {
  const all: SiteFeatureCollection[] = [];
  let after: string | undefined;
  do {
    const page = await first(after);
    all.push(page);
    after = page.page!.next ?? undefined;
  } while (after && all.length < 200);
  return all;
}

const byRank = (features: SiteFeature[]) =>
  [...features].sort((a, b) => compareRanked(a.properties, b.properties)).map((f) => f.properties.registrationId);

function expectRankedAnswer(features: SiteFeature[], expectedCount: number) {
  expect(features).toHaveLength(expectedCount);
  expect(new Set(features.map((f) => f.id)).size).toBe(expectedCount);
  // The order is the full results' ranking, and each site's rank facts are what its cameras say.
  expect(features.map((f) => f.properties.registrationId)).toEqual(byRank(features));
  expect(features.map((f) => f.properties.rank)).toEqual(features.map((_, i) => i + 1));
  for (const { properties: p } of features) {
    expect(p.seesPoint).toBe(p.cameras.some((c) => c.seesPoint));
    expect(p.facesStreet).toBe(p.recordsStreetTraffic || p.cameras.some((c) => c.recordsStreet || c.coneCrossesStreet));
  }
}

describe(`lean ranking, full results for the page only (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("a radius answer is every site in range, in the full results' ranking; pages cut it without a gap or a repeat", async () => {
    const expected = placed.filter((p) => geodesicM(CENTER, p) <= RADIUS_M).length;
    expect(expected).toBeGreaterThan(60);
    const whole = await call(near, nearUrl("all"));
    expectRankedAnswer(whole.features, expected);
    expect(whole.page!.total).toBe(expected);
    const seeing = whole.features.filter((f) => f.properties.seesPoint).length;
    expect(seeing).toBeGreaterThan(5);
    // The sites that see the point come first.
    expect(whole.features.slice(0, seeing).every((f) => f.properties.seesPoint)).toBe(true);

    // The same ranking as findSites' full results (every site built in full, the canvass's reader).
    const at = new Date(AT);
    const full = await findSites(t.db, { area: { kind: "point", lng: CENTER[0], lat: CENTER[1], radiusM: RADIUS_M }, at, timeZone: "America/Chicago" });
    expect(full.map((s) => s.registrationId)).toEqual([...full].sort(compareRanked).map((s) => s.registrationId));
    expect(new Set(full.map((s) => s.registrationId))).toEqual(new Set(whole.features.map((f) => f.id)));

    for (const limit of [1, 4, 9, seeing, expected - 1]) {
      const got = await pages((after) => call(near, `${nearUrl(limit)}${after ? `&after=${after}` : ""}`));
      expect(got).toHaveLength(Math.ceil(expected / limit));
      for (const [i, page] of got.entries()) expect(page.page).toMatchObject({ total: expected, limit, offset: i * limit });
      const features = got.flatMap((p) => p.features);
      // The cursor of each page differs from the whole answer's (null); everything else is the same.
      expect(features).toEqual(whole.features);
    }
  });

  it("a route answer likewise", async () => {
    const route = { type: "LineString", coordinates: ROUTE };
    const expected = placed.filter((p) => distanceToRouteM(p, ROUTE) <= WIDTH_M / 2).length;
    expect(expected).toBeGreaterThan(10);
    const body = (limit: string | number, after?: string) => ({ route, widthM: WIDTH_M, at: AT, limit, ...(after ? { after } : {}) });
    const whole = await call(along, "/api/cameras/along", body("all"));
    expectRankedAnswer(whole.features, expected);
    expect(whole.features.some((f) => f.properties.seesPoint)).toBe(true);
    for (const limit of [1, 3, 7]) {
      const got = await pages((after) => call(along, "/api/cameras/along", body(limit, after)));
      expect(got.every((p) => p.page!.total === expected)).toBe(true);
      expect(got.flatMap((p) => p.features)).toEqual(whole.features);
    }
  });
});
