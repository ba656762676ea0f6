/**
 * The map's results panel and route drawing as a detective uses them, on a
 * 1440×900 laptop and a 390×844 phone: several compact results in view with
 * the panel scrolling on its own, the badge counts and the two filters
 * applied to the list and the map's markers alike, and a route drawn with the
 * keyboard alone (pan the map, add the point under the crosshair, undo,
 * finish) that follows the demo's streets.
 */
import * as turf from "@turf/turf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { isoToAgencyLocal } from "../../lib/time/agency-time";
import { PHONE, horizontalOverflow, launchBrowser, screenshot } from "./support/browser";
import { demoSpotSeenByACamera } from "./support/demo-spot";
import { signIn } from "./support/sign-in";

const LAPTOP = { viewport: { width: 1440, height: 900 } };
const SPOT = demoSpotSeenByACamera();
const MAP_PATH = `/map?center=${SPOT.lat.toFixed(6)},${SPOT.lng.toFixed(6)}&zoom=18`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openMap(page: Page) {
  await signIn(page, "detective", MAP_PATH);
  await page.waitForSelector(".leaflet-container", { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll(".leaflet-overlay-pane path, .leaflet-container canvas").length > 0, null, { timeout: 30_000 });
}

/** 20 days before now, noon agency time: 3-, 7- and 14-day recorders have overwritten it, 30-day ones have not. */
async function setIncidentTime(page: Page) {
  const day = isoToAgencyLocal(new Date(Date.now() - 20 * 86_400_000).toISOString(), "America/Chicago");
  await page.getByLabel("Date", { exact: true }).fill(day.date);
  await page.getByLabel(/^Time/).fill("12:00");
}

const cards = (page: Page) => page.locator('ol[aria-label="Ranked results"] > li');

/** The rank numbers on the map's result markers, in the order drawn. */
const markerRanks = (page: Page) => page.locator(".result-marker").evaluateAll((els) => els.map((el) => Number(el.textContent)).sort((a, b) => a - b));
const listRanks = (page: Page) =>
  cards(page).evaluateAll((lis) => lis.map((li) => Number(/#(\d+)/.exec(li.textContent ?? "")?.[1])).sort((a, b) => a - b));

describe("map results panel and route drawing", () => {
  it("shows several compact results at 1440×900, counts each badge, and filters the list and the markers alike", async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    await openMap(page);
    // Keyboard: the pin goes under the crosshair at the map's centre (the map opened on the spot).
    await page.getByRole("button", { name: "Drop pin at map centre" }).press("Enter");
    await expect(page.getByText(/^Pin at /).textContent()).resolves.toContain(SPOT.lat.toFixed(4));
    await setIncidentTime(page);
    await page.getByRole("button", { name: "500 m" }).click();
    await page.getByRole("button", { name: "Find cameras" }).click();
    await cards(page).first().waitFor({ timeout: 60_000 });
    const total = await cards(page).count();
    expect(total).toBeGreaterThan(8);

    // Several results in view at once, in a panel that scrolls on its own while the map stays put.
    const panel = page.getByTestId("results-panel");
    const visible = await panel.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('ol[aria-label="Ranked results"] > li')].filter((li) => {
        const r = li.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= Math.min(box.bottom, window.innerHeight);
      }).length;
    });
    expect(visible).toBeGreaterThanOrEqual(5);
    const mapBefore = await page.getByTestId("investigation-map").boundingBox();
    const scrolled = await panel.evaluate((el) => {
      el.scrollTop = 400;
      return { scrollTop: el.scrollTop, pageScroll: window.scrollY };
    });
    expect(scrolled.scrollTop).toBeGreaterThan(0);
    expect(scrolled.pageScroll).toBe(0);
    expect(await page.getByTestId("investigation-map").boundingBox()).toEqual(mapBefore);
    await screenshot(page, "map-panel-laptop-results");
    await panel.evaluate((el) => (el.scrollTop = 0));

    // The legend counts each badge as the cards show it, and says which numbering this is.
    const texts = await cards(page).allTextContents();
    const legend = page.getByTestId("results-legend");
    const countOf = async (badge: string) => Number(await legend.locator(`li[data-badge="${badge}"] span.tabular-nums`).textContent());
    const sees = texts.filter((t) => t.includes("Sees the spot")).length;
    const overwritten = texts.filter((t) => t.includes("Likely overwritten")).length;
    expect(await countOf("seesSpot")).toBe(sees);
    expect(await countOf("facesStreet")).toBe(texts.filter((t) => t.includes("Faces street")).length);
    expect(await countOf("overwritten")).toBe(overwritten);
    expect(sees).toBeGreaterThan(0);
    expect(overwritten).toBeGreaterThan(0);
    expect(overwritten).toBeLessThan(total);
    await expect(page.getByTestId("results-numbering").textContent()).resolves.toMatch(new RegExp(`^${total} sites, numbered by rank`));
    expect(await markerRanks(page)).toEqual(await listRanks(page));

    // "Sees the spot only": the list and the map's markers keep the same sites, with their search ranks.
    await page.getByLabel(/^Sees the spot only/).check();
    await expect.poll(() => cards(page).count()).toBe(sees);
    for (const t of await cards(page).allTextContents()) expect(t).toContain("Sees the spot");
    await expect.poll(() => markerRanks(page)).toEqual(await listRanks(page));
    await expect(page.getByTestId("results-numbering").textContent()).resolves.toContain(`Showing ${sees} of ${total} sites`);
    // The counts stay those of the whole search.
    expect(await countOf("overwritten")).toBe(overwritten);
    await page.getByLabel(/^Sees the spot only/).uncheck();

    // "Hide overwritten": footage no longer kept at the incident time leaves the list and the map.
    await page.getByLabel(/^Hide overwritten/).check();
    await expect.poll(() => cards(page).count()).toBe(total - overwritten);
    for (const t of await cards(page).allTextContents()) expect(t).not.toContain("Likely overwritten");
    await expect.poll(() => markerRanks(page)).toEqual(await listRanks(page));
    await screenshot(page, "map-panel-laptop-filtered");
    await context.close();
  });

  it("shows every site of a search whose answer spans several pages, in the order of the whole answer", async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    await openMap(page);
    const searches: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/cameras/near")) searches.push(r.url());
    });
    await page.getByRole("button", { name: "Drop pin at map centre" }).press("Enter");
    await setIncidentTime(page);
    // 2 km around the middle of the demo holds more active sites than one page (DEFAULT_PAGE_SIZE, 100).
    await page.getByLabel("Custom radius in metres").fill("2000");
    await page.getByRole("button", { name: "Find cameras" }).click();
    await cards(page).first().waitFor({ timeout: 60_000 });
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/registered sites in range/);

    // The whole answer in one page (limit=all), asked by the same session with the search's own parameters.
    const firstUrl = new URL(searches[0]);
    firstUrl.searchParams.set("limit", "all");
    const whole = await page.evaluate(async (url) => (await (await fetch(url)).json()) as { features: { properties: { registrationId: string } }[] }, firstUrl.pathname + firstUrl.search);
    const total = whole.features.length;
    expect(total).toBeGreaterThan(100);
    // The map followed the pages: the first request and at least one with a cursor, before the list showed.
    expect(searches.filter((u) => new URL(u).searchParams.has("after")).length).toBeGreaterThanOrEqual(Math.ceil(total / 100) - 1);
    await expect.poll(() => cards(page).count()).toBe(total);
    const listed = await cards(page).evaluateAll((lis) => lis.map((li) => li.getAttribute("data-registration-id")));
    expect(listed).toEqual(whole.features.map((f) => f.properties.registrationId));
    expect(await listRanks(page)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await markerRanks(page)).toEqual(await listRanks(page));
    await expect(page.getByTestId("results-numbering").textContent()).resolves.toMatch(new RegExp(`^${total} sites, numbered by rank`));
    await context.close();
  });

  it("draws a route with the keyboard alone, along the streets, and searches along it", async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    await openMap(page);
    // Route mode from the keyboard: the mode is a radio group.
    await page.getByRole("radio", { name: "Incident pin" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Route of travel" }).isChecked()).resolves.toBe(true);
    const addAtCentre = page.getByRole("button", { name: "Add point at map centre" });
    const snaps: { points: number[][]; legs: { viaStreets: boolean; lengthM: number }[]; route: { coordinates: number[][] } }[] = [];
    page.on("response", async (r) => {
      if (r.url().endsWith("/api/map/snap-route") && r.ok()) {
        const body = await r.json();
        snaps.push({ points: JSON.parse(r.request().postData() ?? "{}").points, ...body });
      }
    });
    const panMap = async (key: string, presses: number) => {
      await page.locator(".leaflet-container").focus();
      // One press at a time: a press during the pan's animation is dropped.
      for (let i = 0; i < presses; i++) {
        await page.keyboard.press(key);
        await page.waitForTimeout(350);
      }
    };
    await addAtCentre.focus();
    await page.keyboard.press("Enter");
    await panMap("ArrowRight", 4);
    await addAtCentre.focus();
    await page.keyboard.press("Enter");
    await panMap("ArrowUp", 4);
    await addAtCentre.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("route-panel").textContent()).resolves.toContain("3 points so far");
    // A point too many: Undo takes it back.
    await panMap("ArrowLeft", 2);
    await addAtCentre.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Undo last point" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("route-panel").textContent()).resolves.toContain("3 points so far");

    // The drawn line follows the streets: the server's snapped line, drawn solid, says so in the panel.
    await expect.poll(() => page.getByTestId("route-snap").textContent(), { timeout: 20_000 }).toMatch(/Follows the streets|straight line where no street path/);
    await page.waitForSelector("path.route-line.snapped");
    // The answer for the three points kept (after the undo the map reuses it rather than asking again).
    const last = snaps.filter((s) => s.points.length === 3).at(-1)!;
    expect(last).toBeDefined();
    expect(last.legs.map((l) => l.viaStreets)).toEqual([true, true]);
    expect(last.legs.every((l) => l.lengthM > 50)).toBe(true);
    // Checked against the streets the map draws (its own layer's answer): every vertex of the line is on a street,
    // and so is the middle of every piece of it, so it never cuts through a block.
    const route = last.route.coordinates as [number, number][];
    const lngs = route.map((p) => p[0]);
    const lats = route.map((p) => p[1]);
    const bbox = [Math.min(...lngs) - 0.002, Math.min(...lats) - 0.002, Math.max(...lngs) + 0.002, Math.max(...lats) + 0.002].join(",");
    const streets = (await (await page.request.get(`${inject("baseUrl")}/api/map/streets?bbox=${bbox}`)).json()) as { features: { geometry: { coordinates: [number, number][] } }[] };
    const lines = streets.features.map((f) => turf.lineString(f.geometry.coordinates));
    const offStreetM = (p: number[]) => Math.min(...lines.map((l) => turf.pointToLineDistance(p, l, { units: "meters" })));
    for (const p of route) expect(offStreetM(p)).toBeLessThan(1);
    for (let i = 1; i < route.length; i++) expect(offStreetM(turf.midpoint(route[i - 1], route[i]).geometry.coordinates)).toBeLessThan(1);
    // The clicks themselves were not all on streets: the straight line through them would have left the streets.
    expect(Math.max(...last.points.map((p) => offStreetM(p)))).toBeGreaterThan(1);

    await setIncidentTime(page);
    const along = page.waitForRequest((r) => r.url().endsWith("/api/cameras/along"));
    await page.getByRole("button", { name: "Finish route" }).focus();
    await page.keyboard.press("Enter");
    // The search runs along the snapped line, not the clicked points.
    const searched = JSON.parse((await along).postData() ?? "{}") as { route: { coordinates: number[][] } };
    expect(searched.route.coordinates).toEqual(last.route.coordinates);
    await cards(page).first().waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("route-panel").textContent()).resolves.toContain("Route finished with 3 points");
    // A finished route takes no more points from map clicks.
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + box.height - 40);
    await expect(page.getByTestId("route-panel").textContent()).resolves.toContain("Route finished with 3 points");
    await screenshot(page, "map-panel-laptop-route");
    await context.close();
  });

  it("draws a leg with no street path straight, dashed, and says which leg and why", async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    await signIn(page, "detective", `/map?center=${SPOT.lat.toFixed(6)},${SPOT.lng.toFixed(6)}&zoom=16`);
    await page.waitForSelector(".leaflet-container", { timeout: 60_000 });
    await page.getByText("Route of travel").click();
    await page.getByRole("button", { name: "Add point at map centre" }).click();
    // About 1.7 km south: past the edge of the demo's streets.
    await page.locator(".leaflet-container").focus();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("ArrowDown");
      await page.waitForTimeout(300);
    }
    await page.getByRole("button", { name: "Add point at map centre" }).click();
    await expect
      .poll(() => page.getByTestId("route-snap").textContent(), { timeout: 20_000 })
      .toMatch(/Drawn as a straight line where no street path was found \(point 1 to 2: no street centerline near a point\)/);
    await page.waitForSelector("path.route-line.straight");
    expect(await page.locator("path.route-line.straight").getAttribute("stroke-dasharray")).toBeTruthy();
    await screenshot(page, "map-panel-laptop-straight-leg");
    await context.close();
  });

  it("keeps results in view on a 1024×768 laptop: the form folds after the search", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await openMap(page);
    await page.getByRole("button", { name: "Drop pin at map centre" }).click();
    await setIncidentTime(page);
    await page.getByRole("button", { name: "500 m" }).click();
    await page.getByRole("button", { name: "Find cameras" }).click();
    await cards(page).first().waitFor({ timeout: 60_000 });
    const panel = page.getByTestId("results-panel");
    const visible = await panel.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('ol[aria-label="Ranked results"] > li')].filter((li) => {
        const r = li.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= Math.min(box.bottom, window.innerHeight);
      }).length;
    });
    await screenshot(page, "map-panel-1024-folded");
    // 768 px high: the legend and three whole cards (at 1440×900, five or more; see above).
    expect(visible).toBeGreaterThanOrEqual(3);
    // A card is selectable from the list (not hidden under the legend), and the form opens again on request.
    await cards(page).nth(5).getByRole("button").first().click();
    await page.waitForSelector(".result-marker.selected");
    await screenshot(page, "map-panel-1024-results");
    await page.getByRole("button", { name: "Edit search" }).click();
    await page.getByRole("button", { name: "Find cameras" }).waitFor();
    await context.close();
  });

  it("finds an address off the screen: the map goes to it, the request for a pin goes, and the incident keeps the address", async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    // The agency's default view, about 2 km south of Roosevelt Rd.
    await signIn(page, "detective", "/map");
    await page.waitForSelector(".leaflet-container", { timeout: 60_000 });
    const geocoded = await (await page.request.get(`${inject("baseUrl")}/api/geocode?q=${encodeURIComponent("10300 W Roosevelt Rd")}`)).json();
    expect(geocoded.found).toBe(true);
    await page.getByRole("button", { name: "Find cameras" }).click();
    const askForPin = page.getByText("Click the map to drop the incident pin, or find an address.");
    await askForPin.waitFor();
    await page.getByLabel("Address", { exact: true }).fill("10300 W Roosevelt Rd");
    await page.getByRole("button", { name: "Find", exact: true }).click();
    await expect.poll(() => page.getByText(/^Pin at /).textContent()).toBe(`Pin at ${geocoded.matchedAddress} — click the map to move it.`);
    expect(await askForPin.count()).toBe(0);
    // The map moved to the pin: the point under its crosshair is the address.
    await page.getByRole("button", { name: "Drop pin at map centre" }).click();
    const [lat, lng] = ((await page.getByText(/^Pin at /).textContent()) ?? "").match(/-?\d+\.\d+/g)!.map(Number);
    expect(turf.distance([lng, lat], [geocoded.lng, geocoded.lat], { units: "meters" })).toBeLessThan(5);

    // Found again and saved: the incident is named after the address the detective looked up, not the nearest address point.
    await page.getByRole("button", { name: "Find", exact: true }).click();
    await expect.poll(() => page.getByText(/^Pin at /).textContent()).toContain(geocoded.matchedAddress);
    await setIncidentTime(page);
    await page.getByRole("button", { name: "Save incident" }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    expect(await page.getByTestId("incident-address").textContent()).toBe(geocoded.matchedAddress);
    await context.close();
  });

  it("works on a phone: a tapped pin, 44 px controls, several results in a screen", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await openMap(page);
    const map = page.getByTestId("investigation-map");
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByText(/^Pin at /).textContent()).resolves.toContain(SPOT.lat.toFixed(4));
    await setIncidentTime(page);
    for (const name of ["Find cameras", "500 m", "Drop pin at map centre"]) {
      expect((await page.getByRole("button", { name }).boundingBox())!.height, name).toBeGreaterThanOrEqual(44);
    }
    await page.getByRole("button", { name: "500 m" }).tap();
    await page.getByRole("button", { name: "Find cameras" }).tap();
    await cards(page).first().waitFor({ timeout: 60_000 });
    // The form folds into one line once results are in, so the map and the results come up.
    await expect(page.getByTestId("search-summary").textContent()).resolves.toContain("Pin, 500 m around it");
    expect((await page.getByRole("button", { name: "Edit search" }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await page.getByRole("button", { name: "Find cameras" }).isVisible()).toBe(false);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByLabel(/^Hide overwritten/).tap();
    await page.getByTestId("results-legend").evaluate((el) => el.scrollIntoView({ block: "start" }));
    const inScreen = await cards(page).evaluateAll((lis) => lis.filter((li) => li.getBoundingClientRect().top >= 0 && li.getBoundingClientRect().bottom <= window.innerHeight).length);
    expect(inScreen).toBeGreaterThanOrEqual(4);
    await screenshot(page, "map-panel-phone-results");

    // Route drawing by touch: open the search, tap the mode, tap the map twice, finish with the button.
    await page.getByRole("button", { name: "Edit search" }).tap();
    await page.getByText("Route of travel").tap();
    // The route starts at the pin dropped before, then two taps on the map.
    await page.getByRole("button", { name: "Add point at the incident pin" }).tap();
    await map.scrollIntoViewIfNeeded();
    const mapBox = (await map.boundingBox())!;
    await page.touchscreen.tap(mapBox.x + mapBox.width * 0.3, mapBox.y + mapBox.height * 0.5);
    await page.touchscreen.tap(mapBox.x + mapBox.width * 0.7, mapBox.y + mapBox.height * 0.3);
    await expect(page.getByTestId("route-panel").textContent()).resolves.toContain("3 points so far");
    for (const name of ["Add point at map centre", "Add point at the incident pin", "Undo last point", "Clear route", "Finish route"]) {
      expect((await page.getByRole("button", { name }).boundingBox())!.height, name).toBeGreaterThanOrEqual(44);
    }
    await expect.poll(() => page.getByTestId("route-snap").textContent(), { timeout: 20_000 }).toMatch(/Follows the streets|straight line where no street path/);
    await page.getByRole("button", { name: "Finish route" }).tap();
    await page.getByText(/registered sites? in range/).waitFor({ timeout: 60_000 });
    await screenshot(page, "map-panel-phone-route");
    await context.close();
  });
});
