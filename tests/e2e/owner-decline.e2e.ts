/**
 * The owner answers a footage request on a phone by declining: a refused answer ("Other" without
 * saying why) shows beside the decline form, where the owner pressed Send, then a reason is taken.
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

describe("owner declines a footage request", () => {
  it("shows the refusal beside the decline form, then records the reason", async () => {
    const staff = await browser.newContext(DESKTOP);
    const page = await staff.newPage();
    await signIn(page, "detective", "/my-canvass");
    const res = await page.request.post(`${inject("baseUrl")}/api/incidents`, {
      headers: { origin: inject("baseUrl") },
      data: { caseNumber: "E2E-DECLINE", lat: 41.8674, lng: -87.878, radiusM: 500, occurredAt: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    await page.goto(`${inject("baseUrl")}/incidents/${(await res.json()).id}/canvass`);
    const stop = page.getByTestId("canvass-entry").first();
    await stop.waitFor();
    await stop.getByRole("button", { name: "Request footage" }).click();
    const uploadUrl = (await stop.getByTestId("upload-link").getByRole("link").getAttribute("href"))!;
    await staff.close();

    const owner = await browser.newContext(PHONE);
    const phone = await owner.newPage();
    await phone.goto(uploadUrl);
    const decline = phone.locator('section[aria-labelledby="decline-heading"]');
    await decline.getByRole("group", { name: "Can't share video?" }).getByRole("radio", { name: "Other" }).check();
    await decline.getByRole("button", { name: "Send" }).click();
    const problem = decline.getByTestId("decline-problem");
    await problem.waitFor();
    expect((await problem.textContent())!.length).toBeGreaterThan(0);
    await screenshot(phone, "owner-decline-refused-phone");
    await decline.getByRole("radio", { name: /overwritten/ }).check();
    await decline.getByRole("button", { name: "Send" }).click();
    await phone.getByText("Thank you").first().waitFor();
    await owner.close();
  });
});
