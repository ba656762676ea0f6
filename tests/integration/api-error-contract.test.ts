/**
 * The API's one error contract (lib/http/errors.ts, documented in the README):
 * every route under app/api answers a validation failure with 422
 * `{ error, code: "validation", errors: { "<field.path>": "<message>" } }`,
 * and every other failure with `{ error, code }` and the code's status.
 *
 * The routes are found by walking app/api as the role matrix does: a route
 * added without a case below fails here, so a new route has to say how it
 * answers bad input. Routes that take no input name the error they can give
 * instead (usually a 404 for an unknown id).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff } from "../support/factories";
import { request } from "../support/route-handlers";
import { setDbForTests } from "@/db/client";

const API_DIR = path.resolve(__dirname, "../../app/api");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ID = "00000000-0000-4000-8000-00000000c0de";
const TOKEN = "x".repeat(43);

type Case = {
  /** The URL to call, with the route's [params] filled in. */
  url: string;
  params?: Record<string, string | string[]>;
  body?: unknown;
  /** The error this request must get (validation unless the route takes no input). */
  expect: ErrorCode;
  /** A field the validation answer must name. */
  field?: string;
};

/** One deliberately bad request per route and method. `null`: not ours to answer (next-auth's own routes). */
const CASES: Record<string, Case | null> = {
  "POST /api/address-check": { url: "/api/address-check", body: { line1: "Roosevelt Rd" }, expect: "validation", field: "line1" },
  "GET /api/admin/audit/export": { url: "/api/admin/audit/export?from=yesterday", expect: "validation", field: "from" },
  "GET /api/auth/[...nextauth]": null,
  "POST /api/auth/[...nextauth]": null,
  "POST /api/cameras/along": { url: "/api/cameras/along", body: "{not json", expect: "validation", field: "(body)" },
  "GET /api/cameras/near": { url: "/api/cameras/near?lat=100&lng=0&radius=50", expect: "validation", field: "lat" },
  "POST /api/canvass-entries/[id]/attempts": { url: `/api/canvass-entries/${ID}/attempts`, params: { id: ID }, body: { contact: "nobody" }, expect: "validation", field: "contact" },
  "PATCH /api/canvass-entries/[id]": { url: `/api/canvass-entries/${ID}`, params: { id: ID }, body: { outcome: "exploded" }, expect: "validation", field: "outcome" },
  "GET /api/canvass/mine": { url: "/api/canvass/mine", expect: "unauthenticated" },
  "GET /api/dashboard": { url: "/api/dashboard", expect: "unauthenticated" },
  "GET /api/geocode": { url: "/api/geocode?q=", expect: "validation", field: "q" },
  "GET /api/health": null,
  "POST /api/incidents/[id]/canvass/assign": { url: `/api/incidents/${ID}/canvass/assign`, params: { id: ID }, body: [], expect: "validation", field: "(body)" },
  "GET /api/incidents/[id]/canvass": { url: `/api/incidents/${ID}/canvass?format=docx`, params: { id: ID }, expect: "validation", field: "format" },
  "POST /api/incidents/[id]/canvass/walk-order": { url: `/api/incidents/${ID}/canvass/walk-order`, params: { id: ID }, expect: "not_found" },
  "GET /api/incidents/[id]": { url: "/api/incidents/nope", params: { id: "nope" }, expect: "not_found" },
  "GET /api/incidents/[id]/sites": { url: "/api/incidents/nope/sites", params: { id: "nope" }, expect: "not_found" },
  "POST /api/incidents": { url: "/api/incidents", body: { lat: 41.8 }, expect: "validation", field: "occurredAt" },
  "GET /api/incidents": { url: "/api/incidents?status=archived", expect: "validation", field: "status" },
  "PATCH /api/incidents/[id]": { url: `/api/incidents/${ID}`, params: { id: ID }, body: { status: "archived", offense: "x".repeat(121) }, expect: "validation", field: "offense" },
  "POST /api/manage/[token]/confirm": { url: `/api/manage/${TOKEN}/confirm`, params: { token: TOKEN }, expect: "not_found" },
  "PUT /api/manage/[token]/pin": { url: `/api/manage/${TOKEN}/pin`, params: { token: TOKEN }, body: { lat: 200, lng: 0 }, expect: "validation", field: "lat" },
  "POST /api/manage/[token]/rotate": { url: `/api/manage/${TOKEN}/rotate`, params: { token: TOKEN }, expect: "not_found" },
  "GET /api/manage/[token]": { url: `/api/manage/${TOKEN}`, params: { token: TOKEN }, expect: "not_found" },
  "PUT /api/manage/[token]": { url: `/api/manage/${TOKEN}`, params: { token: TOKEN }, body: "", expect: "validation", field: "(body)" },
  "POST /api/manage/[token]/reopen": { url: `/api/manage/${TOKEN}/reopen`, params: { token: TOKEN }, expect: "not_found" },
  "POST /api/manage-link-requests": { url: "/api/manage-link-requests", body: { email: "nobody", line1: "1 A St", zip: "60154" }, expect: "validation", field: "email" },
  "POST /api/manage/[token]/status": { url: `/api/manage/${TOKEN}/status`, params: { token: TOKEN }, body: { change: "abducted" }, expect: "validation", field: "change" },
  "GET /api/map/sites": { url: "/api/map/sites", expect: "validation", field: "bbox" },
  "GET /api/map/streets": { url: "/api/map/streets?bbox=1,2,3", expect: "validation", field: "bbox" },
  "POST /api/map/snap-route": { url: "/api/map/snap-route", body: { points: [[-87.9, 41.9]] }, expect: "validation", field: "points" },
  "GET /api/streets": { url: "/api/streets?bbox=-88,41,-87,42", expect: "validation", field: "bbox" },
  "GET /api/registrations/[id]/contacts": { url: `/api/registrations/${ID}/contacts`, params: { id: ID }, expect: "not_found" },
  "POST /api/registrations": { url: "/api/registrations", body: { owner: { email: "nobody@" } }, expect: "validation", field: "owner.email" },
  "GET /api/registrations": { url: "/api/registrations?status=lost&page=0", expect: "validation", field: "status" },
  "POST /api/registrations/by-staff": { url: "/api/registrations/by-staff", body: { owner: { name: "A", phone: "12", email: "x@example.com" } }, expect: "validation", field: "owner.phone" },
  "PUT /api/registrations/[id]": { url: `/api/registrations/${ID}`, params: { id: ID }, body: { cameras: [] }, expect: "validation", field: "cameras" },
  "POST /api/review/[id]": { url: `/api/review/${ID}`, params: { id: ID }, body: { action: "explode" }, expect: "validation", field: "action" },
  "POST /api/review/reminders": { url: "/api/review/reminders", expect: "conflict" },
  "GET /api/review": { url: "/api/review?page=-1", expect: "validation", field: "page" },
  "POST /api/canvass-entries/[id]/footage-requests": { url: `/api/canvass-entries/${ID}/footage-requests`, params: { id: ID }, body: { deliver: "pigeon" }, expect: "validation", field: "deliver" },
  "GET /api/canvass-entries/[id]/footage-requests": { url: "/api/canvass-entries/nope/footage-requests", params: { id: "nope" }, expect: "not_found" },
  "POST /api/footage-requests/[id]/revoke": { url: `/api/footage-requests/${ID}/revoke`, params: { id: ID }, expect: "not_found" },
  "POST /api/footage-requests/decline": { url: "/api/footage-requests/decline", body: { token: TOKEN, reason: "shrug" }, expect: "validation", field: "reason" },
  "GET /api/evidence/[id]/download": { url: `/api/evidence/${ID}/download`, params: { id: ID }, expect: "validation", field: "reason" },
  "GET /api/evidence/[id]/play": { url: `/api/evidence/${ID}/play`, params: { id: ID }, expect: "not_found" },
  "GET /api/evidence/[id]/poster": { url: `/api/evidence/${ID}/poster`, params: { id: ID }, expect: "not_found" },
  "PUT /api/incidents/[id]/legal-hold": { url: `/api/incidents/${ID}/legal-hold`, params: { id: ID }, body: { reason: "x" }, expect: "validation", field: "reason" },
  "DELETE /api/incidents/[id]/legal-hold": { url: `/api/incidents/${ID}/legal-hold`, params: { id: ID }, body: {}, expect: "validation", field: "reason" },
  "GET /api/incidents/[id]/evidence/package": { url: `/api/incidents/${ID}/evidence/package`, params: { id: ID }, expect: "validation", field: "reason" },
  // An /api path no route claims: the JSON 404, not Next.js's HTML not-found page.
  ...Object.fromEntries(
    ["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => [`${m} /api/[...path]`, { url: "/api/no/such/route", params: { path: ["no", "such", "route"] }, expect: "not_found" as const }]),
  ),
  // tus 1.0 answers in its own protocol (Tus-Resumable, Upload-Offset, 412/409/410/460…), which its clients read: lib/evidence/tus-server.ts.
  "POST /api/uploads/[[...path]]": null,
  "HEAD /api/uploads/[[...path]]": null,
  "PATCH /api/uploads/[[...path]]": null,
  "OPTIONS /api/uploads/[[...path]]": null,
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f) === "route.ts").map((f) => path.join(dir, f));
}
const routeFiles = walk(API_DIR);
const urlPathOf = (file: string) => "/api/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const routes: { key: string; handler: Handler }[] = [];
let t: TestDatabase;
let adminAuth: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  adminAuth = (await createStaff(t.db, { role: "admin" })).authorization;
  for (const file of routeFiles) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") routes.push({ key: `${method} ${urlPathOf(file)}`, handler: mod[method] as Handler });
    }
  }
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

