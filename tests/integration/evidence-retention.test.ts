/**
 * Retention and legal hold on a real database (embedded, or the server with
 * DATABASE_URL): evidence of an incident closed longer than the retention
 * period is purged (files and poster deleted, the item marked purged, a
 * "purged" custody event; custody rows never deleted); a legal hold set by a
 * supervisor keeps it until lifted; open or recently closed incidents are left
 * alone; a file left by an interrupted purge is removed by the next run.
 * Items are collected in person by a detective through the tus route.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, evidenceCustody, evidenceItems, incidents } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { DELETE as liftHold, PUT as placeHold } from "@/app/api/incidents/[id]/legal-hold/route";
import { systemActor } from "@/lib/audit/record-audit";
import { purgeExpiredEvidence, retentionState } from "@/lib/evidence/retention";
import { createLocalEvidenceStore, type EvidenceStore } from "@/lib/evidence/storage";
import { setEvidenceRuntime } from "@/lib/evidence/runtime";
import { resetTusServer } from "@/lib/evidence/tus-server";
import { createCanvassEntry, createIncident, createRegistration, createStaff, facingCamera, offsetM, type TestStaff } from "../support/factories";
import { params, request } from "../support/route-handlers";
import { createUpload, ffmpegMissing, needsFfmpeg, patch, realMp4, sha256 } from "../support/tus-uploads";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let detective: TestStaff;
let supervisor: TestStaff;
let workDir: string;
let evidenceDir: string;
let store: EvidenceStore;
let video: Buffer;
const ORIGIN: [number, number] = [-87.878, 41.8674];
const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const actor = systemActor("test:evidence-purge");

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-retention-"));
  evidenceDir = path.join(workDir, "evidence");
  store = createLocalEvidenceStore(evidenceDir);
  setEvidenceRuntime({ mailer: null, sms: null, store, expiryDays: 7, maxFileBytes: 8 * 1024 * 1024, maxRequestBytes: 64 * 1024 * 1024 });
  resetTusServer();
  detective = await createStaff(t.db, { role: "detective", name: "Dana Detective" });
  supervisor = await createStaff(t.db, { role: "supervisor", name: "Sam Supervisor" });
  // Every test here receives a real video (the purge removes its poster frame too).
  if (!ffmpegMissing) video = realMp4(path.join(workDir, "usb.mp4"), { seconds: 2, size: "160x120" });
});
afterAll(async () => {
  setDbForTests(null);
  setEvidenceRuntime(undefined);
  resetTusServer();
  await t?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** An incident with one stop and one video collected in person from it; closed `closedDaysAgo` days ago (or open). */
async function incidentWithEvidence(closedDaysAgo: number | null) {
  const incident = await createIncident(t.db, { point: ORIGIN });
  const reg = await createRegistration(t.db, { addressLine1: `${crypto.randomUUID().slice(0, 4)} W Roosevelt Rd`, location: offsetM(ORIGIN, 20, 5), cameras: [facingCamera(0)] });
  const entry = await createCanvassEntry(t.db, { incident, registration: reg });
  const authorization = `Bearer ${detective.token}`;
  const created = await createUpload({ canvassEntryId: entry.id, filename: "usb-export.mp4", filetype: "video/mp4" }, video.length, { authorization });
  expect(created.status).toBe(201);
  expect((await patch(created.id!, 0, video, { authorization })).status).toBe(204);
  if (closedDaysAgo !== null) {
    // Closed then; edited since (a later note, say): retention runs from the closing, not the last edit.
    await t.db.update(incidents).set({ status: "closed", closedAt: new Date(Date.now() - closedDaysAgo * DAY), updatedAt: new Date() }).where(eq(incidents.id, incident.id));
  }
  return { incidentId: incident.id, itemId: created.id! };
}

const item = async (id: string) => (await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, id)))[0];
const custodyOf = async (id: string) => t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id)).orderBy(evidenceCustody.id);
const onDisk = (id: string) => fs.existsSync(path.join(evidenceDir, id));

function holdRequest(method: "PUT" | "DELETE", incidentId: string, who: TestStaff, body: unknown) {
  const handler = method === "PUT" ? placeHold : liftHold;
  return handler(request(`/api/incidents/${incidentId}/legal-hold`, { method, authorization: who.authorization, body }), params({ id: incidentId }));
}

describe.skipIf(ffmpegMissing)(needsFfmpeg("evidence collected in person"), () => {
  it("is received with the staff member's name in the custody log", async () => {
    const { itemId } = await incidentWithEvidence(null);
    const row = await item(itemId);
    expect(row).toMatchObject({ status: "received", source: "in_person", uploadedBy: detective.id, sha256: sha256(video), hasPoster: true });
    const [collected] = await custodyOf(itemId);
    expect(collected).toMatchObject({ event: "collected_in_person", actorUserId: detective.id, sha256: sha256(video) });
  });
});

