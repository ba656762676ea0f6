/**
 * kill -9 the real app (`next start`) in the middle of an owner's tus upload,
 * restart it on the same database and evidence directory, and resume the same
 * upload from the offset the server reports: the final SHA-256 (computed as
 * the bytes arrived, across both processes) equals an independent SHA-256 of
 * the source, the file on disk is the source, and until the last byte nothing
 * is listed as received. Needs `npm run build`; without one it is skipped.
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
import { CHECKPOINT_BYTES } from "../../lib/evidence/storage";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { createCanvassEntry, createFootageRequest, createIncident, createRegistration, facingCamera, offsetM } from "../support/factories";
import { metadataHeader } from "../support/tus-uploads";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";
import { appEnvFor, prepareRegistrationData } from "./support";

const built = hasBuild();
if (!built) console.warn("[faults] upload-killed: no build (.next/BUILD_ID); run `npm run build` first — skipped");

const ORIGIN: [number, number] = [-87.878, 41.8674];
/** More than one hash checkpoint, so the resume starts past zero; sent up to `CUT` before the kill. */
const SIZE = CHECKPOINT_BYTES + 24 * 1024 * 1024;
const CUT = CHECKPOINT_BYTES + 8 * 1024 * 1024;

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

function checkpointOffset(id: string): number {
  try {
    return (JSON.parse(fs.readFileSync(path.join(evidenceDir, `${id}.sha256-state`), "utf8")) as { offset: number }).offset;
  } catch {
    return 0;
  }
}

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
    // The first checkpoint is on disk (bytes fsynced, hasher state saved), the rest of the sent bytes are arriving.
    await until(() => checkpointOffset(id) >= CHECKPOINT_BYTES);
    await app.kill9();
    patch.destroy();
    const onDiskAtKill = fs.statSync(path.join(evidenceDir, id)).size;
    expect(onDiskAtKill).toBeLessThan(SIZE);

    app = await startBuiltApp({ env: env(), logFile });
    const head = await fetch(`${app.baseUrl}/api/uploads/${id}`, { method: "HEAD", headers: { ...tusHeaders, "x-footage-token": token } });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get("upload-offset"));
    // Resumes from a checkpoint: past zero, never past what was sent.
    expect(offset).toBeGreaterThanOrEqual(CHECKPOINT_BYTES);
    expect(offset).toBeLessThanOrEqual(CUT);
    expect(fs.statSync(path.join(evidenceDir, id)).size).toBe(offset);

    const rest = await fetch(`${app.baseUrl}/api/uploads/${id}`, {
      method: "PATCH",
      headers: { ...tusHeaders, "x-footage-token": token, "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
      body: new Uint8Array(source.subarray(offset)),
    });
    expect(rest.status).toBe(204);
    expect(rest.headers.get("upload-offset")).toBe(String(SIZE));
    await app.stop();
    app = undefined;

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
