/**
 * Bulk reads of residents' contacts are capped: one search answers at most
 * CONTACT_READS_PER_REQUEST (50) sites' contacts, the best-ranked ones, and a
 * user reads at most CONTACT_READS_PER_USER_PER_DAY (500) in 24 hours; every
 * time a cap withholds contacts, `registration.contacts_capped` is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { GET as near } from "@/app/api/cameras/near/route";
import { GET as contactsRoute } from "@/app/api/registrations/[id]/contacts/route";
import { contactAllowance } from "@/lib/investigation/contact-caps";
import type { SiteFeatureCollection } from "@/lib/investigation/site-features";
import type { LngLat } from "@/db/ewkb";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistrations, createStaff, type RegistrationOverrides } from "../support/factories";
import { destination } from "../support/geodesy";
import { noParams, params, request } from "../support/route-handlers";

const CENTER: LngLat = [-87.878, 41.866];
const SITES = 60;
let t: TestDatabase;
let siteIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  // 60 active sites on a ring 100–160 m out, each 1 m further than the one before.
  const specs: RegistrationOverrides[] = Array.from({ length: SITES }, (_, i) => {
    return { location: destination(CENTER, (i * 37) % 360, 100 + i), retentionDays: 30 };
  });
  siteIds = (await createRegistrations(t.db, specs)).map((site) => site.id);
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const flags = (userId: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.contacts_capped"), eq(auditLog.actorUserId, userId)));
const views = (userId: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.contacts_viewed"), eq(auditLog.actorUserId, userId)));

describe(`contact caps (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("answers a search's contacts for the 50 best-ranked sites only, says so, and flags it in the audit trail", async () => {
    const staff = await createStaff(t.db);
    const url = `/api/cameras/near?lat=${CENTER[1]}&lng=${CENTER[0]}&radius=500&include=contacts`;
    const res = await near(request(url, { authorization: staff.authorization }), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SiteFeatureCollection;
    expect(body.features).toHaveLength(SITES);
    const withContacts = body.features.map((f) => f.properties.contacts != null);
    expect(withContacts).toEqual([...Array(50).fill(true), ...Array(10).fill(false)]);
    expect(body.contactsWithheld).toEqual({ requested: SITES, returned: 50, cappedBy: "request" });
    expect(await views(staff.id)).toHaveLength(50);
    const [flag] = await flags(staff.id);
    expect(flag.details).toMatchObject({ requested: SITES, allowed: 50, cappedBy: "request", perRequest: 50 });
    // Without include=contacts nothing is capped or flagged.
    await near(request(`/api/cameras/near?lat=${CENTER[1]}&lng=${CENTER[0]}&radius=500`, { authorization: staff.authorization }), noParams);
    expect(await flags(staff.id)).toHaveLength(1);
  });

  it("stops a user at the daily cap: 'show contact' answers 429 and the refusal is flagged", async () => {
    const staff = await createStaff(t.db);
    const actor = { userId: staff.id, label: staff.email };
    // 499 contact views in the last 24 hours (and one older, which no longer counts).
    const now = Date.now();
    await t.db.insert(auditLog).values(
      Array.from({ length: 500 }, (_, i) => ({
        at: new Date(i === 0 ? now - 25 * 3_600_000 : now - 60_000),
        actorUserId: staff.id,
        actorLabel: staff.email,
        action: "registration.contacts_viewed",
        targetType: "registration",
        targetId: siteIds[i % SITES],
      })),
    );
    const show = (id: string) => contactsRoute(request(`/api/registrations/${id}/contacts`, { authorization: staff.authorization }), params({ id }));
    expect((await show(siteIds[0])).status).toBe(200);
    expect(await flags(staff.id)).toHaveLength(0);
    const refused = await show(siteIds[1]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3600");
    expect(await refused.json()).toMatchObject({ code: "rate_limited", error: expect.stringMatching(/500/) });
    expect(await views(staff.id)).toHaveLength(501);
    expect((await flags(staff.id)).map((f) => f.details)).toEqual([expect.objectContaining({ cappedBy: "daily", allowed: 0, usedInLast24h: 500 })]);
    // A search by the same user still answers, without contacts.
    const body = (await (await near(request(`/api/cameras/near?lat=${CENTER[1]}&lng=${CENTER[0]}&radius=500&include=contacts`, { authorization: staff.authorization }), noParams)).json()) as SiteFeatureCollection;
    expect(body.features.every((f) => f.properties.contacts === null)).toBe(true);
    expect(body.contactsWithheld).toEqual({ requested: SITES, returned: 0, cappedBy: "daily" });
    // Another user is not affected by this one's count.
    const other = await createStaff(t.db);
    await t.db.transaction(async (tx) => {
      expect(await contactAllowance(tx, { userId: other.id, label: "x" }, 3, "test", { perRequest: 2, perUserPerDay: 10 })).toEqual({ requested: 3, allowed: 2, cappedBy: "request" });
      expect(await contactAllowance(tx, actor, 3, "test", { perRequest: 2, perUserPerDay: 1000 })).toEqual({ requested: 3, allowed: 2, cappedBy: "request" });
    });
  });
});
