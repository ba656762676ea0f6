/**
 * An incident's life in Chromium: a resident registers and a supervisor activates the site; a detective saves
 * an incident with an offence and no case number (named readably, address from the pin) and fills in its
 * details; the owner then changes the registration, and the canvass still shows what the search found with the
 * change as "Updated since"; a supervisor closes the incident after a confirmation that says what closing does
 * (who and when shown), it leaves the open list, and reopens it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Role } from "../../lib/auth/roles";
import { DESKTOP, launchBrowser, screenshot, screenshotElement } from "./support/browser";
import { demoUser, signIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: Role, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await signIn(page, role, path);
  return { context, page };
}

const base = () => inject("baseUrl");

describe("incident lifecycle", () => {
  let registrationId: string;
  let manageToken: string;
  let location: { lat: number; lng: number };
  let incidentId: string;

  it("a resident registers at 10300 W Roosevelt Rd and a supervisor activates it", async () => {
    const res = await fetch(`${base()}/api/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        eligibility: { exteriorFacing: true, recordsAndRetains: true },
        owner: { name: "Lane Lifecycle", phone: "708-555-0142", email: "lane.lifecycle.e2e@example.com" },
        address: { line1: "10300 W Roosevelt Rd", unit: "Suite 9", city: "Westchester", state: "IL", zip: "60154" },
        alternateContact: { name: "Kim Lifecycle", phone: "708-555-0143", email: "kim.lifecycle.e2e@example.com" },
        cameraLocations: ["front"],
        cameras: [{ position: "front", bearingDeg: 180, fovDeg: 90, rangeM: 30, recordsStreet: true }],
        recordsStreetTraffic: true,
        playback: "standard",
        retentionDays: 30,
        cameraCount: 1,
        consent: true,
      }),
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.location).not.toBeNull();
    registrationId = created.id;
    location = created.location;
    manageToken = String(created.manageUrl).split("/manage/")[1];
    const { context, page } = await signedIn("supervisor", "/dashboard");
    const activated = await page.request.post(`${base()}/api/review/${registrationId}`, { headers: { origin: base() }, data: { action: "activate" } });
    expect(activated.status()).toBe(200);
    await context.close();
  });

  it("a detective saves an incident without a case number and fills in its details; closing is not theirs", async () => {
    const { context, page } = await signedIn("detective", "/incidents");
    // A cookie-authenticated write from outside the page must say where it comes from (the Origin check).
    const res = await page.request.post(`${base()}/api/incidents`, {
      headers: { origin: base() },
      data: { offense: "Burglary", lat: location.lat - 0.00015, lng: location.lng, radiusM: 100, occurredAt: new Date(Date.now() - 2 * 3600_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    incidentId = (await res.json()).id;
    // Reopening shows the saved area's sites through the incident (audited as viewing it), not a fresh search.
    const searches: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/cameras/")) searches.push(r.url());
    });
    const [sites] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incidentId}/sites`)),
      page.goto(`${base()}/incidents/${incidentId}`),
    ]);
    expect(sites.status()).toBe(200);
    await page.getByRole("status").filter({ hasText: "registered site" }).waitFor();
    expect(searches).toEqual([]);
    // One h1: the incident's title; the map panel's heading is a section heading here.
    expect(await page.locator("h1").allTextContents()).toEqual([await page.getByTestId("incident-title").textContent()]);
    const heading = (await page.getByTestId("incident-title").textContent()) ?? "";
    expect(heading).toMatch(/^Burglary at near \d+ \S+/);
    expect(heading).not.toMatch(/Incident [0-9a-f]{8}/);
    const details = page.getByTestId("incident-details");
    await page.locator('[data-testid="incident-details"][data-hydrated="true"]').waitFor();
    expect(await details.getByRole("button", { name: "Close incident" }).count()).toBe(0);
    await details.getByRole("button", { name: "Edit details" }).click();
    // A case number the API refuses: the message is beside the field, which is marked invalid and has the focus.
    const caseNumber = details.locator('input[name="caseNumber"]');
    await caseNumber.fill("x".repeat(65));
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByRole("alert").filter({ hasText: "at most 64 characters" }).waitFor();
    await expect.poll(() => caseNumber.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name") ?? null)).toBe("caseNumber");
    await details.locator('input[name="caseNumber"]').fill("E2E-LIFE-1");
    await details.locator('textarea[name="description"]').fill("Rear door forced overnight; tools taken.");
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await expect.poll(async () => page.getByTestId("incident-title").textContent(), { timeout: 30_000 }).toBe("E2E-LIFE-1 · Burglary");
    expect(await details.textContent()).toContain("Rear door forced overnight");
    await screenshotElement(details, "incident-details-detective");
    await context.close();
  });

  it("the owner changes the registration; the canvass keeps what the search found and shows it as updated since", async () => {
    const current = await (await fetch(`${base()}/api/manage/${manageToken}`)).json();
    const details = current.details;
    details.cameras[0].bearingDeg = 0;
    const put = await fetch(`${base()}/api/manage/${manageToken}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...details, retentionDays: 3, alternateContact: { name: "Jo Newcontact", phone: "708-555-0144", email: "jo.lifecycle.e2e@example.com" } }),
    });
    expect(put.status).toBe(200);

    const { context, page } = await signedIn("supervisor", `/incidents/${incidentId}/canvass`);
    const stop = page.getByTestId("canvass-entry").filter({ hasText: "Jo Newcontact" });
    await stop.waitFor();
    const text = (await stop.textContent()) ?? "";
    // The record: retention and camera as found at the save; the contact as it is now.
    expect(text).toContain("retention 30 days");
    expect(text).toContain("faces 180°");
    const updated = stop.getByTestId("updated-since");
    const changes = (await updated.textContent()) ?? "";
    expect(changes).toContain("Updated since the incident was saved");
    expect(changes).toMatch(/Keeps footage\s*30 days → 3 days/);
    expect(changes).toContain("faces 0°");
    await screenshotElement(stop, "canvass-updated-since");

    // The incident page's canvass table flags the same stop, and says what changed.
    await page.goto(`${base()}/incidents/${incidentId}`);
    const flag = page.getByRole("row").filter({ hasText: "10300 W Roosevelt Rd" }).getByTestId("updated-since-flag");
    await flag.waitFor();
    expect(await flag.textContent()).toMatch(/Updated since saved.*Keeps footage.*Cameras/);
    await screenshot(page, "incident-canvass-updated-since");
    await context.close();
  });

  it("a supervisor closes the incident (who and when), it leaves the open list, and reopens it", async () => {
    const { context, page } = await signedIn("supervisor", `/incidents/${incidentId}`);
    const details = page.getByTestId("incident-details");
    await page.locator('[data-testid="incident-details"][data-hydrated="true"]').waitFor();
    // One tap does not close it: the supervisor is told what closing does, and "Keep it open" sends nothing.
    const patches: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PATCH") patches.push(r.url());
    });
    await details.getByRole("button", { name: "Close incident" }).click();
    const confirm = details.getByTestId("close-confirm");
    await confirm.waitFor();
    const said = (await confirm.textContent()) ?? "";
    expect(said).toContain("Close this incident?");
    expect(said).toContain("leaves the open incidents list");
    expect(said).toContain("Its evidence files are kept (no evidence retention period is configured).");
    expect(said).toContain("a supervisor can reopen it");
    await screenshotElement(details, "incident-close-confirm");
    await confirm.getByRole("button", { name: "Keep it open" }).click();
    expect(await confirm.count()).toBe(0);
    expect(patches).toEqual([]);
    expect(await details.getByTestId("incident-status").textContent()).toBe("Open");

    await details.getByRole("button", { name: "Close incident" }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incidentId}`) && r.request().method() === "PATCH"),
      confirm.getByRole("button", { name: "Yes, close the incident" }).click(),
    ]);
    await expect.poll(async () => details.getByTestId("incident-status").textContent(), { timeout: 30_000 }).toBe("Closed");
    expect(await details.textContent()).toContain(`Closed by ${demoUser("supervisor").name}`);
    await screenshot(page, "incident-closed-supervisor");

    await page.goto(`${base()}/incidents`);
    expect(await page.getByRole("link", { name: "E2E-LIFE-1 · Burglary" }).count()).toBe(0);
    await page.getByRole("link", { name: "Closed", exact: true }).click();
    await page.getByRole("link", { name: "E2E-LIFE-1 · Burglary" }).waitFor();
    await screenshot(page, "incidents-closed-list");

    await page.goto(`${base()}/incidents/${incidentId}`);
    // The button works once the page is hydrated: wait for the page to settle, then for the PATCH it sends.
    await page.locator('[data-testid="incident-details"][data-hydrated="true"]').waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incidentId}`) && r.request().method() === "PATCH"),
      page.getByTestId("incident-details").getByRole("button", { name: "Reopen incident" }).click(),
    ]);
    await expect.poll(async () => page.getByTestId("incident-status").textContent(), { timeout: 30_000 }).toBe("Open");
    await context.close();
  });

  it("an admin reads the incident's trail: names, links and what changed, the reopening as a view", async () => {
    const { context, page } = await signedIn("admin", `/admin/audit?targetType=incident&targetId=${incidentId}`);
    const table = page.getByTestId("audit-table");
    const edit = table.locator('tr[data-action="incident.updated"]').first();
    await edit.waitFor();
    const target = edit.getByTestId("audit-target").getByRole("link");
    expect(await target.textContent()).toBe("E2E-LIFE-1 · Burglary");
    expect(await target.getAttribute("href")).toBe(`/incidents/${incidentId}`);
    expect(await edit.getByTestId("audit-actor").textContent()).toBe(`${demoUser("detective").name}${demoUser("detective").email}`);
    const changes = (await edit.getByTestId("audit-changes").textContent()) ?? "";
    expect(changes).toMatch(/Case number:\s*\(none\)\s*→\s*E2E-LIFE-1/);
    expect(changes).not.toContain("{");
    const viewed = table.locator('tr[data-action="incident.viewed"]');
    expect(await viewed.count()).toBeGreaterThan(0);
    expect(await viewed.first().getByTestId("audit-target").textContent()).toBe("E2E-LIFE-1 · Burglary");
    await screenshot(page, "admin-audit-incident-trail");
    await context.close();
  });
});