describe(`API error contract (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("has a bad-request case for every route and method under app/api, and no stale ones", () => {
    const found = routes.map((r) => r.key).sort();
    expect(found.length).toBeGreaterThan(20);
    expect(found.filter((k) => !(k in CASES)), "routes without a case in CASES").toEqual([]);
    expect(Object.keys(CASES).filter((k) => !found.includes(k)), "cases for routes that no longer exist").toEqual([]);
  });

  it("every route answers its bad request in the one shape: 422 + field errors for validation, the code's status otherwise", async () => {
    for (const { key, handler } of routes) {
      const c = CASES[key];
      if (!c) continue;
      const method = key.split(" ")[0];
      // Routes that take no input are called anonymously (staff routes) or with an unknown id/token.
      const authorization = c.expect === "unauthenticated" ? undefined : adminAuth;
      const req = request(c.url, { method, authorization, body: c.body });
      const res = await handler(req, { params: Promise.resolve(c.params ?? {}) });
      expect(res.status, key).toBe(ERROR_STATUS[c.expect]);
      expect(res.headers.get("content-type"), key).toMatch(/^application\/json/);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.code, key).toBe(c.expect);
      expect(typeof body.error, key).toBe("string");
      expect((body.error as string).length, key).toBeGreaterThan(0);
      if (c.expect === "validation") {
        expect(Object.keys(body).sort(), key).toEqual(["code", "error", "errors"]);
        const errors = body.errors as Record<string, unknown>;
        expect(Object.keys(errors), key).toContain(c.field);
        for (const message of Object.values(errors)) expect(typeof message, key).toBe("string");
      } else {
        expect(Object.keys(body).sort(), key).toEqual(["code", "error"]);
      }
    }
  });

  it("a body that is not JSON is 415, one over the cap is 413, both in the same shape", async () => {
    const along = routes.find((r) => r.key === "POST /api/cameras/along")!.handler;
    const form = request("/api/cameras/along", { authorization: adminAuth, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "route=1" });
    const notJson = await along(form, { params: Promise.resolve({}) });
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({ code: "unsupported_media_type" });
    const huge = request("/api/cameras/along", { authorization: adminAuth, body: { route: "x".repeat(100_000) } });
    const tooLarge = await along(huge, { params: Promise.resolve({}) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: "too_large" });
  });

  it("a body nested thousands deep is a 422 on (body), on public and staff routes alike (it overflowed the stack: a 500)", async () => {
    const arrays = "[".repeat(2000) + "]".repeat(2000);
    const objects = '{"a":'.repeat(600) + "1" + "}".repeat(600);
    const inField = JSON.stringify({ owner: { name: "__" } }).replace('"__"', "[".repeat(40) + "]".repeat(40));
    for (const [key, url, body, authorization] of [
      ["POST /api/manage-link-requests", "/api/manage-link-requests", arrays, undefined],
      ["POST /api/registrations", "/api/registrations", objects, undefined],
      ["POST /api/registrations", "/api/registrations", inField, undefined],
      ["POST /api/cameras/along", "/api/cameras/along", arrays, adminAuth],
    ] as const) {
      const handler = routes.find((r) => r.key === key)!.handler;
      const res = await handler(request(url, { authorization, body }), { params: Promise.resolve({}) });
      expect(res.status, `${key} ${body.slice(0, 12)}`).toBe(422);
      expect(await res.json()).toEqual({
        error: expect.any(String),
        code: "validation",
        errors: { "(body)": "is nested too deeply (more than 32 levels)" },
      });
    }
  });

  it("no route under app/api builds an error status by hand (they throw AppError or use the contract's helpers)", () => {
    const offenders = routeFiles.filter((f) => /status:\s*(4|5)\d\d\b|badRequest\(|\{\s*error:\s*["`]/.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(API_DIR, f))).toEqual([]);
  });
});
