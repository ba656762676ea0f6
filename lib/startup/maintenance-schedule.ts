import { getDbHandle } from "@/db/client";
import { env } from "@/lib/env.js";
import { startMaintenanceSchedule } from "@/lib/maintenance/schedule";

type GlobalWithSchedule = typeof globalThis & { __sightlineMaintenance?: ReturnType<typeof startMaintenanceSchedule> };

/**
 * Start-up: schedule the daily maintenance (MAINTENANCE_SCHEDULE in
 * AGENCY_TIME_ZONE, or "off" when an external timer runs
 * `npm run registrations:maintenance` instead). Once per process, even if the
 * start-up hook runs again (development reloads).
 */
export function scheduleMaintenanceOnStart(): void {
  const holder = globalThis as GlobalWithSchedule;
  if (holder.__sightlineMaintenance !== undefined) return;
  const job = startMaintenanceSchedule({ pattern: env.MAINTENANCE_SCHEDULE, timeZone: env.AGENCY_TIME_ZONE, handle: getDbHandle });
  holder.__sightlineMaintenance = job;
  console.log(
    job
      ? `[sightline] maintenance scheduled "${env.MAINTENANCE_SCHEDULE}" (${env.AGENCY_TIME_ZONE}); next run ${job.nextRun()?.toISOString() ?? "never"}`
      : "[sightline] scheduled maintenance is off (MAINTENANCE_SCHEDULE=off): run `npm run registrations:maintenance` daily",
  );
}
