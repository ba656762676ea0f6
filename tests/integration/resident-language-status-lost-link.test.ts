/**
 * Issue 16, server side: the resident's language (validation answers, stored
 * language, e-mails), recording mode, "Other" and undoing a closure, and
 * "e-mail me my link" against a real SMTP server on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, registrations, registrationStatusHistory } from "@/db/schema";
import { postRegistration } from "@/lib/registration/post-registration";
import { hashManageToken } from "@/lib/registration/manage-token";
import { createMailer } from "@/lib/registration/mailer";
import { createIpRateLimiter } from "@/lib/registration/rate-limit";
import { requestManageLink, type LostLinkDeps } from "@/lib/registration/lost-link";
import { publicActor } from "@/lib/audit/record-audit";
import * as manageRoute from "@/app/api/manage/[token]/route";
import * as statusRoute from "@/app/api/manage/[token]/status/route";
import * as reopenRoute from "@/app/api/manage/[token]/reopen/route";
import { mailText, startSmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, validRegistration } from "../support/factories";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { setDbForTests } from "@/db/client";
import { request } from "../support/route-handlers";

let t: TestDatabase;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  await createAddressPoint(t.db);
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await t?.close();
});

let unitNumber = 0;
async function register(email: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}, mailer = null as ReturnType<typeof createMailer>) {
  const address = { line1: "10300 W Roosevelt Rd", unit: `Apt ${++unitNumber}`, city: "Westchester", state: "IL", zip: "60154" };
  const res = await postRegistration(
    jsonRequest(validRegistration({ owner: { name: "Pat Doe", phone: "708-555-0134", email }, address, ...overrides }), { headers }),
    registrationDeps(t.db, { mailer }),
  );
  const body = (await res.json()) as { id: string; manageUrl: string; errors?: Record<string, string> };
  return { status: res.status, body, id: body.id, token: body.manageUrl?.split("/manage/")[1] };
}

const params = (token: string) => ({ params: Promise.resolve({ token }) });
async function call(handler: (r: Request, p: ReturnType<typeof params>) => Promise<Response>, token: string, method = "GET", body?: unknown, headers: Record<string, string> = {}) {
  const res = await handler(request(`/api/manage/${token}`, { method, body, headers }), params(token));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: Record<string, string> } };
}

const linkIn = (raw: string) => mailText(raw).match(/http:\/\/sightline\.test\/manage\/([A-Za-z0-9_-]{43})/)?.[1];

describe(`the resident's language (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("answers POST /api/registrations field errors in Spanish for Accept-Language: es, in English otherwise", async () => {
    const bad = { owner: { name: "", phone: "123", email: "no" }, address: { line1: "Roosevelt", city: "Westchester", state: "Ilinois", zip: "6015" }, consent: false };
    const es = await register("x@example.com", bad, { "accept-language": "es-MX,es;q=0.9" });
    expect(es.status).toBe(422);
    expect(es.body.errors).toMatchObject({
      "owner.name": "Complete el campo «Nombre»",
      "owner.email": expect.stringMatching(/dirección de correo válida/),
      "owner.phone": expect.stringMatching(/10 dígitos/),
      "address.line1": "La dirección debe incluir el número de la casa",
      "address.state": "Escriba un estado de EE. UU., p. ej. IL o Illinois",
      "address.zip": expect.stringMatching(/código postal/),
      consent: "Debe aceptar los términos para registrarse",
    });
    const en = await register("x@example.com", bad, { "accept-language": "en-US" });
    expect(en.body.errors?.["owner.name"]).toBe("Name is required");
    // The resident's explicit choice (cookie) wins over the browser's Accept-Language.
    const chosen = await register("x@example.com", bad, { "accept-language": "en-US", cookie: "NEXT_LOCALE=es" });
    expect(chosen.body.errors?.consent).toBe("Debe aceptar los términos para registrarse");
    const count = await t.db.select({ n: sql<number>`count(*)::int` }).from(registrations);
    expect(count[0].n).toBe(0);
  });

  it("stores the resident's language and recording mode, maps a full state name, and e-mails the link in Spanish", async () => {
    sink.messages.length = 0;
    const mailer = createMailer({ smtpUrl: sink.url, from: "noreply@sightline.test" });
    const r = await register("ana@example.com", { recordingMode: "motion", address: { line1: "10300 W Roosevelt Rd", city: "Westchester", state: "Illinois", zip: "60154" } }, { "accept-language": "es" }, mailer);
    expect(r.status).toBe(201);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, r.id));
    expect(row.locale).toBe("es");
    expect(row.recordingMode).toBe("motion");
    expect(row.addressState).toBe("IL");
    await expect.poll(() => sink.messages.length).toBe(1);
    expect(mailText(sink.messages[0].raw)).toMatch(/Guarde este enlace privado/);
    expect(linkIn(sink.messages[0].raw)).toBe(r.token);
    // An API client that does not say: "unknown" recording, the request's language (English by default).
    const plain = await register("api@example.com");
    const [apiRow] = await t.db.select().from(registrations).where(eq(registrations.id, plain.id));
    expect([apiRow.recordingMode, apiRow.locale]).toEqual(["unknown", "en"]);
    // The body's own language wins when the app has it; an unknown one falls back to the request's.
    const fr = await register("fr@example.com", { language: "fr" }, { "accept-language": "es" });
    const [frRow] = await t.db.select().from(registrations).where(eq(registrations.id, fr.id));
    expect(frRow.locale).toBe("es");
  });
});

describe("change of status: Other, closing and undo", () => {
  it("records 'Other' with the owner's reason for staff, keeps the registration open, and asks for a reason in Spanish", async () => {
    const { id, token } = await register("other@example.com");
    const missing = await call(statusRoute.POST, token, "POST", { change: "other" }, { "accept-language": "es" });
    expect(missing.status).toBe(422);
    expect(missing.body.errors?.reason).toBe("Cuéntenos qué cambió");
    const ok = await call(statusRoute.POST, token, "POST", { change: "other", reason: "A tree now hides the rear camera" });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("active");
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.needsReview).toBe(true);
    expect(row.reviewReason).toBe("owner reported: Other: A tree now hides the rear camera");
    const hist = await t.db.select().from(registrationStatusHistory).where(eq(registrationStatusHistory.registrationId, id));
    expect(hist.map((h) => h.reason)).toContain("Other: A tree now hides the rear camera");
  });

  it("lets the owner undo their own closure within 30 days (back to pending_review), not later, and not a staff closure", async () => {
    const { id, token } = await register("undo@example.com");
    expect((await call(statusRoute.POST, token, "POST", { change: "moved_away" })).body.status).toBe("inactive");
    const view = await call(manageRoute.GET, token);
    expect(view.body.status).toBe("inactive");
    expect(Date.parse(String(view.body.reopenableUntil)) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const reopened = await call(reopenRoute.POST, token, "POST");
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe("pending_review");
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect([row.status, row.inactiveSince, row.needsReview]).toEqual(["pending_review", null, true]);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "registration.reopened_by_owner")));
    expect(audit).toHaveLength(1);
    // Open again: reopening twice is refused.
    expect((await call(reopenRoute.POST, token, "POST")).status).toBe(409);

    // 31 days after closing, the link can no longer reopen it.
    const late = await register("late@example.com");
    await call(statusRoute.POST, late.token, "POST", { change: "no_longer_using" });
    await t.db.update(registrations).set({ inactiveSince: new Date(Date.now() - 31 * 86_400_000) }).where(eq(registrations.id, late.id));
    expect((await call(manageRoute.GET, late.token)).body.reopenableUntil).toBeNull();
    expect((await call(reopenRoute.POST, late.token, "POST")).status).toBe(409);

    // Closed by staff (rejected), not by the owner: not the owner's to undo.
    const rejected = await register("rejected@example.com");
    await t.db.update(registrations).set({ status: "inactive", inactiveSince: new Date() }).where(eq(registrations.id, rejected.id));
    await t.db.insert(registrationStatusHistory).values({ registrationId: rejected.id, fromStatus: "active", toStatus: "inactive", reason: "rejected: fake", actor: "supervisor@pd", at: new Date() });
    expect((await call(reopenRoute.POST, rejected.token, "POST")).status).toBe(409);
    const [still] = await t.db.select().from(registrations).where(eq(registrations.id, rejected.id));
    expect(still.status).toBe("inactive");
  });
});

describe("e-mail me my link", () => {
  const deps = (over: Partial<LostLinkDeps> = {}): LostLinkDeps & { pending: Promise<unknown>[] } => {
    const pending: Promise<unknown>[] = [];
    return {
      db: t.db,
      mailer: createMailer({ smtpUrl: sink.url, from: "noreply@sightline.test" }),
      limiter: createIpRateLimiter({ pointsPerHour: 0, trustedNetworks: "", store: "memory", keyPrefix: "lost-test" }),
      actor: publicActor("203.0.113.50", "vitest"),
      baseUrl: "http://sightline.test",
      agencyName: "Test Police Department",
      defer: (task) => void pending.push(task()),
      pending,
      ...over,
    };
  };
  const ask = async (body: unknown, d = deps(), headers: Record<string, string> = {}) => {
    const res = await requestManageLink(jsonRequest(body, { headers }), d);
    await Promise.all(d.pending);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: Record<string, string> } };
  };

  it("e-mails a fresh link to the registration's own address when e-mail and address match; the old link dies; the answer is the same either way", async () => {
    const { id, token } = await register("lost@example.com", {}, { "accept-language": "es" });
    sink.messages.length = 0;
    const auditBefore = (await t.db.select().from(auditLog).where(eq(auditLog.action, "registration.manage_link_requested"))).length;

    const match = await ask({ email: " LOST@example.com ", line1: "10300 West Roosevelt Road", zip: "60154" });
    const noMatch = await ask({ email: "someone-else@example.com", line1: "10300 W Roosevelt Rd", zip: "60154" });
    const wrongAddress = await ask({ email: "lost@example.com", line1: "10302 W Roosevelt Rd", zip: "60154" });
    expect(match).toEqual({ status: 202, body: { ok: true } });
    expect(noMatch).toEqual(match);
    expect(wrongAddress).toEqual(match);

    await expect.poll(() => sink.messages.length).toBe(1);
    const mail = sink.messages[0];
    expect(mail.to).toEqual(["lost@example.com"]);
    expect(mailText(mail.raw)).toMatch(/Su nuevo enlace privado/);
    const fresh = linkIn(mail.raw)!;
    expect(fresh).not.toBe(token);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.manageTokenHash).toBe(hashManageToken(fresh));
    expect((await call(manageRoute.GET, token)).status).toBe(404);
    expect((await call(manageRoute.GET, fresh)).status).toBe(200);

    // Every request is audited, matched or not, without the typed e-mail.
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "registration.manage_link_requested"));
    expect(audits.length - auditBefore).toBe(3);
    expect(audits.filter((a) => a.targetId === id)).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain("someone-else@example.com");

    // Asking again at once sends nothing more (at most one per 15 minutes), with the same answer.
    expect(await ask({ email: "lost@example.com", line1: "10300 W Roosevelt Rd", zip: "60154" })).toEqual(match);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages).toHaveLength(1);
  });

  it("keeps the old link working when the mail server cannot be reached, and audits the failed send", async () => {
    const { id, token } = await register("unreachable@example.com");
    // Port 1 on loopback: nothing listens, the connection is refused.
    const down = deps({ mailer: createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "noreply@sightline.test" }) });
    expect((await ask({ email: "unreachable@example.com", line1: "10300 W Roosevelt Rd", zip: "60154" }, down)).status).toBe(202);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row.manageTokenHash).toBe(hashManageToken(token));
    expect((await call(manageRoute.GET, token)).status).toBe(200);
    const sent = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.manage_link_sent"), eq(auditLog.targetId, id)));
    expect(sent.map((a) => a.details)).toEqual([{ delivered: false, linkReplaced: false }]);
  });

  it("is rate limited per client address, answers field errors in the resident's language, and needs SMTP", async () => {
    const limited = deps({ limiter: createIpRateLimiter({ pointsPerHour: 2, trustedNetworks: "", store: "memory", keyPrefix: `lost-${Date.now()}` }) });
    const body = { email: "nobody@example.com", line1: "1 A St", zip: "60154" };
    expect((await ask(body, limited)).status).toBe(202);
    expect((await ask(body, limited)).status).toBe(202);
    expect((await ask(body, limited)).status).toBe(429);
    const invalid = await ask({ email: "x", line1: "", zip: "1" }, deps(), { "accept-language": "es" });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toMatchObject({ email: expect.stringMatching(/correo válida/), line1: "Complete el campo «Dirección»", zip: expect.stringMatching(/código postal/) });
    expect((await ask(body, deps({ mailer: null }))).status).toBe(503);
  });
});
