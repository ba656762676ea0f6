/**
 * Whether a site's recorder still holds footage of the incident. A recorder
 * that keeps N days overwrites the incident's footage at the same local
 * wall-clock time N calendar days later, so the arithmetic runs in the
 * agency's time zone (a day across a daylight-saving change is 23 or 25 h).
 */
import { addDays } from "date-fns";
import { TZDate } from "@date-fns/tz";

export type FootageStatus = "available" | "urgent" | "likely_overwritten" | "unknown";

export interface Footage {
  status: FootageStatus;
  /** ISO-8601 instant, or null when retention is unknown. */
  expiresAt: string | null;
}

/** Footage expiring within this window is urgent: the canvass has to happen today or tomorrow. */
export const URGENT_WITHIN_MS = 48 * 60 * 60 * 1000;

export function footageExpiresAt(incidentAt: Date, retentionDays: number, timeZone: string): Date {
  const local = new TZDate(incidentAt.getTime(), timeZone);
  return new Date(addDays(local, retentionDays).getTime());
}

export function footageStatus(
  incidentAt: Date,
  retentionDays: number | null | undefined,
  timeZone: string,
  now: Date = new Date(),
): Footage {
  if (retentionDays === null || retentionDays === undefined || !Number.isFinite(retentionDays) || retentionDays < 0) {
    return { status: "unknown", expiresAt: null };
  }
  const expiresAt = footageExpiresAt(incidentAt, retentionDays, timeZone);
  const remainingMs = expiresAt.getTime() - now.getTime();
  const status: FootageStatus = remainingMs <= 0 ? "likely_overwritten" : remainingMs <= URGENT_WITHIN_MS ? "urgent" : "available";
  return { status, expiresAt: expiresAt.toISOString() };
}

/**
 * footageStatus for the many sites of one search (same incident time, zone and
 * "now"). The answer then depends only on the retention days, which take a
 * handful of distinct values, so each is worked out once: building a TZDate
 * per site was a visible share of a large search.
 */
export function footageStatusFor(incidentAt: Date, timeZone: string, now: Date = new Date()): (retentionDays: number | null | undefined) => Footage {
  const byDays = new Map<number | null | undefined, Footage>();
  return (retentionDays) => {
    let footage = byDays.get(retentionDays);
    if (!footage) {
      footage = footageStatus(incidentAt, retentionDays, timeZone, now);
      byDays.set(retentionDays, footage);
    }
    // A copy per site: callers may hold on to (or change) one site's answer.
    return { ...footage };
  };
}

/**
 * A system that records only on motion or on a schedule may have nothing of
 * the incident even within its retention: the footage is marked "may not have
 * recorded" (continuous and "not sure" are not).
 */
export function mayNotHaveRecorded(recordingMode: string | null | undefined): boolean {
  return recordingMode === "motion" || recordingMode === "scheduled";
}
