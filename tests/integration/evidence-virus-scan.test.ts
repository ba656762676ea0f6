/**
 * Virus scanning on receipt against a real clamd (Debian's clamav-daemon, a
 * throwaway one with an EICAR-only signature database, see
 * tests/support/clamd.ts), through the app's route handlers on a real
 * database: the EICAR file is quarantined (kept, refused to staff, alerted), a
 * real video passes and is analysed, a file over clamd's stream limit and an
 * upload while clamd is down are kept as "not scanned" and scanned again
 * before they are released.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { auditLog, evidenceCustody, evidenceItems } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { POST as postRequest } from "@/app/api/canvass-entries/[id]/footage-requests/route";
import { GET as download } from "@/app/api/evidence/[id]/download/route";
import { GET as play } from "@/app/api/evidence/[id]/play/route";
import { GET as exportPackage } from "@/app/api/incidents/[id]/evidence/package/route";
import { systemActor } from "@/lib/audit/record-audit";
import { createLocalEvidenceStore } from "@/lib/evidence/storage";
import { evidenceRuntime, setEvidenceRuntime } from "@/lib/evidence/runtime";
import { resetTusServer } from "@/lib/evidence/tus-server";
import { createClamdScanner, scanAwaitingItems } from "@/lib/evidence/virus-scan";
import { maintenanceSettings, runMaintenanceSteps } from "@/lib/maintenance/maintenance";
import { createCanvassEntry, createIncident, createRegistration, createStaff, facingCamera, offsetM, type TestStaff } from "../support/factories";
import { eicarBytes, findClamd, freePort, startClamd, TEST_SIGNATURE, type TestClamd } from "../support/clamd";
import { params, request } from "../support/route-handlers";
import { createUpload, ffmpegMissing, head, needsFfmpeg, patch, realMp4, sha256 } from "../support/tus-uploads";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const clamdBinary = findClamd();
const ORIGIN: [number, number] = [-87.878, 41.8674];
/** clamd's INSTREAM cap in this test: small, so "over the limit" costs little to send. */
const STREAM_MAX = 1024 * 1024;

