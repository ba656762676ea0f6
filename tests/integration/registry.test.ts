/**
 * The staff registry through its route handlers, on the test database:
 * search with paging and no contacts (audited), entry for a caller (source
 * "staff", geocoded, audited, field errors with nothing written), supervisors'
 * edits with the change list in the audit entry, and the review queue's paging,
 * its refusal to re-activate what an owner closed, and one stale count shared
 * with the dashboard and the registry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { auditLog, registrations } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { systemActor } from "@/lib/audit/record-audit";
import { loadDashboard } from "@/lib/canvass/dashboard";
import { reportChange } from "@/lib/registration/manage";
import { sendReconfirmReminders } from "@/lib/registration/review";
import * as listRoute from "@/app/api/registrations/route";
import * as byStaffRoute from "@/app/api/registrations/by-staff/route";
import * as oneRoute from "@/app/api/registrations/[id]/route";
import * as queueRoute from "@/app/api/review/route";
import * as actionRoute from "@/app/api/review/[id]/route";
import { ownerView } from "@/lib/registration/manage";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, createStaff, ROOSEVELT_10300, type TestStaff, validRegistration } from "../support/factories";
import { noParams, params, request } from "../support/route-handlers";

let t: TestDatabase;
let detective: TestStaff;
let detectiveAuth: string;
let supervisorAuth: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  for (let n = 10300; n <= 10326; n += 2) await createAddressPoint(t.db, { addNumber: n, location: [ROOSEVELT_10300.lng + (n - 10300) * 0.0001, ROOSEVELT_10300.lat] });
  detective = await createStaff(t.db, { role: "detective" });
  detectiveAuth = detective.authorization;
  supervisorAuth = (await createStaff(t.db, { role: "supervisor" })).authorization;
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const count = async (table: string) => Number(((await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`))).rows[0] as { n: number }).n);

let seq = 0;
/** A caller's registration at 10300 + 2k W Roosevelt Rd (up to 10326), entered by the detective. */
async function enterForCaller(houseNumber: number, overrides: Record<string, unknown> = {}) {
  seq++;
  const body = validRegistration({
    owner: { name: `Caller ${seq}`, phone: "708-555-0134", email: `caller${seq}@example.com` },
    address: { line1: `${houseNumber} W Roosevelt Rd`, city: "Westchester", state: "IL", zip: "60154" },
    ...overrides,
  });
  const res = await byStaffRoute.POST(request("/api/registrations/by-staff", { authorization: detectiveAuth, body }), noParams);
  return { status: res.status, body: (await res.json()) as { id: string; status: string; manageUrl: string; location: unknown; errors?: Record<string, string> } };
}

async function list(query: string, authorization = detectiveAuth) {
  const res = await listRoute.GET(request(`/api/registrations?${query}`, { authorization }), noParams);
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as { items: { id: string; address: string; status: string }[]; total: number; page: number; pageSize: number; pageCount: number } };
}

async function edit(id: string, body: unknown, authorization = supervisorAuth) {
  const res = await oneRoute.PUT(request(`/api/registrations/${id}`, { method: "PUT", authorization, body }), params({ id }));
  return { status: res.status, body: (await res.json()) as { status: string; changes: { field: string; from?: unknown; to?: unknown; contact?: boolean }[]; code?: string } };
}

