/**
 * Paged search answers (issue 18, lib/investigation/result-page.ts), through the routes as the app runs them:
 * following `page.next` gives exactly the unpaged answer (`limit=all`) in the same order with nothing twice
 * and nothing missing, `page.total` is the count of active sites in range worked out here from where the
 * factory put them (not by the same SQL), the default page is DEFAULT_PAGE_SIZE, a bad `limit` or `after`
 * is a field error on that parameter, one search is one audit entry however many pages are read (contacts
 * are audited on the page that reads them), and saving an incident is not paged: its canvass has every site.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, canvassEntries, registrations } from "@/db/schema";
import { GET as near } from "@/app/api/cameras/near/route";
import { POST as along } from "@/app/api/cameras/along/route";
import { POST as createIncidentRoute } from "@/app/api/incidents/route";
import { GET as incidentSitesRoute } from "@/app/api/incidents/[id]/sites/route";
import type { LngLat } from "@/db/ewkb";
import { DEFAULT_PAGE_SIZE } from "@/lib/investigation/result-page";
import type { SiteFeatureCollection } from "@/lib/investigation/site-features";
import { setDbForTests } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistrations, createStaff, type TestStaff } from "../support/factories";
import { destination, geodesicM, distanceToRouteM } from "../support/geodesy";
import { noParams, params, request } from "../support/route-handlers";

let t: TestDatabase;
let detective: TestStaff;
let other: TestStaff;
const CENTER: LngLat = [-87.878, 41.866];
const RADIUS_M = 400;
const INCIDENT_AT = "2026-11-20T12:00:00-06:00";
const ROUTE: LngLat[] = [destination(CENTER, 270, 300), destination(CENTER, 0, 40), destination(CENTER, 90, 300)];
const WIDTH_M = 120;
/** Where every active site is, to count the answer independently of the search's SQL. */
const activeSites: LngLat[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  detective = await createStaff(t.db);
  other = await createStaff(t.db);
  // 130 sites inside the circle, more than the default page: spread over distances and bearings, retentions
  // that rank differently (urgent / available / overwritten / unknown), some facing the street, and pairs
  // at the very same spot, alike in everything the ranking looks at, so the id tie-break decides between them.
  const specs = Array.from({ length: 130 }, (_, i) => {
    const location = destination(CENTER, (i * 47) % 360, 15 + ((i * 7919) % 370));
    return {
      location,
      retentionDays: [null, 2, 14, 30, 365][i % 5],
      recordingMode: (i % 7 === 0 ? "motion" : "continuous") as "motion" | "continuous",
      cameras: i % 3 === 0 ? [{ bearingDeg: (i * 31) % 360, fovDeg: 90, rangeM: 30, recordsStreet: i % 6 === 0 }] : [],
    };
  });
  for (let i = 0; i < 8; i++) specs.push({ ...specs[i * 11], cameras: [...specs[i * 11].cameras] });
  await createRegistrations(t.db, specs);
  activeSites.push(...specs.map((s) => s.location));
  // Out of range, or not active: never counted.
  await createRegistrations(t.db, [
    { location: destination(CENTER, 10, 2000) },
    { location: destination(CENTER, 10, 50), status: "withdrawn" },
    { location: destination(CENTER, 20, 60), status: "pending_review" },
  ]);
});

afterAll(async () => {
  await t?.close();
});

const nearUrl = (q: Record<string, string | number>) =>
  `/api/cameras/near?${new URLSearchParams({ lat: String(CENTER[1]), lng: String(CENTER[0]), radius: String(RADIUS_M), at: INCIDENT_AT, ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])) })}`;

async function get(route: typeof near, url: string, who: TestStaff = detective, ctx: Parameters<typeof near>[1] = noParams) {
  const res = await route(request(url, { authorization: who.authorization }), ctx);
  return { status: res.status, body: (await res.json()) as SiteFeatureCollection & { code?: string; errors?: Record<string, string> } };
}

/** Follows `page.nextUrl` from the first page to the last; every page must answer 200. */
async function allPagesByUrl(route: typeof near, firstUrl: string, ctx: Parameters<typeof near>[1] = noParams) {
  const pages: SiteFeatureCollection[] = [];
  let url: string | null | undefined = firstUrl;
  while (url) {
    const { status, body } = await get(route, url, detective, ctx);
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
    pages.push(body);
    url = body.page!.nextUrl;
    expect(pages.length).toBeLessThan(500);
  }
  return pages;
}

async function auditCount(action: string, userId = detective.id) {
  return (await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorUserId, userId)))).length;
}

const ids = (fc: SiteFeatureCollection) => fc.features.map((f) => f.properties.registrationId);

