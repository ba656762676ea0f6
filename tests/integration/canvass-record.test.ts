/**
 * The canvass record does not change after the fact: each entry keeps what the search found when the
 * incident was saved; the owner's later edit or withdrawal shows as "updated since", contacts stay current.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { canvassEntries, registrations } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { POST as createIncidentRoute, GET as listIncidentsRoute } from "@/app/api/incidents/route";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { GET as getCanvass } from "@/app/api/incidents/[id]/canvass/route";
import * as manageRoute from "@/app/api/manage/[token]/route";
import * as statusRoute from "@/app/api/manage/[token]/status/route";
import { postRegistration } from "@/lib/registration/post-registration";
import { snapshotCanvassEntries } from "@/lib/canvass/site-snapshot-sql";
import type { CanvassRow } from "@/lib/canvass/canvass-types";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, createStaff, ROOSEVELT_10300, type TestStaff, validRegistration } from "../support/factories";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { request } from "../support/route-handlers";

let t: TestDatabase;
let detective: TestStaff;
let supervisor: TestStaff;

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  await createAddressPoint(t.db);
  detective = await createStaff(t.db, { role: "detective", name: "Dana Record" });
  supervisor = await createStaff(t.db, { role: "supervisor", name: "Sue Record" });
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const staffRequest = (method: string, url: string, who: TestStaff, body?: unknown) => request(url, { method, authorization: who.authorization, body });
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const tokenParams = (token: string) => ({ params: Promise.resolve({ token }) });
async function owner(handler: (r: Request, p: ReturnType<typeof tokenParams>) => Promise<Response>, token: string, method: string, body?: unknown) {
  const res = await handler(request(`/api/manage/${token}`, { method, body }), tokenParams(token));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let unit = 0;
/** A resident registers through the public route; staff have activated it (set directly: review is not under test). */
async function registerActive(overrides: Record<string, unknown> = {}) {
  const address = { line1: "10300 W Roosevelt Rd", unit: `Unit ${++unit}`, city: "Westchester", state: "IL", zip: "60154" };
  const res = await postRegistration(jsonRequest(validRegistration({ address, owner: { name: "Pat Doe", phone: "708-555-0134", email: `pat${unit}@example.com` }, ...overrides })), registrationDeps(t.db));
  const body = (await res.json()) as { id: string; manageUrl: string };
  await t.db.update(registrations).set({ status: "active", needsReview: false }).where(eq(registrations.id, body.id));
  return { id: body.id, token: body.manageUrl.split("/manage/")[1] };
}

