import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { DESKTOP, PHONE, horizontalOverflow, launchBrowser, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("smoke", () => {
  it("serves the home page with the agency's name and a way to register", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const response = await page.goto(inject("baseUrl"));
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toContain("Westchester Police Department");
    expect(await page.getByRole("link", { name: "Register your cameras" }).count()).toBe(1);
    const file = await screenshot(page, "home-desktop");
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  });

  it("is readable on a phone without horizontal scrolling", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(inject("baseUrl"));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "home-phone");
    await context.close();
  });

  it("answers /api/health to anyone with the status only (versions are for staff)", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/health`);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
