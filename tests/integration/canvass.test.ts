import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import { parse } from "csv-parse/sync";
import { and, asc, eq } from "drizzle-orm";
import { auditLog, canvassEntries, contactAttempts, users } from "@/db/schema";
import { agencySettings } from "@/lib/agency/settings";
import { GET as getCanvass } from "@/app/api/incidents/[id]/canvass/route";
import { POST as assign } from "@/app/api/incidents/[id]/canvass/assign/route";
import { PATCH as patchEntry } from "@/app/api/canvass-entries/[id]/route";
import { POST as postAttempt } from "@/app/api/canvass-entries/[id]/attempts/route";
import { GET as getMine } from "@/app/api/canvass/mine/route";
import { GET as getDashboard } from "@/app/api/dashboard/route";
import { blockFaceFor } from "@/lib/canvass/block-face";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createCanvassEntry, createIncident, createStaff, offsetM, seedCanvassScenario, STREET_NAMES, type TestStaff } from "../support/factories";
import { setDbForTests } from "@/db/client";
import { readPdfText } from "../support/pdf-text";
import type { LngLat } from "@/db/ewkb";
import { request } from "../support/route-handlers";

let t: TestDatabase;
let scenario: Awaited<ReturnType<typeof seedCanvassScenario>>;
let detective: TestStaff;
let otherDetective: TestStaff;
let supervisor: TestStaff;

beforeAll(async () => {
  t = await createTestDatabase();
  // The route handlers open the app's database through getDb(); point it at this test database.
  setDbForTests(t);
  detective = await createStaff(t.db, { role: "detective", name: "Dana Detective" });
  otherDetective = await createStaff(t.db, { role: "detective", name: "Otto Other" });
  supervisor = await createStaff(t.db, { role: "supervisor", name: "Sue Supervisor" });
  scenario = await seedCanvassScenario(t.db, { occurredFrom: new Date(Date.now() - 2 * 86_400_000) });
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const call = (method: string, url: string, who: TestStaff | null, body?: unknown) => request(url, { method, authorization: who?.authorization, body });
const route = (id: string) => ({ params: Promise.resolve({ id }) });

async function exportAudits(format: string) {
  const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "canvass.exported"), eq(auditLog.targetId, scenario.incident.id)));
  return rows.filter((r) => r.details.format === format);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

/** "21:43:12" in the agency's zone, from the platform's Intl, not the code under test. */
function clockTime(at: Date) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: agencySettings().timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(at);
}

const OUTCOME_LABEL_TEXT: Record<string, string> = {
  not_contacted: "Not contacted",
  no_answer: "No answer",
  notice_left: "Notice left",
  footage_requested: "Footage requested",
  footage_collected: "Footage collected",
  no_relevant_footage: "No relevant footage",
  overwritten: "Overwritten",
  declined: "Declined",
};

/** Each entry's current outcome, assignee and last change, read straight from the tables. */
async function storedEntries() {
  const rows = await t.db
    .select({ id: canvassEntries.id, outcome: canvassEntries.outcome, updatedAt: canvassEntries.updatedAt, assigneeName: users.name })
    .from(canvassEntries)
    .leftJoin(users, eq(users.id, canvassEntries.assignedTo))
    .where(eq(canvassEntries.incidentId, scenario.incident.id));
  return new Map(rows.map((r) => [r.id, r]));
}

async function storedWalkOrder() {
  return t.db
    .select({ id: canvassEntries.id, walkOrder: canvassEntries.walkOrder })
    .from(canvassEntries)
    .where(eq(canvassEntries.incidentId, scenario.incident.id))
    .orderBy(asc(canvassEntries.walkOrder));
}

/**
 * Walking length of a visiting order on seedCanvassScenario's street grid (x ∈ {-300, 0, 300} m,
 * y ∈ {0, 200} m from the origin, every street present), in metres along the streets: each site is
 * taken to its nearest street point, and legs are shortest paths over the grid (Floyd–Warshall).
 */
