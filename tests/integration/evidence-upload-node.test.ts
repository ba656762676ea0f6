/**
 * tus PATCH bodies read from Node.js's own request (lib/evidence/node-uploads.ts), over real loopback HTTP, on a
 * real database (embedded, or the server with DATABASE_URL): the same checks and receipt as through the route
 * (creation and HEAD still go there, in-process), the hash of exactly the bytes stored, a body longer than the
 * upload refused before anything beyond it is stored, a dropped connection keeping a prefix the upload resumes
 * after, and every other request left to the server's own listener.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { evidenceCustody, evidenceItems } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { POST as postRequest } from "@/app/api/canvass-entries/[id]/footage-requests/route";
import { installNodeUploads } from "@/lib/evidence/node-uploads";
import { createLocalEvidenceStore } from "@/lib/evidence/storage";
import { setEvidenceRuntime } from "@/lib/evidence/runtime";
import { resetTusServer } from "@/lib/evidence/tus-server";
import { installPeerAddressHeader } from "@/lib/http/peer-address";
import { createCanvassEntry, createIncident, createRegistration, createStaff, facingCamera, offsetM, type TestStaff } from "../support/factories";
import { params, request } from "../support/route-handlers";
import { createUpload, head, sha256 } from "../support/tus-uploads";
import { FIXED_SECURITY_HEADERS } from "@/lib/http/fixed-security-headers.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let detective: TestStaff;
let workDir: string;
let evidenceDir: string;
let entryId: string;
let token: string;
let server: http.Server;
let baseUrl: string;
const ORIGIN: [number, number] = [-87.878, 41.8674];
const MAX_FILE_BYTES = 8 * 1024 * 1024;

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-upload-node-"));
  evidenceDir = path.join(workDir, "evidence");
  setEvidenceRuntime({ mailer: null, sms: null, store: createLocalEvidenceStore(evidenceDir), scanner: null, expiryDays: 7, maxFileBytes: MAX_FILE_BYTES, maxRequestBytes: 64 * 1024 * 1024 });
  resetTusServer();
  detective = await createStaff(t.db, { role: "detective", name: "Dana Detective" });
  const incident = await createIncident(t.db, { point: ORIGIN, occurredFrom: new Date("2026-11-20T03:30:00Z") });
  const reg = await createRegistration(t.db, { addressLine1: "10300 W Roosevelt Rd", location: offsetM(ORIGIN, 10, -15), cameras: [facingCamera(0)] });
  entryId = (await createCanvassEntry(t.db, { incident, registration: reg })).id;
  const res = await postRequest(request(`/api/canvass-entries/${entryId}/footage-requests`, { authorization: `Bearer ${detective.token}`, body: { deliver: "link" } }), params({ id: entryId }));
  token = ((await res.json()) as { uploadUrl: string }).uploadUrl.split("/upload/")[1];
  // As at the app's start (lib/startup/on-server-start.ts); everything else this server is asked is its own.
  installPeerAddressHeader();
  installNodeUploads();
  server = http.createServer((_req, res) => res.writeHead(418, { "content-type": "text/plain" }).end("not an upload PATCH"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  setDbForTests(null);
  setEvidenceRuntime(undefined);
  resetTusServer();
  await t?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  offset: number | null;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * One PATCH over HTTP, its body sent in `pieces`; with `dropAfter`, the connection is cut once that many bytes
 * were sent and the server has taken them (resolves with null then).
 */
function httpPatch(id: string, offset: number, body: Buffer, opts: { token?: string | null; authorization?: string; dropAfter?: number; url?: string } = {}): Promise<Answer | null> {
  const headers: Record<string, string> = {
    "tus-resumable": "1.0.0",
    "upload-offset": String(offset),
    "content-type": "application/offset+octet-stream",
    "content-length": String(body.length),
    "user-agent": "owner-phone",
  };
  const footageToken = opts.token === undefined ? token : opts.token;
  if (footageToken) headers["x-footage-token"] = footageToken;
  if (opts.authorization) headers.authorization = opts.authorization;
  return new Promise((resolve, reject) => {
    const req = http.request(opts.url ?? `${baseUrl}/api/uploads/${id}`, { method: "PATCH", headers });
    req.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, offset: res.headers["upload-offset"] ? Number(res.headers["upload-offset"]) : null, body: Buffer.concat(parts).toString(), headers: res.headers }));
    });
    if (opts.dropAfter !== undefined) {
      req.on("error", () => resolve(null));
      req.write(body.subarray(0, opts.dropAfter), () => setTimeout(() => req.destroy(), 300));
      return;
    }
    req.on("error", reject);
    // Several writes, as a phone's client sends them.
    const piece = Math.max(1, Math.ceil(body.length / 5));
    for (let at = 0; at < body.length; at += piece) req.write(body.subarray(at, at + piece));
    req.end();
  });
}

async function ownerUpload(size: number) {
  const created = await createUpload({ token, filename: "NVR export.bin", filetype: "application/octet-stream" }, size);
  expect(created.status).toBe(201);
  return created.id!;
}

