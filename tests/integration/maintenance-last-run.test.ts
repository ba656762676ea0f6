/**
 * Admin → Settings shows the daily maintenance's last run from its audit entry: none before the first run,
 * what a run did, and a failure with its reason when the latest one failed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { maintenanceSettings, runMaintenance } from "@/lib/maintenance/maintenance";
import { lastMaintenanceRun, nextMaintenanceRun } from "@/lib/maintenance/last-run";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe(`the maintenance's last run (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("is none before the first run, then the latest run as audited, a failure included", async () => {
    expect(await lastMaintenanceRun(t.db)).toBeNull();
    const outcome = await runMaintenance(t, "cli", { ...maintenanceSettings(), mailer: null, evidenceRetentionDays: undefined });
    expect(outcome.ran).toBe(true);
    const ran = await lastMaintenanceRun(t.db);
    expect(ran).toMatchObject({ ok: true, trigger: "cli" });
    expect(ran!.lines).toContain("erased contact details of 0 closed registration(s)");
    expect(ran!.lines).toContain("SMTP is not configured: no re-confirmation reminders sent");

    await recordAudit(t.db, systemActor("maintenance:schedule"), { action: "maintenance.failed", details: { trigger: "schedule", error: "database unavailable" } });
    const failed = await lastMaintenanceRun(t.db);
    expect(failed).toMatchObject({ ok: false, trigger: "schedule", lines: ["failed: database unavailable"] });
    expect(failed!.at.getTime()).toBeGreaterThanOrEqual(ran!.at.getTime());
  });

  it("says when the schedule runs next, in the agency's zone, and nothing when it is off", () => {
    // 03:17 Chicago time on 2026-11-30 is 09:17 UTC (CST); asked at 10:00 UTC, the next is the following day's.
    expect(nextMaintenanceRun("17 3 * * *", "America/Chicago", new Date("2026-11-30T10:00:00Z"))?.toISOString()).toBe("2026-12-01T09:17:00.000Z");
    expect(nextMaintenanceRun("off", "America/Chicago")).toBeNull();
  });
});
