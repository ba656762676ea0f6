/**
 * What happens on receipt beyond the hash, through the app's route handlers on
 * a real database (embedded, or the server with DATABASE_URL): ffprobe's facts
 * and a poster frame for a real video made by ffmpeg, a video ffprobe cannot
 * read flagged but kept, other files left alone; the poster served only to
 * staff. And the receipt itself (one statement: item, custody row, audit entry,
 * request state): finalized twice at once, it is recorded exactly once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, evidenceCustody, evidenceItems, footageRequests } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { POST as postRequest } from "@/app/api/canvass-entries/[id]/footage-requests/route";
import { GET as poster } from "@/app/api/evidence/[id]/poster/route";
import { finalizeUpload } from "@/lib/evidence/receive";
import { createLocalEvidenceStore, type EvidenceStore } from "@/lib/evidence/storage";
import { setEvidenceRuntime } from "@/lib/evidence/runtime";
import { resetTusServer } from "@/lib/evidence/tus-server";
import { createCanvassEntry, createIncident, createRegistration, createStaff, facingCamera, offsetM, type TestStaff } from "../support/factories";
import { params, request } from "../support/route-handlers";
import { createUpload, fakeMp4, ffmpegMissing, needsFfmpeg, patch, realMp4, sha256 } from "../support/tus-uploads";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let detective: TestStaff;
let workDir: string;
let evidenceDir: string;
let entryId: string;
let token: string;
let store: EvidenceStore;
const ORIGIN: [number, number] = [-87.878, 41.8674];

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-receipt-"));
  evidenceDir = path.join(workDir, "evidence");
  store = createLocalEvidenceStore(evidenceDir);
  setEvidenceRuntime({ mailer: null, sms: null, store, expiryDays: 7, maxFileBytes: 8 * 1024 * 1024, maxRequestBytes: 64 * 1024 * 1024 });
  resetTusServer();
  detective = await createStaff(t.db, { role: "detective", name: "Dana Detective" });
  const incident = await createIncident(t.db, { point: ORIGIN, occurredFrom: new Date("2026-11-20T03:30:00Z") });
  const reg = await createRegistration(t.db, { addressLine1: "10300 W Roosevelt Rd", location: offsetM(ORIGIN, 10, -15), cameras: [facingCamera(0)] });
  entryId = (await createCanvassEntry(t.db, { incident, registration: reg })).id;
  const res = await postRequest(request(`/api/canvass-entries/${entryId}/footage-requests`, { authorization: `Bearer ${detective.token}`, body: { deliver: "link" } }), params({ id: entryId }));
  token = ((await res.json()) as { uploadUrl: string }).uploadUrl.split("/upload/")[1];
});
afterAll(async () => {
  setDbForTests(null);
  setEvidenceRuntime(undefined);
  resetTusServer();
  await t?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function upload(name: string, type: string, bytes: Buffer) {
  const created = await createUpload({ token, filename: name, filetype: type }, bytes.length);
  expect(created.status).toBe(201);
  expect((await patch(created.id!, 0, bytes, token)).status).toBe(204);
  const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
  return item;
}

const getPoster = (id: string, authorization?: string) =>
  poster(request(`/api/evidence/${id}/poster`, { authorization }), params({ id }));

describe.skipIf(ffmpegMissing)(needsFfmpeg("a video on receipt"), () => {
  it("stores ffprobe's duration, recording start, codec and resolution, and a poster frame beside the file", async () => {
    const bytes = realMp4(path.join(workDir, "ch2.mp4"), { seconds: 3, size: "320x240", creationTime: "2026-11-20T03:31:07Z" });
    const item = await upload("ch2 2026-11-20.mp4", "video/mp4", bytes);
    expect(item).toMatchObject({ status: "received", sha256: sha256(bytes), detectedType: "video/mp4", hasPoster: true });
    expect(item.media).toMatchObject({ kind: "video", codec: "h264", width: 320, height: 240, recordedAt: "2026-11-20T03:31:07.000Z" });
    expect((item.media as { durationS: number }).durationS).toBeCloseTo(3, 0);

    const res = await getPoster(item.id, `Bearer ${detective.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const jpeg = Buffer.from(await res.arrayBuffer());
    expect(jpeg.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(fs.readFileSync(path.join(evidenceDir, `${item.id}.poster.jpg`)).equals(jpeg)).toBe(true);
    // The poster is ours, not the evidence: the custody log holds the receipt only; the look is audited.
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, item.id));
    expect(custody.map((c) => c.event)).toEqual(["received"]);
    const seen = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.poster_viewed"), eq(auditLog.targetId, item.id)));
    expect(seen).toEqual([expect.objectContaining({ actorUserId: detective.id })]);
  });

  it("keeps the poster from anyone not signed in as staff", async () => {
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.hasPoster, true)).limit(1);
    expect((await getPoster(item.id)).status).toBe(401);
  });

  it("flags a video ffprobe cannot read, and still receives it whole", async () => {
    const bytes = fakeMp4(40 * 1024);
    const item = await upload("ch3.mp4", "video/mp4", bytes);
    expect(item).toMatchObject({ status: "received", sha256: sha256(bytes), detectedType: "video/mp4", hasPoster: false });
    expect(item.media).toMatchObject({ kind: "unreadable" });
    expect((item.media as { error: string }).error.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(evidenceDir, item.id)).equals(bytes)).toBe(true);
    expect((await getPoster(item.id, `Bearer ${detective.token}`)).status).toBe(404);
  });
});

describe("a file that is not video on receipt", () => {
  it("is left alone", async () => {
    const bytes = Buffer.from("recorder export notes: channel 2 is the driveway\n");
    const item = await upload("notes.txt", "text/plain", bytes);
    expect(item).toMatchObject({ status: "received", media: null, hasPoster: false });
  });
});

describe("the receipt", () => {
  it("is recorded exactly once when two finalizations race (the last PATCH and a client's HEAD), with its custody row, audit entry and request state", async () => {
    const bytes = fakeMp4(300 * 1024);
    const created = await createUpload({ token, filename: "driveway.mp4", filetype: "video/mp4" }, bytes.length);
    expect(created.status).toBe(201);
    const id = created.id!;
    // Every byte stored, nothing finalized yet (as after a crash between the last byte and its receipt).
    await store.append(id, 0, (async function* () {
      for (let o = 0; o < bytes.length; o += 64 * 1024) yield new Uint8Array(bytes.subarray(o, o + 64 * 1024));
    })());
    const [before] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
    expect(before.status).toBe("uploading");
    const outcomes = await Promise.all([finalizeUpload(t.db, store, id, null), finalizeUpload(t.db, store, id, null)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
    expect(item).toMatchObject({ status: "received", sha256: sha256(bytes), detectedType: "video/mp4", typeMismatch: false });
    expect(item.receivedAt).toBeInstanceOf(Date);
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id));
    expect(custody).toHaveLength(1);
    expect(custody[0]).toMatchObject({ event: "received", sha256: sha256(bytes), actorLabel: "public", userAgent: "owner-phone" });
    expect(custody[0].details).toMatchObject({ sizeBytes: bytes.length, originalName: "driveway.mp4", detectedType: "video/mp4", typeMismatch: false });
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.received"), eq(auditLog.targetId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0].details).toMatchObject({ sizeBytes: bytes.length, sha256: sha256(bytes), source: "owner_upload" });
    const [footageRequest] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, item.footageRequestId!));
    expect(footageRequest.state).toBe("received");
    // A third look changes nothing.
    expect(await finalizeUpload(t.db, store, id, null)).toBe(false);
    expect(await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id))).toHaveLength(1);
  });

  it("records nothing for an upload whose last byte has not arrived", async () => {
    const bytes = fakeMp4(200 * 1024);
    const created = await createUpload({ token, filename: "part.mp4", filetype: "video/mp4" }, bytes.length);
    const id = created.id!;
    await store.append(id, 0, (async function* () {
      yield new Uint8Array(bytes.subarray(0, 100 * 1024));
    })());
    expect(await finalizeUpload(t.db, store, id, null)).toBe(false);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
    expect(item).toMatchObject({ status: "uploading", sha256: null, receivedAt: null });
    expect(await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id))).toHaveLength(0);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.received"), eq(auditLog.targetId, id)))).toHaveLength(0);
  });
});
