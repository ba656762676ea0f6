/**
 * Starts the built app for real (`next start`) on a free port with a fresh
 * embedded database, waits for /api/health, and stops it afterwards.
 * Requires `npm run build` first. E2E_BASE_URL points the tests at an app
 * that is already running instead.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startBuiltApp } from "../../../scripts/support/next-app";

export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide("baseUrl", process.env.E2E_BASE_URL);
    project.provide("dataDir", "");
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-e2e-"));
  const logFile = path.resolve("test-results/e2e-app.log");
  fs.rmSync(logFile, { force: true });
  // Every e2e file shares this app, and all their registrations come from 127.0.0.1: more than the default
  // five an hour. The limit itself is tested in tests/integration (registration-api, rate-limit-stores).
  // No scheduled maintenance in the middle of a run (it would add audit entries and send reminders the tests do not expect).
  const app = await startBuiltApp({ env: { DATA_DIR: dataDir, DATABASE_URL: "", RATE_LIMIT_REGISTRATIONS_PER_HOUR: "100", MAINTENANCE_SCHEDULE: "off" }, logFile });
  project.provide("baseUrl", app.baseUrl);
  project.provide("dataDir", dataDir);
  return async () => {
    await app.stop(1000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
