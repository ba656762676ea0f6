/**
 * Two `next start` instances of the built app on one PostgreSQL database,
 * behind Debian's nginx (round-robin), behave as one app: the registration
 * limit counts across both, a session or API token issued through one works on
 * the other and a sign-out on one ends it on both, and the map's site layer on
 * each instance sees the registrations made through the other at its next request.
 *
 * Runs in the server-database pass of `npm test` (DATABASE_URL set: CI's second
 * pass), on a scratch database made on that server. Needs the build (CI builds
 * before the tests) and nginx (scripts/ci/install-system-packages.sh installs
 * it); skips and says why when any of the three is missing.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";
import { prepareLoadTestDatabase, type LoadTestDatabase } from "../../scripts/loadtest/scratch";
import { freePort, hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { nginxBinary, startNginxProxy, waitForLogged, type RunningProxy } from "../../scripts/support/nginx-proxy";
import { registrationPayload } from "../../scripts/support/registration-payloads";

const SERVER_URL = process.env.DATABASE_URL;
const REGISTRATIONS_PER_HOUR = 4;

async function serverReachable(): Promise<boolean> {
  if (!SERVER_URL) return false;
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const postgis = await client.query("select 1 from pg_available_extensions where name = 'postgis'");
    return postgis.rowCount === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const missing = [
  !hasBuild() && "no build (run `npm run build`)",
  !nginxBinary() && "nginx is not installed (scripts/ci/install-system-packages.sh installs it)",
  !SERVER_URL && "needs a PostgreSQL server (DATABASE_URL; the server pass of the suite sets it)",
  SERVER_URL && !(await serverReachable()) && "the DATABASE_URL server is unreachable or has no PostGIS",
].filter(Boolean);

/** A cookie jar small enough for next-auth's handful of cookies. */
class Cookies {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
}

