/**
 * What a detective sees of the virus scan, in Chromium against the real app
 * started with CLAMAV_HOST pointing at a real, throwaway clamd (Debian's, with
 * an EICAR-only signature database: tests/support/clamd.ts). The shared e2e
 * app has no scanner, so this file starts its own app on its own embedded
 * database. An owner uploads the EICAR test file and a real video over tus;
 * the Evidence page says "Quarantined: <signature>" with no way to play or
 * download it, and "Virus scan: clean" with Play and Download for the video.
 * Skipped, saying why, without clamd or without a build.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { openDatabase, type DbHandle } from "../../db/client";
import { createStaffUser } from "../../lib/accounts/users";
import { operatorContext } from "../../lib/auth/mutation-context";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { createCanvassEntry, createFootageRequest, createIncident, createRegistration, facingCamera, offsetM } from "../support/factories";
import { eicarBytes, findClamd, startClamd, TEST_SIGNATURE, type TestClamd } from "../support/clamd";
import { metadataHeader, realMp4 } from "../support/tus-uploads";
import { appEnvFor } from "../faults/support";
import { DESKTOP, launchBrowser, screenshot } from "./support/browser";

// This file seeds its own database with the app's server modules (the other e2e files go through the shared app);
// outside React's server build their `server-only` guard would throw, as the integration config also says.
vi.mock("server-only", () => ({}));

const ready = findClamd() !== null && hasBuild();
const why = findClamd() === null ? "clamd is not installed (apt-get install clamav-daemon)" : "no build (run npm run build first)";
const ORIGIN: [number, number] = [-87.878, 41.8674];

describe.skipIf(!ready)(ready ? "virus scan on the Evidence page (real clamd)" : `virus scan on the Evidence page — skipped: ${why}`, () => {
  let clamd: TestClamd;
  let t: DbHandle | undefined;
  let dataDir: string;
  let app: RunningApp;
  let browser: Browser;
  let workDir: string;
  let incidentId: string;
  let token: string;
  const staff = { email: "scan.detective@pd.example", password: `scan ${crypto.randomBytes(12).toString("hex")}` };

  beforeAll(async () => {
    clamd = await startClamd();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-e2e-scan-"));
    dataDir = path.join(workDir, "data");
    t = await openDatabase({ dataDir });
    const created = await createStaffUser(operatorContext(t.db, "e2e"), { email: staff.email, name: "Sam Scan", role: "detective", password: staff.password });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const incident = await createIncident(t.db, { point: ORIGIN });
    incidentId = incident.id;
    const reg = await createRegistration(t.db, { addressLine1: "10700 W Roosevelt Rd", location: offsetM(ORIGIN, 12, 8), cameras: [facingCamera(0)] });
    const entry = await createCanvassEntry(t.db, { incident, registration: reg });
    ({ token } = await createFootageRequest(t.db, { incident, canvassEntryId: entry.id, expiresInDays: 1 }));
    await t.close();
    t = undefined;
    app = await startBuiltApp({
      env: { ...appEnvFor(dataDir), EVIDENCE_DIR: path.join(workDir, "evidence"), CLAMAV_HOST: clamd.host, CLAMAV_PORT: String(clamd.port) },
      logFile: path.resolve("test-results/e2e-virus-scan-app.log"),
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop(2000);
    await t?.close().catch(() => {});
    await clamd?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function ownerUpload(filename: string, filetype: string, bytes: Buffer): Promise<void> {
    const headers = { "tus-resumable": "1.0.0" };
    const created = await fetch(`${app.baseUrl}/api/uploads`, {
      method: "POST",
      headers: { ...headers, "upload-length": String(bytes.length), "upload-metadata": metadataHeader({ token, filename, filetype }) },
    });
    expect(created.status).toBe(201);
    const id = created.headers.get("location")!.split("/").pop()!;
    const patched = await fetch(`${app.baseUrl}/api/uploads/${id}`, {
      method: "PATCH",
      headers: { ...headers, "x-footage-token": token, "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      body: new Uint8Array(bytes),
    });
    expect(patched.status).toBe(204);
  }

  it("shows the EICAR upload quarantined with its signature and no way to open it, and the clean video playable", async () => {
    await ownerUpload("DVR player.exe", "application/octet-stream", eicarBytes());
    await ownerUpload("ch1 front.mp4", "video/mp4", realMp4(path.join(workDir, "ch1.mp4"), { seconds: 2, size: "320x240" }));

    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const target = `/incidents/${incidentId}/evidence`;
    await page.goto(`${app.baseUrl}/signin?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("E-mail").fill(staff.email);
    await page.getByLabel("Password").fill(staff.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === target, { timeout: 60_000 });

    await expect(page.getByTestId("evidence-count").textContent()).resolves.toBe("2 items received · 1 quarantined by the virus scanner");
    const flagged = page.getByTestId("evidence-item").filter({ hasText: "DVR player.exe" });
    await expect(flagged.getByTestId("evidence-scan").textContent()).resolves.toContain(`Quarantined: ${TEST_SIGNATURE}`);
    expect(await flagged.getByRole("button", { name: "Download" }).count()).toBe(0);
    expect(await flagged.getByRole("button", { name: "Play" }).count()).toBe(0);
    await flagged.getByText(/Custody log/).click();
    await expect(flagged.getByTestId("custody-log").textContent()).resolves.toMatch(/quarantined/);

    const clean = page.getByTestId("evidence-item").filter({ hasText: "ch1 front.mp4" });
    await expect(clean.getByTestId("evidence-scan").textContent()).resolves.toMatch(/^Virus scan: clean \(ClamAV \d/);
    await clean.getByRole("button", { name: "Download" }).waitFor();
    await clean.getByRole("button", { name: "Play" }).waitFor();
    await screenshot(page, "evidence-virus-scan");
    await context.close();
  });
});
