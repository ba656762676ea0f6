/**
 * Incidents have a lifecycle: offence, description and address at the save (the address from the pin when
 * none is typed), edits by their detective or a supervisor, closing and reopening by a supervisor, each change
 * audited with what changed; lists filter by status and closed incidents leave the dashboard and My canvass.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, canvassEntries, incidents, registrations } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { GET as listRoute, POST as createRoute } from "@/app/api/incidents/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/incidents/[id]/route";
import { GET as sitesRoute } from "@/app/api/incidents/[id]/sites/route";
import { GET as dashboardRoute } from "@/app/api/dashboard/route";
import { GET as mineRoute } from "@/app/api/canvass/mine/route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, createRegistration, createStaff, ROOSEVELT_10300, type TestStaff } from "../support/factories";
import { request } from "../support/route-handlers";

let t: TestDatabase;
let detective: TestStaff;
let otherDetective: TestStaff;
let supervisor: TestStaff;

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  await createAddressPoint(t.db);
  await createRegistration(t.db, { addressLine1: "10300 W Roosevelt Rd", location: [ROOSEVELT_10300.lng, ROOSEVELT_10300.lat] });
  detective = await createStaff(t.db, { role: "detective", name: "Dana Life" });
  otherDetective = await createStaff(t.db, { role: "detective", name: "Otto Life" });
  supervisor = await createStaff(t.db, { role: "supervisor", name: "Sue Life" });
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const call = (method: string, url: string, who: TestStaff, body?: unknown) => request(url, { method, authorization: who.authorization, body });
const params = (id = "") => ({ params: Promise.resolve({ id }) });
type Detail = { id: string; title: string; status: string; offense: string | null; description: string | null; address: string | null; caseNumber: string | null; closedAt: string | null; closedByName: string | null };

async function save(body: Record<string, unknown> = {}) {
  const res = await createRoute(
    call("POST", "/api/incidents", detective, { lat: ROOSEVELT_10300.lat + 0.0001, lng: ROOSEVELT_10300.lng, radiusM: 100, occurredAt: new Date(Date.now() - 3600_000).toISOString(), ...body }),
    params(),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const read = async (id: string) => (await (await getRoute(call("GET", `/api/incidents/${id}`, detective), params(id))).json()) as Detail;
const patch = (id: string, who: TestStaff, body: unknown) => patchRoute(call("PATCH", `/api/incidents/${id}`, who, body), params(id));
const audits = (id: string) => t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.targetType, "incident")));

describe(`incident lifecycle (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("saves offence and description, takes the address from the pin, and names an incident without a case number readably", async () => {
    const id = await save({ offense: "Burglary", description: "Rear door forced" });
    const incident = await read(id);
    expect(incident).toMatchObject({ offense: "Burglary", description: "Rear door forced", caseNumber: null, status: "open" });
    expect(incident.address).toBe("near 10300 W Roosevelt Rd, Westchester");
    expect(incident.title).toBe("Burglary at near 10300 W Roosevelt Rd, Westchester");
    expect(incident.title).not.toMatch(/^Incident [0-9a-f]{8}$/);

    const typed = await read(await save({ address: "Alley behind 10310 W Roosevelt Rd" }));
    expect(typed.address).toBe("Alley behind 10310 W Roosevelt Rd");
    expect(typed.title).toBe("Incident at Alley behind 10310 W Roosevelt Rd");
  });

  it("lets the detective who saved it edit it, refuses another detective, and audits what changed", async () => {
    const id = await save({ offense: "Theft" });
    const refused = await patch(id, otherDetective, { offense: "Robbery" });
    expect(refused.status).toBe(403);
    expect((await read(id)).offense).toBe("Theft");

    const res = await patch(id, detective, { offense: "Robbery", caseNumber: "26-004321", description: "Phone taken", address: "10300 W Roosevelt Rd" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Detail;
    expect(body).toMatchObject({ offense: "Robbery", caseNumber: "26-004321", description: "Phone taken", address: "10300 W Roosevelt Rd", title: "26-004321 · Robbery" });
    const entry = (await audits(id)).find((a) => a.action === "incident.updated")!;
    expect(entry.actorUserId).toBe(detective.id);
    expect(entry.details.changes).toEqual({
      offense: { from: "Theft", to: "Robbery" },
      caseNumber: { from: null, to: "26-004321" },
      description: { from: null, to: "Phone taken" },
      address: { from: "near 10300 W Roosevelt Rd, Westchester", to: "10300 W Roosevelt Rd" },
    });

    // A supervisor may edit anyone's; clearing a field with "" or null.
    expect((await patch(id, supervisor, { description: "" })).status).toBe(200);
    expect((await read(id)).description).toBeNull();
  });

  it("closes only for a supervisor, with who and when, and closed incidents leave the lists, the dashboard and My canvass", async () => {
    const id = await save({ offense: "Assault" });
    await t.db.update(canvassEntries).set({ assignedTo: detective.id }).where(eq(canvassEntries.incidentId, id));
    const mine = async () => ((await (await mineRoute(call("GET", "/api/canvass/mine", detective), params())).json()) as { items: { incidentId: string }[] }).items.map((i) => i.incidentId);
    const dashboard = async () =>
      ((await (await dashboardRoute(call("GET", "/api/dashboard", supervisor), params())).json()) as { openIncidents: { id: string }[] }).openIncidents.map((i) => i.id);
    const listed = async (status: string) =>
      ((await (await listRoute(call("GET", `/api/incidents?status=${status}`, detective), params())).json()) as { incidents: { id: string }[] }).incidents.map((i) => i.id);
    expect(await mine()).toContain(id);
    expect(await dashboard()).toContain(id);

    const refused = await patch(id, detective, { status: "closed" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/supervisor/);
    expect((await read(id)).status).toBe("open");

    const closed = await patch(id, supervisor, { status: "closed" });
    expect(closed.status).toBe(200);
    const detail = await read(id);
    expect(detail).toMatchObject({ status: "closed", closedByName: "Sue Life" });
    expect(Date.now() - Date.parse(detail.closedAt!)).toBeLessThan(10 * 60_000);
    expect((await audits(id)).find((a) => a.action === "incident.closed")!.details.changes).toEqual({ status: { from: "open", to: "closed" } });

    expect(await listed("open")).not.toContain(id);
    expect(await listed("closed")).toContain(id);
    expect(await listed("all")).toContain(id);
    expect(await mine()).not.toContain(id);
    expect(await dashboard()).not.toContain(id);

    const reopened = await patch(id, supervisor, { status: "open" });
    expect(reopened.status).toBe(200);
    expect(await read(id)).toMatchObject({ status: "open", closedAt: null, closedByName: null });
    expect((await audits(id)).map((a) => a.action)).toContain("incident.reopened");
    expect(await mine()).toContain(id);
  });

  it("answers bad edits with field errors and writes nothing; an edit that changes nothing is not audited", async () => {
    const id = await save({ offense: "Vandalism" });
    const before = await t.db.select().from(incidents).where(eq(incidents.id, id));
    for (const [body, field] of [
      [{}, "(body)"],
      [{ status: "archived" }, "status"],
      [{ offense: "x".repeat(121) }, "offense"],
      [{ colour: "red" }, "(body)"],
      ["not json", "(body)"],
    ] as const) {
      const res = await patch(id, supervisor, body);
      expect(res.status).toBe(422);
      expect(Object.keys(((await res.json()) as { errors: Record<string, string> }).errors)).toContain(field);
    }
    expect((await patch("00000000-0000-4000-8000-0000000000ff", supervisor, { offense: "x" })).status).toBe(404);
    expect((await patch(id, detective, { offense: "Vandalism" })).status).toBe(200);
    expect(await t.db.select().from(incidents).where(eq(incidents.id, id))).toEqual(before);
    expect((await audits(id)).map((a) => a.action).filter((a) => a.startsWith("incident."))).toEqual(["incident.created"]);
  });

  it("reopening a saved incident shows its sites and is audited as viewing it, not as a search", async () => {
    const id = await save({ offense: "Vandalism" });
    const searchesBefore = await t.db.select().from(auditLog).where(eq(auditLog.action, "investigation.searched"));
    const res = await sitesRoute(call("GET", `/api/incidents/${id}/sites`, otherDetective), params(id));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { type: string; features: { properties: { address: string } }[] };
    expect(answer.type).toBe("FeatureCollection");
    // The saved area (100 m around a pin 11 m from the site) holds the registered site, as the canvass does.
    expect(answer.features.map((f) => f.properties.address)).toEqual([expect.stringContaining("10300 W Roosevelt Rd")]);
    const viewed = (await audits(id)).filter((a) => a.action === "incident.viewed");
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actorUserId: otherDetective.id, details: { results: 1 } });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "investigation.searched"))).toHaveLength(searchesBefore.length);

    const unknown = "00000000-0000-4000-8000-000000000404";
    const missing = await sitesRoute(call("GET", `/api/incidents/${unknown}/sites`, detective), params(unknown));
    expect(missing.status).toBe(404);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "incident.viewed"), eq(auditLog.targetId, unknown)))).toHaveLength(0);
  });

  it("flags canvass entries whose registration the owner changed since the save, with what changed", async () => {
    const id = await save({ offense: "Theft from vehicle" });
    const before = (await (await getRoute(call("GET", `/api/incidents/${id}`, detective), params(id))).json()) as { canvass: { registrationId: string; updatedSince: unknown }[] };
    expect(before.canvass).toHaveLength(1);
    expect(before.canvass[0].updatedSince).toBeNull();
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, before.canvass[0].registrationId));
    await t.db.update(registrations).set({ retentionDays: (reg.retentionDays ?? 14) + 16, updatedAt: new Date() }).where(eq(registrations.id, reg.id));
    try {
      const after = (await (await getRoute(call("GET", `/api/incidents/${id}`, detective), params(id))).json()) as {
        canvass: { updatedSince: { at: string; changes: { field: string; before: string; after: string }[] } | null }[];
      };
      expect(after.canvass[0].updatedSince?.changes).toEqual([
        { field: "retentionDays", label: "Keeps footage", before: `${reg.retentionDays ?? 14} days`, after: `${(reg.retentionDays ?? 14) + 16} days` },
      ]);
    } finally {
      await t.db.update(registrations).set({ retentionDays: reg.retentionDays }).where(eq(registrations.id, reg.id));
    }
  });
});
