/**
 * The canvass end to end in Chromium: a supervisor saves an incident and
 * assigns a stop, a detective records an outcome with a clock offset, and the
 * supervisor exports the PDF canvass sheet (rendered to PNG with pdftoppm).
 * Needs the staff sign-in (/signin) and the demo users of the auth work, and
 * POST /api/incidents of the investigation map.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Role } from "../../lib/auth/roles";
import { DESKTOP, PHONE, SCREENSHOT_DIR, horizontalOverflow, launchBrowser, screenshot } from "./support/browser";
import { demoUser, signIn } from "./support/sign-in";

const DETECTIVE_NAME = demoUser("detective").name;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: Role, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, role, path);
  return { context, page };
}

describe("canvass", () => {
  let incidentId: string;

  it("a supervisor saves an incident and assigns a stop to a detective", async () => {
    const { context, page } = await signedIn("supervisor", "/dashboard");
    // A cookie-authenticated write from outside the page must say where it comes from (the Origin check).
    const res = await page.request.post(`${inject("baseUrl")}/api/incidents`, {
      headers: { origin: inject("baseUrl") },
      data: { caseNumber: "E2E-7", lat: 41.8674, lng: -87.878, radiusM: 500, occurredAt: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    incidentId = (await res.json()).id;
    await page.goto(`${inject("baseUrl")}/incidents/${incidentId}/canvass`);
    const first = page.getByTestId("canvass-entry").first();
    await first.waitFor();
    expect(await page.getByTestId("canvass-entry").count()).toBeGreaterThan(0);
    const detectiveOption = (await first.locator('select[name="assignedTo"] option').allTextContents()).find((t) => t.includes(DETECTIVE_NAME));
    expect(detectiveOption).toBeDefined();
    // Listen before choosing, so a fast answer is not missed.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/canvass-entries/") && r.request().method() === "PATCH"),
      first.locator('select[name="assignedTo"]').selectOption({ label: detectiveOption! }),
    ]);
    await expect.poll(async () => (await page.getByTestId("canvass-entry").first().locator('select[name="assignedTo"] option:checked').textContent()) ?? "").toContain(DETECTIVE_NAME);
    await screenshot(page, "canvass-supervisor");
    await context.close();
  });

  it("the detective sees it in My canvass and records an outcome with a clock offset", async () => {
    const { context, page } = await signedIn("detective", "/my-canvass");
    const item = page.getByTestId("my-canvass-item").first();
    await item.waitFor();
    await item.getByRole("link").click();
    await page.waitForURL(`**/incidents/${incidentId}/canvass`);
    const entry = page.getByTestId("canvass-entry").first();
    await entry.locator('select[name="outcome"]').selectOption("footage_collected");
    // An offset the server cannot read: refused beside the field, which is marked invalid and gets the focus back
    // (the Save button is disabled while saving, so focus would otherwise fall to the page).
    const offset = entry.locator('input[name="clockOffset"]');
    await offset.fill("about five minutes");
    await entry.getByRole("button", { name: "Save" }).click();
    await entry.getByRole("alert").filter({ hasText: "not an offset" }).waitFor();
    await expect.poll(() => offset.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name") ?? null)).toBe("clockOffset");
    await entry.locator('input[name="clockOffset"]').fill("+3 min 12 s");
    await expect.poll(async () => entry.getByTestId("recorder-time").textContent()).toMatch(/^Look at /);
    await entry.getByRole("button", { name: "Save" }).click();
    await entry.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await page.reload();
    const saved = page.getByTestId("canvass-entry").first();
    expect(await saved.locator('input[name="clockOffset"]').inputValue()).toBe("+3 min 12 s");
    expect(await saved.locator('select[name="outcome"]').inputValue()).toBe("footage_collected");
    // Detectives cannot export by default.
    const denied = await page.request.get(`${inject("baseUrl")}/api/incidents/${incidentId}/canvass?format=pdf`);
    expect(denied.status()).toBe(403);
    await screenshot(page, "canvass-detective");
    await context.close();
  });

  it("fits the detective's canvass pages on a phone without sideways scrolling", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, "detective", "/my-canvass");
    await page.getByTestId("my-canvass-item").first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "my-canvass-phone");
    for (const path of ["/incidents", `/incidents/${incidentId}`, `/incidents/${incidentId}/canvass`]) {
      await page.goto(`${inject("baseUrl")}${path}`);
      await page.locator("main h1").first().waitFor();
      expect([path, await horizontalOverflow(page)]).toEqual([path, 0]);
    }
    await screenshot(page, "canvass-detective-phone");
    await context.close();
  });

  it("the supervisor exports the PDF canvass sheet", async () => {
    const { context, page } = await signedIn("supervisor", `/incidents/${incidentId}/canvass`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF canvass sheet" }).click()]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "canvass-e2e-"));
    const file = path.join(dir, "sheet.pdf");
    await download.saveAs(file);
    // In content-stream order, whitespace collapsed: a long address wraps inside its table cell
    // ("10300 W Roosevelt Rd Unit" / "Suite 9"), which -layout would interleave with the next column.
    const words = (s: string) => s.replace(/\s+/g, " ").trim();
    const text = words(execFileSync("pdftotext", ["-raw", file, "-"]).toString());
    expect(text).toContain("E2E-7");
    const addresses = await page.getByTestId("canvass-entry").locator("p.font-semibold").allTextContents();
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(text).toContain(words(address));
    // The stop the detective worked: its current outcome ticked, the offset in words, the assignee.
    expect(text).toContain("\u2611 Footage collected");
    expect(text).toContain("3 min 12 s ahead");
    expect(text).toContain(`Assigned to: ${DETECTIVE_NAME}`);
    // The recorder time to look at, to the second.
    expect(text).toMatch(/On the recorder look at .*\d{2}:\d{2}:\d{2}/);
    execFileSync("pdftoppm", ["-png", "-r", "100", file, path.join(dir, "page")]);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".png")).sort();
    pages.forEach((p, i) => fs.copyFileSync(path.join(dir, p), path.join(SCREENSHOT_DIR, `canvass-sheet-pdf-page-${i + 1}.png`)));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    fs.rmSync(dir, { recursive: true, force: true });
    await context.close();
  });
});
