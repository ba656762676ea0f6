/**
 * The map's background layers load once, early: the page preloads their first
 * answers (components/map/first-view-box.ts) and the map must ask for exactly
 * those URLs, or the browser fetches everything twice. Nothing else would
 * notice if the two sides drifted apart, only the map would get slower.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { DESKTOP, PHONE, launchBrowser, screenshot } from "./support/browser";
import { signIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("map layers", () => {
  it("uses the page's preloaded first answers: one request per layer", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "detective", "/incidents");
    const requested: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/map/")) requested.push(new URL(r.url()).pathname + new URL(r.url()).search);
    });
    const sitesAnswer = page.waitForResponse((r) => r.url().includes("/api/map/sites"));
    await page.goto(`${inject("baseUrl")}/map`);
    const answer = await sitesAnswer;
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as { scale: number; coords: number[]; truncated: boolean };
    expect(body.coords.length).toBeGreaterThan(0);
    await page.waitForSelector(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas", { timeout: 30_000 });
    // Let the map settle: a second request would come after its first moveend.
    await page.waitForTimeout(1500);
    const preloaded = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map((l) => new URL(l.href).pathname + new URL(l.href).search),
    );
    expect(preloaded.filter((u) => u.startsWith("/api/map/")).sort()).toEqual(requested.sort());
    expect(requested.filter((u) => u.startsWith("/api/map/sites"))).toHaveLength(1);
    expect(requested.filter((u) => u.startsWith("/api/map/streets"))).toHaveLength(1);
    await context.close();
  });

  it("names the vector streets, upright and apart, so the map reads without tiles (laptop and phone)", async () => {
    for (const [device, options] of [["laptop", DESKTOP], ["phone", PHONE]] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      // Centred on 10300 W Roosevelt Rd, at the corner of S Derby Ave.
      await signIn(page, "detective", "/map?center=41.8675,-87.8778&zoom=17");
      const labels = page.locator(".leaflet-container .street-label");
      await labels.first().waitFor({ timeout: 30_000 });
      const names = await labels.allTextContents();
      expect(names, device).toContain("W Roosevelt Rd");
      expect(names, device).toContain("S Derby Ave");
      // Written as people write them, not as the centerline file stores them (W ROOSEVELT RD).
      expect(names.every((n) => n !== n.toUpperCase()), device).toBe(true);
      const boxes = await labels.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
      const map = (await page.locator(".leaflet-container").boundingBox())!;
      for (const b of boxes) {
        expect(b.x >= map.x - 1 && b.y >= map.y - 1 && b.x + b.w <= map.x + map.width + 1 && b.y + b.h <= map.y + map.height + 1, device).toBe(true);
      }
      // Zoomed out, more streets come into view and are named.
      await page.locator(".leaflet-control-zoom-out").click();
      await expect.poll(async () => (await labels.allTextContents()).length, { timeout: 20_000 }).toBeGreaterThan(names.length);
      await screenshot(page, `map-street-names-${device}`);
      await context.close();
    }
  });
});
