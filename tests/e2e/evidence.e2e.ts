/**
 * Footage request to evidence, end to end in Chromium: a detective sends a
 * request from a canvass stop, the owner on a phone opens the link and uploads
 * a real video made with ffmpeg (the connection is cut after the first chunk
 * and the upload resumes from the server's offset), and the detective sees the
 * item with its hash, poster frame and ffprobe's facts, plays it and downloads
 * it (hash checked, custody logged).
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { DESKTOP, PHONE, horizontalOverflow, launchBrowser, screenshot } from "./support/browser";
import { signIn } from "./support/sign-in";

let browser: Browser;
let workDir: string;
let video: string;
const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

beforeAll(async () => {
  browser = await launchBrowser();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-evidence-e2e-"));
  video = path.join(workDir, "front-door 2026-11-20.mp4");
  // A real H.264 MP4, noisy enough to be larger than one 8 MiB upload chunk.
  execFileSync("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=6", "-vf", "noise=alls=60:allf=t", "-metadata", "creation_time=2026-11-20T03:31:07Z", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "16M", "-pix_fmt", "yuv420p", "-movflags", "+faststart", video]);
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("footage request → owner upload → evidence", () => {
  let incidentId: string;
  let uploadUrl: string;
  let staff: { context: BrowserContext; page: Page };

  it("a detective sends a footage request from a canvass stop and gets the private link", async () => {
    expect(fs.statSync(video).size).toBeGreaterThan(8 * 1024 * 1024);
    const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "detective", "/my-canvass");
    staff = { context, page };
    // A cookie-authenticated write from outside the page must say where it comes from (the Origin check).
    const res = await page.request.post(`${inject("baseUrl")}/api/incidents`, {
      headers: { origin: inject("baseUrl") },
      data: { caseNumber: "E2E-17", lat: 41.8674, lng: -87.878, radiusM: 500, occurredAt: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    incidentId = (await res.json()).id;
    await page.goto(`${inject("baseUrl")}/incidents/${incidentId}/canvass`);
    const stop = page.getByTestId("canvass-entry").first();
    await stop.waitFor();
    await stop.locator('input[name="requestNote"]').fill("Silver sedan heading east, around 9:30 pm");
    await stop.getByRole("button", { name: "Request footage" }).click();
    const link = stop.getByTestId("upload-link");
    await link.waitFor();
    uploadUrl = (await link.getByRole("link").getAttribute("href"))!;
    expect(uploadUrl).toMatch(/\/upload\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(async () => stop.getByTestId("footage-request").first().getAttribute("data-state")).toBe("sent");
    await screenshot(page, "evidence-1-request-sent");
  });

  it("the owner on a phone opens the link, uploads a real video, is cut off and resumes", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(uploadUrl);
    await page.getByRole("heading", { name: "Share video with the police" }).waitFor();
    expect(await page.getByTestId("request-window").textContent()).toMatch(/\d{2}:\d{2}/);
    expect(await page.getByTestId("upload-limits").textContent()).toMatch(/Up to 4\.0 GB per file/);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "evidence-2-owner-page");

    // Cut the connection on the second chunk: the first 8 MiB are on the server, the rest must follow from there.
    const seen: string[] = [];
    let patches = 0;
    page.on("request", (r) => {
      if (r.url().includes("/api/uploads")) seen.push(r.method());
    });
    await page.route("**/api/uploads/**", async (route) => {
      if (route.request().method() === "PATCH" && ++patches === 2) return route.abort("connectionreset");
      return route.continue();
    });
    await page.getByTestId("file-input").setInputFiles(video);
    const row = page.getByTestId("upload-row").first();
    await expect.poll(async () => row.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    // POST, PATCH (chunk 1), PATCH (cut), HEAD (where are we?), PATCH (from 8 MiB)…
    expect(seen[0]).toBe("POST");
    const afterCut = seen.slice(seen.indexOf("PATCH") + 2);
    expect(afterCut[0]).toBe("HEAD");
    expect(patches).toBeGreaterThanOrEqual(3);
    await screenshot(page, "evidence-3-owner-uploaded");
    await context.close();
  });

  it("the owner's page speaks Spanish to a Spanish phone and passes axe in both languages", async () => {
    for (const [locale, heading, limits] of [
      ["en-US", "Share video with the police", /Up to 4\.0 GB per file/],
      ["es-MX", "Comparta video con la policía", /Hasta 4,0 GB por archivo/],
    ] as const) {
      const context = await browser.newContext({ ...PHONE, locale });
      const page = await context.newPage();
      await page.goto(uploadUrl);
      await page.getByRole("heading", { name: heading }).waitFor();
      expect(await page.getByTestId("upload-limits").textContent()).toMatch(limits);
      if (locale === "es-MX") {
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text).toContain("La hora que nos interesa");
        // The cameras, the window and the buttons too: no English left on the page.
        expect(text).not.toMatch(/ camera|facing|records the street|Upload|Choose files/);
        await screenshot(page, "evidence-2b-owner-page-es");
      }
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await context.close();
    }
  });

  it("the detective sees the item with its hash, plays it and downloads it; both are in the custody log", async () => {
    const { page } = staff;
    await page.goto(`${inject("baseUrl")}/incidents/${incidentId}/evidence`);
    const item = page.getByTestId("evidence-item").first();
    await item.waitFor();
    expect(await item.getByTestId("evidence-sha256").textContent()).toBe(`SHA-256 ${sha256(video)}`);
    expect(await item.textContent()).toContain("front-door 2026-11-20.mp4");
    expect(await item.textContent()).toContain("video/mp4");
    // The poster frame ffmpeg made on receipt, loaded through the authenticated route, and ffprobe's facts.
    const poster = item.getByTestId("evidence-poster");
    await expect.poll(async () => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(640);
    const facts = await item.getByTestId("evidence-media").textContent();
    expect(facts).toMatch(/^0:06 · h264 · 640×360 · recording started .*:31:07/);

    await item.locator('input[name="reason"]').fill("review for suspect vehicle");
    await item.getByRole("button", { name: "Play" }).click();
    const player = item.getByTestId("evidence-player");
    await player.waitFor();
    await expect.poll(async () => player.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.duration > 5), { timeout: 20_000 }).toBe(true);
    await screenshot(page, "evidence-4-playing");

    const [download] = await Promise.all([page.waitForEvent("download"), item.getByRole("button", { name: "Download" }).click()]);
    const saved = path.join(workDir, "downloaded.mp4");
    await download.saveAs(saved);
    expect(sha256(saved)).toBe(sha256(video));

    await page.reload();
    const reloaded = page.getByTestId("evidence-item").first();
    await reloaded.locator("summary").click();
    const log = await reloaded.getByTestId("custody-log").textContent();
    expect(log).toContain("received");
    expect(log).toContain("viewed");
    expect(log).toContain("downloaded");
    expect(log).toContain("review for suspect vehicle");
    await screenshot(page, "evidence-5-custody");

    await page.goto(`${inject("baseUrl")}/incidents/${incidentId}/canvass`);
    const state = await page.getByTestId("footage-request").first().getAttribute("data-state");
    expect(state).toBe("received");
    // The stop shows what it gave: the poster frame, linking to the Evidence page.
    const stopPoster = page.getByTestId("stop-poster").first();
    await expect.poll(async () => stopPoster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(640);
    await stopPoster.scrollIntoViewIfNeeded();
    await screenshot(page, "evidence-6-stop-poster");
  });

  it("a detective uploads a video collected in person from the stop; the custody log says so and who", async () => {
    const { page } = staff;
    const usb = path.join(workDir, "DVR_CH1_2131.mp4");
    execFileSync("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", usb]);
    const stop = page.getByTestId("canvass-entry").nth(1);
    await stop.getByTestId("in-person-file").setInputFiles(usb);
    await expect.poll(async () => stop.getByTestId("in-person-row").first().getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    await expect.poll(async () => stop.getByTestId("stop-evidence").textContent(), { timeout: 10_000 }).toContain("collected in person");

    await page.goto(`${inject("baseUrl")}/incidents/${incidentId}/evidence`);
    const item = page.getByTestId("evidence-item").filter({ hasText: "DVR_CH1_2131.mp4" });
    await item.waitFor();
    expect(await item.getByTestId("evidence-sha256").textContent()).toBe(`SHA-256 ${sha256(usb)}`);
    expect(await item.textContent()).toContain("collected in person");
    await item.locator("summary").click();
    const log = await item.getByTestId("custody-log").textContent();
    expect(log).toContain("collected in person");
    expect(log).toContain("detective@demo.example");
    expect(await page.getByTestId("legal-hold").getAttribute("data-held")).toBe("no");
    await screenshot(page, "evidence-7-in-person");
    await staff.context.close();
  });
});
