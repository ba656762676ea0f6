/**
 * The investigation API end to end in-process: Bearer-token auth, 400s for
 * bad input, GeoJSON answers in ranked order, contacts only on request, and
 * an audit row for every search and every contact view.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, canvassEntries, incidents, registrations } from "@/db/schema";
import { GET as near } from "@/app/api/cameras/near/route";
import { POST as along } from "@/app/api/cameras/along/route";
import { GET as listIncidentsRoute, POST as createIncidentRoute } from "@/app/api/incidents/route";
import { GET as readIncidentRoute } from "@/app/api/incidents/[id]/route";
import { GET as contactsRoute } from "@/app/api/registrations/[id]/contacts/route";
import { GET as mapSites } from "@/app/api/map/sites/route";
import { GET as mapStreets } from "@/app/api/map/streets/route";
import { GET as publicStreets } from "@/app/api/streets/route";
import type { LngLat } from "@/db/ewkb";
import type { SiteFeatureCollection } from "@/lib/investigation/site-features";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistration, createStaff, createStreet } from "../support/factories";
import { destination } from "../support/geodesy";
import { noParams, params, request } from "../support/route-handlers";
import { whileAuditRefuses } from "../support/refuse-audit";
import { setDbForTests } from "@/db/client";

let t: TestDatabase;
let auth: string;
let userId: string;
const CENTER: LngLat = [-87.878, 41.866];
const ids: Record<string, string> = {};
const INCIDENT_AT = "2026-03-07T12:00:00-06:00";

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  const staff = await createStaff(t.db);
  auth = staff.authorization;
  userId = staff.id;
  // A street running east-west 10 m north of the incident point.
  const streetLat = destination(CENTER, 0, 10)[1];
  await createStreet(t.db, { coordinates: [[CENTER[0] - 0.01, streetLat], [CENTER[0] + 0.01, streetLat]], name: "ROOSEVELT" });
  const south = (m: number) => destination(CENTER, 180, m);
  // Faces north across the point and the street.
  ids.sees = (await createRegistration(t.db, { location: south(20), retentionDays: 30, notes: "DVR in back office", cameras: [{ bearingDeg: 0, fovDeg: 60, rangeM: 40 }] })).id;
  // Faces the street (registrant says so) but not the point; short retention.
  ids.street = (await createRegistration(t.db, { location: destination(CENTER, 90, 150), retentionDays: 7, cameras: [{ bearingDeg: 180, fovDeg: 60, rangeM: 10, recordsStreet: true }] })).id;
  // Nearest, but faces away and has no retention on file.
  ids.near = (await createRegistration(t.db, { location: south(60), retentionDays: null, cameras: [{ bearingDeg: 180, fovDeg: 40, rangeM: 10 }], createdAt: new Date("2026-05-01T00:00:00Z") })).id;
  // Withdrawn and pending sites never appear.
  ids.withdrawn = (await createRegistration(t.db, { location: south(5), status: "withdrawn" })).id;
  ids.pending = (await createRegistration(t.db, { location: south(6), status: "pending_review" })).id;
  ids.far = (await createRegistration(t.db, { location: destination(CENTER, 0, 900) })).id;
});

afterAll(async () => {
  await t?.close();
});

async function auditRows(action: string) {
  return t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorUserId, userId)));
}

const nearUrl = (q: Record<string, string | number>) => `/api/cameras/near?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`;

describe(`investigation API (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("refuses callers without a token", async () => {
    const res = await near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250 })), noParams);
    expect(res.status).toBe(401);
  });

  it("answers 400 with a field message for bad coordinates, radius and time", async () => {
    const cases: [Record<string, string | number>, string][] = [
      [{ lng: CENTER[0], radius: 250 }, "lat"],
      [{ lat: "north", lng: CENTER[0], radius: 250 }, "lat"],
      [{ lat: 91, lng: CENTER[0], radius: 250 }, "lat"],
      [{ lat: CENTER[1], lng: -181, radius: 250 }, "lng"],
      [{ lat: CENTER[1], lng: CENTER[0] }, "radius"],
      [{ lat: CENTER[1], lng: CENTER[0], radius: 0 }, "radius"],
      [{ lat: CENTER[1], lng: CENTER[0], radius: 2001 }, "radius"],
      [{ lat: CENTER[1], lng: CENTER[0], radius: 250, at: "yesterday" }, "at"],
      [{ lat: CENTER[1], lng: CENTER[0], radius: 250, at: "2026-03-07T12:00:00" }, "at"],
      [{ lat: CENTER[1], lng: CENTER[0], radius: 250, at: "2999-01-01T00:00:00Z" }, "at"],
    ];
    for (const [query, field] of cases) {
      const res = await near(request(nearUrl(query), { authorization: auth }), noParams);
      expect(res.status, JSON.stringify(query)).toBe(422);
      const body = await res.json();
      expect(Object.keys(body.errors), JSON.stringify(query)).toContain(field);
      expect(body.error).toContain(field);
    }
    const over = await (await near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 5000 }), { authorization: auth }), noParams)).json();
    expect(over.errors.radius).toContain("2000");
  });

  it("returns ranked GeoJSON for a radius search and audits it with its parameters", async () => {
    const before = (await auditRows("investigation.searched")).length;
    const res = await near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250, at: INCIDENT_AT }), { authorization: auth }), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SiteFeatureCollection;
    expect(body.type).toBe("FeatureCollection");
    expect(body.features.map((f) => f.properties.registrationId)).toEqual([ids.sees, ids.street, ids.near]);
    const [sees, street, nearest] = body.features.map((f) => f.properties);
    expect(body.features[0].geometry.type).toBe("Point");
    expect(sees).toMatchObject({ seesPoint: true, facesStreet: true, notes: "DVR in back office", retentionDays: 30, playback: "standard" });
    expect(sees.distanceM).toBeGreaterThan(19.5);
    expect(sees.distanceM).toBeLessThan(20.5);
    expect(sees.cameras[0]).toMatchObject({ seesPoint: true, facesStreet: true, bearingDeg: 0, fovDeg: 60, rangeM: 40, direction: "known" });
    // The cone as parameters (the map builds the polygon); the polygon itself only with include=cones.
    expect(sees.cameras[0].viewCone).toBeUndefined();
    expect(sees.cameras[0].coneOrigin).toEqual([expect.any(Number), expect.any(Number)]);
    // 30 days after noon CST on 7 March is noon CDT on 6 April; long past by now.
    expect(sees.footage).toEqual({ status: "likely_overwritten", expiresAt: "2026-04-06T17:00:00.000Z" });
    expect(street).toMatchObject({ seesPoint: false, facesStreet: true });
    expect(nearest).toMatchObject({ seesPoint: false, facesStreet: false, footage: { status: "unknown", expiresAt: null }, registeredAtIncidentTime: false });
    expect(sees.registeredAtIncidentTime).toBe(true);
    expect(body.features.some((f) => "contacts" in f.properties)).toBe(false);
    expect(JSON.stringify(body)).not.toContain("@example.test");

    const rows = await auditRows("investigation.searched");
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)!.details).toMatchObject({ kind: "point", lat: CENTER[1], lng: CENTER[0], radiusM: 250, at: "2026-03-07T18:00:00.000Z", results: 3, includeContacts: false });
  });

  it("audits a search that finds nothing, and answers nothing when its audit entry cannot be written", async () => {
    // The plain search and its entry are one statement (findSitesRecorded): an empty answer still leaves its entry…
    const before = (await auditRows("investigation.searched")).length;
    const empty = await near(request(nearUrl({ lat: 0.5, lng: 0.5, radius: 100 }), { authorization: auth }), noParams);
    expect(empty.status).toBe(200);
    expect(((await empty.json()) as SiteFeatureCollection).features).toEqual([]);
    const rows = await auditRows("investigation.searched");
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)!.details).toMatchObject({ kind: "point", radiusM: 100, results: 0, via: "GET /api/cameras/near" });

    // …and when the entry is refused, no result leaves the database (the same request fails as a whole).
    // Not a database outage, so the route rethrows and Next.js answers a bare 500 (lib/http/route-errors.ts).
    const failed = await whileAuditRefuses(t.db, "investigation.searched", () =>
      near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250, at: INCIDENT_AT }), { authorization: auth }), noParams),
    );
    expect(String(failed?.cause ?? failed)).toContain("audit refused by the test");
    expect((await auditRows("investigation.searched")).length).toBe(before + 1);

    // The sites arrive before the statement commits (rows-before-commit.ts) and are ranked meanwhile; an entry
    // refused only at COMMIT still means no answer.
    const refusedAtCommit = await whileAuditRefuses(
      t.db,
      "investigation.searched",
      () => near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250, at: INCIDENT_AT }), { authorization: auth }), noParams),
      { atCommit: true },
    );
    expect(String(refusedAtCommit?.cause ?? refusedAtCommit)).toContain("audit refused by the test");
    expect((await auditRows("investigation.searched")).length).toBe(before + 1);
  });

  it("includes contacts only with include=contacts, and audits each contact view", async () => {
    const before = (await auditRows("registration.contacts_viewed")).length;
    const res = await near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250, at: INCIDENT_AT, include: "contacts" }), { authorization: auth }), noParams);
    const body = (await res.json()) as SiteFeatureCollection;
    expect(body.features[0].properties.contacts?.owner.email).toMatch(/@example\.test$/);
    const rows = await auditRows("registration.contacts_viewed");
    expect(rows.length).toBe(before + 3);
    expect(rows.slice(-3).map((r) => r.targetId).sort()).toEqual([ids.sees, ids.street, ids.near].sort());
  });

  it("answers every camera's cone polygon with include=cones, alone or with contacts", async () => {
    for (const include of ["cones", "contacts,cones"]) {
      const res = await near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250, at: INCIDENT_AT, include }), { authorization: auth }), noParams);
      expect(res.status).toBe(200);
      const body = (await res.json()) as SiteFeatureCollection;
      const cameras = body.features.flatMap((f) => f.properties.cameras);
      expect(cameras.length).toBeGreaterThan(0);
      for (const c of cameras) {
        if (c.coneOrigin === null) expect(c.viewCone).toBeNull();
        else expect(c.viewCone?.type).toBe("Polygon");
      }
      expect(cameras.some((c) => c.viewCone)).toBe(true);
      expect(body.features.some((f) => f.properties.contacts !== undefined)).toBe(include.includes("contacts"));
    }
    const bad = await near(request(nearUrl({ lat: CENTER[1], lng: CENTER[0], radius: 250, include: "cones,polygons" }), { authorization: auth }), noParams);
    expect(bad.status).toBe(422);
  });

  it("shows one registration's contact through the audited show-contact endpoint", async () => {
    const before = (await auditRows("registration.contacts_viewed")).length;
    const res = await contactsRoute(request(`/api/registrations/${ids.sees}/contacts`, { authorization: auth }), params({ id: ids.sees }));
    expect(res.status).toBe(200);
    expect((await res.json()).owner.email).toMatch(/@example\.test$/);
    const rows = await auditRows("registration.contacts_viewed");
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)!.targetId).toBe(ids.sees);
    expect((await contactsRoute(request(`/api/registrations/nope/contacts`, { authorization: auth }), params({ id: "nope" }))).status).toBe(404);
    const missing = "00000000-0000-4000-8000-00000000dead";
    expect((await contactsRoute(request(`/api/registrations/${missing}/contacts`, { authorization: auth }), params({ id: missing }))).status).toBe(404);
    expect((await auditRows("registration.contacts_viewed")).length).toBe(before + 1);
  });

  it("serves no contacts of a withdrawn or inactive registration (and audits no read)", async () => {
    const before = (await auditRows("registration.contacts_viewed")).length;
    for (const status of ["withdrawn", "inactive"] as const) {
      const id = (await createRegistration(t.db, { location: [CENTER[0] + 0.05, CENTER[1] + 0.05], retentionDays: 30, cameras: [{ bearingDeg: 0, fovDeg: 60, rangeM: 10 }] })).id;
      await t.db.update(registrations).set({ status, inactiveSince: new Date() }).where(eq(registrations.id, id));
      const res = await contactsRoute(request(`/api/registrations/${id}/contacts`, { authorization: auth }), params({ id }));
      expect(res.status).toBe(404);
    }
    expect((await auditRows("registration.contacts_viewed")).length).toBe(before);
  });

  it("searches a corridor along a route and validates the route", async () => {
    const route = { type: "LineString", coordinates: [destination(CENTER, 270, 300), destination(CENTER, 90, 300)] };
    const res = await along(request("/api/cameras/along", { authorization: auth, body: { route, widthM: 60, at: INCIDENT_AT } }), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SiteFeatureCollection;
    // Within 30 m of the line: the site 20 m south and the one 150 m east on the line; the 60 m one is outside.
    expect(body.features.map((f) => f.properties.registrationId).sort()).toEqual([ids.sees, ids.street].sort());
    const sees = body.features.find((f) => f.properties.registrationId === ids.sees)!.properties;
    expect(sees.cameras[0].seesRoute?.lengthM).toBeGreaterThan(10);
    const audit = (await auditRows("investigation.searched")).at(-1)!;
    expect(audit.details).toMatchObject({ kind: "route", widthM: 60, via: "POST /api/cameras/along" });

    const bad: [unknown, string][] = [
      [{ route: { type: "Point", coordinates: [1, 2] }, widthM: 60 }, "route.type"],
      [{ route: { type: "LineString", coordinates: [[0, 0]] }, widthM: 60 }, "route.coordinates"],
      [{ route: { type: "LineString", coordinates: [[0, 95], [0, 0]] }, widthM: 60 }, "route.coordinates.0.1"],
      [{ route, widthM: -1 }, "widthM"],
      [{ route }, "widthM"],
      [{ route, widthM: 60, at: "not a time" }, "at"],
    ];
    for (const [payload, field] of bad) {
      const r = await along(request("/api/cameras/along", { authorization: auth, body: payload }), noParams);
      expect(r.status, JSON.stringify(payload)).toBe(422);
      expect(Object.keys((await r.json()).errors), JSON.stringify(payload)).toContain(field);
    }
    const notJson = await along(request("/api/cameras/along", { authorization: auth, body: "{oops" }), noParams);
    expect(notJson.status).toBe(422);
  });

  it("saves an incident with one canvass entry per site in range, atomically and audited", async () => {
    const res = await createIncidentRoute(
      request("/api/incidents", { authorization: auth, body: { caseNumber: "26-001234", lat: CENTER[1], lng: CENTER[0], radiusM: 250, occurredAt: INCIDENT_AT } }),
      noParams,
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const entries = await t.db.select().from(canvassEntries).where(eq(canvassEntries.incidentId, id));
    expect(entries.map((e) => e.registrationId).sort()).toEqual([ids.sees, ids.street, ids.near].sort());
    expect(entries.find((e) => e.registrationId === ids.sees)!.distanceM).toBeCloseTo(20, 0);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "incident.created"), eq(auditLog.targetId, id)));
    expect(audit).toHaveLength(1);
    // The stops are numbered as a walk, not by rank: from the pin, the two sites south of it (20 m, 60 m) come
    // before the one 150 m east, though the east one ranks second for facing the street.
    const byStop = [...entries].sort((a, b) => (a.walkOrder ?? 0) - (b.walkOrder ?? 0));
    expect(byStop.map((e) => e.walkOrder)).toEqual([1, 2, 3]);
    expect(byStop.map((e) => e.registrationId)).toEqual([ids.sees, ids.near, ids.street]);
    const walkAudit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "canvass.walk_order_changed"), eq(auditLog.targetId, id)));
    expect(walkAudit).toHaveLength(1);

    const detail = await (await readIncidentRoute(request(`/api/incidents/${id}`, { authorization: auth }), params({ id }))).json();
    expect(detail).toMatchObject({ caseNumber: "26-001234", kind: "point", occurredFrom: "2026-03-07T18:00:00.000Z", canvassEntries: 3 });
    expect(detail.area).toMatchObject({ kind: "point", radiusM: 250 });
    const list = await (await listIncidentsRoute(request("/api/incidents", { authorization: auth }), noParams)).json();
    expect(list.incidents.map((i: { id: string }) => i.id)).toContain(id);

    // A route incident with a time window.
    const routeRes = await createIncidentRoute(
      request("/api/incidents", {
        authorization: auth,
        body: { route: { type: "LineString", coordinates: [destination(CENTER, 270, 300), destination(CENTER, 90, 300)] }, widthM: 60, occurredAt: { from: "2026-03-07T11:00:00-06:00", to: "2026-03-07T12:30:00-06:00" } },
      }),
      noParams,
    );
    expect(routeRes.status).toBe(201);
    const routeDetail = await (await readIncidentRoute(request("/x", { authorization: auth }), params({ id: (await routeRes.json()).id }))).json();
    expect(routeDetail).toMatchObject({ kind: "route", occurredFrom: "2026-03-07T17:00:00.000Z", occurredTo: "2026-03-07T18:30:00.000Z", canvassEntries: 2 });
  });

  it("rejects bad incidents with field errors and writes nothing", async () => {
    const count = async () => (await t.db.select().from(incidents)).length;
    const before = await count();
    const bad: [unknown, string][] = [
      [{ lat: CENTER[1], lng: CENTER[0], occurredAt: INCIDENT_AT }, "radiusM"],
      [{ lat: CENTER[1], radiusM: 100, occurredAt: INCIDENT_AT }, "lng"],
      [{ lat: CENTER[1], lng: CENTER[0], radiusM: 100 }, "occurredAt"],
      [{ lat: CENTER[1], lng: CENTER[0], radiusM: 100, occurredAt: { from: "2026-03-07T12:00:00Z", to: "2026-03-07T11:00:00Z" } }, "occurredAt.to"],
      [{ route: { type: "LineString", coordinates: [[0, 0], [0, 1]] }, occurredAt: INCIDENT_AT }, "widthM"],
      [{ lat: CENTER[1], lng: CENTER[0], radiusM: 99999, occurredAt: INCIDENT_AT }, "radiusM"],
      [[], "(body)"],
    ];
    for (const [payload, field] of bad) {
      const r = await createIncidentRoute(request("/api/incidents", { authorization: auth, body: payload }), noParams);
      expect(r.status, JSON.stringify(payload)).toBe(422);
      expect(Object.keys((await r.json()).errors), JSON.stringify(payload)).toContain(field);
    }
    expect(await count()).toBe(before);
    expect((await readIncidentRoute(request("/x", { authorization: auth }), params({ id: "00000000-0000-4000-8000-00000000beef" }))).status).toBe(404);
  });

  it("serves lightweight site points and streets for the map layers", async () => {
    const bbox = `${CENTER[0] - 0.01},${CENTER[1] - 0.01},${CENTER[0] + 0.01},${CENTER[1] + 0.01}`;
    const sites = await (await mapSites(request(`/api/map/sites?bbox=${bbox}`, { authorization: auth }), noParams)).json();
    const points = await t.db.execute(sql`select round(ST_X(location::geometry) * 1e6)::int as lng, round(ST_Y(location::geometry) * 1e6)::int as lat
      from registrations where id in (${sql.join([ids.sees, ids.street, ids.near, ids.far].map((id) => sql`${id}::uuid`), sql`, `)})`);
    const pairs = (coords: number[]) => coords.flatMap((v, i) => (i % 2 === 0 ? [`${v},${coords[i + 1]}`] : [])).sort();
    expect(sites.scale).toBe(1e6);
    expect(pairs(sites.coords)).toEqual(pairs((points.rows as { lng: number; lat: number }[]).flatMap((r) => [Number(r.lng), Number(r.lat)])));
    expect(JSON.stringify(sites)).not.toMatch(/Test Rd|example|[0-9a-f]{8}-[0-9a-f]{4}/);
    const streets = await (await mapStreets(request(`/api/map/streets?bbox=${bbox}`, { authorization: auth }), noParams)).json();
    expect(streets.features).toHaveLength(1);
    expect(streets.features[0].properties.name).toBe("Roosevelt");
    // The residents' maps read the same centerlines without signing in, a small box at a time.
    const open = await publicStreets(request(`/api/streets?bbox=${bbox}`));
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual(streets);
    expect((await publicStreets(request(`/api/streets?bbox=${CENTER[0] - 0.1},${CENTER[1] - 0.1},${CENTER[0] + 0.1},${CENTER[1] + 0.1}`))).status).toBe(422);
    const bad = await mapSites(request(`/api/map/sites?bbox=1,2,3`, { authorization: auth }), noParams);
    expect(bad.status).toBe(422);
  });
});
