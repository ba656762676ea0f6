/**
 * Every staff route × {anonymous, detective, supervisor, admin}, by API token
 * and by browser session. The routes are found by walking app/ itself, so a
 * route added without `withRole` (or a page without `requireStaffPage`) fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { setUserDisabled } from "@/lib/accounts/users";
import { operatorContext } from "@/lib/auth/mutation-context";
import { authSecret } from "@/lib/auth/auth-secret";
import { publicOrigin } from "@/lib/http/public-url";
import { isRole, roleAllows, ROLES, type Role } from "@/lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff, sessionCookieFor, type TestStaff } from "../support/factories";
import { setDbForTests } from "@/db/client";
import { request as routeRequest } from "../support/route-handlers";

const APP_DIR = path.resolve(__dirname, "../../app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Routes anyone may call: health, next-auth itself, the public registration form and residents' management links. */
const PUBLIC_ROUTES: { path: RegExp; methods: readonly string[] | "*" }[] = [
  { path: /^\/api\/health$/, methods: "*" },
  { path: /^\/api\/auth\//, methods: "*" },
  { path: /^\/api\/registrations$/, methods: ["POST"] },
  { path: /^\/api\/manage(\/|$)/, methods: "*" },
  // "E-mail me my link": answers the same whether or not anything matched (rate limited, audited).
  { path: /^\/api\/manage-link-requests$/, methods: ["POST"] },
  // The registration form's address check: an address in, where it is out; rate limited, no contact data.
  { path: /^\/api\/address-check$/, methods: ["POST"] },
  // The language switch without JavaScript: sets a cookie and goes back to a path on this site.
  { path: /^\/language$/, methods: ["GET"] },
  // tus uploads: an owner's footage-request token, or a staff sign-in checked inside (lib/evidence/tus-server.ts).
  { path: /^\/api\/uploads(\/|$)/, methods: "*" },
  { path: /^\/api\/footage-requests\/decline$/, methods: ["POST"] },
  // Street centerlines (public reference data) around a resident's pin, a small box at a time.
  { path: /^\/api\/streets$/, methods: ["GET"] },
  // Any /api path no route claims: the API's JSON 404, whoever asks (app/api/[...path]/route.ts).
  { path: /^\/api\/\[\.\.\.path\]$/, methods: "*" },
];

function walk(dir: string, fileName: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fileName.test(path.basename(f))).map((f) => path.join(dir, f));
}

/** app/(staff)/map/[id]/route.ts → /map/[id] */
function urlPathOf(file: string): string {
  const rel = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return "/" + rel.join("/");
}

function isPublic(routePath: string, method: string): boolean {
  return PUBLIC_ROUTES.some((r) => r.path.test(routePath) && (r.methods === "*" || r.methods.includes(method)));
}

const DUMMY_ID = "00000000-0000-4000-8000-00000000abcd";
function concrete(routePath: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const url = routePath.replace(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g, (_, rest, name) => {
    params[name] = rest ? ["x"] : DUMMY_ID;
    return rest ? "x" : DUMMY_ID;
  });
  return { url: `http://127.0.0.1${url}`, params };
}

type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & { minRole?: unknown };

interface StaffRoute {
  file: string;
  routePath: string;
  method: string;
  handler: Handler;
}

const routeFiles = walk(APP_DIR, /^route\.(ts|tsx|js)$/);
const staffPageFiles = [...walk(path.join(APP_DIR, "(staff)"), /^page\.(ts|tsx)$/), ...walk(path.join(APP_DIR, "(admin)"), /^page\.(ts|tsx)$/)];
const staffActionFiles = [...walk(path.join(APP_DIR, "(staff)"), /\.(ts|tsx)$/), ...walk(path.join(APP_DIR, "(admin)"), /\.(ts|tsx)$/)].filter((f) =>
  /^\s*["']use server["']/m.test(fs.readFileSync(f, "utf8")),
);

let t: TestDatabase;
const staffRoutes: StaffRoute[] = [];
const tokens = {} as Record<Role, string>;
const cookies = {} as Record<Role, string>;
const users = {} as Record<Role, TestStaff>;

beforeAll(async () => {
  t = await createTestDatabase();
  // The route handlers open the database through the process-wide handle: make that this test's database.
  setDbForTests(t);
  for (const role of ROLES) {
    users[role] = await createStaff(t.db, { role: role, mfa: true });
    tokens[role] = users[role].token;
    cookies[role] = await sessionCookieFor(users[role], authSecret());
  }
  for (const file of routeFiles) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] !== "function") continue;
      const routePath = urlPathOf(file);
      if (isPublic(routePath, method)) continue;
      staffRoutes.push({ file: path.relative(APP_DIR, file), routePath, method, handler: mod[method] as Handler });
    }
  }
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

