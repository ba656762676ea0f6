/**
 * The registry and the review queue as a supervisor works them on a laptop:
 * search and page the registry, show one contact (logged), enter a
 * registration for a caller on the phone, correct it, and, once its owner
 * withdrew it, find it in the review queue in plain words with no one-click
 * Activate. Screenshots in test-results/screenshots/registry-*.png.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { formatStreet } from "../../lib/geocode/parse";
import { generateDemoDataset } from "../../lib/demo/westchester/generate";
import { DESKTOP, launchBrowser, screenshot, screenshotElement } from "./support/browser";
import { signIn } from "./support/sign-in";

/** A demo building with an address point that nobody registered: the caller's address. */
function unregisteredDemoAddress(): string {
  const { houses, registrations } = generateDemoDataset();
  const taken = new Set(registrations.map((r) => r.house.index));
  const house = houses.find((h) => !taken.has(h.index) && h.addressPoint && !h.cornerOf && !h.business)!;
  const street = formatStreet({ ...house.street, postDir: null })
    .toLowerCase()
    .replace(/\b[a-z]/g, (c) => c.toUpperCase());
  return `${house.number} ${street}`;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
const line1 = unregisteredDemoAddress();
let registrationPath = "";
let ownerToken = "";

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext(DESKTOP);
  page = await context.newPage();
  await signIn(page, "supervisor", "/registry");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("registry and review queue, supervisor on a laptop", () => {
  it("searches and pages the registry; contacts only on request", async () => {
    await page.getByRole("heading", { name: "Registry", level: 1 }).waitFor();
    const count = await page.getByTestId("registry-count").textContent();
    expect(count).toMatch(/^1–25 of \d+ registrations$/);
    const total = Number(/of (\d+)/.exec(count!)![1]);
    expect(total).toBeGreaterThan(25);
    expect(await page.getByTestId("registry-row").count()).toBe(25);
    // No contact on the page until asked for.
    expect(await page.getByRole("definition").filter({ hasText: "@" }).count()).toBe(0);
    await screenshot(page, "registry-list-laptop");

    await page.getByRole("navigation", { name: "Registry pages" }).getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/page=2/);
    expect(await page.getByTestId("registry-count").textContent()).toMatch(/^26–/);

    // Search by the street of the first row on page 2: every row shown has that street.
    const address = (await page.getByTestId("registry-row").first().locator("td").first().locator("a").textContent())!;
    const words = address.split(",")[0].split(" ");
    await page.getByLabel("Address").fill(words.slice(0, 3).join(" "));
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/status=active/);
    const rows = page.getByTestId("registry-row");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.locator("td:first-child a").allTextContents()) expect(text.toLowerCase()).toContain(words[2].toLowerCase());
    for (const text of await rows.locator("td:nth-child(2)").allTextContents()) expect(text).toMatch(/^Active/);

    await rows.first().getByRole("button", { name: "Show contact" }).click();
    await rows.first().getByRole("definition").filter({ hasText: "@" }).first().waitFor();
    await screenshot(page, "registry-search-contact-laptop");
  });

  it("enters a registration for a caller, geocoded and active", async () => {
    await page.goto(`${inject("baseUrl")}/registry`);
    await page.getByRole("link", { name: "Register cameras for a caller" }).click();
    await page.getByRole("heading", { name: "Register cameras for a caller" }).waitFor();
    // Sending it empty: field errors, nothing saved.
    await page.getByRole("button", { name: "Register my cameras" }).click();
    await page.getByRole("alert", { name: "There is a problem" }).waitFor();
    await page.getByLabel("My system includes exterior-facing security cameras").check();
    await page.getByLabel("My system records and keeps (retains) video").check();
    // The caller speaks Spanish: their e-mails go in Spanish, and the terms to read out are the Spanish ones.
    const termsBefore = await page.locator("#terms-text").textContent();
    await page.getByLabel("Caller's language").selectOption("es");
    await expect.poll(async () => page.locator("#terms-text").textContent()).not.toBe(termsBefore);
    await screenshotElement(page.getByTestId("caller-language").locator("xpath=.."), "registry-caller-language");
    await screenshotElement(page.locator("#terms-text"), "registry-caller-terms-es");
    await page.locator("#f-owner-name").fill("Caller Onthephone");
    await page.locator("#f-owner-phone").fill("708 555 0142");
    await page.locator("#f-owner-email").fill("caller.e2e@example.com");
    await page.locator("#f-address-line1").fill(line1);
    await page.locator("#f-address-zip").fill("60154");
    await page.locator("#f-cameras-0-position").selectOption("front");
    await page.getByRole("button", { name: "Faces east", exact: true }).click();
    await page.locator("#f-cameras-0-recordsStreet").getByLabel("Yes").check();
    await page.locator("#f-recordingMode").getByLabel("All the time (continuous, 24/7)").check();
    await page.locator("#f-playback").getByLabel("Yes, standard file").check();
    await page.locator("#f-retentionDays").fill("30");
    await page.getByLabel(/I have read and agree/).check();
    await page.getByRole("button", { name: "Register my cameras" }).click();
    const created = page.getByTestId("staff-created");
    await created.waitFor();
    expect(await created.textContent()).toContain("Active (detectives find it)");
    expect(await created.textContent()).toContain("matched to the address point");
    ownerToken = (await page.getByTestId("owner-link").textContent())!.split("/manage/")[1];
    expect(ownerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "registry-created-laptop");
    await created.getByRole("link", { name: "Open the registration" }).click();
    await page.waitForURL(/\/registry\/[0-9a-f-]{36}$/);
    registrationPath = new URL(page.url()).pathname;
    expect(await page.getByTestId("registration-status").textContent()).toContain("Active");
    expect(await page.getByTestId("registration-language").textContent()).toMatch(/^Spanish/);
    await screenshot(page, "registry-caller-spanish-laptop");
  });

  it("corrects the registration and says what changed", async () => {
    await page.locator("#f-retentionDays").fill("14");
    await page.locator("#f-owner-phone").fill("708-555-0143");
    await page.getByRole("button", { name: "Save changes" }).click();
    const result = page.getByTestId("staff-edit-result");
    await result.getByText(/^Saved\./).waitFor();
    expect(await result.textContent()).toBe("Saved. Changed: owner's phone, days footage is kept.");
    await screenshot(page, "registry-edited-laptop");
    // A staff correction (made on an English page) leaves the owner's language alone.
    await page.reload();
    expect(await page.getByTestId("registration-language").textContent()).toMatch(/^Spanish/);
    // The caller later asks for English: set here, recorded as a change.
    await page.getByTestId("owner-language").selectOption("en");
    await page.getByRole("button", { name: "Save changes" }).click();
    await result.getByText("Saved. Changed: owner's language.").waitFor();
    await expect.poll(async () => page.getByTestId("registration-language").textContent(), { timeout: 30_000 }).toMatch(/^English/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "test-results/screenshots/registry-owner-language-laptop.png" });
  });

  it("lists it in the review queue in words, and offers no Activate once the owner withdrew it", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/manage/${ownerToken}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ change: "no_longer_using" }),
    });
    expect(res.status).toBe(200);
    await page.goto(`${inject("baseUrl")}/review?pageSize=100`);
    await page.getByTestId("review-help").getByText("What Verify, Activate, Fix pin and Reject do").click();
    expect(await page.getByTestId("review-help").textContent()).toContain("without the verified mark");
    const item = page.getByTestId("review-item").filter({ hasText: line1 });
    await item.waitFor();
    expect(await item.getByTestId("review-status").textContent()).toBe("Withdrawn by the owner");
    expect(await item.getByRole("button", { name: "Activate" }).count()).toBe(0);
    expect(await item.getByRole("button", { name: "Verify" }).count()).toBe(0);
    await item.getByTestId("closed-by-owner").waitFor();
    // No raw codes anywhere in the queue.
    const text = (await page.locator("main").textContent())!;
    expect(text).not.toMatch(/pending_review|address_point|public_form/);
    await screenshotElement(item, "registry-review-withdrawn-laptop");
    await screenshot(page, "review-queue-laptop");

    // The registration page says it is closed and offers no edit.
    await page.goto(`${inject("baseUrl")}${registrationPath}`);
    await page.getByTestId("closed-note").waitFor();
  });

  it("shows the dashboard's stale count on the review queue", async () => {
    await page.goto(`${inject("baseUrl")}/dashboard`);
    const stale = await page.getByText(/^Stale \(not confirmed in \d+ months\)$/).locator("xpath=following-sibling::dd").textContent();
    await page.goto(`${inject("baseUrl")}/review`);
    expect(await page.locator("#stale-title").textContent()).toContain(`(${stale})`);
  });
});
