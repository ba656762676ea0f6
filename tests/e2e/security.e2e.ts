/**
 * Hostile headers against the built app (`next start`): the client address
 * in the audit trail is the socket's, links come from the configured base
 * URL, and the security headers hold (issue 13).
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { validRegistration } from "../support/factories/registration-payload";
import type { BrowserContext } from "playwright-core";
import { DESKTOP, launchBrowser, screenshot } from "./support/browser";
import { signIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("hostile request headers", () => {
  it("audits the socket address, not X-Forwarded-For, and builds the manage link from the configured base URL", async () => {
    const base = inject("baseUrl");
    const res = await fetch(`${base}/api/registrations`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": '=HYPERLINK("http://evil"), 203.0.113.66',
        "x-real-ip": "203.0.113.67",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        host: "evil.example",
      },
      body: JSON.stringify(
        validRegistration({
          owner: { name: "Hostile Headers", phone: "708-555-0134", email: "hostile.headers.e2e@example.com" },
          address: { line1: "9 Hostile Header Way", city: "Westchester", state: "IL", zip: "60154" },
        }),
      ),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(String(body.manageUrl).startsWith(`${base}/manage/`)).toBe(true);

    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "admin", "/admin/audit");
    const csv = await (await page.request.get(`${base}/api/admin/audit/export?action=registration.created&targetId=${body.id}`)).text();
    const rows = parse(csv, { columns: true }) as { ip: string; target_id: string }[];
    expect(rows.map((r) => [r.target_id, r.ip])).toEqual([[body.id, "127.0.0.1"]]);
    await context.close();
  });
});

/** Every CSP violation the page reports (the browser also blocks what it reports). */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction("__reportCsp", (v: string) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

describe("the sign-in form before its script runs", () => {
  it("never sends the password in the URL (the form posts)", async () => {
    const base = inject("baseUrl");
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const sent: { method: string; url: string }[] = [];
      page.on("request", (r) => sent.push({ method: r.method(), url: r.url() }));
      await page.goto(`${base}/signin`);
      await page.getByLabel("E-mail").fill("someone@example.test");
      await page.getByLabel("Password").fill("not-in-the-url-4711");
      await Promise.all([page.waitForEvent("requestfinished", { predicate: (r) => r.method() === "POST" }), page.getByRole("button", { name: "Sign in" }).click()]);
      expect(sent.filter((r) => r.method === "POST").length).toBeGreaterThan(0);
      expect(sent.map((r) => r.url).join(" ")).not.toContain("not-in-the-url-4711");
    } finally {
      await context.close();
    }
  });
});

describe("security headers and the Content-Security-Policy", () => {
  it("every page has a nonce CSP allowing the tile server, nosniff, same-origin referrers; the private link page sends none", async () => {
    const base = inject("baseUrl");
    const home = await fetch(base);
    const csp = home.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/img-src [^;]*https:\/\/tile\.openstreetmap\.org/);
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("referrer-policy")).toBe("same-origin");
    expect(home.headers.get("x-frame-options")).toBe("DENY");
    // Served over http here: no HSTS (it is sent when NEXTAUTH_URL is https).
    expect(home.headers.get("strict-transport-security")).toBeNull();
    // A new nonce on every answer, and it is the one on the page's scripts.
    const again = await fetch(base);
    const nonce = (v: string) => /'nonce-([^']+)'/.exec(v)?.[1];
    expect(nonce(again.headers.get("content-security-policy") ?? "")).not.toBe(nonce(csp));
    const html = await again.text();
    expect(html).toContain(`nonce="${nonce(again.headers.get("content-security-policy") ?? "")}"`);
    const manage = await fetch(`${base}/manage/${"A".repeat(43)}`);
    expect(manage.headers.get("referrer-policy")).toBe("no-referrer");
    const api = await fetch(`${base}/api/health`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("an /api path no route claims answers the API's JSON 404 with the fixed headers, not the HTML not-found page", async () => {
    const base = inject("baseUrl");
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${base}/api/no-such-route/x`, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ error: "no such API route", code: "not_found" });
    }
  });

  it("next-auth's own sign-out page gets a script-free CSP, renders under it and signs out", async () => {
    const base = inject("baseUrl");
    const answer = await fetch(`${base}/api/auth/signout`);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = answer.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("script-src");
    const context = await browser.newContext(DESKTOP);
    try {
      const violations = await watchCsp(context);
      const page = await context.newPage();
      await signIn(page, "detective", "/map");
      await page.goto(`${base}/api/auth/signout`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/api/auth/signout"));
      const session = await (await page.request.get(`${base}/api/auth/session`)).json();
      expect(session).toEqual({});
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the registration form, the sign-in form and the Leaflet map work under it, with no violation reported", async () => {
    const base = inject("baseUrl");
    const context = await browser.newContext(DESKTOP);
    const violations = await watchCsp(context);
    const page = await context.newPage();
    await page.goto(`${base}/register`);
    // Hydrated (React's scripts ran under the nonce): the client-side validation answers on submit.
    await page.getByRole("button", { name: /register|send|submit/i }).last().click();
    await page.getByRole("alert").first().waitFor({ timeout: 30_000 });
    await signIn(page, "detective", "/map");
    await page.waitForSelector(".leaflet-container", { timeout: 30_000 });
    await page.waitForSelector(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas", { timeout: 30_000 });
    await screenshot(page, "map-under-csp");
    // Tiles cannot load here (no network), but they are not refused by the policy either.
    expect(violations).toEqual([]);
    await context.close();
  });
});
