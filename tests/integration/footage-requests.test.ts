/**
 * Footage requests and evidence intake through the app's own route handlers
 * on a real database (embedded, or the server with DATABASE_URL): sending a
 * request (link, e-mail to a loopback SMTP server, SMS to a loopback
 * Twilio-compatible server), the owner's tus uploads with their limits and
 * faults, the hash computed on arrival, and the append-only custody log.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, canvassEntries, evidenceCustody, evidenceItems, footageRequests, incidents, registrations } from "@/db/schema";
import { setDbForTests } from "@/db/client";
import { GET as listRequests, POST as postRequest } from "@/app/api/canvass-entries/[id]/footage-requests/route";
import { POST as revoke } from "@/app/api/footage-requests/[id]/revoke/route";
import { POST as decline } from "@/app/api/footage-requests/decline/route";
import { GET as download } from "@/app/api/evidence/[id]/download/route";
import { GET as play } from "@/app/api/evidence/[id]/play/route";
import { GET as exportPackage } from "@/app/api/incidents/[id]/evidence/package/route";
import { createMailer } from "@/lib/registration/mailer";
import { createLocalEvidenceStore } from "@/lib/evidence/storage";
import { createTwilioCompatibleSms } from "@/lib/evidence/sms";
import { setEvidenceRuntime } from "@/lib/evidence/runtime";
import { resetTusServer } from "@/lib/evidence/tus-server";
import { hashUploadToken } from "@/lib/evidence/tokens";
import { publicBaseUrl } from "@/lib/http/public-url";
import { createCanvassEntry, createIncident, createRegistration, createStaff, facingCamera, offsetM, type TestStaff } from "../support/factories";
import { params, request } from "../support/route-handlers";
import { createUpload, fakeMp4, head, patch, sha256 } from "../support/tus-uploads";
import { mailText, startSmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let detective: TestStaff;
let otherDetective: TestStaff;
let evidenceDir: string;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let sms: { url: string; messages: { auth: string; form: URLSearchParams; path: string }[]; close(): Promise<void> };
const ORIGIN: [number, number] = [-87.878, 41.8674];
const entryIds: string[] = [];

const MAX_FILE = 256 * 1024;
const MAX_REQUEST = 600 * 1024;

/** A loopback server that speaks the Twilio Messages API (form POST, Basic auth, 201 JSON with a sid). */
async function startSmsSink(): Promise<typeof sms> {
  const messages: typeof sms.messages = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      if (req.headers.authorization !== `Basic ${Buffer.from("AC123:secret").toString("base64")}`) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ code: 20003, message: "Authenticate" }));
        return;
      }
      if (!form.get("To")?.startsWith("+")) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: 21211, message: "Invalid 'To' Phone Number" }));
        return;
      }
      messages.push({ auth: req.headers.authorization, form, path: req.url ?? "" });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: `SM${crypto.randomBytes(16).toString("hex")}`, status: "queued" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-evidence-"));
  smtp = await startSmtpSink();
  sms = await startSmsSink();
  setEvidenceRuntime({
    mailer: createMailer({ smtpUrl: smtp.url, from: "canvass@pd.example" }),
    sms: createTwilioCompatibleSms({ apiUrl: sms.url, accountSid: "AC123", authToken: "secret", from: "+17085550000" }),
    store: createLocalEvidenceStore(evidenceDir),
    expiryDays: 7,
    maxFileBytes: MAX_FILE,
    maxRequestBytes: MAX_REQUEST,
  });
  resetTusServer();
  detective = await createStaff(t.db, { role: "detective", name: "Dana Detective" });
  otherDetective = await createStaff(t.db, { role: "detective", name: "Otto Other" });
  const incident = await createIncident(t.db, { point: ORIGIN, occurredFrom: new Date("2026-11-20T03:30:00Z") });

  for (let i = 0; i < 8; i++) {
    const reg = await createRegistration(t.db, {
      addressLine1: `${10300 + 2 * i} W Roosevelt Rd`,
      ownerEmail: "owner@example.com",
      location: offsetM(ORIGIN, 10 + i * 15, -15),
      cameras: [facingCamera(0), facingCamera(180, { position: "rear", recordsStreet: false })],
    });
    entryIds.push((await createCanvassEntry(t.db, { incident, registration: reg })).id);
  }
});
afterAll(async () => {
  setDbForTests(null);
  setEvidenceRuntime(undefined);
  resetTusServer();
  await smtp?.close();
  await sms?.close();
  await t?.close();
  fs.rmSync(evidenceDir, { recursive: true, force: true });
});

