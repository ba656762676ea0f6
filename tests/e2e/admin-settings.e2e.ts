/**
 * Admin → Settings: the configuration in effect, read-only, as an admin without shell access reads it (on a
 * laptop and a phone), with the maintenance's schedule; never a secret (the generated session key and TOTP key
 * of the e2e app's data directory are not on the page); a supervisor is refused.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { DESKTOP, PHONE, horizontalOverflow, launchBrowser, screenshot } from "./support/browser";
import { signIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("Admin → Settings", () => {
  it("shows the agency, time zone, search cap, retention and proxy in effect, and no secret", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "admin", "/admin");
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    const setting = async (variable: string) => (await page.locator(`[data-testid="setting"][data-variable="${variable}"]`).textContent()) ?? "";
    expect(await setting("AGENCY_NAME")).toContain("Westchester Police Department");
    expect(await setting("AGENCY_TIME_ZONE")).toContain("America/Chicago");
    expect(await setting("MAX_SEARCH_RADIUS_M")).toContain("2000 m");
    expect(await setting("CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL")).toContain("after 90 days");
    expect(await setting("TRUSTED_PROXY_HOPS, TRUSTED_PROXY_NETWORKS")).toContain("X-Forwarded-For is ignored");
    expect(await setting("HTTP_COMPRESSION")).toContain("the app");
    // The e2e app runs with MAINTENANCE_SCHEDULE=off (tests/e2e/support/start-app.ts).
    expect(await page.getByTestId("maintenance-status").textContent()).toContain("Not scheduled in the app");
    const html = await page.content();
    const dataDir = inject("dataDir");
    if (dataDir) {
      for (const file of ["auth-secret", "totp-key"]) {
        const secret = fs.readFileSync(path.join(dataDir, file), "utf8").trim();
        expect(secret.length).toBeGreaterThan(16);
        expect(html, file).not.toContain(secret);
      }
    }
    await screenshot(page, "admin-settings");

    await page.setViewportSize(PHONE.viewport!);
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  it("is the admin's: a supervisor is refused", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "supervisor", "/admin/settings");
    await expect(page.getByRole("heading", { name: "Not allowed" }).count()).resolves.toBe(1);
    expect(await page.content()).not.toContain("AGENCY_TIME_ZONE");
    await context.close();
  });
});
