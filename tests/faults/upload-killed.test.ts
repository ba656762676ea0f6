/**
 * kill -9 the real app (`next start`) in the middle of an owner's tus upload,
 * restart it on the same database and evidence directory, and resume the same
 * upload from the offset the server reports: the final SHA-256 equals an
 * independent SHA-256 of the source, the file on disk is the source, and
 * until the last byte nothing is listed as received. The restarted process
 * does not hold the running hash of the bytes that arrived before the kill:
 * it must take the documented exception (lib/evidence/storage.ts), re-reading
 * exactly those bytes once, and say so in its log. Needs `npm run build`;
 * without one it is skipped.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { evidenceCustody, evidenceItems } from "../../db/schema";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { createCanvassEntry, createFootageRequest, createIncident, createRegistration, facingCamera, offsetM } from "../support/factories";
import { metadataHeader } from "../support/tus-uploads";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";
import { appEnvFor, prepareRegistrationData } from "./support";

const built = hasBuild();
if (!built) console.warn("[faults] upload-killed: no build (.next/BUILD_ID); run `npm run build` first — skipped");

const ORIGIN: [number, number] = [-87.878, 41.8674];
const MiB = 1024 * 1024;
/** Sent up to `CUT` before the kill, which comes once at least `ON_DISK_BEFORE_KILL` bytes are in the file (the resume starts past zero). */
const SIZE = 48 * MiB;
const CUT = 40 * MiB;
const ON_DISK_BEFORE_KILL = 16 * MiB;

let t: TestDatabase;
let app: RunningApp | undefined;
let workDir: string;
let evidenceDir: string;
let token: string;
let source: Buffer;
const logFile = path.join(os.tmpdir(), `sightline-fault-upload-killed-${process.pid}.log`);

beforeAll(async () => {
  if (!built) return;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-upload-killed-"));
  evidenceDir = path.join(workDir, "evidence");
  source = crypto.randomBytes(SIZE);
  t = await createTestDatabase();
  await prepareRegistrationData(t.db);
  const incident = await createIncident(t.db, { point: ORIGIN });
  const reg = await createRegistration(t.db, { addressLine1: "10500 W Roosevelt Rd", location: offsetM(ORIGIN, 15, 5), cameras: [facingCamera(0)] });
  const entry = await createCanvassEntry(t.db, { incident, registration: reg });
  ({ token } = await createFootageRequest(t.db, { incident, canvassEntryId: entry.id }));
  await t.disconnect();
});
afterAll(async () => {
  await app?.stop(2000);
  await t?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const env = () => ({ ...appEnvFor(t.location), EVIDENCE_DIR: evidenceDir });
const tusHeaders = { "tus-resumable": "1.0.0", "x-footage-token": "" };

/** PATCH that sends `bytes` and then holds the connection open, as a phone on a stalled network does. */
function stalledPatch(baseUrl: string, id: string, bytes: Buffer): http.ClientRequest {
  const req = http.request(`${baseUrl}/api/uploads/${id}`, {
    method: "PATCH",
    headers: { ...tusHeaders, "x-footage-token": token, "upload-offset": "0", "content-type": "application/offset+octet-stream", "content-length": String(SIZE) },
  });
  req.on("error", () => {}); // the app dies under it
  req.write(bytes);
  return req;
}

const storedSize = (id: string) => fs.statSync(path.join(evidenceDir, id)).size;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 100));
}

describe.skipIf(!built)(`an owner's upload when the app is killed with SIGKILL${built ? "" : " (skipped: no build; run npm run build first)"}`, () => {
  it("resumes after a restart from the server's offset and ends with the source's SHA-256; nothing partial is received", async () => {
    const embedded = !t.location.startsWith("postgres");
    app = await startBuiltApp({ env: env(), logFile });
    const created = await fetch(`${app.baseUrl}/api/uploads`, {
      method: "POST",
      headers: { ...tusHeaders, "upload-length": String(SIZE), "upload-metadata": metadataHeader({ token, filename: "NVR export ch1.mp4", filetype: "video/mp4" }) },
    });
    expect(created.status).toBe(201);
    const id = created.headers.get("location")!.split("/").pop()!;

    const patch = stalledPatch(app.baseUrl, id, source.subarray(0, CUT));
    // Part of what was sent is in the file, the rest is still arriving.
    await until(() => storedSize(id) >= ON_DISK_BEFORE_KILL);
    await app.kill9();
    patch.destroy();
    const onDiskAtKill = storedSize(id);
    expect(onDiskAtKill).toBeLessThan(SIZE);
    // The bytes on disk are the source's (a kill mid-write leaves no hole: one write in flight, each after the last).
    // Checked before the restart: between the HEAD and the PATCH below, a pause longer than the server's keep-alive
    // timeout would let it close the connection the PATCH is about to reuse.
    const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
    expect(sha(fs.readFileSync(path.join(evidenceDir, id)))).toBe(sha(source.subarray(0, onDiskAtKill)));
    const logBeforeRestart = fs.readFileSync(logFile, "utf8").length;

    app = await startBuiltApp({ env: env(), logFile });
    const head = await fetch(`${app.baseUrl}/api/uploads/${id}`, { method: "HEAD", headers: { ...tusHeaders, "x-footage-token": token } });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get("upload-offset"));
    // Resumes after every whole byte the killed process wrote: past zero, never past what was sent.
    expect(offset).toBe(onDiskAtKill);
    expect(offset).toBeGreaterThanOrEqual(ON_DISK_BEFORE_KILL);
    expect(offset).toBeLessThanOrEqual(CUT);

    const rest = await fetch(`${app.baseUrl}/api/uploads/${id}`, {
      method: "PATCH",
      headers: { ...tusHeaders, "x-footage-token": token, "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
      body: new Uint8Array(source.subarray(offset)),
    });
    expect(rest.status).toBe(204);
    expect(rest.headers.get("upload-offset")).toBe(String(SIZE));
    await app.stop();
    app = undefined;
    // The resume path was taken: the new process rebuilt the hash by re-reading exactly the bytes stored before the kill, once.
    const restartLog = fs.readFileSync(logFile, "utf8").slice(logBeforeRestart);
    const rereads = restartLog.split("\n").filter((line) => line.includes(`item ${id}:`) && line.includes("re-reading"));
    expect(rereads).toEqual([expect.stringContaining(`re-reading the ${offset} bytes already stored, once`)]);

    const independent = crypto.createHash("sha256").update(source).digest("hex");
    const reopened = await openDatabase(embedded ? { dataDir: t.location, migrate: false } : { databaseUrl: t.location, migrate: false });
    try {
      const [item] = await reopened.db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
      expect(item).toMatchObject({ status: "received", sizeBytes: SIZE, sha256: independent });
      expect(crypto.createHash("sha256").update(fs.readFileSync(path.join(evidenceDir, id))).digest("hex")).toBe(independent);
      // One receipt, after the last byte: nothing was recorded for the partial upload the kill interrupted.
      const custody = await reopened.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id));
      expect(custody).toEqual([expect.objectContaining({ event: "received", sha256: independent })]);
    } finally {
      await reopened.close();
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