const auth = () => `Bearer ${detective.token}`;

async function sendRequest(entryId: string, body: Record<string, unknown>, who = detective) {
  const res = await postRequest(request(`/api/canvass-entries/${entryId}/footage-requests`, { authorization: `Bearer ${who.token}`, body }), params({ id: entryId }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string; uploadUrl: string; expiresAt: string; errors?: Record<string, string> } };
}

const tokenOf = (uploadUrl: string) => uploadUrl.split("/upload/")[1];

/** A body that delivers `bytes` then fails, as a dropped phone connection does, once `arrived()` says they reached the disk. */
function droppingBody(bytes: Uint8Array, arrived: () => boolean): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes);
        return;
      }
      // The bytes already sent reach the server first; then the connection goes.
      for (let i = 0; i < 200 && !arrived(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      controller.error(new Error("connection reset"));
    },
  });
}


describe("sending a footage request", () => {
  it("answers 201 with a private link whose token is only stored hashed, the incident's window and the cameras that matter", async () => {
    await t.db.update(canvassEntries).set({ clockOffsetS: 192 }).where(eq(canvassEntries.id, entryIds[0]));
    const { status, body } = await sendRequest(entryIds[0], { deliver: "link", note: "Silver sedan, eastbound" });
    expect(status).toBe(201);
    // Built on the configured public URL (NEXTAUTH_URL), never on the request's Host header.
    expect(body.uploadUrl).toMatch(new RegExp(`^${publicBaseUrl()}/upload/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(body.uploadUrl);
    expect(Buffer.from(token, "base64url").length).toBe(32); // 256 bits
    const expiresIn = Date.parse(body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * 86_400_000);

    const [row] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, body.id));
    expect(row.tokenHash).toBe(hashUploadToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.windowFrom.toISOString()).toBe("2026-11-20T03:30:00.000Z");
    expect(row.windowTo.toISOString()).toBe("2026-11-20T03:45:00.000Z");
    expect(row.clockOffsetS).toBe(192);
    // The front camera faces the street; the rear one neither records it nor sees the spot.
    expect(row.cameras).toEqual([expect.objectContaining({ position: "front", recordsStreet: true })]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, body.id));
    expect(audits.map((a) => a.action)).toEqual(["footage_request.created"]);
    expect(JSON.stringify(audits)).not.toContain(token);
    const [entry] = await t.db.select().from(canvassEntries).where(eq(canvassEntries.id, entryIds[0]));
    expect(entry.outcome).toBe("footage_requested");

    const list = await listRequests(request(`/api/canvass-entries/${entryIds[0]}/footage-requests`, { authorization: auth() }), params({ id: entryIds[0] }));
    const listed = (await list.json()) as { requests: { id: string; state: string }[] };
    expect(listed.requests).toEqual([expect.objectContaining({ id: body.id, state: "sent" })]);
  });

  it("e-mails the link through SMTP with the recorder's own window when an offset was recorded", async () => {
    const { status, body } = await sendRequest(entryIds[0], { deliver: "email" });
    expect(status).toBe(201);
    expect(body.delivery).toMatchObject({ method: "email", result: "sent", to: "owner@example.com" });
    const mail = smtp.messages.at(-1)!;
    expect(mail.to).toEqual(["owner@example.com"]);
    // Quoted-printable: undo soft breaks, then =XX bytes as UTF-8.
    const text = Buffer.from(mailText(mail.raw).replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
    expect(text).toContain(body.uploadUrl);
    // 03:30Z is 21:30 CST; the recorder runs 3 min 12 s fast.
    expect(text).toContain("Your recorder runs 3 min 12 s ahead: look at 21:33:12–21:48:12 on its clock.");
  });

  it("texts the link through the Twilio-compatible API, with Basic auth and an E.164 number", async () => {
    const before = sms.messages.length;
    const { status, body } = await sendRequest(entryIds[1], { deliver: "sms" });
    expect(status).toBe(201);
    expect(body.delivery).toMatchObject({ method: "sms", result: "sent", to: "+17085550100" });
    expect(sms.messages.length).toBe(before + 1);
    const sent = sms.messages.at(-1)!;
    expect(sent.path).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    expect(sent.form.get("From")).toBe("+17085550000");
    expect(sent.form.get("Body")).toContain(body.uploadUrl);
  });

  it("records a failed text without losing the request, and never writes the token in the reason", async () => {
    setEvidenceRuntime({ sms: createTwilioCompatibleSms({ apiUrl: sms.url, accountSid: "AC123", authToken: "wrong", from: "+17085550000" }) });
    try {
      const { status, body } = await sendRequest(entryIds[1], { deliver: "sms" });
      expect(status).toBe(201);
      expect(body.delivery).toMatchObject({ result: "failed", error: expect.stringContaining("401") });
      const [row] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, body.id));
      expect(row.deliveryResult).toMatch(/^failed: SMS provider answered 401/);
    } finally {
      setEvidenceRuntime({ sms: createTwilioCompatibleSms({ apiUrl: sms.url, accountSid: "AC123", authToken: "secret", from: "+17085550000" }) });
    }
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(footageRequests))[0].n;
    const before = await count();
    expect((await sendRequest(entryIds[2], { deliver: "pigeon" })).body.errors).toHaveProperty("deliver");
    expect((await sendRequest(entryIds[2], { deliver: "link", from: "yesterday" })).body.errors).toHaveProperty("from");
    const backwards = await sendRequest(entryIds[2], { deliver: "link", from: "2026-11-20T04:00:00Z", to: "2026-11-20T03:00:00Z" });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toHaveProperty("to");
    expect((await sendRequest(entryIds[2], { deliver: "link", extra: 1 })).status).toBe(422);
    expect((await sendRequest("00000000-0000-4000-8000-000000000000", { deliver: "link" })).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it("asks for fifteen minutes either side when the incident was recorded at a single moment, and refuses an empty window", async () => {
    const moment = new Date("2026-11-21T02:00:00Z");
    const incident = await createIncident(t.db, { point: ORIGIN, occurredFrom: moment, occurredTo: moment });
    const reg = await createRegistration(t.db, { addressLine1: "10400 W Roosevelt Rd", location: offsetM(ORIGIN, 30, 20), cameras: [facingCamera(0)] });
    const entry = await createCanvassEntry(t.db, { incident, registration: reg });
    const { status, body } = await sendRequest(entry.id, { deliver: "link" });
    expect(status).toBe(201);
    const [row] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, body.id));
    expect(row.windowFrom.toISOString()).toBe("2026-11-21T01:45:00.000Z");
    expect(row.windowTo.toISOString()).toBe("2026-11-21T02:15:00.000Z");

    const empty = await sendRequest(entry.id, { deliver: "link", from: "2026-11-21T02:00:00Z", to: "2026-11-21T02:00:00Z" });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toHaveProperty("to");
  });

  it("keeps a detective off a stop assigned to someone else", async () => {
    await t.db.update(canvassEntries).set({ assignedTo: detective.id }).where(eq(canvassEntries.id, entryIds[7]));
    expect((await sendRequest(entryIds[7], { deliver: "link" }, otherDetective)).status).toBe(403);
  });

  it("and off its evidence collected in person: no upload against it, no bytes into a colleague's upload in progress", async () => {
    await t.db.update(canvassEntries).set({ assignedTo: detective.id }).where(eq(canvassEntries.id, entryIds[7]));
    const mine = { authorization: `Bearer ${detective.token}` };
    const theirs = { authorization: `Bearer ${otherDetective.token}` };
    const file = crypto.randomBytes(2048);
    expect((await createUpload({ canvassEntryId: entryIds[7], filename: "usb copy.bin" }, file.length, theirs)).status).toBe(403);
    const created = await createUpload({ canvassEntryId: entryIds[7], filename: "usb copy.bin" }, file.length, mine);
    expect(created.status).toBe(201);
    expect((await patch(created.id!, 0, file.subarray(0, 1024), theirs)).status).toBe(404);
    expect((await patch(created.id!, 0, file.subarray(0, 1024), mine)).status).toBe(204);
    expect((await patch(created.id!, 1024, file.subarray(1024), theirs)).status).toBe(404);
    expect((await patch(created.id!, 1024, file.subarray(1024), mine)).status).toBe(204);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    expect(item).toMatchObject({ status: "received", source: "in_person", uploadedBy: detective.id, sha256: sha256(file) });
  });
});

describe("the owner's uploads (tus)", () => {
  let token: string;
  let requestId: string;
  beforeAll(async () => {
    const { body } = await sendRequest(entryIds[3], { deliver: "link" });
    token = tokenOf(body.uploadUrl);
    requestId = body.id;
  });

  it("receives a file resumed after a dropped connection; the hash equals an independent SHA-256", async () => {
    const file = fakeMp4(200 * 1024);
    const created = await createUpload({ token, filename: "front-door.mp4", filetype: "video/mp4" }, file.length);
    expect(created.status).toBe(201);
    expect(created.location).toBe(`/api/uploads/${created.id}`);
    const [uploading] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, requestId));
    expect(uploading.state).toBe("uploading");

    // The phone drops after 70 000 bytes: what arrived is kept.
    const dropped = await patch(created.id!, 0, droppingBody(file.subarray(0, 70_000), () => fs.statSync(path.join(evidenceDir, created.id!)).size >= 70_000), token);
    expect(dropped.status).toBeGreaterThanOrEqual(400);
    const afterDrop = await head(created.id!, token);
    expect(afterDrop.status).toBe(200);
    const offset = Number(afterDrop.headers.get("upload-offset"));
    expect(offset).toBe(70_000);
    // Nothing partial is listed as received.
    const [partial] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    expect(partial.status).toBe("uploading");
    expect(partial.sha256).toBeNull();

    const rest = await patch(created.id!, offset, file.subarray(offset), token);
    expect(rest.status).toBe(204);
    expect(rest.headers.get("upload-offset")).toBe(String(file.length));

    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    expect(item).toMatchObject({ status: "received", sha256: sha256(file), sizeBytes: file.length, originalName: "front-door.mp4", detectedType: "video/mp4", typeMismatch: false });
    expect(fs.readFileSync(path.join(evidenceDir, created.id!)).equals(file)).toBe(true);
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, created.id!));
    expect(custody).toEqual([expect.objectContaining({ event: "received", sha256: sha256(file), userAgent: "owner-phone", actorLabel: "public" })]);
    const [received] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, requestId));
    expect(received.state).toBe("received");
  });

  it("keeps the uploaded name as data only: the file on disk is named by id", async () => {
    const bytes = Buffer.from("just some notes\n");
    const created = await createUpload({ token, filename: "../../etc/pass\u0007wd\u202e.txt", filetype: "text/plain" }, bytes.length);
    expect(created.status).toBe(201);
    expect((await patch(created.id!, 0, bytes, token)).status).toBe(204);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    expect(item.originalName).toBe("passwd.txt");
    expect(fs.readdirSync(evidenceDir)).toContain(created.id!);
    expect(item.typeMismatch).toBe(false);
  });

  it("flags an .mp4 that is really text", async () => {
    const bytes = Buffer.from("this is not a video at all, just text pretending\n".repeat(20));
    const created = await createUpload({ token, filename: "clip.mp4", filetype: "video/mp4" }, bytes.length);
    expect((await patch(created.id!, 0, bytes, token)).status).toBe(204);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    expect(item).toMatchObject({ status: "received", detectedType: null, typeMismatch: true, sha256: sha256(bytes) });
  });

  it("refuses a file over the limit, a zero-byte file and an unknown length before anything is stored", async () => {
    const filesBefore = fs.readdirSync(evidenceDir).length;
    const rowsBefore = (await t.db.select({ n: sql<number>`count(*)::int` }).from(evidenceItems))[0].n;
    expect((await createUpload({ token, filename: "big.mp4" }, MAX_FILE + 1)).status).toBe(413);
    expect((await createUpload({ token, filename: "empty.mp4" }, 0)).status).toBe(400);
    expect((await createUpload({ token, filename: "unknown.mp4" }, null, { "upload-defer-length": "1" })).status).toBe(501 /* creation-defer-length is not offered */);
    expect(fs.readdirSync(evidenceDir).length).toBe(filesBefore);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(evidenceItems))[0].n).toBe(rowsBefore);
  });

  it("holds a request to its total across two uploads started at once", async () => {
    const { body } = await sendRequest(entryIds[4], { deliver: "link" });
    const tk = tokenOf(body.uploadUrl);
    // Each fits alone (250 KiB ≤ 256 KiB), three together exceed 600 KiB: of three started at once exactly two are accepted.
    const results = await Promise.all([0, 1, 2].map((i) => createUpload({ token: tk, filename: `cam${i}.mp4` }, 250 * 1024)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 413]);
    // Two accepted uploads on one request, written at once, both complete and both hash right.
    const accepted = results.filter((r) => r.status === 201);
    const files = accepted.map(() => fakeMp4(250 * 1024));
    const answers = await Promise.all(accepted.map((r, i) => patch(r.id!, 0, files[i], tk)));
    expect(answers.map((a) => a.status)).toEqual([204, 204]);
    for (const [i, r] of accepted.entries()) {
      const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, r.id!));
      expect(item.sha256).toBe(sha256(files[i]));
    }
  });

  it("refuses a wrong, revoked, expired or another request's token", async () => {
    expect((await createUpload({ token: "A".repeat(43), filename: "x.mp4" }, 10)).status).toBe(404);
    expect((await createUpload({ token: "short", filename: "x.mp4" }, 10)).status).toBe(404);
    expect((await createUpload({ filename: "x.mp4" }, 10)).status).toBe(401);

    // Another request's token cannot continue this request's upload.
    const mine = await sendRequest(entryIds[5], { deliver: "link" });
    const theirs = await sendRequest(entryIds[6], { deliver: "link" });
    const created = await createUpload({ token: tokenOf(mine.body.uploadUrl), filename: "a.mp4" }, 100);
    expect((await patch(created.id!, 0, Buffer.alloc(100), tokenOf(theirs.body.uploadUrl))).status).toBe(404);
    expect((await patch(created.id!, 0, Buffer.alloc(100), null)).status).toBe(404);
    expect((await head(created.id!, tokenOf(theirs.body.uploadUrl))).status).toBe(404);

    // Revoked: creation and continuation both stop.
    const revoked = await revoke(request(`/api/footage-requests/${mine.body.id}/revoke`, { authorization: auth(), method: "POST" }), params({ id: mine.body.id }));
    expect(revoked.status).toBe(200);
    expect((await createUpload({ token: tokenOf(mine.body.uploadUrl), filename: "b.mp4" }, 10)).status).toBe(410);
    expect((await patch(created.id!, 0, Buffer.alloc(100), tokenOf(mine.body.uploadUrl))).status).toBe(410);
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, created.id!));
    expect(item.status).toBe("uploading"); // never listed as received

    // Expired.
    await t.db.update(footageRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(footageRequests.id, theirs.body.id));
    expect((await createUpload({ token: tokenOf(theirs.body.uploadUrl), filename: "c.mp4" }, 10)).status).toBe(410);
    const list = await listRequests(request(`/api/canvass-entries/${entryIds[6]}/footage-requests`, { authorization: auth() }), params({ id: entryIds[6] }));
    expect(((await list.json()) as { requests: { state: string }[] }).requests[0].state).toBe("expired");
  });
});

describe("the owner declines", () => {
  it("records the reason once, refuses a second answer and bad input", async () => {
    const { body } = await sendRequest(entryIds[2], { deliver: "link" });
    const token = tokenOf(body.uploadUrl);
    const post = (payload: unknown) => decline(request("/api/footage-requests/decline", { body: payload }));
    const missingNote = await post({ token, reason: "other" });
    expect(missingNote.status).toBe(422);
    expect(((await missingNote.json()) as { errors: Record<string, string> }).errors).toHaveProperty("note");
    expect((await post({ token: "A".repeat(43), reason: "overwritten" })).status).toBe(404);
    expect((await post({ token, reason: "overwritten" })).status).toBe(200);
    expect((await post({ token, reason: "no_footage" })).status).toBe(409);
    const [row] = await t.db.select().from(footageRequests).where(eq(footageRequests.id, body.id));
    expect(row).toMatchObject({ state: "declined", declineReason: "overwritten" });
    expect((await createUpload({ token, filename: "late.mp4" }, 10)).status).toBe(410);
  });
});

describe("in the owner's language", () => {
  it("e-mails a Spanish-speaking owner in Spanish and answers the decline's field errors in the request's language", async () => {
    const reg = await createRegistration(t.db, { addressLine1: "10410 W Roosevelt Rd", location: offsetM(ORIGIN, 40, -15), cameras: [facingCamera(0)] });
    await t.db.update(registrations).set({ locale: "es" }).where(eq(registrations.id, reg.id));
    const [incident] = await t.db.select().from(incidents).limit(1);
    const entry = await createCanvassEntry(t.db, { incident, registration: reg });
    await t.db.update(canvassEntries).set({ clockOffsetS: -75 }).where(eq(canvassEntries.id, entry.id));
    const { status, body } = await sendRequest(entry.id, { deliver: "email" });
    expect(status).toBe(201);
    const text = Buffer.from(mailText(smtp.messages.at(-1)!.raw).replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
    expect(text).toContain("investiga un incidente");
    expect(text).toContain("Su grabador va 1 min 15 s atrasado");
    expect(text).toContain(body.uploadUrl);

    const post = (payload: unknown, lang: string) => decline(request("/api/footage-requests/decline", { body: payload, headers: { "accept-language": lang } }));
    const token = tokenOf(body.uploadUrl);
    const es = (await (await post({ token, reason: "other" }, "es-MX,es;q=0.9")).json()) as { errors: Record<string, string> };
    expect(es.errors.note).toBe("Díganos por qué, en pocas palabras");
    const en = (await (await post({ token, reason: "sometimes" }, "en-US")).json()) as { errors: Record<string, string> };
    expect(en.errors.reason).toBe("Choose one of the reasons");
  });
});

describe("the chain of custody", () => {
  it("is append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    const [row] = await t.db.select().from(evidenceCustody).limit(1);
    expect(row).toBeDefined();
    const refusal = (query: PromiseLike<unknown>) =>
      Promise.resolve(query).then(
        () => null,
        (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
      );
    expect(await refusal(t.db.update(evidenceCustody).set({ event: "tampered" }).where(eq(evidenceCustody.id, row.id)))).toMatch(/append-only: UPDATE is not allowed/);
    expect(await refusal(t.db.delete(evidenceCustody).where(eq(evidenceCustody.id, row.id)))).toMatch(/append-only: DELETE is not allowed/);
    expect(await refusal(t.db.execute(sql`truncate evidence_custody`))).toMatch(/append-only: TRUNCATE is not allowed/);
    const [still] = await t.db.select().from(evidenceCustody).where(and(eq(evidenceCustody.id, row.id), eq(evidenceCustody.event, row.event)));
    expect(still).toBeDefined();
  });
});

describe("staff downloads and playback", () => {
  let itemId: string;
  let file: Buffer;
  let incidentOfItems: string;
  beforeAll(async () => {
    const { body } = await sendRequest(entryIds[0], { deliver: "link" });
    const token = tokenOf(body.uploadUrl);
    file = fakeMp4(64 * 1024);
    const created = await createUpload({ token, filename: "driveway.mp4", filetype: "video/mp4" }, file.length);
    expect((await patch(created.id!, 0, file, token)).status).toBe(204);
    itemId = created.id!;
    incidentOfItems = (await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)))[0].incidentId;
  });
  const get = (handler: typeof download, url: string, headers: Record<string, string> = {}) =>
    handler(request(url, { authorization: auth(), headers: { "user-agent": "staff-browser", ...headers } }), params({ id: itemId }));

  it("needs a reason, checks the hash, sends the bytes and logs who, when and why", async () => {
    expect((await get(download, `/api/evidence/${itemId}/download`)).status).toBe(422);
    const res = await get(download, `/api/evidence/${itemId}/download?reason=review%20for%20plate`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-evidence-sha256")).toBe(sha256(file));
    expect(res.headers.get("content-disposition")).toContain("driveway.mp4");
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, itemId));
    expect(custody.map((c) => c.event)).toEqual(["received", "downloaded"]);
    expect(custody[1]).toMatchObject({ actorUserId: detective.id, reason: "review for plate", sha256: sha256(file), userAgent: "staff-browser" });
  });

  it("plays MP4 with byte ranges; starting playback is logged as a view", async () => {
    const start = await get(play, `/api/evidence/${itemId}/play?reason=first%20look`, { range: "bytes=0-" });
    expect(start.status).toBe(206);
    expect(start.headers.get("content-range")).toBe(`bytes 0-${file.length - 1}/${file.length}`);
    await start.arrayBuffer();
    const seek = await get(play, `/api/evidence/${itemId}/play`, { range: "bytes=1000-1999" });
    expect(seek.status).toBe(206);
    expect(Buffer.from(await seek.arrayBuffer()).equals(file.subarray(1000, 2000))).toBe(true);
    const events = (await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, itemId))).map((c) => c.event);
    expect(events.filter((e) => e === "viewed")).toHaveLength(1);
  });

  it("a range that does not start at 0 reads nothing unlogged: without this user's recent view it needs the reason and logs one", async () => {
    // Another detective, who never started playback: "bytes=1-" once served all but the first byte with no reason,
    // no hash check and no custody row.
    const asOther = (headers: Record<string, string>, query = "") =>
      play(request(`/api/evidence/${itemId}/play${query}`, { authorization: `Bearer ${otherDetective.token}`, headers }), params({ id: itemId }));
    const viewsBy = async (userId: string) =>
      (await t.db.select().from(evidenceCustody).where(and(eq(evidenceCustody.evidenceItemId, itemId), eq(evidenceCustody.event, "viewed"))))
        .filter((c) => c.actorUserId === userId).length;
    const refused = await asOther({ range: "bytes=1-" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: "validation", errors: { reason: expect.any(String) } });
    expect(await viewsBy(otherDetective.id)).toBe(0);
    const withReason = await asOther({ range: "bytes=1-" }, "?reason=skip%20the%20intro");
    expect(withReason.status).toBe(206);
    expect(Buffer.from(await withReason.arrayBuffer()).equals(file.subarray(1))).toBe(true);
    expect(await viewsBy(otherDetective.id)).toBe(1);
    // Now a seek of this user's own playback: served, no second view logged.
    const seek = await asOther({ range: "bytes=2000-2999" });
    expect(seek.status).toBe(206);
    await seek.arrayBuffer();
    expect(await viewsBy(otherDetective.id)).toBe(1);
  });

  it("exports the prosecutor's package: every file, CSV and PDF manifests, the ZIP's hash in the custody log", async () => {
    const res = await exportPackage(request(`/api/incidents/${incidentOfItems}/evidence/package?reason=discovery`, { authorization: auth() }), params({ id: incidentOfItems }));
    expect(res.status).toBe(200);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("x-package-sha256")).toBe(sha256(zip));
    // Read back with a JavaScript unzip (fflate), so the test needs no unzip binary on the machine.
    const entries = unzipSync(new Uint8Array(zip));
    const listing = Object.keys(entries);
    expect(listing).toContain("manifest.csv");
    expect(listing).toContain("manifest.pdf");
    expect(listing).toContain(`files/${itemId}-driveway.mp4`);
    expect(Buffer.from(entries[`files/${itemId}-driveway.mp4`]).equals(file)).toBe(true);
    const csv = Buffer.from(entries["manifest.csv"]).toString("utf8");
    expect(csv).toContain(sha256(file));
    expect(csv).toContain("downloaded");
    expect(Buffer.from(entries["manifest.pdf"]).subarray(0, 5).toString()).toBe("%PDF-");
    const exported = await t.db.select().from(evidenceCustody).where(and(eq(evidenceCustody.evidenceItemId, itemId), eq(evidenceCustody.event, "exported")));
    expect(exported).toHaveLength(1);
    expect(exported[0].details).toMatchObject({ packageSha256: sha256(zip) });
  });

  it("refuses a file tampered with on disk, logs the refusal and raises an alert", async () => {
    const onDisk = path.join(evidenceDir, itemId);
    const tampered = Buffer.from(file);
    tampered[5000] ^= 0xff;
    fs.writeFileSync(onDisk, tampered);
    const res = await get(download, `/api/evidence/${itemId}/download?reason=court%20copy`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/no longer matches/);
    const custody = await t.db.select().from(evidenceCustody).where(eq(evidenceCustody.evidenceItemId, itemId));
    expect(custody.at(-1)).toMatchObject({ event: "download_refused", sha256: sha256(tampered), details: { expected: sha256(file) } });
    const alerts = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "evidence.integrity_alert"), eq(auditLog.targetId, itemId)));
    expect(alerts).toHaveLength(1);
    fs.writeFileSync(onDisk, file);
  });
});