describe(`paged search answers (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("pages of a radius search concatenate to exactly the whole answer, with the full count", async () => {
    const whole = await get(near, nearUrl({ limit: "all" }));
    expect(whole.status).toBe(200);
    const expected = activeSites.filter((s) => geodesicM(CENTER, s) <= RADIUS_M).length;
    expect(expected).toBe(138);
    expect(whole.body.features).toHaveLength(expected);
    expect(whole.body.page).toMatchObject({ total: expected, limit: null, offset: 0, next: null });
    expect(whole.body.features.map((f) => f.properties.rank)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));

    for (const limit of [1, 7, 50, 137, 138]) {
      const pages = await allPagesByUrl(near, nearUrl({ limit }));
      expect(pages).toHaveLength(Math.ceil(expected / limit));
      for (const [i, page] of pages.entries()) {
        expect(page.page).toMatchObject({ total: expected, limit, offset: i * limit });
        expect(page.features.length).toBe(Math.min(limit, expected - i * limit));
      }
      // Same sites, same order, same ranks, same fields: the pages are the whole answer cut in pieces.
      expect(pages.flatMap((p) => p.features)).toEqual(whole.body.features);
      expect(pages.at(-1)!.page!.next).toBeNull();
    }
  });

  it("answers DEFAULT_PAGE_SIZE sites by default, and the next link carries the search's time", async () => {
    const first = await get(near, `/api/cameras/near?lat=${CENTER[1]}&lng=${CENTER[0]}&radius=${RADIUS_M}`);
    expect(first.status).toBe(200);
    expect(first.body.features).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(first.body.page).toMatchObject({ total: 138, limit: DEFAULT_PAGE_SIZE, offset: 0, next: expect.any(String) });
    // Without `at` the search is "now"; the next page must repeat that instant, not take a new one.
    const nextUrl = new URL(first.body.page!.nextUrl!, "http://localhost");
    expect(nextUrl.searchParams.get("at")).toBe(first.body.search.at);
    const second = await get(near, first.body.page!.nextUrl!);
    expect(second.status).toBe(200);
    expect(second.body.features).toHaveLength(38);
    expect(second.body.features[0].properties.rank).toBe(DEFAULT_PAGE_SIZE + 1);
    expect(new Set([...ids(first.body), ...ids(second.body)]).size).toBe(138);
  });

  it("audits one search however many pages are read; contacts are audited on the page that reads them", async () => {
    const searched = await auditCount("investigation.searched");
    const pages = await allPagesByUrl(near, nearUrl({ limit: 30 }));
    expect(pages).toHaveLength(5);
    expect(await auditCount("investigation.searched")).toBe(searched + 1);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "investigation.searched"), eq(auditLog.actorUserId, detective.id)))
      .orderBy(auditLog.id)
      .then((rows) => rows.slice(-1));
    expect(entry.details).toMatchObject({ kind: "point", radiusM: RADIUS_M, results: 138, via: "GET /api/cameras/near" });

    // A following page with include=contacts reads (and audits) its own sites' contacts, no others.
    const viewed = await auditCount("registration.contacts_viewed");
    const first = await get(near, nearUrl({ limit: 10 }));
    const second = await get(near, `${first.body.page!.nextUrl!}&include=contacts`);
    expect(second.status).toBe(200);
    expect(second.body.features.every((f) => f.properties.contacts?.owner.email)).toBe(true);
    const contactRows = (await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.contacts_viewed"), eq(auditLog.actorUserId, detective.id)))).slice(viewed);
    expect(contactRows.map((r) => r.targetId).sort()).toEqual(ids(second.body).sort());
    expect(await auditCount("investigation.searched")).toBe(searched + 2);
  });

  it("answers a bad limit or cursor with a field error on that parameter", async () => {
    for (const limit of ["0", "-1", "1.5", "abc", "1001", "ALL"]) {
      const { status, body } = await get(near, nearUrl({ limit }));
      expect(status, limit).toBe(422);
      expect(body.code).toBe("validation");
      expect(Object.keys(body.errors!), limit).toEqual(["limit"]);
    }
    for (const after of ["nonsense", Buffer.from('{"s":1}').toString("base64url"), "x".repeat(3000)]) {
      const { status, body } = await get(near, nearUrl({ after }));
      expect(status).toBe(422);
      expect(Object.keys(body.errors!)).toEqual(["after"]);
    }
    // A real cursor carried to another search, another time, or another user is refused too.
    const first = await get(near, nearUrl({ limit: 5 }));
    const cursor = first.body.page!.next!;
    const elsewhere = [
      [nearUrl({ limit: 5, radius: RADIUS_M - 1, after: cursor }), detective],
      [nearUrl({ limit: 5, at: "2026-11-20T13:00:00-06:00", after: cursor }), detective],
      [nearUrl({ limit: 5, after: cursor }), other],
    ] as const;
    for (const [url, who] of elsewhere) {
      const { status, body } = await get(near, url, who);
      expect(status, url).toBe(422);
      expect(body.errors!.after).toContain("does not continue this search");
    }
    const badBody = await along(request("/api/cameras/along", { authorization: detective.authorization, body: { route: { type: "LineString", coordinates: ROUTE }, widthM: WIDTH_M, limit: 0 } }), noParams);
    expect(badBody.status).toBe(422);
    expect(Object.keys((await badBody.json()).errors)).toEqual(["limit"]);
  });

  it("a site withdrawn between two pages moves nothing else across the cut", async () => {
    const first = await get(near, nearUrl({ limit: 20 }));
    const whole = ids((await get(near, nearUrl({ limit: "all" }))).body);
    // Withdraw the first page's best site; a cursor by offset would now skip the site that was 21st.
    const gone = first.body.features[0].properties.registrationId;
    await t.db.update(registrations).set({ status: "withdrawn" }).where(eq(registrations.id, gone));
    try {
      const second = await get(near, first.body.page!.nextUrl!);
      expect(second.status).toBe(200);
      expect(ids(second.body)).toEqual(whole.slice(20, 40));
      expect(second.body.page!.total).toBe(137);
    } finally {
      await t.db.update(registrations).set({ status: "active" }).where(eq(registrations.id, gone));
    }
  });

  it("pages of a route search concatenate to the whole answer", async () => {
    const body = { route: { type: "LineString", coordinates: ROUTE }, widthM: WIDTH_M, at: INCIDENT_AT };
    const post = async (extra: Record<string, unknown>) => {
      const res = await along(request("/api/cameras/along", { authorization: detective.authorization, body: { ...body, ...extra } }), noParams);
      expect(res.status).toBe(200);
      return (await res.json()) as SiteFeatureCollection;
    };
    const whole = await post({ limit: "all" });
    const expected = activeSites.filter((s) => distanceToRouteM(s, ROUTE) <= WIDTH_M / 2).length;
    expect(whole.page!.total).toBe(expected);
    expect(expected).toBeGreaterThan(10);
    const pages = [await post({ limit: 4 })];
    while (pages.at(-1)!.page!.next) pages.push(await post({ limit: 4, after: pages.at(-1)!.page!.next }));
    expect(pages).toHaveLength(Math.ceil(expected / 4));
    expect(pages.flatMap((p) => p.features)).toEqual(whole.features);
    // The cursor belongs to this route: not to a route through only some of its points (nor another width).
    const next = pages[0].page!.next;
    for (const other of [{ route: { type: "LineString", coordinates: [ROUTE[0], ROUTE[2]] } }, { widthM: WIDTH_M - 10 }]) {
      const res = await along(request("/api/cameras/along", { authorization: detective.authorization, body: { ...body, ...other, limit: 4, after: next } }), noParams);
      expect(res.status).toBe(422);
      expect(Object.keys((await res.json()).errors)).toEqual(["after"]);
    }
  });

  it("saving an incident records every site in range (not a page); its sites answer pages like a search", async () => {
    const res = await createIncidentRoute(
      request("/api/incidents", { authorization: detective.authorization, body: { lat: CENTER[1], lng: CENTER[0], radiusM: RADIUS_M, occurredAt: INCIDENT_AT } }),
      noParams,
    );
    expect(res.status).toBe(201);
    const { id, canvassEntries: saved } = (await res.json()) as { id: string; canvassEntries: number };
    expect(saved).toBe(138);
    expect(await t.db.$count(canvassEntries, eq(canvassEntries.incidentId, id))).toBe(138);

    const viewed = await auditCount("incident.viewed");
    const whole = await get(incidentSitesRoute as typeof near, `/api/incidents/${id}/sites?limit=all`, detective, params({ id }));
    expect(whole.body.page).toMatchObject({ total: 138, next: null });
    const pages = await allPagesByUrl(incidentSitesRoute as typeof near, `/api/incidents/${id}/sites`, params({ id }));
    expect(pages.map((p) => p.features.length)).toEqual([DEFAULT_PAGE_SIZE, 38]);
    expect(pages.flatMap((p) => p.features)).toEqual(whole.body.features);
    // Two views (limit=all, then the paged one), each one entry.
    expect(await auditCount("incident.viewed")).toBe(viewed + 2);
    // A search's cursor does not continue an incident view.
    const search = await get(near, nearUrl({ limit: 5 }));
    const wrong = await get(incidentSitesRoute as typeof near, `/api/incidents/${id}/sites?after=${search.body.page!.next}`, detective, params({ id }));
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.body.errors!)).toEqual(["after"]);
  });
});
