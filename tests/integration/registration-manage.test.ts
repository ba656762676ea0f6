import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, cameras, registrations, registrationStatusHistory } from "@/db/schema";
import { postRegistration } from "@/lib/registration/post-registration";
import { generateManageToken } from "@/lib/registration/manage-token";
import { rotateManageToken } from "@/lib/registration/manage";
import { eraseExpiredContacts } from "@/lib/registration/retention";
import { systemActor } from "@/lib/audit/record-audit";
import * as manageRoute from "@/app/api/manage/[token]/route";
import * as confirmRoute from "@/app/api/manage/[token]/confirm/route";
import * as statusRoute from "@/app/api/manage/[token]/status/route";
import * as pinRoute from "@/app/api/manage/[token]/pin/route";
import * as rotateRoute from "@/app/api/manage/[token]/rotate/route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, validRegistration } from "../support/factories";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { setDbForTests } from "@/db/client";
import { request } from "../support/route-handlers";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  await createAddressPoint(t.db);
});
afterAll(async () => {
  await t?.close();
});

let unitNumber = 0;
/** Each registrant its own unit of the one seeded address: different sites, not duplicates of each other. */
async function register(email: string, overrides: Record<string, unknown> = {}) {
  const address = { line1: "10300 W Roosevelt Rd", unit: `Unit ${++unitNumber}`, city: "Westchester", state: "IL", zip: "60154" };
  const res = await postRegistration(
    jsonRequest(validRegistration({ owner: { name: "Pat Doe", phone: "708-555-0134", email }, address, ...overrides })),
    registrationDeps(t.db),
  );
  const body = (await res.json()) as { id: string; manageUrl: string };
  return { id: body.id, token: body.manageUrl.split("/manage/")[1] };
}

