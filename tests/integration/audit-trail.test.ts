import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { auditFilterSchema } from "@/lib/audit/audit-filter";
import { auditActions, countAudit, queryAudit } from "@/lib/audit/query-audit";
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS } from "@/lib/audit/actions";
import { GET as exportAudit } from "@/app/api/admin/audit/export/route";
import { viewAuditTrail } from "@/lib/audit/view-audit";
import { actorRef, changeLines, detailLines, targetRef } from "@/lib/audit/describe-audit";
import { updateIncident } from "@/lib/investigation/incident-lifecycle";
import { createCanvassEntry, createIncident, createRegistration, createStaff } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setDbForTests } from "@/db/client";
import { noParams, request } from "../support/route-handlers";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const TZ = "America/Chicago";

/** RFC 4180 parsing, written here so the check does not share code with the exporter. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== "\r") cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}


describe(`audit trail (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("filters by user, action family, target and days in the agency's zone", async () => {
    // Back-dated rows are inserted with their time directly (the trail refuses UPDATE).
    await t.db.insert(auditLog).values([
      { at: new Date("2026-03-07T05:59:00Z"), actorLabel: "dana@pd.example", action: "registration.view_contact", targetType: "registration", targetId: "r1" },
      { at: new Date("2026-03-07T06:00:00Z"), actorLabel: "dana@pd.example", action: "search.radius", targetType: "incident", targetId: "i1" },
      { at: new Date("2026-03-08T05:59:59Z"), actorLabel: "sam@pd.example", action: "registration.view_contact", targetType: "registration", targetId: "r2" },
      { at: new Date("2026-03-09T05:00:00Z"), actorLabel: "sam@pd.example", action: "export.canvass", targetType: "incident", targetId: "i1" },
    ]);
    const q = async (raw: Record<string, string>) => {
      const filter = auditFilterSchema.parse(raw);
      const rows = await queryAudit(t.db, filter, TZ, 100);
      expect(await countAudit(t.db, filter, TZ)).toBe(rows.length);
      return rows.map((r) => `${r.actorLabel}/${r.action}/${r.targetId}`).sort();
    };
    expect(await q({ user: "dana@" })).toEqual(["dana@pd.example/registration.view_contact/r1", "dana@pd.example/search.radius/i1"]);
    expect(await q({ action: "registration.view_contact" })).toHaveLength(2);
    expect(await q({ action: "export." })).toEqual(["sam@pd.example/export.canvass/i1"]);
    expect(await q({ targetType: "incident", targetId: "i1" })).toHaveLength(2);
    // 2026-03-07 in Chicago (CST, UTC-6) runs 06:00Z to 06:00Z the next day.
    expect(await q({ from: "2026-03-07", to: "2026-03-07" })).toEqual(["dana@pd.example/search.radius/i1", "sam@pd.example/registration.view_contact/r2"]);
    // 2026-03-08 is the spring-forward day: it ends at 05:00Z on the 9th.
    expect(await q({ from: "2026-03-08", to: "2026-03-08" })).toEqual([]);
    expect(await q({ from: "2026-03-09" })).toEqual(["sam@pd.example/export.canvass/i1"]);
    expect(await q({ user: "%" })).toEqual([]);
    expect(auditFilterSchema.safeParse({ from: "2026-03-09", to: "2026-03-01" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "yesterday" }).success).toBe(false);
  });

  it("exports the filtered rows as CSV to admins only, and audits the export", async () => {
    await recordAudit(t.db, { userId: null, label: '=HYPERLINK("http://evil")' }, { action: "registration.updated_by_staff", targetType: "registration", targetId: "r9", details: { note: 'quote " and, comma' } });
    const admin = await createStaff(t.db, { role: "admin" });
    const detective = await createStaff(t.db, { role: "detective" });
    const call = async (token: string, query: string) =>
      exportAudit(request(`/api/admin/audit/export?${query}`, { authorization: `Bearer ${token}` }), noParams);
    expect((await call(detective.token, "")).status).toBe(403);
    const adminToken = admin.token;
    expect((await call(adminToken, "from=not-a-date")).status).toBe(422);
    expect(await (await call(adminToken, "from=not-a-date")).json()).toEqual({ error: expect.any(String), code: "validation", errors: { from: expect.any(String) } });

    const response = await call(adminToken, "targetId=r9");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(["id", "at", "actor_user_id", "actor", "action", "target_type", "target_id", "details", "ip", "user_agent"]);
    expect(rows).toHaveLength(2);
    expect(rows[1][3]).toBe("'=HYPERLINK(\"http://evil\")"); // neutralised for spreadsheets
    expect(JSON.parse(rows[1][7])).toEqual({ note: 'quote " and, comma' });

    const [exportRow] = await t.db.select().from(auditLog).where(eq(auditLog.action, "audit.exported"));
    expect(exportRow).toMatchObject({ actorUserId: admin.id, details: { rows: 1, filter: { targetId: "r9" } } });
    const refusal = await t.db.delete(auditLog).where(eq(auditLog.id, exportRow.id)).then(
      () => null,
      (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
    );
    expect(refusal).toMatch(/append-only: DELETE is not allowed/);
  });

  it("records system actors too", async () => {
    await recordAudit(t.db, systemActor("cli"), { action: "user.created" });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.actorLabel, "cli"));
    expect(rows).toHaveLength(1);
  });

  it("names actors and targets with links, lists changes in words, keeps the filters, and records each viewing", async () => {
    const admin = await createStaff(t.db, { role: "admin" });
    const detective = await createStaff(t.db, { role: "detective" });
    const adminActor = { userId: admin.id, label: admin.email, ip: "127.0.0.1" };
    const spot: [number, number] = [-87.8821, 41.8505];
    const registration = await createRegistration(t.db, { addressLine1: "1800 Mayfair Ave", location: [-87.8819, 41.8506] });
    const incident = await createIncident(t.db, { point: spot, caseNumber: "26-40404" });
    const stop = await createCanvassEntry(t.db, { incident, registration });

    // Entries written by the code that writes them in the app: an incident edit (changes as a map)…
    await updateIncident(
      { db: t.db, principal: { userId: admin.id, email: admin.email, name: admin.name, role: "admin", via: "session" }, actor: adminActor },
      { id: incident.id, patch: { offense: "Burglary" } },
    );
    // … a registration edit (changes as a list; contacts without values) and a canvass stop's assignment.
    await recordAudit(t.db, { userId: detective.id, label: detective.email }, {
      action: "registration.updated_by_staff",
      targetType: "registration",
      targetId: registration.id,
      details: { changes: [{ field: "ownerPhone", contact: true }, { field: "retentionDays", from: 14, to: 30 }], status: "active" },
    });
    await recordAudit(t.db, { userId: detective.id, label: detective.email }, {
      action: "canvass_entry.updated",
      targetType: "canvass_entry",
      targetId: stop.id,
      details: { incidentId: incident.id, changes: { assignedTo: { from: null, to: detective.id }, notes: { changed: true, length: 12 } } },
    });

    const view = await viewAuditTrail(t.db, adminActor, auditFilterSchema.parse({ user: detective.id }), { timeZone: TZ, limit: 50 });
    expect(view.rows.map((r) => r.action).sort()).toEqual(["canvass_entry.updated", "registration.updated_by_staff"]);
    expect(view.total).toBe(2);
    const byAction = (action: string) => view.rows.find((r) => r.action === action)!;

    const edit = byAction("registration.updated_by_staff");
    expect(actorRef(edit, view.names)).toEqual({ text: "Test detective", sub: detective.email, href: `/admin/audit?user=${detective.id}`, id: detective.id });
    expect(targetRef(edit, view.names)).toEqual({ text: "1800 Mayfair Ave, Westchester", href: `/registry/${registration.id}`, id: registration.id });
    expect(changeLines(edit.details, view.names)).toEqual([
      { field: "ownerPhone", label: "Owner's phone", changedOnly: true },
      { field: "retentionDays", label: "Keeps footage (days)", before: "14", after: "30" },
    ]);
    expect(detailLines(edit.details, view.names)).toEqual([{ label: "Status", value: "active" }]);

    const assignment = byAction("canvass_entry.updated");
    expect(targetRef(assignment, view.names)).toMatchObject({ text: "Canvass stop at 1800 Mayfair Ave, Westchester", sub: "26-40404 · Burglary", href: `/incidents/${incident.id}/canvass` });
    // jsonb keeps an object's keys in its own order: compare the map-shaped changes by field.
    expect(changeLines(assignment.details, view.names).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: "assignedTo", label: "Assigned to", before: "nobody", after: "Test detective" },
      { field: "notes", label: "Notes", changedOnly: true },
    ]);
    expect(detailLines(assignment.details, view.names)[0]).toMatchObject({ label: "Incident", value: "26-40404 · Burglary", ref: { href: `/incidents/${incident.id}` } });

    // The incident edit, found by its target; the incident is named by its case number and offence.
    const incidentView = await viewAuditTrail(t.db, adminActor, auditFilterSchema.parse({ targetType: "incident", targetId: incident.id }), { timeZone: TZ, limit: 50 });
    expect(incidentView.rows.map((r) => r.action)).toEqual(["incident.updated"]);
    const [updated] = incidentView.rows;
    expect(targetRef(updated, incidentView.names)).toEqual({ text: "26-40404 · Burglary", href: `/incidents/${incident.id}`, id: incident.id });
    expect(actorRef(updated, incidentView.names)).toMatchObject({ text: "Test admin", sub: admin.email });
    expect(changeLines(updated.details, incidentView.names)).toEqual([{ field: "offense", label: "Offence", before: "(none)", after: "Burglary" }]);

    // Each look at the trail is in the trail, with the filter and what it showed.
    const views = await t.db.select().from(auditLog).where(eq(auditLog.action, "audit.viewed"));
    expect(views.map((v) => ({ actor: v.actorUserId, ip: v.ip, details: v.details }))).toEqual([
      { actor: admin.id, ip: "127.0.0.1", details: { filter: { user: detective.id }, shown: 2, total: 2 } },
      { actor: admin.id, ip: "127.0.0.1", details: { filter: { targetType: "incident", targetId: incident.id }, shown: 1, total: 1 } },
    ]);
  });

  it("finds entries stored under an action's old name when filtering by today's, and lists the action once", async () => {
    const marker = `legacy-${Date.now()}`;
    // Written as the app wrote them before the names were put in the past tense (the trail is never rewritten).
    await t.db.insert(auditLog).values({ actorLabel: marker, action: "user.create", targetType: "user", targetId: marker, details: {} });
    await recordAudit(t.db, { userId: null, label: marker }, { action: "user.created", targetType: "user", targetId: marker });
    const found = await queryAudit(t.db, { action: "user.created", user: marker }, TZ, 10);
    expect(found.map((r) => r.action).sort()).toEqual(["user.create", "user.created"]);
    // Filtering by the old name (a bookmarked link) finds the same entries.
    expect(await countAudit(t.db, { action: "user.create", user: marker }, TZ)).toBe(2);
    const listed = await auditActions(t.db);
    expect(listed).toContain("user.created");
    expect(listed).not.toContain("user.create");
  });

  it("names every action once, in the past tense, and maps each old name to a current one", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const [old, now] of Object.entries(LEGACY_AUDIT_ACTIONS)) {
      expect(AUDIT_ACTIONS as readonly string[]).toContain(now);
      expect(AUDIT_ACTIONS as readonly string[]).not.toContain(old);
    }
    // "<thing>.<past participle>": no bare verbs such as ".create", ".search", ".view", ".export".
    const presentTense = AUDIT_ACTIONS.filter((a) => /\.(create|update|search|view|export|import|issue|revoke|assign|seed|unlock|lockout|sign_in|sign_out)$/.test(a));
    expect(presentTense).toEqual([]);
  });
});