/** next-auth's credentials flow over plain HTTP, as the sign-in page's form posts it. */
async function signIn(baseUrl: string, email: string, password: string): Promise<Cookies> {
  const cookies = new Cookies();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  cookies.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header(), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/start`, json: "true" }),
  });
  cookies.take(res);
  if (!cookies.has("next-auth.session-token")) throw new Error(`sign-in through ${baseUrl} gave no session (status ${res.status})`);
  return cookies;
}

async function signOut(baseUrl: string, cookies: Cookies): Promise<void> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: cookies.header() } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header(), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, callbackUrl: baseUrl, json: "true" }),
  });
  expect([200, 302]).toContain(res.status);
}

describe.skipIf(missing.length > 0)(`two app instances behind nginx${missing.length ? ` (skipped: ${missing.join("; ")})` : ""}`, { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let database: LoadTestDatabase;
  let apps: RunningApp[] = [];
  let proxy: RunningProxy;
  /** Addresses with no registered site within 50 m, so each new one adds a point to the map (none replaces another). */
  let freshAddresses: LoadTestDatabase["addresses"];
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-two-instances-"));
  const tag = `two-${crypto.randomBytes(3).toString("hex")}`;

  beforeAll(async () => {
    database = await prepareLoadTestDatabase("server", { serverUrl: SERVER_URL });
    const handle = await database.open();
    try {
      const rows = await handle.db.execute(sql`
        select add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, city, state, zip from address_points ap
        where not exists (select 1 from registrations r where r.location is not null and st_dwithin(r.location, ap.location, 50))
        order by add_number, st_name limit ${REGISTRATIONS_PER_HOUR + 1}`);
      freshAddresses = (rows.rows as Record<string, string | number | null>[]).map((p) => ({
        line1: [`${p.add_number}${p.add_num_suf ?? ""}`, p.st_predir, p.st_name, p.st_postyp, p.st_posdir].filter(Boolean).join(" "),
        city: String(p.city ?? ""),
        state: String(p.state ?? "IL"),
        zip: String(p.zip ?? ""),
      }));
    } finally {
      await handle.close();
    }
    expect(freshAddresses).toHaveLength(REGISTRATIONS_PER_HOUR + 1);
    // The proxy's port first: both instances must know the public base URL (links, Origin checks) before they start.
    const proxyPort = await freePort();
    const publicUrl = `http://127.0.0.1:${proxyPort}`;
    const env = {
      ...database.appEnv,
      NEXTAUTH_URL: publicUrl,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      // nginx appends the client's address to X-Forwarded-For: trust exactly that one hop.
      TRUSTED_PROXY_HOPS: "1",
      RATE_LIMIT_STORE: "postgres",
      RATE_LIMIT_REGISTRATIONS_PER_HOUR: String(REGISTRATIONS_PER_HOUR),
      GEOCODER_PROVIDERS: "local",
      SMTP_URL: "",
      // This test is about the proxy, not the second factor (tested in staff-auth and sign-in-hardening).
      MFA_REQUIRED: "false",
      // Every 2 s instead of daily, so the test sees several scheduled times.
      MAINTENANCE_SCHEDULE: "*/2 * * * * *",
    };
    apps = await Promise.all([0, 1].map((i) => startBuiltApp({ env, logFile: path.join(logDir, `app-${i}.log`) })));
    proxy = await startNginxProxy({ upstreams: apps.map((a) => `127.0.0.1:${a.port}`), port: proxyPort });
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(apps.map((a) => a.stop(5000)));
    await database?.drop();
    fs.rmSync(logDir, { recursive: true, force: true });
  }, 60_000);

  it("spreads requests over both instances", async () => {
    for (let i = 0; i < 6; i++) expect((await fetch(`${proxy.baseUrl}/api/health?probe=${i}`)).status).toBe(200);
    const probes = await waitForLogged(proxy.accessLog, (r) => r.uri.startsWith("/api/health?probe="), 6);
    expect(new Set(probes.map((r) => r.upstream))).toEqual(new Set(apps.map((a) => `127.0.0.1:${a.port}`)));
  });

  it("counts the registration limit across both instances, and each instance's map sees the sites the other registered", async () => {
    const { bbox } = database;
    const box = [bbox.minLng - 0.05, bbox.minLat - 0.05, bbox.maxLng + 0.05, bbox.maxLat + 0.05].map((v) => v.toFixed(5)).join(",");
    const sitesOn = async (app: RunningApp) => {
      const res = await fetch(`${app.baseUrl}/api/map/sites?bbox=${box}`, { headers: { authorization: `Bearer ${database.token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { coords: number[]; truncated: boolean };
      expect(body.truncated).toBe(false);
      return body.coords.length / 2;
    };
    // Both instances warm their in-process copy of the site layer first.
    const before = await Promise.all(apps.map(sitesOn));
    expect(before[0]).toBe(before[1]);

    const answers: { status: number; siteStatus?: string }[] = [];
    for (let n = 0; n <= REGISTRATIONS_PER_HOUR; n++) {
      const { body } = registrationPayload(tag, n, freshAddresses[n]);
      const res = await fetch(`${proxy.baseUrl}/api/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: proxy.baseUrl },
        body: JSON.stringify(body),
      });
      answers.push({ status: res.status, siteStatus: ((await res.json()) as { status?: string }).status });
    }
    // Each instance alone saw about half of them: only a count shared through the database refuses the last one.
    expect(answers.map((a) => a.status)).toEqual([...Array(REGISTRATIONS_PER_HOUR).fill(201), 429]);
    const logged = await waitForLogged(proxy.accessLog, (r) => r.method === "POST" && r.uri === "/api/registrations", REGISTRATIONS_PER_HOUR + 1);
    expect(new Set(logged.map((r) => r.upstream)).size).toBe(2);

    const activated = answers.filter((a) => a.siteStatus === "active").length;
    expect(activated).toBeGreaterThan(0);
    expect(await Promise.all(apps.map(sitesOn))).toEqual([before[0] + activated, before[1] + activated]);
  });

  it("honours a session and an API token issued through either instance, and a sign-out on one ends the session on both", async () => {
    const cookies = await signIn(proxy.baseUrl, database.detective.email, database.detective.password);
    for (const app of apps) {
      const res = await fetch(`${app.baseUrl}/api/incidents`, { headers: { cookie: cookies.header() } });
      expect(res.status, `session on ${app.baseUrl}`).toBe(200);
      const byToken = await fetch(`${app.baseUrl}/api/incidents`, { headers: { authorization: `Bearer ${database.token}` } });
      expect(byToken.status, `token on ${app.baseUrl}`).toBe(200);
    }
    const kept = cookies.header();
    await signOut(apps[0].baseUrl, cookies);
    for (const app of apps) {
      const res = await fetch(`${app.baseUrl}/api/incidents`, { headers: { cookie: kept } });
      expect(res.status, `signed-out session on ${app.baseUrl}`).toBe(401);
    }
  });

  it("runs each scheduled maintenance time on exactly one instance", async () => {
    const handle = await database.open();
    try {
      const deadline = Date.now() + 30_000;
      let slots: { slot: string; runs: number }[] = [];
      while (Date.now() < deadline) {
        const result = await handle.db.execute(sql`
          select details->>'slot' as slot, count(*)::int as runs from audit_log
          where action = 'maintenance.run' and details->>'trigger' = 'schedule' group by 1 order by 1`);
        slots = result.rows as { slot: string; runs: number }[];
        if (slots.length >= 3) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(slots.length).toBeGreaterThanOrEqual(3);
      for (const s of slots) expect(s.runs, `maintenance runs for the ${s.slot} slot`).toBe(1);
      const skipped = apps.map((_, i) => fs.readFileSync(path.join(logDir, `app-${i}.log`), "utf8").match(/\[maintenance\] schedule: skipped/g)?.length ?? 0);
      // Both instances tried: each scheduled time, the one that did not run it logged a skip.
      expect(skipped[0] + skipped[1]).toBeGreaterThanOrEqual(slots.length - 1);
    } finally {
      await handle.close();
    }
  });
});