async function saveIncident() {
  const res = await createIncidentRoute(
    staffRequest("POST", "/api/incidents", detective, {
      caseNumber: `26-R${++unit}`,
      // 20 m south of the site: the front camera (bearing 180, 30 m) sees the spot.
      lat: ROOSEVELT_10300.lat - 20 / 110_540,
      lng: ROOSEVELT_10300.lng,
      radiusM: 100,
      occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    }),
    idParams(""),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function canvassRow(incidentId: string, registrationId: string): Promise<CanvassRow> {
  const res = await getCanvass(staffRequest("GET", `/api/incidents/${incidentId}/canvass`, supervisor), idParams(incidentId));
  expect(res.status).toBe(200);
  const sheet = (await res.json()) as { rows: CanvassRow[] };
  const row = sheet.rows.find((r) => r.registrationId === registrationId);
  expect(row).toBeDefined();
  return row!;
}

/** The fields that are the record of what the search found (everything but contacts and the canvass work). */
function siteRecord(row: CanvassRow) {
  return {
    addressLine1: row.addressLine1,
    addressUnit: row.addressUnit,
    addressCity: row.addressCity,
    location: row.location,
    cameras: row.cameras,
    retentionDays: row.retentionDays,
    recordingMode: row.recordingMode,
    playback: row.playback,
    footageDeadline: row.footageDeadline,
    deadlineStatus: row.deadlineStatus,
    facesStreet: row.facesStreet,
    seesSpot: row.seesSpot,
    blockFaceLabel: row.blockFaceLabel,
    snapshotTakenAt: row.snapshotTakenAt,
  };
}

describe(`the canvass record (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("keeps each stop field for field after the owner edits the registration, and lists the edit as updated since", async () => {
    const site = await registerActive({ retentionDays: 30, recordingMode: "continuous" });
    const incidentId = await saveIncident();
    const before = await canvassRow(incidentId, site.id);
    expect(before.updatedSince).toBeNull();
    expect(before.seesSpot).toBe(true);
    expect(before.facesStreet).toBe(true);
    expect(before.retentionDays).toBe(30);
    expect(before.cameras.map((c) => [c.position, c.bearingDeg, c.fovDeg, c.rangeM, c.coversIncident])).toEqual([
      ["front", 180, 90, 30, true],
      ["rear", null, null, null, false],
    ]);
    expect(before.alternate.name).toBe("Sam Doe");

    // The owner turns the front camera away, keeps footage 3 days, records on motion and drops the alternate contact.
    const details = (await owner(manageRoute.GET, site.token, "GET")).body.details as Record<string, unknown> & {
      cameras: { bearingDeg?: number }[];
      alternateContact: unknown;
    };
    details.cameras[0].bearingDeg = 0;
    const put = await owner(manageRoute.PUT, site.token, "PUT", {
      ...details,
      retentionDays: 3,
      recordingMode: "motion",
      alternateContact: { name: "Lee New", phone: "708-555-0111", email: "lee@example.com" },
    });
    expect(put.status).toBe(200);

    const after = await canvassRow(incidentId, site.id);
    expect(siteRecord(after)).toEqual(siteRecord(before));
    // Contacts are who to call: current, not the snapshot.
    expect(after.alternate).toEqual({ name: "Lee New", phone: "708-555-0111", email: "lee@example.com" });
    const changes = after.updatedSince!.changes;
    expect(changes.map((c) => c.field).sort()).toEqual(["cameras", "recordingMode", "retentionDays"]);
    expect(changes.find((c) => c.field === "retentionDays")).toMatchObject({ before: "30 days", after: "3 days" });
    expect(changes.find((c) => c.field === "cameras")!.before).toContain("faces 180°");
    expect(changes.find((c) => c.field === "cameras")!.after).toContain("faces 0°");

    // The incident API lists the stop at the address found at the save.
    const incident = (await (await getIncident(staffRequest("GET", `/api/incidents/${incidentId}`, detective), idParams(incidentId))).json()) as {
      canvass: { registrationId: string; address: string }[];
    };
    expect(incident.canvass.find((e) => e.registrationId === site.id)!.address).toBe("10300 W Roosevelt Rd");
  });

  it("keeps the stop after the owner withdraws the registration, and says it was withdrawn", async () => {
    const site = await registerActive({ retentionDays: 14 });
    const incidentId = await saveIncident();
    const before = await canvassRow(incidentId, site.id);
    expect((await owner(statusRoute.POST, site.token, "POST", { change: "no_longer_using" })).body.status).toBe("withdrawn");
    const after = await canvassRow(incidentId, site.id);
    expect(siteRecord(after)).toEqual(siteRecord(before));
    expect(after.updatedSince!.changes).toEqual([{ field: "status", label: "Registration", before: "active", after: "withdrawn by the owner" }]);
    // A withdrawn site is not found by a new search, but stays on the canvass already saved.
    const list = (await (await listIncidentsRoute(staffRequest("GET", "/api/incidents", detective), idParams(""))).json()) as { incidents: { id: string; canvassEntries: number }[] };
    expect(list.incidents.find((i) => i.id === incidentId)!.canvassEntries).toBeGreaterThanOrEqual(1);
  });

  it("backfills older entries with the migration's hand-written statement, the same snapshot the save writes", async () => {
    const site = await registerActive();
    const incidentId = await saveIncident();
    const [saved] = await t.db.select().from(canvassEntries).where(eq(canvassEntries.registrationId, site.id));
    expect(saved.snapshot).not.toBeNull();
    const migration = readFileSync(path.join(process.cwd(), "drizzle/0011_canvass_site_snapshot.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("-- ==== hand-written"), migration.indexOf("-- ==== end hand-written"));
    expect(backfill).toContain("UPDATE canvass_entries");

    await t.db.update(canvassEntries).set({ snapshot: null }).where(eq(canvassEntries.incidentId, incidentId));
    await t.db.execute(sql.raw(backfill));
    const [backfilled] = await t.db.select().from(canvassEntries).where(eq(canvassEntries.id, saved.id));
    const { backfilled: flag, ...rest } = backfilled.snapshot!;
    const expected = saved.snapshot!;
    expect(Date.parse(rest.takenAt)).toBeGreaterThanOrEqual(Date.parse(expected.takenAt));
    rest.takenAt = expected.takenAt;
    expect(flag).toBe(true);
    expect(rest).toEqual(expected);

    // A snapshot, once there, is never rewritten by a later call.
    await t.db.update(registrations).set({ retentionDays: 1 }).where(eq(registrations.id, site.id));
    await snapshotCanvassEntries(t.db, incidentId);
    const [still] = await t.db.select().from(canvassEntries).where(eq(canvassEntries.id, saved.id));
    expect(still.snapshot!.retentionDays).toBe(expected.retentionDays);
  });
});
