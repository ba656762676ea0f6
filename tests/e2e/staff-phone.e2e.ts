/**
 * Finding one's way, as staff use it: sign-in lands each role on its start
 * page; on a phone the header stays one row with the links behind Menu;
 * unknown pages are in the agency's layout (staff, and residents in English
 * and Spanish); a canvass stop on a phone has tap-to-call numbers, a
 * directions link and 44 px controls. Screenshots: test-results/screenshots/phone-*.png.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DESKTOP, PHONE, horizontalOverflow, launchBrowser, screenshot, screenshotElement } from "./support/browser";
import { demoUser, submitSignIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Sign in from the header's link (no destination asked for) and wait to leave /signin. */
async function signInFromHeader(page: Page, role: "detective" | "supervisor") {
  const user = demoUser(role);
  await page.goto(`${inject("baseUrl")}/signin`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin") && url.pathname !== "/start", { timeout: 60_000 });
}

describe("finding your way", () => {
  it("lands a supervisor on the dashboard after sign-in", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInFromHeader(page, "supervisor");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    // The logo leads staff to their start page too, not to the residents' home.
    await page.getByRole("link", { name: /^Sightline/ }).click();
    await page.waitForURL("**/dashboard");
    await context.close();
  });

  it("lands a detective on My canvass or the map, with a one-row header and a Menu on a phone", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInFromHeader(page, "detective");
    const mine = (await (await page.request.get(`${inject("baseUrl")}/api/canvass/mine`)).json()) as { items: unknown[] };
    expect(new URL(page.url()).pathname).toBe(mine.items.length > 0 ? "/my-canvass" : "/map");

    const header = page.getByTestId("site-header");
    const height = (await header.boundingBox())!.height;
    expect(height).toBeLessThanOrEqual(72);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "phone-detective-start");
    const menu = page.getByTestId("staff-menu");
    const summary = menu.locator("summary");
    expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await summary.click();
    const myCanvass = menu.getByRole("link", { name: "My canvass" });
    expect((await myCanvass.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, "phone-detective-menu");
    await myCanvass.click();
    await page.waitForURL("**/my-canvass");
    await context.close();
  });

  it("shows unknown pages in the agency's layout: staff get their way back", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await submitSignIn(page, demoUser("detective").email, demoUser("detective").password, "/map");
    await page.waitForURL("**/map");
    const res = await page.goto(`${inject("baseUrl")}/no-such-page`);
    expect(res!.status()).toBe(404);
    await page.getByTestId("staff-not-found").waitFor();
    await page.getByTestId("site-header").waitFor();
    expect(await page.getByTestId("staff-not-found").getByRole("link", { name: "Your start page" }).getAttribute("href")).toBe("/start");
    await screenshot(page, "phone-staff-not-found");
    // An unknown incident id is the same page, not Next.js's bare 404.
    await page.goto(`${inject("baseUrl")}/incidents/00000000-0000-4000-8000-000000000000/canvass`);
    await page.getByTestId("staff-not-found").waitFor();
    await context.close();
  });

  it("shows residents the not-found page in their language", async () => {
    for (const [locale, title, tabTitle, navigation] of [
      ["en", "We could not find that page", "Westchester Police Department camera registry", "Main"],
      ["es", "No encontramos esa página", "Registro de cámaras de Westchester Police Department", "Principal"],
    ] as const) {
      const context = await browser.newContext(PHONE);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: inject("baseUrl") }]);
      const page = await context.newPage();
      const res = await page.goto(`${inject("baseUrl")}/manage-my-cameras`);
      expect(res!.status()).toBe(404);
      expect(await page.getByTestId("public-not-found").getByRole("heading").textContent()).toBe(title);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      // The tab's title and the header's navigation landmark speak the resident's language too.
      expect(await page.title()).toBe(tabTitle);
      expect(await page.getByTestId("site-header").getByRole("navigation", { name: navigation, exact: true }).count()).toBe(1);
      await page.getByTestId("site-header").waitFor();
      await screenshot(page, `phone-public-not-found-${locale}`);
      await context.close();
    }
  });

  it("gives a detective on a phone tap-to-call numbers, directions and 44 px controls at each stop", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await submitSignIn(page, demoUser("detective").email, demoUser("detective").password, "/incidents");
    await page.waitForURL("**/incidents");
    const res = await page.request.post(`${inject("baseUrl")}/api/incidents`, {
      headers: { origin: inject("baseUrl") },
      data: { caseNumber: "E2E-PHONE", lat: 41.8674, lng: -87.878, radiusM: 300, occurredAt: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`${inject("baseUrl")}/incidents/${id}/canvass`);
    const stop = page.getByTestId("canvass-entry").first();
    await stop.waitFor();
    const tel = stop.getByTestId("tel-link").first();
    expect(await tel.getAttribute("href")).toMatch(/^tel:\+?\d{10,11}$/);
    const directions = stop.getByTestId("directions-link");
    expect(await directions.getAttribute("href")).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=41\.\d{6}&mlon=-87\.\d{6}/);
    const controls = stop.locator("form select, form input, form button, a[data-testid]");
    const count = await controls.count();
    expect(count).toBeGreaterThan(4);
    const short: string[] = [];
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      if (!(await control.isVisible())) continue;
      const box = (await control.boundingBox())!;
      if (box.height < 44) short.push(`${await control.evaluate((el) => el.outerHTML.slice(0, 80))}: ${box.height}px`);
    }
    expect(short).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshotElement(stop, "phone-canvass-stop");
    await context.close();
  });
});
