import "server-only";
import type { Db } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { env } from "@/lib/env.js";
import { loadDashboard, type Dashboard } from "./dashboard";

/** The dashboard with the agency's configuration applied. */
export function loadProgramDashboard(db: Pick<Db, "select">, now?: Date): Promise<Dashboard> {
  const agency = agencySettings();
  return loadDashboard(db, {
    timeZone: agency.timeZone,
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
    coverageCellM: env.COVERAGE_CELL_M,
    mapCenter: [agency.map.centerLng, agency.map.centerLat],
    now,
  });
}
