/**
 * The detective's path through the investigation map in Chromium: sign in,
 * drop a pin, set a time, read the ranked results and their view cones, open
 * a contact (and find it in the audit trail), save the incident.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { isoToAgencyLocal } from "../../lib/time/agency-time";
import { DESKTOP, launchBrowser, screenshot } from "./support/browser";
import { demoSpotSeenByACamera } from "./support/demo-spot";
import { demoUser, signIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// A spot a demo camera is known to see (derived from the seeded generator, see support/demo-spot.ts).
const SPOT = demoSpotSeenByACamera();

describe("investigation map", () => {
  it("takes a detective from a pin and a time to ranked cameras, an audited contact and a saved incident", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const mapPath = `/map?center=${SPOT.lat.toFixed(6)},${SPOT.lng.toFixed(6)}&zoom=18`;
    await signIn(page, "detective", mapPath);
    await page.waitForSelector(".leaflet-container", { timeout: 60_000 });
    // The street centerlines are drawn as vectors (no tiles load here).
    await page.waitForFunction(() => document.querySelectorAll(".leaflet-container canvas, .leaflet-overlay-pane path").length > 0, null, { timeout: 30_000 });

    // Drop the pin in the middle of the map (the map is centred on the spot; at zoom 18 a pixel is under half a metre).
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const pinText = (await page.getByText(/^Pin at /).textContent()) ?? "";
    const [pinLat, pinLng] = (pinText.match(/-?\d+\.\d+/g) ?? []).map(Number);
    expect(Math.abs(pinLat - SPOT.lat)).toBeLessThan(0.00002);
    expect(Math.abs(pinLng - SPOT.lng)).toBeLessThan(0.00002);

    // Yesterday at noon, agency time.
    const yesterday = isoToAgencyLocal(new Date(Date.now() - 86_400_000).toISOString(), "America/Chicago");
    await page.getByLabel("Date").fill(yesterday.date);
    await page.getByLabel(/^Time/).fill("12:00");
    await page.getByRole("button", { name: "250 m" }).click();
    await page.getByRole("button", { name: "Find cameras" }).click();

    const results = page.locator('ol[aria-label="Ranked results"] > li');
    await results.first().waitFor({ timeout: 60_000 });
    const count = await results.count();
    expect(count).toBeGreaterThan(1);
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/registered sites? in range/);
    // The cameras' view cones are on the map, the ones that see the pin marked as such.
    await page.waitForSelector("path.view-cone", { timeout: 10_000 });
    expect(await page.locator("path.view-cone.sees").count()).toBeGreaterThan(0);
    // Ranked: anything that sees the spot comes before anything that does not …
    const sees = await results.evaluateAll((items) => items.map((li) => /Sees the spot/.test(li.textContent ?? "")));
    expect(sees).toEqual([...sees].sort((a, b) => Number(b) - Number(a)));
    expect(sees[0]).toBe(true);
    // The legend says which numbering this is and counts each badge as the list shows it.
    const legend = page.getByTestId("results-legend");
    await expect(legend.textContent()).resolves.toContain(`${count} sites, numbered by rank`);
    expect(await results.locator('[data-testid="site-number"]').allTextContents()).toEqual(Array.from({ length: count }, (_, i) => `#${i + 1}`));
    await expect(legend.getByRole("listitem").filter({ hasText: "Sees the spot" }).textContent()).resolves.toBe(`Sees the spot ${sees.filter(Boolean).length}`);
    // … and the site whose camera the spot was taken from is among those, with its distance.
    const known = page.locator(`ol[aria-label="Ranked results"] > li[data-registration-id="${SPOT.registrationId}"]`);
    await expect(known.textContent()).resolves.toContain("Sees the spot");
    await expect(known.textContent()).resolves.toMatch(/\d+ m/);
    const knownRank = (await results.evaluateAll((items) => items.map((li) => li.getAttribute("data-registration-id")))).indexOf(SPOT.registrationId);
    expect(sees[knownRank]).toBe(true);

    // Selecting that result highlights its marker on the map.
    await known.getByRole("button").first().click();
    await page.waitForSelector(`.result-marker.selected[data-registration-id="${SPOT.registrationId}"]`);
    await screenshot(page, "investigation-map-results");

    // "Show contact" reveals the owner's contact (the demo's synthetic owner), and it is in the audit trail.
    await known.getByRole("button", { name: "Show contact" }).click();
    const contact = known.locator('dl[aria-label="Contact"]');
    await contact.waitFor();
    await expect(contact.textContent()).resolves.toContain(SPOT.ownerName);
    await screenshot(page, "investigation-map-contact");

    // Save the incident with a case number: it opens the incident page with its canvass.
    await page.getByLabel("Case number (optional)").fill("E2E-0001");
    await page.getByRole("button", { name: "Save incident" }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await expect(page.locator("main").textContent()).resolves.toContain("E2E-0001");
    const canvassRows = page.locator("section:has(h2:text('Canvass')) tbody tr");
    expect(await canvassRows.count()).toBe(count);
    // One numbering on the incident page: the results and the map's markers carry the canvass table's stop numbers.
    const walkCards = page.locator('ol[aria-label="Results in walk order"] > li');
    await walkCards.first().waitFor({ timeout: 60_000 });
    const stopOfAddress = new Map(
      (await canvassRows.evaluateAll((rows) => rows.map((r) => [r.children[1].textContent ?? "", r.children[0].textContent ?? ""]))).map(([a, n]) => [a, n]),
    );
    const cardStops = await walkCards.evaluateAll((lis) =>
      lis.map((li) => ({ number: li.querySelector('[data-testid="site-number"]')?.textContent ?? "", text: li.textContent ?? "" })),
    );
    expect(cardStops.length).toBe(count);
    expect(cardStops.map((c) => c.number)).toEqual(cardStops.map((_, i) => `Stop ${i + 1}`));
    for (const card of cardStops) {
      const address = [...stopOfAddress.keys()].find((a) => card.text.includes(a))!;
      expect(card.number).toBe(`Stop ${stopOfAddress.get(address)}`);
    }
    await expect(page.getByTestId("results-numbering").textContent()).resolves.toContain("numbered by stop in walk order, on the map as in the canvass below.");
    const markerNumbers = await page.locator(".result-marker").evaluateAll((els) => els.map((el) => Number(el.textContent)).sort((a, b) => a - b));
    expect(markerNumbers).toEqual(cardStops.map((_, i) => i + 1));
    await screenshot(page, "investigation-incident");
    // Saving again from a saved incident makes another one, and the button says so.
    expect(await page.getByRole("button", { name: "Save incident", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Save as new incident" }).count()).toBe(1);
    // The canvass is worked on its own page, one link away, with a stop per site found.
    const incidentPath = new URL(page.url()).pathname;
    await page.getByRole("link", { name: /Work the canvass/ }).click();
    await page.waitForURL((url) => url.pathname === `${incidentPath}/canvass`);
    await page.getByTestId("canvass-entry").first().waitFor();
    expect(await page.getByTestId("canvass-entry").count()).toBe(count);
    await page.goto(`${inject("baseUrl")}/incidents`);
    await expect(page.locator("main").textContent()).resolves.toContain("E2E-0001");
    await context.close();

    // The contact view was audited: the admin's audit export shows it for that registration.
    const admin = await browser.newContext(DESKTOP);
    const adminPage = await admin.newPage();
    await signIn(adminPage, "admin", "/admin/audit");
    const csv = await (await adminPage.request.get(`${inject("baseUrl")}/api/admin/audit/export?action=registration.contacts_viewed`)).text();
    const viewed = csv.split("\n").filter((line) => line.includes(SPOT.registrationId));
    expect(viewed.length).toBeGreaterThan(0);
    expect(viewed.some((line) => line.includes(demoUser("detective").email))).toBe(true);
    await admin.close();
  });

  it("refuses the investigation API without credentials", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/cameras/near?lat=${SPOT.lat}&lng=${SPOT.lng}&radius=250`);
    expect(res.status).toBe(401);
  });
});