describe(`staff registry (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("enters a registration for a caller: geocoded, source staff, audited under the staff member", async () => {
    const created = await enterForCaller(10302);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("active");
    expect(created.body.location).not.toBeNull();
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, created.body.id));
    expect(row.source).toBe("staff");
    expect(row.location).not.toBeNull();
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.created"), eq(auditLog.targetId, created.body.id)));
    expect(entry.actorUserId).toBe(detective.id);
    expect(entry.details).toMatchObject({ source: "staff" });
  });

  it("records a pin staff placed for a caller as the staff member's, not the resident's", async () => {
    // An address the reference data does not know, placed by hand on the staff form.
    const created = await enterForCaller(10398, { address: { line1: "1 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" }, pin: { lat: ROOSEVELT_10300.lat, lng: ROOSEVELT_10300.lng } });
    expect(created.status).toBe(201);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, created.body.id));
    expect(row.locationSource).toBe("staff pin");
    expect(row.pinConfirmedBy).toBe(detective.email);
    expect(row.status).toBe("pending_review");
    expect(row.reviewReason).toContain(`${detective.email} placed the pin for the caller`);
    expect(row.reviewReason).not.toContain("resident");
    // The owner's private page does not tell them "You placed your address here" over staff's pin.
    expect((await ownerView(t.db, row)).pinPlacedByResident).toBe(false);
  });

  it("answers a bad entry with field errors and writes nothing", async () => {
    const before = { registrations: await count("registrations"), audit: await count("audit_log") };
    const bad = await enterForCaller(10304, { owner: { name: "", phone: "555", email: "nobody@" }, consent: false });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors ?? {})).toEqual(expect.arrayContaining(["owner.name", "owner.phone", "owner.email", "consent"]));
    expect({ registrations: await count("registrations"), audit: await count("audit_log") }).toEqual(before);
  });

  it("lists registrations a page at a time with the total, without contacts, and audits each search", async () => {
    const ids = [(await enterForCaller(10306)).body.id, (await enterForCaller(10308)).body.id, (await enterForCaller(10310)).body.id];
    const first = await list("q=roosevelt&pageSize=2&page=1");
    const second = await list("q=roosevelt&pageSize=2&page=2");
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThanOrEqual(4);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.pageCount).toBe(Math.ceil(first.body.total / 2));
    const both = [...first.body.items, ...second.body.items].map((i) => i.id);
    expect(new Set(both).size).toBe(4);
    // House numbers in order as numbers, street by street.
    const all = await list("q=roosevelt&pageSize=100");
    const numbers = all.body.items.map((i) => Number(i.address.split(" ")[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(all.body.items.map((i) => i.id)).toEqual(expect.arrayContaining(ids));
    // No contact details in the answer: names, phones and e-mails stay behind the audited contacts route.
    expect(all.text).not.toMatch(/caller\d+@example\.com|708-555-0134|Caller \d|Sam Doe/);
    // Every word must match: a house number narrows to one.
    const one = await list("q=10308+roosevelt");
    expect(one.body.items.map((i) => i.id)).toEqual([ids[1]]);
    const searches = await t.db.select().from(auditLog).where(eq(auditLog.action, "registration.searched")).orderBy(desc(auditLog.at));
    expect(searches[0].details).toMatchObject({ q: "10308 roosevelt", total: 1 });
    expect(searches[0].actorUserId).toBe(detective.id);
  });

  it("filters by status and refuses a bad one with a field error", async () => {
    const active = await list("status=active&pageSize=100");
    expect(active.body.items.length).toBeGreaterThan(0);
    expect(active.body.items.every((i) => i.status === "active")).toBe(true);
    const bad = await list("status=lost&pageSize=1000");
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.body as unknown as { errors: object }).errors)).toEqual(expect.arrayContaining(["status", "pageSize"]));
  });

  it("lets supervisors edit, answering and auditing what changed (contact fields without their values)", async () => {
    const { body: created } = await enterForCaller(10312);
    const changed = validRegistration({
      owner: { name: `Caller ${seq}`, phone: "708-555-0177", email: `caller${seq}@example.com` },
      address: { line1: "10312 W Roosevelt Rd", city: "Westchester", state: "IL", zip: "60154" },
      retentionDays: 14,
    });
    expect((await edit(created.id, changed, detectiveAuth)).status).toBe(403);
    const saved = await edit(created.id, changed);
    expect(saved.status).toBe(200);
    expect(saved.body.changes).toEqual(
      expect.arrayContaining([
        { field: "retentionDays", from: 30, to: 14 },
        { field: "ownerPhone", contact: true },
      ]),
    );
    expect(saved.body.changes).toHaveLength(2);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, created.id));
    expect([row.retentionDays, row.ownerPhone, row.status]).toEqual([14, "708-555-0177", "active"]);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.updated_by_staff"), eq(auditLog.targetId, created.id)));
    expect(entry.details).toMatchObject({ changes: saved.body.changes });
    expect(JSON.stringify(entry.details)).not.toContain("0177");
    // The same answers again change nothing and write nothing.
    const again = await edit(created.id, changed);
    expect(again.body.changes).toEqual([]);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.updated_by_staff"), eq(auditLog.targetId, created.id)))).toHaveLength(1);
  });

  it("geocodes a changed address; one that cannot be placed goes to review", async () => {
    const { body: created } = await enterForCaller(10314);
    const moved = await edit(created.id, validRegistration({ address: { line1: "10316 W Roosevelt Rd", city: "Westchester", state: "IL", zip: "60154" } }));
    expect(moved.body.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["addressLine1", "location"]));
    expect(moved.body.status).toBe("active");
    const lost = await edit(created.id, validRegistration({ address: { line1: "1 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" } }));
    expect(lost.body.status).toBe("pending_review");
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, created.id));
    expect([row.location, row.needsReview]).toEqual([null, true]);
  });

  it("refuses to edit a registration its owner withdrew, and an unknown id", async () => {
    const { body: created } = await enterForCaller(10318);
    await reportChange(
      { db: t.db, actor: systemActor("owner"), principal: { via: "manage_link", manageToken: created.manageUrl.split("/manage/")[1] } },
      { change: "no_longer_using" },
    );
    const refused = await edit(created.id, validRegistration());
    expect([refused.status, refused.body.code]).toEqual([409, "conflict"]);
    expect((await edit("00000000-0000-4000-8000-00000000beef", validRegistration())).status).toBe(404);
  });
  it("stores the caller's language that staff chose, so later e-mails to the owner go in it", async () => {
    const spanish = await enterForCaller(10322, { language: "es", owner: { name: "Rosa Llamada", phone: "708-555-0135", email: "rosa.llamada@example.com" } });
    const english = await enterForCaller(10324, { language: "en", owner: { name: "Ed Caller", phone: "708-555-0136", email: "ed.caller@example.com" } });
    // A language the app does not speak falls back to English rather than failing the entry.
    const unknown = await enterForCaller(10326, { language: "fr", owner: { name: "Fay Caller", phone: "708-555-0137", email: "fay.caller@example.com" } });
    for (const r of [spanish, english, unknown]) expect(r.status).toBe(201);
    const locales = await t.db
      .select({ id: registrations.id, locale: registrations.locale })
      .from(registrations)
      .where(sql`${registrations.id} in (${sql.join([spanish, english, unknown].map((r) => sql`${r.body.id}`), sql`, `)})`);
    expect(Object.fromEntries(locales.map((r) => [r.id, r.locale]))).toEqual({ [spanish.body.id]: "es", [english.body.id]: "en", [unknown.body.id]: "en" });

    // A year on, the reminder to re-confirm goes to each owner in their language.
    const sent: { to: string; subject: string; text: string }[] = [];
    await sendReconfirmReminders(t.db, { send: async (m) => void sent.push(m) }, {
      actor: systemActor("test"),
      reconfirmAfterMonths: 12,
      baseUrl: "http://127.0.0.1:3000",
      agencyName: "Test PD",
      now: new Date(Date.now() + 400 * 86_400_000),
    });
    const to = (email: string) => sent.find((m) => m.to === email)?.subject;
    expect(to("rosa.llamada@example.com")).toBe("Test PD: ¿su registro de cámaras sigue vigente?");
    expect(to("ed.caller@example.com")).toBe("Test PD: is your camera registration still current?");

    // A supervisor's correction changes the language only when asked to, and records the change.
    const sameAnswers = (language?: string) =>
      validRegistration({
        owner: { name: "Ed Caller", phone: "708-555-0136", email: "ed.caller@example.com" },
        address: { line1: "10324 W Roosevelt Rd", city: "Westchester", state: "IL", zip: "60154" },
        ...(language ? { language } : {}),
      });
    expect((await edit(english.body.id, sameAnswers())).body.changes).toEqual([]);
    const toSpanish = await edit(english.body.id, sameAnswers("es"));
    expect(toSpanish.body.changes).toEqual([{ field: "locale", from: "en", to: "es" }]);
    const [edited] = await t.db.select().from(registrations).where(eq(registrations.id, english.body.id));
    expect(edited.locale).toBe("es");
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.updated_by_staff"), eq(auditLog.targetId, english.body.id)));
    expect(entry.details).toMatchObject({ changes: [{ field: "locale", from: "en", to: "es" }] });
    expect((await edit(english.body.id, sameAnswers("fr"))).body.changes).toEqual([]);
  });
});

describe(`review queue: paging, closed by owner, one stale count (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  async function queue(query = "") {
    const res = await queueRoute.GET(request(`/api/review${query}`, { authorization: supervisorAuth }), noParams);
    return (await res.json()) as {
      pending: { id: string; status: string; statusLabel: string; closedByOwner: boolean; locationLabel: string }[];
      stale: { id: string }[];
      pendingTotal: number;
      staleTotal: number;
    };
  }

  it("pages the queue with the total, in words instead of codes", async () => {
    const all = await queue("?pageSize=100");
    expect(all.pendingTotal).toBeGreaterThanOrEqual(3);
    const firstPage = await queue("?pageSize=2");
    const secondPage = await queue("?pageSize=2&page=2");
    expect(firstPage.pending).toHaveLength(2);
    expect(firstPage.pendingTotal).toBe(all.pendingTotal);
    expect(secondPage.pending.map((p) => p.id)).toEqual(all.pending.slice(2, 4).map((p) => p.id));
    const active = all.pending.find((p) => p.status === "active")!;
    expect(active.statusLabel).toBe("Active (detectives find it)");
    expect(active.locationLabel).toBe("matched to the address point");
  });

  it("does not re-activate with one click what the owner closed", async () => {
    const { body: moving } = await enterForCaller(10320);
    await reportChange(
      { db: t.db, actor: systemActor("owner"), principal: { via: "manage_link", manageToken: moving.manageUrl.split("/manage/")[1] } },
      { change: "moved_away" },
    );
    const item = (await queue("?pageSize=100")).pending.find((p) => p.id === moving.id)!;
    expect([item.status, item.closedByOwner]).toEqual(["inactive", true]);
    for (const action of ["activate", "verify"]) {
      const res = await actionRoute.POST(request(`/api/review/${moving.id}`, { authorization: supervisorAuth, body: { action } }), params({ id: moving.id }));
      expect(res.status).toBe(422);
    }
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, moving.id));
    expect(row.status).toBe("inactive");
  });

  it("counts stale registrations the same on the dashboard, in the queue and in the registry", async () => {
    const now = new Date();
    const longAgo = new Date(now.getTime() - 400 * 86_400_000);
    // Stale: open (active or pending review) and not confirmed for 12 months. A withdrawn one is not stale.
    const [activeOld, pendingOld, withdrawnOld] = [(await enterForCaller(10302)).body.id, (await enterForCaller(10304)).body.id, (await enterForCaller(10306)).body.id];
    await t.db.update(registrations).set({ lastConfirmedAt: longAgo }).where(eq(registrations.id, activeOld));
    await t.db.update(registrations).set({ lastConfirmedAt: longAgo, status: "pending_review" }).where(eq(registrations.id, pendingOld));
    await t.db.update(registrations).set({ lastConfirmedAt: longAgo, status: "withdrawn" }).where(eq(registrations.id, withdrawnOld));
    const dashboard = await loadDashboard(t.db, { timeZone: "America/Chicago", reconfirmAfterMonths: 12, coverageCellM: 200, mapCenter: [ROOSEVELT_10300.lng, ROOSEVELT_10300.lat], now });
    const inQueue = await queue("?pageSize=100");
    const inRegistry = await list("status=stale&pageSize=100");
    expect(dashboard.registrations.stale).toBe(2);
    expect(inQueue.staleTotal).toBe(2);
    expect(inRegistry.body.total).toBe(2);
    expect(inQueue.stale.map((s) => s.id).sort()).toEqual([activeOld, pendingOld].sort());
    // And "awaiting review" on the dashboard is the queue's total.
    expect(dashboard.registrations.awaitingReview).toBe(inQueue.pendingTotal);
    expect((await list("status=needs_review&pageSize=100")).body.total).toBe(inQueue.pendingTotal);
  });
});