describe.skipIf(ffmpegMissing)(needsFfmpeg("retention and legal hold"), () => {
  let expired: Awaited<ReturnType<typeof incidentWithEvidence>>;
  let held: Awaited<ReturnType<typeof incidentWithEvidence>>;
  let open: Awaited<ReturnType<typeof incidentWithEvidence>>;
  let recent: Awaited<ReturnType<typeof incidentWithEvidence>>;
  beforeAll(async () => {
    expired = await incidentWithEvidence(RETENTION_DAYS + 10);
    held = await incidentWithEvidence(RETENTION_DAYS + 10);
    open = await incidentWithEvidence(null);
    recent = await incidentWithEvidence(RETENTION_DAYS - 5);
  });

  it("lets only a supervisor place a hold, with a reason, once; each change is audited", async () => {
    expect((await holdRequest("PUT", held.incidentId, detective, { reason: "appeal pending" })).status).toBe(403);
    const missing = await holdRequest("PUT", held.incidentId, supervisor, { reason: " " });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: Record<string, string> }).errors).toHaveProperty("reason");
    const placed = await holdRequest("PUT", held.incidentId, supervisor, { reason: "appeal pending, 26-CR-118" });
    expect(placed.status).toBe(200);
    expect((await holdRequest("PUT", held.incidentId, supervisor, { reason: "again" })).status).toBe(409);
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.legal_hold_set"), eq(auditLog.targetId, held.incidentId)));
    expect(audited).toEqual([expect.objectContaining({ actorUserId: supervisor.id, details: { reason: "appeal pending, 26-CR-118" } })]);
    expect((await retentionState(t.db, held.incidentId, RETENTION_DAYS)).hold?.reason).toBe("appeal pending, 26-CR-118");
  });

  it("purges what is past retention and not held: files and poster gone, item marked, custody appended, never deleted", async () => {
    const custodyBefore = (await t.db.select({ n: sql<number>`count(*)::int` }).from(evidenceCustody))[0].n;
    expect(fs.existsSync(path.join(evidenceDir, `${expired.itemId}.poster.jpg`))).toBe(true);
    const result = await purgeExpiredEvidence(t.db, store, { retentionDays: RETENTION_DAYS, actor });
    expect(result.purged).toEqual([expired.itemId]);
    expect(result.held).toBe(1);

    expect(onDisk(expired.itemId)).toBe(false);
    expect(fs.readdirSync(evidenceDir).filter((f) => f.startsWith(expired.itemId))).toEqual([]);
    const purged = await item(expired.itemId);
    expect(purged).toMatchObject({ status: "purged", sha256: sha256(video), hasPoster: false });
    const custody = await custodyOf(expired.itemId);
    expect(custody.map((c) => c.event)).toEqual(["collected_in_person", "purged"]);
    expect(custody[1]).toMatchObject({ actorLabel: "test:evidence-purge", sha256: sha256(video), reason: `retention: ${RETENTION_DAYS} days after the incident was closed` });
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(evidenceCustody))[0].n).toBe(custodyBefore + 1);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.purged"), eq(auditLog.targetId, expired.itemId)))).toHaveLength(1);

    for (const kept of [held, open, recent]) {
      expect(onDisk(kept.itemId)).toBe(true);
      expect((await item(kept.itemId)).status).toBe("received");
    }
    // Run again: nothing more, nothing logged twice.
    expect((await purgeExpiredEvidence(t.db, store, { retentionDays: RETENTION_DAYS, actor })).purged).toEqual([]);
    expect((await custodyOf(expired.itemId)).map((c) => c.event)).toEqual(["collected_in_person", "purged"]);
  });

  it("purges the held incident's evidence only after a supervisor lifts the hold, with a reason", async () => {
    expect((await holdRequest("DELETE", held.incidentId, supervisor, {})).status).toBe(422);
    expect((await holdRequest("DELETE", held.incidentId, supervisor, { reason: "appeal decided" })).status).toBe(204);
    expect((await holdRequest("DELETE", held.incidentId, supervisor, { reason: "appeal decided" })).status).toBe(409);
    const lifted = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.legal_hold_cleared"), eq(auditLog.targetId, held.incidentId)));
    expect(lifted).toEqual([expect.objectContaining({ actorUserId: supervisor.id, details: expect.objectContaining({ reason: "appeal decided", heldFor: "appeal pending, 26-CR-118" }) })]);
    const result = await purgeExpiredEvidence(t.db, store, { retentionDays: RETENTION_DAYS, actor });
    expect(result.purged).toEqual([held.itemId]);
    expect(onDisk(held.itemId)).toBe(false);
  });

  it("removes a file an interrupted purge left behind (marked purged, bytes still on disk)", async () => {
    const leftover = await incidentWithEvidence(null);
    // As if the process died after the mark committed and before the delete.
    await t.db.update(evidenceItems).set({ status: "purged" }).where(eq(evidenceItems.id, leftover.itemId));
    expect(onDisk(leftover.itemId)).toBe(true);
    const result = await purgeExpiredEvidence(t.db, store, { retentionDays: RETENTION_DAYS, actor });
    expect(result).toMatchObject({ purged: [], swept: 1 });
    expect(onDisk(leftover.itemId)).toBe(false);
  });
});