function gridWalkLengthM(origin: LngLat) {
  const toXY = ([lng, lat]: LngLat): [number, number] => [(lng - origin[0]) * 111_320 * Math.cos((origin[1] * Math.PI) / 180), (lat - origin[1]) * 110_540];
  const XS = [-300, 0, 300];
  const YS = [0, 200];
  const segments: [[number, number], [number, number]][] = [];
  for (const y of YS) for (let i = 1; i < XS.length; i++) segments.push([[XS[i - 1], y], [XS[i], y]]);
  for (const x of XS) segments.push([[x, YS[0]], [x, YS[1]]]);
  const snap = ([x, y]: [number, number]): { p: [number, number]; seg: number; d: number } => {
    let best = { p: [0, 0] as [number, number], seg: -1, d: Infinity };
    segments.forEach(([a, b], seg) => {
      const p: [number, number] = [Math.min(Math.max(x, Math.min(a[0], b[0])), Math.max(a[0], b[0])), Math.min(Math.max(y, Math.min(a[1], b[1])), Math.max(a[1], b[1]))];
      const d = Math.hypot(p[0] - x, p[1] - y);
      if (d < best.d) best = { p, seg, d };
    });
    return best;
  };
  /** Door to street and back at every stop: the most the plan's own figure may add to the street walk. */
  const approachesM = (order: LngLat[]) => order.reduce((sum, s) => sum + 2 * snap(toXY(s)).d, 0);
  const streetM = (order: LngLat[]): number => {
    const stops = [[0, 0] as [number, number], ...order.map((s) => snap(toXY(s)).p)];
    // Nodes: the grid's corners and every stop; edges: consecutive nodes along each street segment.
    const nodes: [number, number][] = [];
    const add = (p: [number, number]) => {
      const i = nodes.findIndex((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 1e-6);
      return i >= 0 ? i : nodes.push(p) - 1;
    };
    for (const x of XS) for (const y of YS) add([x, y]);
    const stopNodes = stops.map(add);
    const n = nodes.length;
    const dist = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
    for (const [a, b] of segments) {
      const on = nodes
        .map((p, i) => ({ p, i }))
        .filter(({ p }) => Math.abs(Math.hypot(p[0] - a[0], p[1] - a[1]) + Math.hypot(p[0] - b[0], p[1] - b[1]) - Math.hypot(a[0] - b[0], a[1] - b[1])) < 1e-6)
        .sort((u, v) => Math.hypot(u.p[0] - a[0], u.p[1] - a[1]) - Math.hypot(v.p[0] - a[0], v.p[1] - a[1]));
      for (let k = 1; k < on.length; k++) {
        const d = Math.hypot(on[k].p[0] - on[k - 1].p[0], on[k].p[1] - on[k - 1].p[1]);
        dist[on[k].i][on[k - 1].i] = dist[on[k - 1].i][on[k].i] = Math.min(dist[on[k].i][on[k - 1].i], d);
      }
    }
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (dist[i][k] + dist[k][j] < dist[i][j]) dist[i][j] = dist[i][k] + dist[k][j];
    let total = 0;
    for (let k = 1; k < stopNodes.length; k++) total += dist[stopNodes[k - 1]][stopNodes[k]];
    return total;
  };
  return { streetM, approachesM };
}

describe(`canvass (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("refuses anonymous callers and answers JSON to a detective, audited as a read", async () => {
    expect((await getCanvass(call("GET", `/api/incidents/${scenario.incident.id}/canvass`, null), route(scenario.incident.id))).status).toBe(401);
    const res = await getCanvass(call("GET", `/api/incidents/${scenario.incident.id}/canvass`, detective), route(scenario.incident.id));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rows).toHaveLength(scenario.sites.length);
    const views = await t.db.select().from(auditLog).where(eq(auditLog.action, "canvass.viewed"));
    expect(views).toHaveLength(1);
    expect(views[0].actorUserId).toBe(detective.id);
    expect(views[0].details.rows).toBe(scenario.sites.length);
    expect((await getCanvass(call("GET", `/api/incidents/not-a-uuid/canvass`, detective), route("not-a-uuid"))).status).toBe(404);
    const badFormat = await getCanvass(call("GET", `/api/incidents/${scenario.incident.id}/canvass?format=xlsx`, supervisor), route(scenario.incident.id));
    expect(badFormat.status).toBe(422);
    expect((await badFormat.json()).errors.format).toMatch(/csv/);
  });

  it("gives the JSON canvass with contacts only to CANVASS_EXPORT_MIN_ROLE (supervisor), like the file exports", async () => {
    const read = async (who: TestStaff) => (await getCanvass(call("GET", `/api/incidents/${scenario.incident.id}/canvass?format=json`, who), route(scenario.incident.id))).json();
    const asDetective = await read(detective);
    expect(asDetective.contactsIncluded).toBe(false);
    expect(asDetective.rows.length).toBe(scenario.sites.length);
    expect(asDetective.rows.every((r: { owner: unknown; alternate: unknown }) => r.owner === null && r.alternate === null)).toBe(true);
    expect(JSON.stringify(asDetective)).not.toMatch(/@example\.|555-/);
    const asSupervisor = await read(supervisor);
    expect(asSupervisor.contactsIncluded).toBe(true);
    expect(asSupervisor.rows.some((r: { owner: { phone: string | null } | null }) => r.owner?.phone)).toBe(true);
    const views = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "canvass.viewed"), eq(auditLog.targetId, scenario.incident.id)));
    expect(views.slice(-2).map((v) => [v.actorUserId, v.details.contacts])).toEqual([
      [detective.id, false],
      [supervisor.id, true],
    ]);
  });

  it("stores a walk order over every located site that is no longer than nearest-first, unlocated last", async () => {
    const stored = await storedWalkOrder();
    expect(stored.map((s) => s.walkOrder)).toEqual(scenario.sites.map((_, i) => i + 1));
    const byEntry = new Map(scenario.sites.map((s) => [s.entry.id, s]));
    const ordered = stored.map((s) => byEntry.get(s.id)!);
    expect(ordered.at(-1)!.spec.location).toBeNull();
    const located = ordered.filter((s) => s.spec.location).map((s) => s.spec.location!);
    expect(located).toHaveLength(scenario.sites.length - 1);
    const walkAudit = await t.db.select().from(auditLog).where(eq(auditLog.action, "canvass.walk_order_changed"));
    expect(walkAudit).toHaveLength(1);
    expect(walkAudit[0].details.distanceBasis).toBe("streets");
    // The reference, computed here without the code under test: walking distance along the scenario's own
    // street grid (shortest paths between the sites' nearest street points), from the incident, for the
    // stored order and for nearest-first (sites sorted by straight-line distance from the incident).
    const walk = gridWalkLengthM(scenario.origin);
    const nearestFirst = [...located].sort((a, b) => turf.distance(scenario.origin, a, { units: "meters" }) - turf.distance(scenario.origin, b, { units: "meters" }));
    const storedM = walk.streetM(located);
    const nearestFirstM = walk.streetM(nearestFirst);
    expect(storedM).toBeLessThanOrEqual(nearestFirstM);
    // The plan's own figure for its order is that street walk plus at most the approaches to each door.
    const totalM = walkAudit[0].details.totalM as number;
    expect(totalM).toBeGreaterThanOrEqual(storedM - 1);
    expect(totalM).toBeLessThanOrEqual(storedM + walk.approachesM(located) + 1);
  });

  it("lets a detective record an outcome and a clock offset, audited, and rejects bad input with field errors", async () => {
    const target = scenario.sites[0].entry;
    const res = await patchEntry(call("PATCH", `/api/canvass-entries/${target.id}`, detective, { outcome: "footage_collected", clockOffset: "\u22123 min 12 s", footageNotes: "ch2_2215.mp4" }), route(target.id));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.clockOffsetS).toBe(-192);
    expect(body.outcome).toBe("footage_collected");
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "canvass_entry.updated"), eq(auditLog.targetId, target.id)));
    expect(audit.details.changes).toMatchObject({ outcome: { from: "not_contacted", to: "footage_collected" }, clockOffsetS: { from: null, to: -192 } });

    const bad = await patchEntry(call("PATCH", `/api/canvass-entries/${target.id}`, detective, { outcome: "lost", clockOffset: "soon" }), route(target.id));
    expect(bad.status).toBe(422);
    const { errors } = await bad.json();
    expect(Object.keys(errors).sort()).toEqual(["clockOffset", "outcome"]);
    expect((await patchEntry(call("PATCH", `/api/canvass-entries/${target.id}`, detective, "{not json"), route(target.id))).status).toBe(422);
    // A detective cannot assign; a nonexistent assignee is a field error, and nothing changes.
    expect((await patchEntry(call("PATCH", `/api/canvass-entries/${target.id}`, detective, { assignedTo: otherDetective.id }), route(target.id))).status).toBe(403);
    const ghost = await patchEntry(call("PATCH", `/api/canvass-entries/${target.id}`, supervisor, { assignedTo: "00000000-0000-4000-8000-00000000dead", outcome: "declined" }), route(target.id));
    expect(ghost.status).toBe(422);
    const [after] = await t.db.select().from(canvassEntries).where(eq(canvassEntries.id, target.id));
    expect(after.outcome).toBe("footage_collected");
    expect(after.assignedTo).toBeNull();
  });

  it("logs contact attempts with who, when, which contact and how", async () => {
    const target = scenario.sites[1].entry;
    const res = await postAttempt(call("POST", `/api/canvass-entries/${target.id}/attempts`, detective, { contact: "alternate", method: "phone", note: "left voicemail" }), route(target.id));
    expect(res.status).toBe(201);
    const rows = await t.db.select().from(contactAttempts).where(eq(contactAttempts.canvassEntryId, target.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contact: "alternate", method: "phone", by: detective.id });
    const bad = await postAttempt(call("POST", `/api/canvass-entries/${target.id}/attempts`, detective, { contact: "neighbour", method: "fax" }), route(target.id));
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).errors).sort()).toEqual(["contact", "method"]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "canvass_entry.attempted"));
    expect(audits).toHaveLength(1);
  });

  it("lets only a supervisor assign entries or a whole block face; others' entries are then closed to a detective", async () => {
    const id = scenario.incident.id;
    const faceSites = scenario.sites.filter((s) => s.spec.addressLine1.startsWith("103") && s.spec.addressLine1.endsWith("W Roosevelt Rd"));
    const face = blockFaceFor("10300 W Roosevelt Rd").key; // 10300 block, even side
    const expected = scenario.sites.filter((s) => blockFaceFor(s.spec.addressLine1).key === face).map((s) => s.entry.id).sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(faceSites.length).toBeGreaterThan(expected.length);

    expect((await assign(call("POST", `/api/incidents/${id}/canvass/assign`, detective, { assigneeId: detective.id, blockFaceKey: face }), route(id))).status).toBe(403);
    const res = await assign(call("POST", `/api/incidents/${id}/canvass/assign`, supervisor, { assigneeId: otherDetective.id, blockFaceKey: face }), route(id));
    expect(res.status).toBe(200);
    expect((await res.json()).assigned).toBe(expected.length);
    const assigned = await t.db.select({ id: canvassEntries.id }).from(canvassEntries).where(eq(canvassEntries.assignedTo, otherDetective.id));
    expect(assigned.map((a) => a.id).sort()).toEqual(expected);

    const single = scenario.sites[5].entry.id;
    expect((await assign(call("POST", `/api/incidents/${id}/canvass/assign`, supervisor, { assigneeId: detective.id, entryIds: [single] }), route(id))).status).toBe(200);
    const foreign = await assign(call("POST", `/api/incidents/${id}/canvass/assign`, supervisor, { assigneeId: detective.id, entryIds: ["00000000-0000-4000-8000-00000000beef"] }), route(id));
    expect(foreign.status).toBe(422);
    const neither = await assign(call("POST", `/api/incidents/${id}/canvass/assign`, supervisor, { assigneeId: detective.id }), route(id));
    expect(neither.status).toBe(422);

    // The block face now belongs to the other detective.
    const closed = await patchEntry(call("PATCH", `/api/canvass-entries/${expected[0]}`, detective, { outcome: "no_answer" }), route(expected[0]));
    expect(closed.status).toBe(403);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "canvass.assigned"));
    expect(audits.map((a) => a.details.count)).toEqual([expected.length, 1]);
  });

  it("shows a detective their canvass across incidents, deadlines first", async () => {
    const res = await getMine(call("GET", "/api/canvass/mine", otherDetective), route(""));
    const { items } = await res.json();
    expect(items.length).toBeGreaterThanOrEqual(2);
    const deadlines = items.map((i: { footageDeadline: string | null }) => (i.footageDeadline ? Date.parse(i.footageDeadline) : Infinity));
    expect([...deadlines].sort((a, b) => a - b)).toEqual(deadlines);
    // retentionDays: 1 on 10312 W Roosevelt, 2 days after the incident: passed.
    const passed = items.find((i: { address: string }) => i.address === "10312 W Roosevelt Rd");
    expect(passed.deadlineStatus).toBe("likely_overwritten");
  });

  it("lets only CANVASS_EXPORT_MIN_ROLE (supervisor) export, and audits every export with format and rows", async () => {
    const id = scenario.incident.id;
    for (const format of ["csv", "pdf", "geojson"]) {
      const denied = await getCanvass(call("GET", `/api/incidents/${id}/canvass?format=${format}`, detective), route(id));
      expect(denied.status).toBe(403);
      expect(await exportAudits(format)).toHaveLength(0);
      const ok = await getCanvass(call("GET", `/api/incidents/${id}/canvass?format=${format}`, supervisor), route(id));
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
      const audits = await exportAudits(format);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorUserId: supervisor.id, actorLabel: supervisor.email, userAgent: "vitest" });
      expect(audits[0].details.rows).toBe(scenario.sites.length);
    }
  });

  it("exports exactly the canvass as CSV: rows, walk order, fields, inert formulas, ISO times", async () => {
    const id = scenario.incident.id;
    const res = await getCanvass(call("GET", `/api/incidents/${id}/canvass?format=csv`, supervisor), route(id));
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("canvass-26-01234.csv");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: Record<string, string>[] = parse(bytes.toString("utf8"), { bom: true, columns: true });
    const stored = await storedWalkOrder();
    expect(records.map((r) => r.entry_id)).toEqual(stored.map((s) => s.id));
    expect(records.map((r) => Number(r.stop))).toEqual(stored.map((s) => s.walkOrder));
    const entries = await storedEntries();
    for (const record of records) {
      const site = scenario.sites.find((s) => s.entry.id === record.entry_id)!;
      const entry = entries.get(record.entry_id)!;
      expect(record.case_number).toBe("26-01234");
      expect(record.address).toBe(site.spec.addressLine1);
      const name = site.spec.ownerName!;
      expect(record.owner_name).toBe(/^[=+\-@]/.test(name) ? `'${name}` : name);
      expect(record.distance_m).toBe(site.spec.location ? String(Math.round(turf.distance(scenario.origin, site.spec.location, { units: "meters" }))) : "");
      if (site.spec.location) {
        expect(Number(record.lng)).toBeCloseTo(site.spec.location[0], 9);
        expect(Number(record.lat)).toBeCloseTo(site.spec.location[1], 9);
      }
      // Outcome as code and label, the current one; the assignee by name.
      expect(record.outcome).toBe(entry.outcome);
      expect(record.outcome_label).toBe(OUTCOME_LABEL_TEXT[entry.outcome]);
      expect(record.assigned_to).toBe(entry.assigneeName ?? "");
      // Times: ISO 8601 with an offset, the same instant as stored, beside a local display.
      expect(record.entry_updated_at).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(record.entry_updated_at)).toBe(Math.floor(entry.updatedAt.getTime() / 1000) * 1000);
      if (record.footage_deadline) {
        expect(record.footage_deadline).toMatch(ISO_WITH_OFFSET);
        const expected = new Date(scenario.incident.occurredFrom.getTime() + (site.spec.retentionDays ?? 14) * 86_400_000);
        // A daylight-saving change inside the retention moves it by an hour at most.
        expect(Math.abs(Date.parse(record.footage_deadline) - expected.getTime())).toBeLessThanOrEqual(3_600_000);
        expect(record.footage_deadline_local).toMatch(/\d{2}:\d{2}:\d{2} [A-Z]/);
      }
    }
    const injected = records.find((r) => r.address === "10312 W Roosevelt Rd")!;
    expect(injected.owner_name).toBe(`'=HYPERLINK("http://x","y")`);
    const collected = records.find((r) => r.entry_id === scenario.sites[0].entry.id)!;
    expect(collected.outcome).toBe("footage_collected");
    expect(collected.outcome_label).toBe("Footage collected");
    // The offset as signed integer seconds, and in words that never start with a sign (so no formula guard).
    expect(collected.clock_offset_s).toBe("-192");
    expect(collected.clock_offset).toBe("3 min 12 s behind");
    const recorderFrom = new Date(scenario.incident.occurredFrom.getTime() - 192_000);
    expect(collected.recorder_time_from).toMatch(ISO_WITH_OFFSET);
    expect(Date.parse(collected.recorder_time_from)).toBe(Math.floor(recorderFrom.getTime() / 1000) * 1000);
    expect(collected.recorder_time_from_local).toContain(clockTime(recorderFrom));
    expect(collected.alternate_name).toBe("Sam Example");
    expect(collected.registrant_notes).toBe("ask for Tomas after 3 pm");
    expect(collected.cameras_street_or_spot).toMatch(/sees the spot/);
    expect(records.find((r) => r.address === "10340 W Roosevelt Rd")!.deadline_status).toBe("unknown");
    for (const record of records) expect(record.clock_offset).not.toMatch(/^['+\-\u2212]/);
  });

  it("exports GeoJSON with one feature per entry in walk order, carrying the CSV's fields and values", async () => {
    const id = scenario.incident.id;
    const res = await getCanvass(call("GET", `/api/incidents/${id}/canvass?format=geojson`, supervisor), route(id));
    expect(res.headers.get("content-type")).toBe("application/geo+json");
    const fc = await res.json();
    expect(fc.type).toBe("FeatureCollection");
    const stored = await storedWalkOrder();
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual(stored.map((s) => s.id));
    const csv: Record<string, string>[] = parse(await (await getCanvass(call("GET", `/api/incidents/${id}/canvass?format=csv`, supervisor), route(id))).text(), {
      bom: true,
      columns: true,
    });
    for (const [i, f] of fc.features.entries()) {
      const site = scenario.sites.find((s) => s.entry.id === f.id)!;
      expect(f.properties.address).toBe(site.spec.addressLine1);
      if (site.spec.location) {
        expect(f.geometry.type).toBe("Point");
        expect(f.geometry.coordinates[0]).toBeCloseTo(site.spec.location[0], 9);
        expect(f.geometry.coordinates[1]).toBeCloseTo(site.spec.location[1], 9);
      } else expect(f.geometry).toBeNull();
      // The same fields as the CSV, in its order, with the same values (typed here, text there).
      expect(Object.keys(f.properties)).toEqual(Object.keys(csv[i]));
      for (const [key, value] of Object.entries(f.properties)) {
        const text = value === null ? "" : String(value);
        expect([key, csv[i][key].replace(/^'(?=[=+\-@\t\r])/, "")]).toEqual([key, text]);
      }
      expect(f.properties.case_number).toBe("26-01234");
      expect(f.properties.entry_updated_at).toMatch(ISO_WITH_OFFSET);
    }
    const collected = fc.features.find((f: { id: string }) => f.id === scenario.sites[0].entry.id);
    expect(collected.properties).toMatchObject({ outcome: "footage_collected", outcome_label: "Footage collected", clock_offset_s: -192, clock_offset: "3 min 12 s behind" });
  });

  it("exports a PDF for the street: every address in walk order, street names, the incident's address, current outcomes, notes, assignees, recorder time to the second", async () => {
    const id = scenario.incident.id;
    await t.db.update(canvassEntries).set({ notes: "owner home after 6 pm" }).where(eq(canvassEntries.id, scenario.sites[0].entry.id));
    const res = await getCanvass(call("GET", `/api/incidents/${id}/canvass?format=pdf`, supervisor), route(id));
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { pages, text } = await readPdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain("26-01234");
    expect(text).toContain("radius 300 m");
    for (const site of scenario.sites) expect(text).toContain(site.spec.addressLine1);
    // The embedded font keeps accents on paper.
    expect(text).toContain("Riley Pérez");
    // Walk order on paper: each address appears after the previous stop's.
    const stored = await storedWalkOrder();
    const stopsAt = text.indexOf("Stops in walk order");
    const positions = stored.map((s) => text.indexOf(scenario.sites.find((x) => x.entry.id === s.id)!.spec.addressLine1, stopsAt));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // The map (page 1, before the stops) names every street drawn on it and the incident's address.
    const mapText = text.slice(0, stopsAt);
    for (const street of Object.values(STREET_NAMES)) expect(mapText).toContain(street.label);
    expect(mapText).toContain("near 10300 W Roosevelt Rd, Westchester");

    // Each stop's block: its current outcome ticked (and only it), its assignee, by the database.
    const entries = await storedEntries();
    const blocks = text.slice(stopsAt).split(/(?=Stop \d+ )/).filter((b) => /^Stop \d+ /.test(b));
    expect(blocks).toHaveLength(stored.length);
    for (const [i, s] of stored.entries()) {
      const entry = entries.get(s.id)!;
      const block = blocks[i];
      expect(block.startsWith(`Stop ${s.walkOrder} `)).toBe(true);
      expect(block).toContain(`\u2611 ${OUTCOME_LABEL_TEXT[entry.outcome]}`);
      expect(block.match(/\u2611/g)).toHaveLength(2); // the tick and the legend "☑ = as printed"
      expect(block).toContain(`Assigned to: ${entry.assigneeName ?? "unassigned"}`);
    }
    const first = blocks[stored.findIndex((s) => s.id === scenario.sites[0].entry.id)];
    expect(first).toContain("\u2611 Footage collected");
    expect(first).toContain("ask for Tomas after 3 pm");
    expect(first).toContain("owner home after 6 pm");
    expect(first).toContain("Sam Example");
    // The recorder time to look at keeps its seconds (incident time − 3 min 12 s).
    expect(first).toContain(clockTime(new Date(scenario.incident.occurredFrom.getTime() - 192_000)));
    // A long e-mail address wraps only at its @ and dots: every token is whole.
    const email = scenario.sites[0].spec.ownerEmail!;
    for (const token of email.split(/(?=[@.])/)) expect(first).toContain(token);
    expect(first.replace(/\s+/g, "")).toContain(email);
  });

  it("gives a supervisor the dashboard, and nobody below", async () => {
    expect((await getDashboard(call("GET", "/api/dashboard", detective), route(""))).status).toBe(403);
    const res = await getDashboard(call("GET", "/api/dashboard", supervisor), route(""));
    expect(res.status).toBe(200);
    const d = await res.json();
    const progress = d.openIncidents.find((i: { id: string }) => i.id === scenario.incident.id);
    expect(progress.entries).toBe(scenario.sites.length);
    expect(progress.byOutcome.footage_collected).toBe(1);
    expect(progress.done).toBe(1);
    expect(d.registrations.byStatus.active).toBe(scenario.sites.length);
    const month = d.outcomesByMonth.at(-1);
    expect(month).toMatchObject({ incidents: 1, incidentsWithFootage: 1, entriesWithFootage: 1 });
    // Every active located site lands in exactly one hexagon (brute force with turf).
    const cells = d.coverage.grid.features;
    const total = cells.reduce((s: number, c: { properties: { sites: number } }) => s + c.properties.sites, 0);
    expect(total).toBe(scenario.sites.filter((s) => s.spec.location).length);
    for (const site of scenario.sites.filter((s) => s.spec.location)) {
      expect(cells.some((c: GeoJSON.Feature<GeoJSON.Polygon>) => turf.booleanPointInPolygon(site.spec.location!, c))).toBe(true);
    }
    expect(d.coverage.emptyCells).toBe(cells.filter((c: { properties: { sites: number } }) => c.properties.sites === 0).length);
  });

  it("plans and exports the canvass of a route-of-travel incident, starting where the route starts", async () => {
    const routeOfTravel = [offsetM(scenario.origin, -300, 0), offsetM(scenario.origin, 300, 0)];
    const incident = await createIncident(t.db, { point: routeOfTravel[0], route: routeOfTravel, caseNumber: "26-ROUTE" });
    for (const site of scenario.sites.slice(0, 5)) await createCanvassEntry(t.db, { incident, registration: site.registration, from: routeOfTravel[0] });
    const res = await getCanvass(call("GET", `/api/incidents/${incident.id}/canvass?format=csv`, supervisor), route(incident.id));
    expect(res.status).toBe(200);
    const records: Record<string, string>[] = parse(await res.text(), { bom: true, columns: true });
    expect(records).toHaveLength(5);
    // From the west end of the route, the westernmost site (10340, 250 m west) comes first.
    expect(records[0].address).toBe("10340 W Roosevelt Rd");
    const pdf = await getCanvass(call("GET", `/api/incidents/${incident.id}/canvass?format=pdf`, supervisor), route(incident.id));
    expect(pdf.status).toBe(200);
    expect(res.headers.get("x-canvass-rows")).toBe("5");
  });
});
