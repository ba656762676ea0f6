import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, auditLog, cameras, registrations, users } from "@/db/schema";
import { generateApiToken, hashApiToken } from "@/lib/auth/api-token";
import { systemActor } from "@/lib/audit/record-audit";
import { postRegistration } from "@/lib/registration/post-registration";
import { createMailer } from "@/lib/registration/mailer";
import { findByManageToken } from "@/lib/registration/manage";
import { sendReconfirmReminders } from "@/lib/registration/review";
import * as queueRoute from "@/app/api/review/route";
import * as actionRoute from "@/app/api/review/[id]/route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, validRegistration } from "../support/factories";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { mailText, startSmtpSink } from "../support/smtp-sink";
import { setDbForTests } from "@/db/client";
import { noParams, params, request } from "../support/route-handlers";

let t: TestDatabase;
let supervisorToken: string;
let detectiveToken: string;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

async function staffToken(email: string, role: "detective" | "supervisor") {
  const [user] = await t.db.insert(users).values({ email, name: email, role }).returning({ id: users.id });
  const token = generateApiToken();
  await t.db.insert(apiTokens).values({ userId: user.id, name: "test", tokenHash: hashApiToken(token) });
  return token;
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  await createAddressPoint(t.db);
  supervisorToken = await staffToken("sup@agency.test", "supervisor");
  detectiveToken = await staffToken("det@agency.test", "detective");
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

async function register(email: string, overrides: Record<string, unknown> = {}, deps = registrationDeps(t.db)) {
  const res = await postRegistration(jsonRequest(validRegistration({ owner: { name: email, phone: "708-555-0134", email }, ...overrides })), deps);
  const body = (await res.json()) as { id: string; manageUrl: string; emailed: boolean };
  return { ...body, token: body.manageUrl.split("/manage/")[1] };
}

async function queue(token = supervisorToken) {
  const res = await queueRoute.GET(request("/api/review", { authorization: `Bearer ${token}` }), noParams);
  return { status: res.status, body: (await res.json()) as { pending: { id: string; location: unknown; possibleDuplicates: { id: string }[] }[]; stale: { id: string }[] } };
}
async function act(id: string, body: unknown, token = supervisorToken) {
  const res = await actionRoute.POST(request(`/api/review/${id}`, { authorization: `Bearer ${token}`, body }), params({ id }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: Record<string, string> } };
}

describe(`staff review queue (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("is for supervisors only", async () => {
    expect((await queueRoute.GET(request("/api/review"), noParams)).status).toBe(401);
    expect((await queue(detectiveToken)).status).toBe(403);
    expect((await act("00000000-0000-4000-8000-000000000000", { action: "verify" }, detectiveToken)).status).toBe(403);
  });

  it("lists new registrations with un-geocoded ones first, and audits the read", async () => {
    const geocoded = await register("first@example.com");
    const lost = await register("second@example.com", { address: { line1: "1 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" } });
    const { status, body } = await queue();
    expect(status).toBe(200);
    const ids = body.pending.map((p) => p.id);
    expect(ids.indexOf(lost.id)).toBeLessThan(ids.indexOf(geocoded.id));
    expect(body.pending[0].location).toBeNull();
    const reads = await t.db.select().from(auditLog).where(eq(auditLog.action, "review.queue_viewed"));
    expect(reads.length).toBeGreaterThan(0);
  });

  it("fixes the pin, then verifies; verify without a pin is refused with a field error", async () => {
    const lost = await register("pinme@example.com", { address: { line1: "2 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" } });
    const refused = await act(lost.id, { action: "verify" });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.pin).toMatch(/pin/);
    expect((await act(lost.id, { action: "set_pin", pin: { lat: 41.851, lng: -87.881 } })).status).toBe(200);
    const verified = await act(lost.id, { action: "verify" });
    expect(verified.body).toMatchObject({ status: "active", needsReview: false });
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, lost.id));
    expect(reg.verifiedAt).not.toBeNull();
    expect(reg.location!.coordinates).toEqual([-87.881, 41.851]);
    const cams = await t.db.select().from(cameras).where(eq(cameras.registrationId, lost.id));
    expect(cams.every((c) => c.location?.coordinates[0] === -87.881)).toBe(true);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, lost.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["review.pin_set", "review.verified"]));
    // Each decision's audit entry records what it changed: the pin from nowhere, then the status.
    const changesOf = (action: string) => (audits.find((a) => a.action === action)!.details as { changes: unknown[] }).changes;
    expect(changesOf("review.pin_set")).toEqual([{ field: "location", from: null, to: { lat: 41.851, lng: -87.881 } }]);
    expect(changesOf("review.verified")).toEqual([{ field: "status", from: "pending_review", to: "active" }]);
    expect((await queue()).body.pending.map((p) => p.id)).not.toContain(lost.id);
  });

  it("rejects with a reason; bad actions are field errors", async () => {
    const r = await register("reject@example.com");
    expect((await act(r.id, { action: "reject" })).status).toBe(422);
    expect((await act(r.id, { action: "explode" })).status).toBe(422);
    expect((await act(r.id, { action: "set_pin", pin: { lat: "north", lng: 0 } })).status).toBe(422);
    expect((await act("9f4e1a86-0000-4000-8000-000000000000", { action: "verify" })).status).toBe(404);
    const rejected = await act(r.id, { action: "reject", reason: "not in our jurisdiction" });
    expect(rejected.body.status).toBe("inactive");
  });

  it("merges a duplicate into the registration to keep, without losing what only the duplicate knew", async () => {
    const keep = await register("same-owner@example.com", { alternateContact: undefined });
    const dupe = await register("other-address-of-owner@example.com", {
      address: { line1: "10300 W. Roosevelt Road", city: "Westchester", state: "IL", zip: "60154" },
      alternateContact: { name: "Alt Person", phone: "708-555-0177" },
      cameraLocations: ["side"],
      cameraCount: 4,
    });
    const listed = (await queue()).body.pending.find((p) => p.id === dupe.id)!;
    expect(listed.possibleDuplicates.map((d) => d.id)).toContain(keep.id);
    const merged = await act(dupe.id, { action: "merge_into", targetId: keep.id });
    expect(merged.status).toBe(200);
    expect(merged.body.status).toBe("withdrawn");
    const [kept] = await t.db.select().from(registrations).where(eq(registrations.id, keep.id));
    expect(kept.alternateName).toBe("Alt Person");
    expect(kept.cameraCount).toBe(4);
    expect(kept.cameraLocations.sort()).toEqual(["front", "rear", "side"]);
    const [gone] = await t.db.select().from(registrations).where(eq(registrations.id, dupe.id));
    expect(gone.mergedIntoId).toBe(keep.id);
    expect((await act(dupe.id, { action: "verify" })).status).toBe(422);
    expect((await act(keep.id, { action: "merge_into", targetId: keep.id })).status).toBe(422);
  });

  it("e-mails the management link through SMTP and lists stale registrations; reminders carry a fresh working link", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: "registry@agency.test" });
    const r = await register("stale@example.com", {}, registrationDeps(t.db, { mailer }));
    expect(r.emailed).toBe(true);
    const welcome = smtp.messages.find((m) => m.to.includes("stale@example.com"))!;
    expect(mailText(welcome.raw)).toContain(r.manageUrl);

    await t.db.update(registrations).set({ lastConfirmedAt: new Date(Date.now() - 400 * 86_400_000) }).where(eq(registrations.id, r.id));
    expect((await queue()).body.stale.map((s) => s.id)).toContain(r.id);
    const result = await sendReconfirmReminders(t.db, mailer, { actor: systemActor("t"), reconfirmAfterMonths: 12, baseUrl: "http://sightline.test", agencyName: "Test PD" });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const reminder = smtp.messages.filter((m) => m.to.includes("stale@example.com")).at(-1)!;
    const link = mailText(reminder.raw).match(/http:\/\/sightline\.test\/manage\/([A-Za-z0-9_-]{43})/)![1];
    expect((await findByManageToken(t.db, link))?.id).toBe(r.id);
    expect(await findByManageToken(t.db, r.token)).toBeNull();
    // Not reminded again the next day.
    const again = await sendReconfirmReminders(t.db, mailer, { actor: systemActor("t"), reconfirmAfterMonths: 12, baseUrl: "http://sightline.test", agencyName: "Test PD" });
    expect(again.sent).toBe(0);
  });

  it("without SMTP nothing fails and nothing is sent", async () => {
    const r = await register("nosmtp@example.com", {}, registrationDeps(t.db, { mailer: null }));
    expect(r.emailed).toBe(false);
    expect(r.manageUrl).toMatch(/\/manage\//);
    expect(await sendReconfirmReminders(t.db, null, { actor: systemActor("t"), reconfirmAfterMonths: 12, baseUrl: "x", agencyName: "x" })).toEqual({ sent: 0, skipped: 0 });
  });

  it("a failing SMTP server does not lose the registration", async () => {
    const mailer = createMailer({ smtpUrl: "smtp://127.0.0.1:9", from: "registry@agency.test" });
    const r = await register("smtpdown@example.com", {}, registrationDeps(t.db, { mailer }));
    expect(r.emailed).toBe(false);
    expect((await findByManageToken(t.db, r.token))?.id).toBe(r.id);
  });
});
