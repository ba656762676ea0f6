import "server-only";
import { Cron } from "croner";
import type { DbHandle } from "@/db/client";
import { describeMaintenance, maintenanceSettings, runMaintenance, type MaintenanceOutcome, type MaintenanceSettings } from "./maintenance";

export interface MaintenanceScheduleOptions {
  /** A cron pattern (5 fields, or 6 with seconds first), or "off". */
  pattern: string;
  /** The pattern's clock (the agency's time zone). */
  timeZone: string;
  /** The database handle, opened when a run starts (so a database that was down at start-up is retried). */
  handle: () => Promise<Pick<DbHandle, "db" | "kind">>;
  settings?: () => MaintenanceSettings;
  /** Called after each run or skip (tests, logs). */
  onRun?: (outcome: MaintenanceOutcome) => void;
}

/**
 * The daily maintenance (lib/maintenance/maintenance.ts) on a schedule inside
 * the app, croner-driven. Every instance schedules it; the advisory lock lets
 * one run it and the others skip (each scheduled time once, see runMaintenance's
 * `slot`). `protect` keeps a slow run from overlapping
 * its own next tick in this process; a failed run is logged (and audited by
 * runMaintenance) and the schedule goes on. Returns null when the pattern is "off".
 */
export function startMaintenanceSchedule(options: MaintenanceScheduleOptions): Cron | null {
  if (options.pattern.trim().toLowerCase() === "off") return null;
  return new Cron(
    options.pattern,
    {
      name: "sightline-maintenance",
      timezone: options.timeZone,
      protect: true,
      // The timer must not keep a CLI or test process alive; the server stays up on its own.
      unref: true,
      catch: (err) => console.error(`[maintenance] run failed: ${err instanceof Error ? err.message : String(err)}`),
    },
    async (job: Cron) => {
      // The scheduled time this tick stands for (the same on every instance), not the moment the timer fired.
      const slot = job.previousRuns(1, new Date(Date.now() + 1))[0];
      const outcome = await runMaintenance(await options.handle(), "schedule", (options.settings ?? maintenanceSettings)(), { slot });
      if (outcome.ran) console.log(`[maintenance] done in ${outcome.durationMs} ms: ${describeMaintenance(outcome.summary).join("; ")}`);
      options.onRun?.(outcome);
    },
  );
}