describe.skipIf(!clamdBinary)(clamdBinary ? "virus scan on receipt (real clamd)" : "virus scan on receipt — skipped: clamd is not installed (apt-get install clamav-daemon)", () => {
  let t: TestDatabase;
  let clamd: TestClamd;
  let detective: TestStaff;
  let workDir: string;
  let evidenceDir: string;
  let incidentId: string;
  let token: string;

  const useScanner = (host: string, port: number) => {
    setEvidenceRuntime({ scanner: createClamdScanner({ host, port, idleTimeoutMs: 15_000 }) });
    resetTusServer();
  };

  beforeAll(async () => {
    clamd = await startClamd({ streamMaxLength: "1M" });
    t = await createTestDatabase();
    setDbForTests(t);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-scan-"));
    evidenceDir = path.join(workDir, "evidence");
    setEvidenceRuntime({ mailer: null, sms: null, store: createLocalEvidenceStore(evidenceDir), expiryDays: 7, maxFileBytes: 8 * 1024 * 1024, maxRequestBytes: 64 * 1024 * 1024 });
    useScanner(clamd.host, clamd.port);
    detective = await createStaff(t.db, { role: "detective", name: "Dana Detective" });
    const incident = await createIncident(t.db, { point: ORIGIN, occurredFrom: new Date("2026-11-20T03:30:00Z") });
    incidentId = incident.id;
    const reg = await createRegistration(t.db, { addressLine1: "10300 W Roosevelt Rd", location: offsetM(ORIGIN, 10, -15), cameras: [facingCamera(0)] });
    const entryId = (await createCanvassEntry(t.db, { incident, registration: reg })).id;
    const res = await postRequest(request(`/api/canvass-entries/${entryId}/footage-requests`, { authorization: `Bearer ${detective.token}`, body: { deliver: "link" } }), params({ id: entryId }));
    token = ((await res.json()) as { uploadUrl: string }).uploadUrl.split("/upload/")[1];
  }, 90_000);

  afterAll(async () => {
    setDbForTests(null);
    setEvidenceRuntime(undefined);
    resetTusServer();
    await t?.close();
    await clamd?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function upload(name: string, type: string, bytes: Buffer) {
    const created = await createUpload({ token, filename: name, filetype: type }, bytes.length);
    expect(created.status, created.text).toBe(201);
    expect((await patch(created.id!, 0, bytes, token)).status).toBe(204);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    return item;
  }
  const custodyOf = (id: string) => t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id)).orderBy(asc(evidenceCustody.id));
  const auditOf = (id: string, action: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, id)));
  const staffGet = (handler: typeof download, url: string, headers: Record<string, string> = {}) =>
    handler(request(url, { authorization: detective.authorization, headers }), params({ id: url.split("/")[3] }));

  it("quarantines the EICAR test file: kept byte for byte, signature in the custody log, alert in the audit trail", async () => {
    const bytes = eicarBytes();
    const item = await upload("DVR player.exe", "application/octet-stream", bytes);
    expect(item).toMatchObject({ status: "quarantined", scanStatus: "infected", sha256: sha256(bytes) });
    expect(item.scanResult).toContain(TEST_SIGNATURE);
    expect(item.scannedAt).toBeInstanceOf(Date);
    expect(fs.readFileSync(path.join(evidenceDir, item.id)).equals(bytes)).toBe(true);

    const custody = await custodyOf(item.id);
    expect(custody.map((c) => c.event)).toEqual(["received", "quarantined"]);
    expect(custody[1]).toMatchObject({ actorLabel: "virus scan", sha256: sha256(bytes) });
    expect(custody[1].details).toMatchObject({ result: "infected", scanner: `clamd 127.0.0.1:${clamd.port}` });
    expect(String(custody[1].details.signature)).toContain(TEST_SIGNATURE);
    expect(String(custody[1].details.engine)).toMatch(/^ClamAV \d/);
    // The owner's client, asking again after a lost answer, is told the upload is complete.
    const again = await head(item.id, token);
    expect(again.status).toBe(200);
    expect(again.headers.get("upload-offset")).toBe(String(bytes.length));
    const alerts = await auditOf(item.id, "evidence.malware_alert");
    expect(alerts).toHaveLength(1);
    expect(alerts[0].details).toMatchObject({ incidentId, sha256: sha256(bytes), originalName: "DVR player.exe" });
  });

  it("refuses a quarantined file to staff: no download, no playback, not in a package", async () => {
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.status, "quarantined"));
    const res = await staffGet(download, `/api/evidence/${item.id}/download?reason=look%20at%20it`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toContain(TEST_SIGNATURE);
    expect((await staffGet(play, `/api/evidence/${item.id}/play?reason=look`, { range: "bytes=0-" })).status).toBe(409);
    // Nothing else is received yet: a package would be empty.
    const pkg = await exportPackage(request(`/api/incidents/${incidentId}/evidence/package?reason=discovery`, { authorization: detective.authorization }), params({ id: incidentId }));
    expect(pkg.status).toBe(409);
    expect((await custodyOf(item.id)).map((c) => c.event)).toEqual(["received", "quarantined"]);
  });

  it.skipIf(ffmpegMissing)(needsFfmpeg("passes a real video, then analyses it (poster frame) and lets staff download it"), async () => {
    const bytes = realMp4(path.join(workDir, "ch2.mp4"), { seconds: 2, size: "320x240" });
    expect(bytes.length).toBeLessThan(STREAM_MAX);
    const item = await upload("ch2.mp4", "video/mp4", bytes);
    expect(item).toMatchObject({ status: "received", scanStatus: "clean", hasPoster: true, sha256: sha256(bytes) });
    expect(item.scanResult).toMatch(/^ClamAV \d/);
    const custody = await custodyOf(item.id);
    expect(custody.map((c) => c.event)).toEqual(["received", "scanned"]);
    expect(custody[1].details).toMatchObject({ result: "clean" });
    const res = await staffGet(download, `/api/evidence/${item.id}/download?reason=review`);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
    expect((await custodyOf(item.id)).map((c) => c.event)).toEqual(["received", "scanned", "downloaded"]);
  });

  it("keeps a file over clamd's stream limit as 'not scanned', with clamd's reason", async () => {
    const bytes = Buffer.alloc(STREAM_MAX + 300_000, "recorder export padding ");
    const item = await upload("export.bin", "application/octet-stream", bytes);
    expect(item).toMatchObject({ status: "received", scanStatus: "not_scanned", sha256: sha256(bytes) });
    // clamd's own reply, or (when our next write meets the socket it closed first) the broken pipe that follows it.
    expect(item.scanResult).toMatch(/INSTREAM size limit exceeded|larger than clamd's StreamMaxLength/);
    expect((await custodyOf(item.id)).map((c) => c.event)).toEqual(["received", "not_scanned"]);
    expect(await auditOf(item.id, "evidence.scan_failed")).toHaveLength(1);
  });

  it("keeps an upload made while clamd is down as 'not scanned', and scans it before it is released once clamd is back", async () => {
    await clamd.stop();
    useScanner("127.0.0.1", await freePort());
    const bytes = Buffer.from("channel 4 notes: the van turns left at 21:47\n".repeat(200));
    const item = await upload("notes.txt", "text/plain", bytes);
    expect(item).toMatchObject({ status: "received", scanStatus: "not_scanned", sha256: sha256(bytes) });
    expect(item.scanResult).toMatch(/unreachable/);
    expect(fs.readFileSync(path.join(evidenceDir, item.id)).equals(bytes)).toBe(true);
    const failed = await auditOf(item.id, "evidence.scan_failed");
    expect(failed).toHaveLength(1);

    // A second one while down, for the scheduled rescan below.
    const eicar = await upload("second.com", "application/octet-stream", eicarBytes());
    expect(eicar).toMatchObject({ status: "received", scanStatus: "not_scanned" });

    clamd = await startClamd({ streamMaxLength: "1M" });
    useScanner(clamd.host, clamd.port);
    const res = await staffGet(download, `/api/evidence/${item.id}/download?reason=timeline`);
    expect(res.status).toBe(200);
    expect((await custodyOf(item.id)).map((c) => c.event)).toEqual(["received", "not_scanned", "scanned", "downloaded"]);
    const [after] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, item.id));
    expect(after.scanStatus).toBe("clean");

    // The scheduled maintenance (and npm run evidence:scan): what is still waiting is scanned; the EICAR file is quarantined now.
    const maintenance = await runMaintenanceSteps(t.db, { ...maintenanceSettings(), evidenceStore: evidenceRuntime().store, virusScanner: evidenceRuntime().scanner, mailer: null, evidenceRetentionDays: undefined }, "schedule");
    // The over-the-limit file is still over the limit: not scanned again.
    expect(maintenance.evidenceScan).toEqual({ scanned: 2, clean: 0, quarantined: 1, notScanned: 1 });
    // Nothing is left waiting but that one: the CLI finds only it.
    const summary = await scanAwaitingItems(t.db, evidenceRuntime().store, evidenceRuntime().scanner!, systemActor("cli:evidence-scan"));
    expect(summary).toEqual({ scanned: 1, clean: 0, quarantined: 0, notScanned: 1 });
    const [flagged] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, eicar.id));
    expect(flagged).toMatchObject({ status: "quarantined", scanStatus: "infected" });
    expect(await auditOf(eicar.id, "evidence.malware_alert")).toHaveLength(1);
  }, 90_000);
});
