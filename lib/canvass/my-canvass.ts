import { recordedAddressLine1, recordedAddressUnit, recordedRetentionDays } from "./site-snapshot-sql";
import { incidentTitle } from "../investigation/incident-title";
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { canvassEntries, incidents, registrations } from "@/db/schema";
import { blockFaceFor } from "./block-face";
import type { CanvassOutcome } from "./canvass-types";
import { footageStatus, type FootageStatus } from "../investigation/footage-status";

export interface MyCanvassItem {
  entryId: string;
  incidentId: string;
  incidentLabel: string;
  caseNumber: string | null;
  walkOrder: number | null;
  address: string;
  blockFaceLabel: string;
  outcome: CanvassOutcome;
  clockOffsetS: number | null;
  footageDeadline: Date | null;
  deadlineStatus: FootageStatus;
}

/**
 * A detective's canvass work across open incidents, most urgent first:
 * footage deadlines soonest (passed ones included, they may still be saved),
 * unknown deadlines last, then by incident and stop number.
 */
export async function loadMyCanvass(db: Pick<Db, "select">, userId: string, timeZone: string, now = new Date()): Promise<MyCanvassItem[]> {
  const rows = await db
    .select({ entry: canvassEntries, incident: incidents, addressLine1: recordedAddressLine1, addressUnit: recordedAddressUnit, retentionDays: recordedRetentionDays })
    .from(canvassEntries)
    .innerJoin(incidents, eq(incidents.id, canvassEntries.incidentId))
    .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
    .where(and(eq(canvassEntries.assignedTo, userId), eq(incidents.status, "open")));
  const items = rows.map(({ entry, incident, addressLine1, addressUnit, retentionDays }) => {
    const footage = footageStatus(incident.occurredFrom, retentionDays, timeZone, now);
    return {
      entryId: entry.id,
      incidentId: incident.id,
      incidentLabel: incidentTitle(incident, timeZone),
      caseNumber: incident.caseNumber,
      walkOrder: entry.walkOrder,
      address: addressUnit ? `${addressLine1} ${addressUnit}` : addressLine1,
      blockFaceLabel: blockFaceFor(addressLine1).label,
      outcome: entry.outcome,
      clockOffsetS: entry.clockOffsetS,
      footageDeadline: footage.expiresAt ? new Date(footage.expiresAt) : null,
      deadlineStatus: footage.status,
    };
  });
  return items.sort(
    (a, b) =>
      (a.footageDeadline?.getTime() ?? Infinity) - (b.footageDeadline?.getTime() ?? Infinity) ||
      a.incidentId.localeCompare(b.incidentId) ||
      (a.walkOrder ?? Infinity) - (b.walkOrder ?? Infinity),
  );
}