async function respond(route: StaffRoute, headers: Record<string, string>): Promise<Response> {
  const { url, params } = concrete(route.routePath);
  const hasBody = !["GET", "HEAD", "OPTIONS", "DELETE"].includes(route.method);
  const request = routeRequest(url, { method: route.method, headers: { ...headers, "user-agent": "role-matrix" }, body: hasBody ? {} : undefined });
  return route.handler(request, { params: Promise.resolve(params) });
}

async function call(route: StaffRoute, headers: Record<string, string>): Promise<number> {
  try {
    return (await respond(route, headers)).status;
  } catch {
    // The handler itself ran (it threw on the dummy input): the role gate let the caller through.
    return 500;
  }
}

describe(`role matrix (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("finds the routes and pages it checks", () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    const found = staffRoutes.map((r) => `${r.method} ${r.routePath}`);
    expect(found).toContain("GET /api/admin/audit/export");
    // The registry: detectives search it and enter registrations for callers; supervisors edit (README "Registry").
    for (const [route, role] of [
      ["GET /api/registrations", "detective"],
      ["POST /api/registrations/by-staff", "detective"],
      ["PUT /api/registrations/[id]", "supervisor"],
      // Editing an incident is open to detectives at the gate; whose incident and who may close it is checked
      // inside (tests/integration/incident-lifecycle.test.ts).
      ["PATCH /api/incidents/[id]", "detective"],
    ] as const) {
      expect(found).toContain(route);
      expect(staffRoutes.find((r) => `${r.method} ${r.routePath}` === route)?.handler.minRole).toBe(role);
    }
    expect(staffPageFiles.length).toBeGreaterThan(0);
  });

  it("wraps every non-public route handler in withRole", () => {
    const unwrapped = staffRoutes.filter((r) => !isRole(r.handler.minRole)).map((r) => `${r.method} ${r.file}`);
    expect(unwrapped).toEqual([]);
  });

  it("answers 401 to anonymous callers and to bad or revoked credentials", async () => {
    for (const route of staffRoutes) {
      expect([route.method, route.routePath, await call(route, {})]).toEqual([route.method, route.routePath, 401]);
      expect(await call(route, { authorization: "Bearer sl_not-a-real-token" })).toBe(401);
      expect(await call(route, { cookie: "next-auth.session-token=forged" })).toBe(401);
    }
  });

  for (const via of ["token", "session"] as const) {
    it(`lets each role through exactly where its role allows (${via})`, async () => {
      for (const route of staffRoutes) {
        const minRole = route.handler.minRole as Role;
        for (const role of ROLES) {
          // A browser sends its page's Origin with every write.
          const headers: Record<string, string> = via === "token" ? { authorization: `Bearer ${tokens[role]}` } : { cookie: cookies[role], origin: publicOrigin() };
          const status = await call(route, headers);
          const label = `${route.method} ${route.routePath} as ${role} (${via}, needs ${minRole})`;
          if (roleAllows(role, minRole)) expect([label, status === 401 || status === 403]).toEqual([label, false]);
          else expect([label, status]).toEqual([label, 403]);
        }
      }
    });
  }

  it("tells every cache not to keep a staff read: Cache-Control no-store (or private, for the map's revalidated layers)", async () => {
    const reads = staffRoutes.filter((r) => r.method === "GET");
    // The dummy ids make most reads a 404; the lists (dashboard, my canvass, incidents, registry, review) answer 200.
    let answered = 0;
    for (const route of reads) {
      const res = await respond(route, { authorization: `Bearer ${tokens.admin}` });
      if (res.ok) answered++;
      const cacheControl = res.headers.get("cache-control") ?? "(none)";
      expect([`${route.routePath} ${res.status}`, cacheControl]).toEqual([`${route.routePath} ${res.status}`, expect.stringMatching(/no-store|private/)]);
      await res.body?.cancel();
    }
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it("refuses a cookie-authenticated write from another origin, or with no Origin at all (CSRF)", async () => {
    const writes = staffRoutes.filter((r) => !["GET", "HEAD", "OPTIONS"].includes(r.method));
    expect(writes.length).toBeGreaterThan(5);
    for (const route of writes) {
      const label = `${route.method} ${route.routePath}`;
      const cookie = cookies.admin;
      expect([label, await call(route, { cookie, origin: "https://evil.example" })]).toEqual([label, 403]);
      expect([label, await call(route, { cookie, origin: "null" })]).toEqual([label, 403]);
      expect([label, await call(route, { cookie })]).toEqual([label, 403]);
      expect([label, await call(route, { cookie, "sec-fetch-site": "cross-site" })]).toEqual([label, 403]);
      // The same request from the app's own page, or with an API token (sent on purpose), gets past the check.
      expect([label, [401, 403].includes(await call(route, { cookie, origin: publicOrigin() }))]).toEqual([label, false]);
      expect([label, [401, 403].includes(await call(route, { cookie, "sec-fetch-site": "same-origin" }))]).toEqual([label, false]);
      expect([label, [401, 403].includes(await call(route, { authorization: `Bearer ${tokens.admin}`, origin: "https://evil.example" }))]).toEqual([label, false]);
    }
    // Reads are not writes: a cross-origin GET with the cookie is answered (the browser keeps the answer from the other site).
    const read = staffRoutes.find((r) => r.routePath === "/api/admin/audit/export")!;
    expect(await call(read, { cookie: cookies.admin, origin: "https://evil.example" })).toBe(200);
  });

  it("refuses a disabled user's session and token at the next request", async () => {
    const route = staffRoutes.find((r) => r.routePath === "/api/admin/audit/export")!;
    const admin = await createStaff(t.db, { role: "admin", mfa: true });
    const token = admin.token;
    const cookie = await sessionCookieFor(admin, authSecret());
    expect(await call(route, { cookie })).toBe(200);
    expect(await call(route, { authorization: `Bearer ${token}` })).toBe(200);
    expect((await setUserDisabled(operatorContext(t.db, "test"), { userId: admin.id, disabled: true })).ok).toBe(true);
    expect(await call(route, { cookie })).toBe(401);
    expect(await call(route, { authorization: `Bearer ${token}` })).toBe(401);
  });

  it("refuses an idle session cookie", async () => {
    const route = staffRoutes.find((r) => r.routePath === "/api/admin/audit/export")!;
    const now = Date.now();
    const idle = await sessionCookieFor(users.admin, authSecret(), { lastSeenMs: now - 31 * 60_000, authTimeMs: now - 40 * 60_000 });
    expect(await call(route, { cookie: idle })).toBe(401);
    const old = await sessionCookieFor(users.admin, authSecret(), { lastSeenMs: now, authTimeMs: now - 13 * 3_600_000 });
    expect(await call(route, { cookie: old })).toBe(401);
  });

  it("checks the role on every staff page", () => {
    const missing = staffPageFiles.filter((f) => !/requireStaffPage\(\s*["'](detective|supervisor|admin)["']/.test(fs.readFileSync(f, "utf8")));
    expect(missing.map((f) => path.relative(APP_DIR, f))).toEqual([]);
  });

  it("checks the role in every exported server action of the staff area", () => {
    const unchecked: string[] = [];
    for (const file of staffActionFiles) {
      const source = fs.readFileSync(file, "utf8");
      const parts = source.split(/\nexport async function /).slice(1);
      for (const part of parts) {
        const name = part.slice(0, part.indexOf("("));
        // requireStaffAction: the role check plus the Origin check for a write that rides on the cookie.
        if (!/requireStaffAction\(\s*["'](detective|supervisor|admin)["']/.test(part)) unchecked.push(`${path.relative(APP_DIR, file)}: ${name}`);
      }
    }
    expect(unchecked).toEqual([]);
  });
});
