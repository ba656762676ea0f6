/**
 * The daily maintenance inside the app (lib/maintenance): exactly one of two
 * concurrent runs does the work while the other skips (on the server: two
 * connection pools, as two instances have; embedded: one process, one PGlite
 * connection), each run is audited, and the croner schedule really fires and
 * erases contacts past their retention.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { auditLog, registrations } from "@/db/schema";
import { parseEnv } from "@/lib/env.js";
import { runExclusively } from "@/lib/maintenance/exclusive-run";
import { maintenanceSettings, runMaintenance, type MaintenanceOutcome } from "@/lib/maintenance/maintenance";
import { startMaintenanceSchedule } from "@/lib/maintenance/schedule";
import type { Mailer } from "@/lib/registration/mailer";
import { createRegistration } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
/** A second instance: its own connection pool on the server; the same handle on the embedded database (one process). */
let other: DbHandle;
beforeAll(async () => {
  t = await createTestDatabase();
  other = t.kind === "server" ? await openDatabase({ databaseUrl: t.location, migrate: false }) : t;
});
afterAll(async () => {
  if (other && other !== t) await other.close();
  await t?.close();
});

const settings = () => ({ ...maintenanceSettings(), mailer: null, evidenceRetentionDays: undefined });

async function runsAudited(trigger: string) {
  const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "maintenance.run"));
  return rows.filter((r) => (r.details as { trigger?: string }).trigger === trigger);
}

describe(`scheduled maintenance (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("runs on one instance at a time: while one holds the lock, a concurrent run skips and writes nothing", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = runExclusively(t.db, t.kind, "maintenance", async () => {
      entered();
      await held;
      return "first";
    });
    await inside;
    const before = (await runsAudited("cli")).length;
    const second = await runMaintenance(other, "cli", settings());
    expect(second).toEqual({ ran: false });
    expect((await runsAudited("cli")).length).toBe(before);
    release();
    expect(await first).toEqual({ ran: true, value: "first" });
    // Once the lock is free again, the next run does the work, and is audited.
    const third = await runMaintenance(other, "cli", settings());
    expect(third.ran).toBe(true);
    expect((await runsAudited("cli")).length).toBe(before + 1);
  });

  it("two runs started together: exactly one does the work (one reminder e-mail, one audited run), the other skips", async () => {
    const stale = (await createRegistration(t.db, { location: [-87.881, 41.851], ownerEmail: "stale-owner@example.test", lastConfirmedAt: new Date(Date.now() - 400 * 86_400_000) })).id;
    const sent: string[] = [];
    // A slow mail server keeps the first run inside its lock while the second tries for it.
    const slowMailer: Mailer = {
      async send(message) {
        sent.push(message.to);
        await new Promise((r) => setTimeout(r, 700));
      },
    };
    const before = (await runsAudited("cli")).length;
    const outcomes = await Promise.all([runMaintenance(t, "cli", { ...settings(), mailer: slowMailer }), runMaintenance(other, "cli", { ...settings(), mailer: slowMailer })]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ran)).toHaveLength(1);
    expect(sent).toEqual(["stale-owner@example.test"]);
    expect((await runsAudited("cli")).length).toBe(before + 1);
    const reminded = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "registration.reconfirm_reminder_sent"), eq(auditLog.targetId, stale)));
    expect(reminded).toHaveLength(1);
  });

  it("runs each scheduled time once: an instance whose timer fires after another has finished that slot skips it", async () => {
    const slot = new Date("2026-11-29T09:17:00.000Z");
    const first = await runMaintenance(t, "schedule", settings(), { slot });
    expect(first.ran).toBe(true);
    // The lock is free again by now: only the slot's audited run stops the second instance.
    const late = await runMaintenance(other, "schedule", settings(), { slot });
    expect(late).toEqual({ ran: false });
    const forSlot = (await runsAudited("schedule")).filter((r) => (r.details as { slot?: string }).slot === slot.toISOString());
    expect(forSlot).toHaveLength(1);
    // The next slot runs.
    expect((await runMaintenance(other, "schedule", settings(), { slot: new Date(slot.getTime() + 86_400_000) })).ran).toBe(true);
  });

  it("the schedule fires (a short pattern here) and erases contacts past their retention, audited as a scheduled run", async () => {
    const expired = (await createRegistration(t.db, { location: [-87.88, 41.85], status: "withdrawn", inactiveSince: new Date(Date.now() - 200 * 86_400_000) })).id;
    const runs: MaintenanceOutcome[] = [];
    const job = startMaintenanceSchedule({ pattern: "* * * * * *", timeZone: "UTC", handle: async () => t, settings, onRun: (o) => runs.push(o) });
    expect(job).not.toBeNull();
    try {
      const deadline = Date.now() + 20_000;
      while (!runs.some((r) => r.ran) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      job!.stop();
    }
    expect(runs.some((r) => r.ran)).toBe(true);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.id, expired));
    expect(row.ownerEmail).toBeNull();
    expect(row.contactsErasedAt).not.toBeNull();
    const scheduled = await runsAudited("schedule");
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    expect(scheduled[0].actorLabel).toBe("maintenance:schedule");
    expect(scheduled.some((r) => (r.details as { contactsErased: number }).contactsErased === 1)).toBe(true);
    const erasure = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "registration.contacts_erased"), eq(auditLog.targetId, expired)));
    expect(erasure).toHaveLength(1);
  });

  it('is off with MAINTENANCE_SCHEDULE=off, and a pattern that is not cron is refused at start', () => {
    expect(startMaintenanceSchedule({ pattern: "off", timeZone: "UTC", handle: async () => t })).toBeNull();
    expect(parseEnv({}).MAINTENANCE_SCHEDULE).toBe("17 3 * * *");
    expect(parseEnv({ MAINTENANCE_SCHEDULE: "off" }).MAINTENANCE_SCHEDULE).toBe("off");
    expect(() => parseEnv({ MAINTENANCE_SCHEDULE: "every night" })).toThrow(/MAINTENANCE_SCHEDULE must be a cron pattern/);
  });
});
