import "server-only";
import { desc, inArray } from "drizzle-orm";
import { Cron } from "croner";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { describeMaintenance, type MaintenanceSummary } from "./maintenance";

export interface LastMaintenanceRun {
  at: Date;
  ok: boolean;
  /** "schedule" (the app's timer) or "cli" (npm run registrations:maintenance). */
  trigger: string | null;
  /** What it did, as the log says it; or why it failed. */
  lines: string[];
}

/** The latest maintenance run as its audit entry records it (maintenance.run / maintenance.failed); null if none yet. */
export async function lastMaintenanceRun(db: Pick<Db, "select">): Promise<LastMaintenanceRun | null> {
  const [entry] = await db
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(inArray(auditLog.action, ["maintenance.run", "maintenance.failed"]))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  if (!entry) return null;
  const details = entry.details as Record<string, unknown>;
  const trigger = typeof details.trigger === "string" ? details.trigger : null;
  if (entry.action === "maintenance.failed") return { at: entry.at, ok: false, trigger, lines: [`failed: ${String(details.error ?? "no reason recorded")}`] };
  let lines: string[];
  try {
    lines = describeMaintenance(details as unknown as MaintenanceSummary);
  } catch {
    // An entry written before the summary had today's shape: its details are one click away in the audit trail.
    lines = [];
  }
  return { at: entry.at, ok: true, trigger, lines };
}

/** When the app's schedule runs the maintenance next (null when MAINTENANCE_SCHEDULE is "off"). */
export function nextMaintenanceRun(pattern: string, timeZone: string, now = new Date()): Date | null {
  if (pattern.trim().toLowerCase() === "off") return null;
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });
  const next = cron.nextRun(now);
  cron.stop();
  return next;
}
