/**
 * Whether a site's recorder still holds footage of the incident. A recorder
 * that keeps N days overwrites the incident's footage at the same local
 * wall-clock time N calendar days later, so the arithmetic runs in the
 * agency's time zone (a day across a daylight-saving change is 23 or 25 h).
 */
import { addDays } from "date-fns";
import { TZDate, tzOffset } from "@date-fns/tz";

export type FootageStatus = "available" | "urgent" | "likely_overwritten" | "unknown";

export interface Footage {
  status: FootageStatus;
  /** ISO-8601 instant, or null when retention is unknown. */
  expiresAt: string | null;
}

/** Footage expiring within this window is urgent: the canvass has to happen today or tomorrow. */
export const URGENT_WITHIN_MS = 48 * 60 * 60 * 1000;

const DAY_MS = 86_400_000;
/**
 * Wider than any UTC-offset change a zone makes at once (daylight saving moves 30 min to 2 h): an offset
 * that is the same at both ends of this window around an instant did not change near it.
 */
const OFFSET_CHANGE_WINDOW_MS = 3 * 60 * 60 * 1000;

export function footageExpiresAt(incidentAt: Date, retentionDays: number, timeZone: string): Date {
  return expiryFrom(incidentAt, timeZone)(retentionDays);
}

/**
 * The expiry for any retention of one incident. Usually the zone's UTC offset at the incident is
 * also the offset at the same instant N × 24 h later and 3 h either side of it: that instant then
 * shows the same wall-clock time N days on, and no other instant shows it, so it is the expiry.
 * That takes three offset look-ups (Intl, cached formatter); TZDate and addDays take about ten, and
 * under load they were ~2% of the app's CPU. Across an offset change (daylight saving within the
 * retention, or near the expiry, where a wall-clock time is skipped or repeated) the calendar
 * arithmetic decides, as it always did.
 */
function expiryFrom(incidentAt: Date, timeZone: string): (retentionDays: number) => Date {
  const incidentMs = incidentAt.getTime();
  const offsetAtIncident = tzOffset(timeZone, incidentAt);
  return (retentionDays) => {
    if (Number.isInteger(retentionDays)) {
      const sameOffsetMs = incidentMs + retentionDays * DAY_MS;
      if (
        tzOffset(timeZone, new Date(sameOffsetMs)) === offsetAtIncident &&
        tzOffset(timeZone, new Date(sameOffsetMs - OFFSET_CHANGE_WINDOW_MS)) === offsetAtIncident &&
        tzOffset(timeZone, new Date(sameOffsetMs + OFFSET_CHANGE_WINDOW_MS)) === offsetAtIncident
      ) {
        return new Date(sameOffsetMs);
      }
    }
    return new Date(addDays(new TZDate(incidentMs, timeZone), retentionDays).getTime());
  };
}

export function footageStatus(
  incidentAt: Date,
  retentionDays: number | null | undefined,
  timeZone: string,
  now: Date = new Date(),
): Footage {
  return footageOf(retentionDays, (days) => footageExpiresAt(incidentAt, days, timeZone), now);
}

function footageOf(retentionDays: number | null | undefined, expiry: (retentionDays: number) => Date, now: Date): Footage {
  if (retentionDays === null || retentionDays === undefined || !Number.isFinite(retentionDays) || retentionDays < 0) {
    return { status: "unknown", expiresAt: null };
  }
  const expiresAt = expiry(retentionDays);
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
  let expiry: ((retentionDays: number) => Date) | undefined;
  return (retentionDays) => {
    let footage = byDays.get(retentionDays);
    if (!footage) {
      footage = footageOf(retentionDays, (days) => (expiry ??= expiryFrom(incidentAt, timeZone))(days), now);
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
