/**
 * kill -9 the real app (`next start`) in the middle of a stream of public
 * registrations, restart it on the same database, and prove that every
 * registration answered 201 is there and whole, that nothing was written for
 * a request answered otherwise, and (embedded) that the lock file left by the
 * dead process does not stop the restart. On the server the app connects as a
 * runtime role (`npm run db:grant`), as deployed, and would refuse to start
 * as anything stronger. Needs `npm run build` (CI builds
 * before the tests); without a build it is skipped and says so.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { lockFilePath } from "../../db/embedded";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { grantScratchRuntimeRole, type ScratchRuntimeRole } from "../../scripts/support/runtime-role";
import { halfWritten, traceRegistrations } from "../../scripts/support/registration-integrity";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { appEnvFor, prepareRegistrationData, streamRegistrations } from "./support";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";

const built = hasBuild();
if (!built) console.warn("[faults] app-killed: no build (.next/BUILD_ID); run `npm run build` first — skipped");

let t: TestDatabase;
let app: RunningApp | undefined;
let runtimeRole: ScratchRuntimeRole | undefined;
const logFile = path.join(os.tmpdir(), `sightline-fault-app-killed-${process.pid}.log`);

beforeAll(async () => {
  if (!built) return;
  t = await createTestDatabase();
  await prepareRegistrationData(t.db);
  await t.disconnect();
  if (t.kind === "server") runtimeRole = await grantScratchRuntimeRole(t.location);
});
afterAll(async () => {
  await app?.stop(2000);
  await t?.close();
  // After its database: the role's grants went with it.
  await runtimeRole?.drop(process.env.DATABASE_URL!);
});

describe.skipIf(!built)(`the app killed with SIGKILL during a stream of registrations${built ? "" : " (skipped: no build; run npm run build first)"}`, () => {
  it("keeps every 201, writes nothing half, and restarts cleanly on the same database", async () => {
    const embedded = !t.location.startsWith("postgres");
    app = await startBuiltApp({ env: appEnvFor(t.location, runtimeRole?.url), logFile });
    const tag = `killed-${process.pid}`;
    const stream = streamRegistrations(app.baseUrl, tag, 6);
    await stream.reached(20);
    const killedPid = app.child.pid!;
    await app.kill9();
    await stream.stop();

    expect(stream.created.size).toBeGreaterThanOrEqual(20);
    const unanswered = [...stream.sent].filter((e) => !stream.answered.has(e));
    expect(unanswered.length).toBeGreaterThan(0); // the kill really landed mid-request
    if (embedded) {
      // The dead process's lock is still there: the restart must see it is stale and take over.
      expect(fs.readFileSync(lockFilePath(t.location), "utf8").trim()).toBe(String(killedPid));
    }

    app = await startBuiltApp({ env: appEnvFor(t.location, runtimeRole?.url), logFile });
    // Anonymous callers get the status only (the database facts are for staff).
    const health = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { status: string };
    expect(health).toEqual({ status: "ok" });
    // And it takes registrations again.
    const after = streamRegistrations(app.baseUrl, `${tag}-after`, 1);
    await after.reached(1);
    await after.stop();
    await app.stop();
    app = undefined;

    const reopened = await openDatabase(embedded ? { dataDir: t.location, migrate: false } : { databaseUrl: t.location, migrate: false });
    try {
      const rows = await traceRegistrations(reopened.db, `${tag}-%`);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of stream.created.values()) expect(byId.has(id), `201 ${id} is in the database`).toBe(true);
      const beforeKill = rows.filter((r) => stream.sent.has(r.email));
      // Nothing for a request answered with anything but 201; a cut-off request may or may not have committed.
      const created = new Set(stream.created.values());
      const unexplained = beforeKill.filter((r) => !created.has(r.id) && stream.answered.has(r.email));
      expect(unexplained).toEqual([]);
      expect(beforeKill.length).toBeLessThanOrEqual(stream.created.size + unanswered.length);
      expect(halfWritten(beforeKill, (e) => stream.cameras.get(e))).toEqual([]);
      expect([...stream.answered.values()].every((s) => s === 201)).toBe(true);
      const restarted = rows.filter((r) => r.email.startsWith(`${tag}-after-`));
      expect(restarted.length).toBeGreaterThanOrEqual(1);
    } finally {
      await reopened.close();
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
