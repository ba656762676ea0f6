/**
 * Hostile headers against the built app (`next start`): the client address
 * in the audit trail is the socket's, links come from the configured base
 * URL, and the security headers hold (issue 13).
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { validRegistration } from "../support/registration-factory";
import { DESKTOP, launchBrowser } from "./support/browser";
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