/** Answered before Next.js, yet with the same fixed security headers as every other answer of the app (next.config.js). */
function expectAppSecurityHeaders(answer: Answer) {
  expect(FIXED_SECURITY_HEADERS.length).toBeGreaterThan(3);
  for (const { key, value } of FIXED_SECURITY_HEADERS) expect(answer.headers[key.toLowerCase()], key).toBe(value);
}

const stored = (id: string) => fs.readFileSync(path.join(evidenceDir, id));
const itemOf = async (id: string) => (await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, id)))[0];

describe("a PATCH read from Node.js's request", () => {
  it("is received in two parts, hashed over exactly the bytes stored, with the client's socket address in custody", async () => {
    const file = crypto.randomBytes(3 * 1024 * 1024 + 17);
    const id = await ownerUpload(file.length);
    const first = await httpPatch(id, 0, file.subarray(0, 1024 * 1024 + 5));
    expect(first).toMatchObject({ status: 204, offset: 1024 * 1024 + 5 });
    expect((await itemOf(id)).status).toBe("uploading");
    const rest = await httpPatch(id, first!.offset!, file.subarray(first!.offset!));
    expect(rest).toMatchObject({ status: 204, offset: file.length });
    expectAppSecurityHeaders(rest!);
    expect(stored(id).equals(file)).toBe(true);
    expect(await itemOf(id)).toMatchObject({ status: "received", sha256: sha256(file), sizeBytes: file.length });
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, id));
    expect(custody).toEqual([expect.objectContaining({ event: "received", sha256: sha256(file), ip: "127.0.0.1", userAgent: "owner-phone" })]);
  });

  it("refuses a wrong token, a missing one and a wrong offset before storing anything", async () => {
    const file = crypto.randomBytes(64 * 1024);
    const id = await ownerUpload(file.length);
    const wrongToken = (await httpPatch(id, 0, file, { token: "x".repeat(43) }))!;
    expect(wrongToken.status).toBe(404);
    expectAppSecurityHeaders(wrongToken);
    expect((await httpPatch(id, 0, file, { token: null }))!.status).toBe(404);
    expect((await httpPatch(id, 10, file))!.status).toBe(409);
    expect(stored(id).length).toBe(0);
    expect((await itemOf(id)).status).toBe("uploading");
  });

  it("refuses a body longer than the upload with 413, storing nothing beyond its size, and is finished after", async () => {
    const file = crypto.randomBytes(2 * 1024 * 1024);
    const id = await ownerUpload(file.length);
    const tooLong = Buffer.concat([file, crypto.randomBytes(1024 * 1024)]);
    expect((await httpPatch(id, 0, tooLong))!.status).toBe(413);
    const kept = stored(id);
    expect(kept.length).toBeLessThanOrEqual(file.length);
    expect(kept.equals(file.subarray(0, kept.length))).toBe(true);
    expect((await itemOf(id)).status).toBe("uploading");
    const rest = await httpPatch(id, kept.length, file.subarray(kept.length));
    expect(rest).toMatchObject({ status: 204, offset: file.length });
    expect(await itemOf(id)).toMatchObject({ status: "received", sha256: sha256(file) });
  });

  it("keeps what arrived before the connection dropped, as a prefix the upload resumes after", async () => {
    const file = crypto.randomBytes(4 * 1024 * 1024);
    const id = await ownerUpload(file.length);
    expect(await httpPatch(id, 0, file, { dropAfter: 1536 * 1024 })).toBeNull();
    const offset = Number((await head(id, token)).headers.get("upload-offset"));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(file.length);
    expect(stored(id).equals(file.subarray(0, offset))).toBe(true);
    expect((await itemOf(id)).status).toBe("uploading");
    expect(await httpPatch(id, offset, file.subarray(offset))).toMatchObject({ status: 204, offset: file.length });
    expect(await itemOf(id)).toMatchObject({ status: "received", sha256: sha256(file) });
  });

  it("takes evidence collected in person from a detective's API token", async () => {
    const file = crypto.randomBytes(300 * 1024);
    const auth = { authorization: `Bearer ${detective.token}` };
    const created = await createUpload({ canvassEntryId: entryId, filename: "usb copy.bin" }, file.length, auth);
    expect(created.status).toBe(201);
    expect((await httpPatch(created.id!, 0, file, { token: null }))!.status).toBe(404);
    expect(await httpPatch(created.id!, 0, file, { token: null, ...auth })).toMatchObject({ status: 204, offset: file.length });
    expect(await itemOf(created.id!)).toMatchObject({ status: "received", source: "in_person", sha256: sha256(file) });
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, created.id!));
    expect(custody.map((c) => c.event)).toEqual(["collected_in_person"]);
  });

  it("leaves every other request to the server's own listener", async () => {
    const file = crypto.randomBytes(16);
    for (const url of [`${baseUrl}/api/uploads`, `${baseUrl}/api/uploads/a/b`, `${baseUrl}/api/upload/x`]) {
      expect(await httpPatch("x", 0, file, { url })).toMatchObject({ status: 418 });
    }
    const res = await fetch(`${baseUrl}/api/uploads/${crypto.randomUUID()}`, { method: "HEAD" });
    expect(res.status).toBe(418);
  });
});
