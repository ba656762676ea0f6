/**
 * When a site's footage of the incident is likely overwritten: the incident's
 * start plus the recorder's retention in days, counted as calendar days in the
 * agency's time zone (so a 7-day recorder across a DST change still rolls over
 * at the same wall-clock time). Unknown retention means an unknown deadline.
 */
import { addDays } from "date-fns";
import { TZDate } from "@date-fns/tz";

export type DeadlineStatus = "passed" | "due_soon" | "ok" | "unknown";

/** Deadlines closer than this are flagged. */
export const DUE_SOON_MS = 48 * 3600 * 1000;

export function footageDeadline(incidentStart: Date, retentionDays: number | null | undefined, timeZone: string): Date | null {
  if (retentionDays === null || retentionDays === undefined || !Number.isFinite(retentionDays)) return null;
  const local = new TZDate(incidentStart.getTime(), timeZone);
  return new Date(addDays(local, retentionDays).getTime());
}

export function deadlineStatus(deadline: Date | null, now: Date = new Date()): DeadlineStatus {
  if (!deadline) return "unknown";
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return "passed";
  if (left <= DUE_SOON_MS) return "due_soon";
  return "ok";
}

/** "Nov 26, 2026, 7:05 AM CST" in the agency's zone. */
export function formatAgencyTime(date: Date | null | undefined, timeZone: string): string {
  if (!date) return "";
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}