const params = (token: string) => ({ params: Promise.resolve({ token }) });
const call = async (handler: (r: Request, p: ReturnType<typeof params>) => Promise<Response>, token: string, method = "GET", body?: unknown) => {
  const res = await handler(request(`/api/manage/${token}`, { method, body }), params(token));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe(`owner self-service by private link (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("shows the owner's registration by link, and nothing for a guessed or malformed link", async () => {
    const { id, token } = await register("view@example.com");
    const view = await call(manageRoute.GET, token);
    expect(view.status).toBe(200);
    expect(view.body.id).toBe(id);
    expect((view.body.details as { owner: { email: string } }).owner.email).toBe("view@example.com");
    for (const guess of [generateManageToken(), "x", token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), "../../etc/passwd"]) {
      expect((await call(manageRoute.GET, guess)).status).toBe(404);
    }
  });

  it("answers a held duplicate's edits and pin as its page shows it, so the answers never tell that the address was registered before", async () => {
    const address = { line1: "10300 W Roosevelt Rd", unit: "Suite 700", city: "Westchester", state: "IL", zip: "60154" };
    const post = async (email: string) => {
      const res = await postRegistration(jsonRequest(validRegistration({ owner: { name: "Pat Doe", phone: "708-555-0134", email }, address })), registrationDeps(t.db));
      const body = (await res.json()) as { id: string; status: string; manageUrl: string };
      return { ...body, token: body.manageUrl.split("/manage/")[1] };
    };
    const first = await post("first.owner@example.com");
    const again = await post("second.owner@example.com");
    const [held] = await t.db.select().from(registrations).where(eq(registrations.id, again.id));
    expect(held).toMatchObject({ status: "pending_review", duplicateOfId: first.id });
    expect(again.status).toBe(first.status);

    const details = (await call(manageRoute.GET, again.token)).body.details as Record<string, unknown>;
    const edited = await call(manageRoute.PUT, again.token, "PUT", { ...details, retentionDays: 21 });
    const editedFirst = await call(manageRoute.PUT, first.token, "PUT", { ...((await call(manageRoute.GET, first.token)).body.details as Record<string, unknown>), retentionDays: 21 });
    expect(edited).toEqual({ status: 200, body: { id: again.id, status: editedFirst.body.status } });
    const location = held.location!.coordinates;
    const pinned = await call(pinRoute.PUT, again.token, "PUT", { lat: location[1], lng: location[0] });
    expect(pinned.status).toBe(200);
    expect(pinned.body.status).toBe(editedFirst.body.status);
    // Staff still see it held for them.
    const [still] = await t.db.select().from(registrations).where(eq(registrations.id, again.id));
    expect(still.status).toBe("pending_review");
  });

  it("edits the registration and moves a camera: new bearing, new view cone, audited, flagged for review", async () => {
    const { id, token } = await register("edit@example.com");
    const details = (await call(manageRoute.GET, token)).body.details as Record<string, unknown> & { cameras: { bearingDeg?: number }[] };
    details.cameras[0].bearingDeg = 90;
    details.cameras.push({ position: "side", bearingDeg: 270, recordsStreet: false } as never);
    const put = await call(manageRoute.PUT, token, "PUT", { ...details, cameraCount: 3 });
    expect(put.status).toBe(200);
    const cams = await t.db.select().from(cameras).where(eq(cameras.registrationId, id));
    expect(cams.map((c) => c.bearingDeg).sort()).toEqual([90, 270, null].sort());
    const east = cams.find((c) => c.bearingDeg === 90)!;
    // An eastward cone: every vertex other than the apex lies east of the camera.
    const [apexLng] = east.location!.coordinates;
    expect(east.viewCone!.coordinates[0].every(([lng]) => lng >= apexLng - 1e-9)).toBe(true);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(reg.needsReview).toBe(true);
    expect(reg.cameraCount).toBe(3);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    const edit = audits.find((a) => a.action === "registration.updated_by_owner")!;
    // What changed, field by field: the cameras (and the locations and count they imply), nothing else.
    const changes = (edit.details as { changes: { field: string; from?: unknown; to?: unknown }[] }).changes;
    expect(changes.map((c) => c.field).sort()).toEqual(["cameraCount", "cameraLocations", "cameras"]);
    expect(changes.find((c) => c.field === "cameraCount")).toMatchObject({ from: 2, to: 3 });
  });

  it("records a changed phone as changed, without the old or new number", async () => {
    const { id, token } = await register("phone-edit@example.com");
    const details = (await call(manageRoute.GET, token)).body.details as Record<string, unknown> & { owner: Record<string, string> };
    expect((await call(manageRoute.PUT, token, "PUT", { ...details, owner: { ...details.owner, phone: "708-555-0199" } })).status).toBe(200);
    const [edit] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "registration.updated_by_owner")));
    expect((edit.details as { changes: unknown[] }).changes).toEqual([{ field: "ownerPhone", contact: true }]);
    expect(JSON.stringify(edit.details)).not.toContain("555-0199");
  });

  it("does not take an edit for a move when the stored address key was written by an older key function", async () => {
    const { id, token } = await register("old-key@example.com", {
      address: { line1: "10300 W Roosevelt Rd", unit: "", city: "Westchester", state: "IL", zip: "60154" },
    });
    // A staff-fixed pin and verification, under registration's former key format.
    await t.db
      .update(registrations)
      .set({ addressNormalized: "10300 W ROOSEVELT RD||60154", location: { type: "Point", coordinates: [-87.9, 41.86] }, verifiedAt: new Date() })
      .where(eq(registrations.id, id));
    const details = (await call(manageRoute.GET, token)).body.details as Record<string, unknown>;
    expect((await call(manageRoute.PUT, token, "PUT", { ...details, notes: "new notes" })).status).toBe(200);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(reg.reviewReason).toBe("owner updated the registration");
    expect(reg.location!.coordinates).toEqual([-87.9, 41.86]);
    expect(reg.verifiedAt).not.toBeNull();
    expect(reg.addressNormalized).toBe("10300 W ROOSEVELT RD, 60154");
  });

  it("rejects bad edits with field errors and writes nothing", async () => {
    const { id, token } = await register("bad-edit@example.com");
    const details = (await call(manageRoute.GET, token)).body.details as Record<string, unknown>;
    const bad = await call(manageRoute.PUT, token, "PUT", { ...details, cameras: [{ position: "front", bearingDeg: 400, recordsStreet: true }] });
    expect(bad.status).toBe(422);
    expect((bad.body.errors as Record<string, string>)["cameras.0.bearingDeg"]).toBeTruthy();
    expect(await t.db.select().from(cameras).where(eq(cameras.registrationId, id))).toHaveLength(2);
  });

  it("lets the owner place the pin, which moves the cameras and leaves it for staff to review", async () => {
    const { id, token } = await register("pin@example.com", { address: { line1: "1 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" } });
    const [before] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(before.status).toBe("pending_review");
    const res = await call(pinRoute.PUT, token, "PUT", { lat: 41.85, lng: -87.88 });
    expect(res.status).toBe(200);
    const [after] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(after.status).toBe("pending_review");
    expect(after.location!.coordinates).toEqual([-87.88, 41.85]);
    const cams = await t.db.select().from(cameras).where(eq(cameras.registrationId, id));
    expect(cams.every((c) => c.location?.coordinates[1] === 41.85)).toBe(true);
    expect(cams.find((c) => c.bearingDeg === 180)!.viewCone).not.toBeNull();
    expect((await call(pinRoute.PUT, token, "PUT", { lat: 200, lng: 0 })).status).toBe(422);
    // The audit entry says what the owner changed: the pin, from nowhere (the address was not found) to here.
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "registration.pin_set_by_owner")));
    expect((audit.details as { changes: unknown[] }).changes).toEqual([{ field: "location", from: null, to: { lat: 41.85, lng: -87.88 } }]);
  });

  it("tells the owner's page who placed the pin: the registry's match, or the resident's own pin", async () => {
    const placedBy = async (token: string) => (await call(manageRoute.GET, token)).body.pinPlacedByResident;
    const matched = await register("placed-by-us@example.com");
    expect(await placedBy(matched.token)).toBe(false);
    const ownPin = await register("placed-by-me@example.com", { address: { line1: "2 Nowhere Ln", city: "Westchester", state: "IL", zip: "60154" }, pin: { lat: 41.851, lng: -87.881 } });
    expect(await placedBy(ownPin.token)).toBe(true);
    // Once the owner drags our pin and saves it, it is theirs.
    expect((await call(pinRoute.PUT, matched.token, "PUT", { lat: 41.8676, lng: -87.8778 })).status).toBe(200);
    expect(await placedBy(matched.token)).toBe(true);
  });

  it("any change of location by the owner clears verification and sends the registration back to review", async () => {
    const byPin = await register("moved-pin@example.com");
    const byEdit = await register("moved-edit@example.com");
    const byAddress = await register("moved-address@example.com");
    const ids = [byPin.id, byEdit.id, byAddress.id];
    for (const id of ids) await t.db.update(registrations).set({ verifiedAt: new Date(), needsReview: false }).where(eq(registrations.id, id));
    // Confirming the pin where it already is changes nothing.
    const [stored] = await t.db.select().from(registrations).where(eq(registrations.id, byPin.id));
    const [lng, lat] = stored.location!.coordinates;
    expect((await call(pinRoute.PUT, byPin.token, "PUT", { lat, lng })).status).toBe(200);
    const [same] = await t.db.select().from(registrations).where(eq(registrations.id, byPin.id));
    expect([same.status, same.verifiedAt !== null]).toEqual(["active", true]);
    const pinAudits = () => t.db.select().from(auditLog).where(and(eq(auditLog.targetId, byPin.id), eq(auditLog.action, "registration.pin_set_by_owner"))).orderBy(auditLog.at);
    expect(((await pinAudits())[0].details as { changes: unknown[] }).changes).toEqual([]);

    expect((await call(pinRoute.PUT, byPin.token, "PUT", { lat: 41.93, lng: -87.8 })).status).toBe(200);
    // A move is recorded with where the pin was and where it went, and the status it sent the registration to.
    expect(((await pinAudits())[1].details as { changes: unknown[] }).changes).toEqual([
      { field: "location", from: { lat, lng }, to: { lat: 41.93, lng: -87.8 } },
      { field: "status", from: "active", to: "pending_review" },
    ]);
    const details = (await call(manageRoute.GET, byEdit.token)).body.details as Record<string, unknown>;
    expect((await call(manageRoute.PUT, byEdit.token, "PUT", { ...details, pin: { lat: 41.93, lng: -87.8 } })).status).toBe(200);
    const moved = (await call(manageRoute.GET, byAddress.token)).body.details as Record<string, unknown>;
    const address = { line1: "10310 W Roosevelt Rd", unit: "", city: "Westchester", state: "IL", zip: "60154" };
    expect((await call(manageRoute.PUT, byAddress.token, "PUT", { ...moved, address })).status).toBe(200);
    for (const id of ids) {
      const [r] = await t.db.select().from(registrations).where(eq(registrations.id, id));
      expect({ status: r.status, verifiedAt: r.verifiedAt, needsReview: r.needsReview }).toEqual({ status: "pending_review", verifiedAt: null, needsReview: true });
    }
  });

  it("confirms the registration is still current", async () => {
    const { id, token } = await register("confirm@example.com");
    await t.db.update(registrations).set({ lastConfirmedAt: new Date("2024-01-01T00:00:00Z") }).where(eq(registrations.id, id));
    expect((await call(confirmRoute.POST, token, "POST")).status).toBe(200);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(Date.now() - reg.lastConfirmedAt.getTime()).toBeLessThan(60_000);
  });

  it("reports each change the form lists; stopping or moving away closes the registration at once", async () => {
    const stop = await register("stop@example.com");
    const move = await register("move@example.com");
    const change = await register("change@example.com");
    expect((await call(statusRoute.POST, stop.token, "POST", { change: "no_longer_using" })).body.status).toBe("withdrawn");
    expect((await call(statusRoute.POST, move.token, "POST", { change: "moved_away" })).body.status).toBe("inactive");
    expect((await call(statusRoute.POST, change.token, "POST", { change: "cameras_changed" })).body.status).toBe("active");
    expect((await call(statusRoute.POST, change.token, "POST", { change: "gone fishing" })).status).toBe(422);
    const [s] = await t.db.select().from(registrations).where(eq(registrations.id, stop.id));
    expect(s.inactiveSince).not.toBeNull();
    const [c] = await t.db.select().from(registrations).where(eq(registrations.id, change.id));
    expect(c.reviewReason).toMatch(/Change in exterior camera locations/);
    const hist = await t.db.select().from(registrationStatusHistory).where(eq(registrationStatusHistory.registrationId, stop.id));
    expect(hist.map((h) => h.toStatus)).toEqual(["active", "withdrawn"]);
    // Each report's audit entry records the status it moved (none for a change that keeps it open).
    const reports = await t.db.select().from(auditLog).where(eq(auditLog.action, "registration.change_reported"));
    const changesOf = (id: string) => (reports.find((a) => a.targetId === id)!.details as { changes: unknown[] }).changes;
    expect(changesOf(stop.id)).toEqual([{ field: "status", from: "active", to: "withdrawn" }]);
    expect(changesOf(move.id)).toEqual([{ field: "status", from: "active", to: "inactive" }]);
    expect(changesOf(change.id)).toEqual([]);
    // Closed: no more edits by link.
    expect((await call(confirmRoute.POST, stop.token, "POST")).status).toBe(409);
  });

  it("rotates the link: the old token stops working, the new one works, and neither can be reused after another rotation", async () => {
    const { id, token } = await register("rotate@example.com");
    const first = await call(rotateRoute.POST, token, "POST");
    const second = String(first.body.manageUrl).split("/manage/")[1];
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call(manageRoute.GET, token)).status).toBe(404);
    expect((await call(confirmRoute.POST, token, "POST")).status).toBe(404);
    expect((await call(manageRoute.GET, second)).body.id).toBe(id);
    const third = await rotateManageToken({ db: t.db, actor: systemActor("t"), principal: { via: "manage_link", manageToken: second }, baseUrl: "http://x" });
    expect((await call(manageRoute.GET, second)).status).toBe(404);
    expect((await call(manageRoute.GET, third.manageToken)).body.id).toBe(id);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect(reg.manageTokenHash).not.toContain(third.manageToken);
  });

  it("erases contact details after the retention period, audited, and keeps the rest", async () => {
    const { id, token } = await register("erase@example.com");
    const recent = await register("recent@example.com");
    await call(statusRoute.POST, token, "POST", { change: "moved_away" });
    await call(statusRoute.POST, recent.token, "POST", { change: "no_longer_using" });
    await t.db.update(registrations).set({ inactiveSince: new Date(Date.now() - 100 * 86_400_000) }).where(eq(registrations.id, id));
    const { erased } = await eraseExpiredContacts(t.db, { retentionDays: 90, actor: systemActor("maintenance") });
    expect(erased).toEqual([id]);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, id));
    expect([reg.ownerName, reg.ownerEmail, reg.ownerPhone, reg.alternateName, reg.alternatePhone, reg.manageTokenHash]).toEqual([null, null, null, null, null, null]);
    expect(reg.contactsErasedAt).not.toBeNull();
    expect(reg.addressLine1).toBe("10300 W Roosevelt Rd");
    const [kept] = await t.db.select().from(registrations).where(eq(registrations.id, recent.id));
    expect(kept.ownerEmail).toBe("recent@example.com");
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "registration.contacts_erased"));
    expect(audit.map((a) => a.targetId)).toEqual([id]);
    expect(JSON.stringify(audit[0].details)).not.toContain("erase@example.com");
    expect((await call(manageRoute.GET, token)).status).toBe(404);
    // Running again erases nothing more.
    expect((await eraseExpiredContacts(t.db, { retentionDays: 90, actor: systemActor("maintenance") })).erased).toEqual([]);
  });
});
