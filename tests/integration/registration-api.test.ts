import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import * as turf from "@turf/turf";
import { auditLog, cameras, registrations, registrationStatusHistory } from "@/db/schema";
import type { Geocoder } from "@/lib/geocode/types";
import { postRegistration } from "@/lib/registration/post-registration";
import { hashManageToken } from "@/lib/registration/manage-token";
import { createIpRateLimiter } from "@/lib/registration/rate-limit";
import { createMailer } from "@/lib/registration/mailer";
import { mailText, startSmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, ROOSEVELT_10300, validRegistration } from "../support/factories";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { whileAuditRefuses } from "../support/refuse-audit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createAddressPoint(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function counts() {
  const q = async (table: string) =>
    Number(((await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`))).rows[0] as { n: number }).n);
  return { registrations: await q("registrations"), cameras: await q("cameras"), audit: await q("audit_log"), history: await q("registration_status_history") };
}

async function post(body: unknown, init?: Parameters<typeof jsonRequest>[1], deps = registrationDeps(t.db)) {
  const res = await postRegistration(jsonRequest(body, init), deps);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: Record<string, string> } };
}

describe(`POST /api/registrations (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  beforeEach(async () => {
    await t.db.delete(registrations);
  });

  it("registers a geocoded system: 201, active but unverified, cameras with view cones, history and audit in one go", async () => {
    const before = await counts();
    const { status, body } = await post(validRegistration());
    expect(status).toBe(201);
    expect(body.status).toBe("active");
    expect(body.location).toEqual(ROOSEVELT_10300);
    expect(body.geocode).toEqual({
      status: "found",
      method: "address_point",
      matchedAddress: "10300 W ROOSEVELT RD, WESTCHESTER, IL 60154",
      confidence: 1,
      reason: null,
      candidates: [],
    });
    const token = String(body.manageUrl).match(/^http:\/\/sightline\.test\/manage\/([A-Za-z0-9_-]{43})$/)?.[1];
    expect(token).toBeDefined();

    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, String(body.id)));
    expect(reg.needsReview).toBe(true);
    expect(reg.verifiedAt).toBeNull();
    expect(reg.manageTokenHash).toBe(hashManageToken(token!));
    expect(reg.manageTokenHash).not.toContain(token!);
    expect(reg.termsVersion).toBe("test-terms-1");
    expect(reg.ownerPhone).toBe("708-555-0134");
    expect(reg.cameraLocations).toEqual(["front", "rear"]);
    expect(reg.playback).toBe("standard");

    const cams = await t.db.select().from(cameras).where(eq(cameras.registrationId, reg.id));
    expect(cams).toHaveLength(2);
    const front = cams.find((c) => c.position === "front")!;
    expect(front.viewCone?.type).toBe("Polygon");
    // The cone points south: a spot 20 m due south is inside it, 20 m north is not (turf, independently).
    const cone = turf.polygon(front.viewCone!.coordinates);
    const south = turf.destination([ROOSEVELT_10300.lng, ROOSEVELT_10300.lat], 20, 180, { units: "meters" });
    const north = turf.destination([ROOSEVELT_10300.lng, ROOSEVELT_10300.lat], 20, 0, { units: "meters" });
    expect(turf.booleanPointInPolygon(south, cone)).toBe(true);
    expect(turf.booleanPointInPolygon(north, cone)).toBe(false);
    expect(cams.find((c) => c.position === "rear")!.viewCone).toBeNull();

    const after = await counts();
    expect(after.registrations - before.registrations).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, reg.id));
    expect(audit.action).toBe("registration.created");
    expect(audit.actorLabel).toBe("public");
    const history = await t.db.select().from(registrationStatusHistory).where(eq(registrationStatusHistory.registrationId, reg.id));
    expect(history.map((h) => h.toStatus)).toEqual(["active"]);
  });

  it("writes the registration, its cameras, history and audit entry as one statement: the search sees its cameras, and a refused part leaves nothing", async () => {
    const { status, body } = await post(validRegistration());
    expect(status).toBe(201);
    // The cameras' trigger fills the registration's search entry even though both rows came from one statement.
    const [row] = (await t.db.execute(sql`select json_array_length(search_cameras) as n from registrations where id = ${String(body.id)}`)).rows as { n: number }[];
    expect(Number(row.n)).toBe(2);

    await t.db.delete(registrations);
    const before = await counts();
    // Not a database outage, so it is rethrown and Next.js answers a bare 500 (lib/http/route-errors.ts).
    const failed = await whileAuditRefuses(t.db, "registration.created", () => post(validRegistration()));
    expect(String(failed?.cause ?? failed)).toContain("audit refused by the test");
    expect(await counts()).toEqual(before);
  });

  it("accepts an address it cannot geocode as pending_review with no location, flagged for staff", async () => {
    const { status, body } = await post(validRegistration({ address: { line1: "1 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" } }));
    expect(status).toBe(201);
    expect(body.status).toBe("pending_review");
    expect(body.location).toBeNull();
    expect(body.geocode).toMatchObject({ status: "not_found", method: null, matchedAddress: null, confidence: null });
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, String(body.id)));
    expect(reg.location).toBeNull();
    expect(reg.needsReview).toBe(true);
    expect(reg.reviewReason).toMatch(/could not be geocoded/);
  });

  it("keeps a made-up address with the resident's own pin pending_review (never active), at the pin", async () => {
    const pin = { lat: 41.8501, lng: -87.8802 };
    const { status, body } = await post(validRegistration({ address: { line1: "4321 Imaginary Lane", city: "Westchester", state: "IL", zip: "60154" }, pin }));
    expect(status).toBe(201);
    expect(body.status).toBe("pending_review");
    expect(body.geocode).toMatchObject({ status: "not_found" });
    expect(body.location).toEqual(pin);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, String(body.id)));
    expect(reg.status).toBe("pending_review");
    expect(reg.locationMethod).toBe("manual");
    expect(reg.reviewReason).toMatch(/could not be geocoded.*the resident placed the pin/);
  });

  it("keeps the registration when the geocoder throws", async () => {
    const failing: Geocoder = { name: "broken", geocode: async () => Promise.reject(new Error("connection refused")) };
    const { status, body } = await post(validRegistration(), undefined, registrationDeps(t.db, { geocoder: failing }));
    expect(status).toBe(201);
    expect(body.status).toBe("pending_review");
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, String(body.id)));
    expect(reg.reviewReason).toMatch(/connection refused/);
    expect(reg.ownerEmail).toBe("pat@example.com");
  });

  it("answers within the timeout and keeps the registration when a remote geocoder never answers", async () => {
    const hanging: Geocoder = { name: "remote", geocode: () => new Promise(() => {}) };
    const started = Date.now();
    const { status, body } = await post(validRegistration(), undefined, registrationDeps(t.db, { geocoder: hanging, geocodeTimeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(status).toBe(201);
    expect(body.status).toBe("pending_review");
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, String(body.id)));
    expect(reg.reviewReason).toMatch(/timed out/);
  });

  it("uses the resident's own pin when given", async () => {
    const { body } = await post(validRegistration({ pin: { lat: 41.8662, lng: -87.8781 } }));
    expect(body.location).toEqual({ lat: 41.8662, lng: -87.8781 });
    expect((body.geocode as { method: string }).method).toBe("manual");
  });

  describe("no registration takeover", () => {
    const original = validRegistration();
    const hostile = validRegistration({
      owner: { name: "Mallory", phone: "(312) 555-0000", email: "PAT@example.com" },
      address: { line1: "10300 West Roosevelt Road", city: "Westchester", state: "il", zip: "60154" },
      alternateContact: { name: "Mallory Two", phone: "312-555-0001" },
      cameras: [{ position: "front", bearingDeg: 90, recordsStreet: true }],
      cameraCount: 1,
      retentionDays: 1,
      notes: "call me instead",
      pin: { lat: 41.93, lng: -87.8 },
    });

    it("a resubmission of a registered address (same e-mail, any case) never edits it nor returns its link; it is held for staff, linked", async () => {
      const first = await post(original);
      expect(first.status).toBe(201);
      const firstToken = String(first.body.manageUrl).split("/manage/")[1];
      await t.db.update(registrations).set({ verifiedAt: new Date() }).where(eq(registrations.id, String(first.body.id)));
      const [before] = await t.db.select().from(registrations).where(eq(registrations.id, String(first.body.id)));

      const again = await post(hostile);
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(first.body.id);
      expect(again.body.manageUrl).not.toBe(first.body.manageUrl);
      expect(Object.keys(again.body).sort()).toEqual(["emailed", "geocode", "id", "location", "manageUrl", "status"]);

      const [after] = await t.db.select().from(registrations).where(eq(registrations.id, String(first.body.id)));
      expect(after).toEqual(before);
      expect(after.manageTokenHash).toBe(hashManageToken(firstToken));
      const cams = await t.db.select().from(cameras).where(eq(cameras.registrationId, String(first.body.id)));
      expect(cams.map((c) => c.bearingDeg).sort()).toEqual([180, null].sort());

      const [held] = await t.db.select().from(registrations).where(eq(registrations.id, String(again.body.id)));
      expect(held.status).toBe("pending_review");
      expect(held.duplicateOfId).toBe(first.body.id);
      expect(held.needsReview).toBe(true);
      expect(held.reviewReason).toMatch(/possible duplicate/);
      expect(held.ownerPhone).toBe("312-555-0000");
    });

    it("reaches no inactive registration either", async () => {
      const first = await post(original);
      await t.db.update(registrations).set({ status: "inactive", inactiveSince: new Date() }).where(eq(registrations.id, String(first.body.id)));
      const [before] = await t.db.select().from(registrations).where(eq(registrations.id, String(first.body.id)));
      const again = await post(hostile);
      expect(again.status).toBe(201);
      const [after] = await t.db.select().from(registrations).where(eq(registrations.id, String(first.body.id)));
      expect(after).toEqual(before);
    });

    it("answers the same whether or not the address was known", async () => {
      const shape = (b: Record<string, unknown>) => ({ ...b, id: "<id>", manageUrl: String(b.manageUrl).replace(/[A-Za-z0-9_-]{43}$/, "<token>") });
      const unknown = await post(hostile);
      await t.db.delete(registrations);
      await post(original);
      const known = await post(hostile);
      expect(known.status).toBe(unknown.status);
      expect(shape(known.body)).toEqual(shape(unknown.body));
    });

    it("e-mails the existing owner their own new link (loopback SMTP), at most once a day; the submitter gets only their own", async () => {
      const sink = await startSmtpSink();
      try {
        const mailer = createMailer({ smtpUrl: sink.url, from: "noreply@sightline.test" });
        const deps = registrationDeps(t.db, { mailer });
        const first = await post(validRegistration({ owner: { name: "Pat Doe", phone: "708-555-0134", email: "owner@example.com" } }), undefined, deps);
        const oldToken = String(first.body.manageUrl).split("/manage/")[1];
        sink.messages.length = 0;
        const again = await post(validRegistration({ owner: { name: "Mallory", phone: "312-555-0000", email: "mallory@example.com" } }), undefined, deps);
        expect(again.body.emailed).toBe(true);
        await expect.poll(() => sink.messages.length).toBe(2);
        const toOwner = sink.messages.find((m) => m.to.includes("owner@example.com"))!;
        const toSubmitter = sink.messages.find((m) => m.to.includes("mallory@example.com"))!;
        expect(mailText(toOwner.raw)).toMatch(/registered your address again/);
        const ownerLink = mailText(toOwner.raw).match(/http:\/\/sightline\.test\/manage\/([A-Za-z0-9_-]{43})/)![1];
        expect(ownerLink).not.toBe(oldToken);
        const [existing] = await t.db.select().from(registrations).where(eq(registrations.id, String(first.body.id)));
        expect(existing.manageTokenHash).toBe(hashManageToken(ownerLink));
        // The submitter's mail carries their own new registration's link, never the owner's.
        expect(mailText(toSubmitter.raw)).not.toContain(ownerLink);
        expect(mailText(toSubmitter.raw)).toContain(String(again.body.manageUrl));
        // A second duplicate the same day does not rotate or mail the owner again.
        sink.messages.length = 0;
        await post(validRegistration({ owner: { name: "Mallory", phone: "312-555-0000", email: "mallory@example.com" } }), undefined, deps);
        await expect.poll(() => sink.messages.length).toBe(1);
        const [still] = await t.db.select().from(registrations).where(eq(registrations.id, String(first.body.id)));
        expect(still.manageTokenHash).toBe(hashManageToken(ownerLink));
      } finally {
        await sink.close();
      }
    });
  });

  describe("bad input: a field error or a 4xx, never a 5xx, and nothing written", () => {
    const big = "x".repeat(100_000);
    const cases: [string, unknown, number, string | null][] = [
      ["wrong types", validRegistration({ cameraCount: "two", recordsStreetTraffic: "yes" }), 422, "cameraCount"],
      ["a wrong type for a whole section", validRegistration({ owner: "Pat" }), 422, "owner"],
      ["missing owner", { ...validRegistration(), owner: undefined }, 422, "owner"],
      ["missing consent", validRegistration({ consent: undefined }), 422, "consent"],
      ["consent false", validRegistration({ consent: false }), 422, "consent"],
      ["eligibility not met", validRegistration({ eligibility: { exteriorFacing: false, recordsAndRetains: true } }), 422, "eligibility.exteriorFacing"],
      ["a 100 kB string in a small body limit", validRegistration({ notes: big }), 413, null],
      ["a 100 kB name under a large limit", validRegistration({ owner: { name: big, phone: "708-555-0134", email: "p@example.com" } }), 422, "owner.name"],
      ["a script tag", validRegistration({ owner: { name: "<script>alert(1)</script>", phone: "708-555-0134", email: "p@example.com" } }), 422, "owner.name"],
      ["markup in notes", validRegistration({ notes: 'see <img src=x onerror="alert(1)">' }), 422, "notes"],
      ["an invalid e-mail", validRegistration({ owner: { name: "Pat", phone: "708-555-0134", email: "pat@" } }), 422, "owner.email"],
      ["an invalid phone", validRegistration({ owner: { name: "Pat", phone: "555-0134", email: "pat@example.com" } }), 422, "owner.phone"],
      ["an invalid ZIP", validRegistration({ address: { line1: "10300 W Roosevelt Rd", city: "Westchester", state: "IL", zip: "6015" } }), 422, "address.zip"],
      ["an invalid state", validRegistration({ address: { line1: "10300 W Roosevelt Rd", city: "Westchester", state: "ZZ", zip: "60154" } }), 422, "address.state"],
      ["a bearing of 400", validRegistration({ cameras: [{ position: "front", bearingDeg: 400, recordsStreet: true }], cameraCount: 1 }), 422, "cameras.0.bearingDeg"],
      ["an empty camera list", validRegistration({ cameras: [] }), 422, "cameras"],
      ["an unknown camera position", validRegistration({ cameras: [{ position: "roof", recordsStreet: true }], cameraCount: 1 }), 422, "cameras.0.position"],
      ["a bad playback value", validRegistration({ playback: "wmv" }), 422, "playback"],
      ["fewer cameras counted than described", validRegistration({ cameraCount: 1 }), 422, "cameraCount"],
      ["a JSON array", [validRegistration()], 422, "(body)"],
      ["JSON null", "null", 422, "(body)"],
      ["non-JSON", "eligibility=yes&consent=true", 422, "(body)"],
      ["an empty body", "", 422, "(body)"],
    ];
    for (const [name, body, expected, field] of cases) {
      it(name, async () => {
        const before = await counts();
        const deps = registrationDeps(t.db, name.includes("large limit") ? { maxBodyBytes: 400_000 } : {});
        const { status, body: answer } = await post(body, undefined, deps);
        expect(status).toBe(expected);
        if (field) expect(answer.errors?.[field], JSON.stringify(answer)).toBeTruthy();
        else expect(answer.error).toBeTruthy();
        expect(await counts()).toEqual(before);
      });
    }

    it("a wrong content type is 415", async () => {
      const before = await counts();
      const { status } = await post(validRegistration(), { contentType: "application/x-www-form-urlencoded" });
      expect(status).toBe(415);
      const plain = await post(validRegistration(), { contentType: "text/plain" });
      expect(plain.status).toBe(415);
      expect(await counts()).toEqual(before);
    });

    it("413 on a declared Content-Length over the limit, before reading", async () => {
      const request = new Request("http://sightline.test/api/registrations", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "10000000" },
        body: JSON.stringify(validRegistration()),
      });
      const res = await postRegistration(request, registrationDeps(t.db));
      expect(res.status).toBe(413);
    });

    it("413 on a streamed body with no Content-Length that exceeds the limit", async () => {
      const before = await counts();
      const chunk = new TextEncoder().encode(" ".repeat(16_384));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 10) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const request = new Request("http://sightline.test/api/registrations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const res = await postRegistration(request, registrationDeps(t.db, { maxBodyBytes: 32_768 }));
      expect(res.status).toBe(413);
      expect(await counts()).toEqual(before);
    });
  });

  describe("abuse resistance", () => {
    it("rate-limits per IP and lets trusted networks through", async () => {
      const limiter = createIpRateLimiter({ pointsPerHour: 2, trustedNetworks: "10.0.0.0/8", store: "memory", keyPrefix: "t1" });
      const deps = registrationDeps(t.db, { limiter });
      const emails = ["a@example.com", "b@example.com", "c@example.com"];
      const results = [];
      for (const email of emails) {
        results.push((await post(validRegistration({ owner: { name: "A", phone: "708-555-0101", email } }), undefined, deps)).status);
      }
      expect(results).toEqual([201, 201, 429]);
      expect(await t.db.select().from(registrations)).toHaveLength(2);
      // Another IP is not affected; a trusted one never limited.
      const other = registrationDeps(t.db, { limiter, actor: { userId: null, label: "public", ip: "198.51.100.7" } });
      expect((await post(validRegistration({ owner: { name: "D", phone: "708-555-0101", email: "d@example.com" } }), undefined, other)).status).toBe(201);
      const trusted = registrationDeps(t.db, { limiter, actor: { userId: null, label: "public", ip: "10.1.2.3" } });
      for (let i = 0; i < 3; i++) {
        expect((await post(validRegistration({ owner: { name: "E", phone: "708-555-0101", email: `e${i}@example.com` } }), undefined, trusted)).status).toBe(201);
      }
    });

    it("429 carries Retry-After", async () => {
      const limiter = createIpRateLimiter({ pointsPerHour: 1, trustedNetworks: "", store: "memory", keyPrefix: "t2" });
      const deps = registrationDeps(t.db, { limiter });
      await postRegistration(jsonRequest(validRegistration()), deps);
      const res = await postRegistration(jsonRequest(validRegistration()), deps);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    });

    it("rejects a filled honeypot and a form sent too fast, and holds API clients to neither", async () => {
      const before = await counts();
      const now = new Date("2026-11-26T12:00:00Z");
      const deps = registrationDeps(t.db, { now });
      const bot = await post({ ...validRegistration(), formMeta: { website: "http://spam.example", startedAtMs: now.getTime() - 60_000 } }, undefined, deps);
      expect(bot.status).toBe(422);
      const fast = await post({ ...validRegistration(), formMeta: { website: "", startedAtMs: now.getTime() - 1000 } }, undefined, deps);
      expect(fast.status).toBe(422);
      expect(fast.body.errors?.form).toMatch(/faster than a person/);
      expect(await counts()).toEqual(before);
      const human = await post({ ...validRegistration(), formMeta: { website: "", startedAtMs: now.getTime() - 90_000 } }, undefined, deps);
      expect(human.status).toBe(201);
      const api = await post(validRegistration({ owner: { name: "B", phone: "708-555-0101", email: "api@example.com" } }), undefined, deps);
      expect(api.status).toBe(201);
      const sources = (await t.db.select({ source: registrations.source }).from(registrations)).map((r) => r.source).sort();
      expect(sources).toEqual(["api", "public_form"]);
    });
  });
});
